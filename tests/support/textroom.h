#pragma once

// How much text an editor shows: the columns and lines of its font that fit in its viewport.
// Header-only: only GUI tests include it.

#include <QFontMetricsF>
#include <QPlainTextEdit>

namespace StudyBench::TestSupport {

struct TextRoom
{
    int columns = 0;
    int lines = 0;
};

/// How many columns ('M's) and lines of its font @p edit's viewport shows.
inline TextRoom roomOf(const QPlainTextEdit *edit)
{
    const QFontMetricsF metrics(edit->font());
    const QSize size = edit->viewport()->size();
    return { int(size.width() / metrics.horizontalAdvance(u'M')),
        int(size.height() / metrics.lineSpacing()) };
}

} // namespace StudyBench::TestSupport
