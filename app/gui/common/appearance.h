#pragma once

#include <QString>

namespace StudyBench::Appearance {

/// Applies "system" (the platform's style and palette), "light" or "dark" (Fusion with a light
/// or dark palette) to the whole application.
void apply(const QString &appearance);
/// True when the current palette is a dark one.
bool isDark();

} // namespace StudyBench::Appearance
