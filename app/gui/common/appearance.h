#pragma once

#include <QGuiApplication>
#include <QPalette>
#include <QString>

namespace StudyBench::Appearance {

/// Applies "system" (the platform's style and palette), "light" or "dark" (Fusion with a light
/// or dark palette) to the whole application.
void apply(const QString &appearance);
/// True when the current palette is a dark one. Inline: the workbench module uses it and links
/// none of the window's code.
inline bool isDark()
{
    const QPalette p = QGuiApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

} // namespace StudyBench::Appearance
