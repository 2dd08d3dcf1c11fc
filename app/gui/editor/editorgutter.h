#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QWidget>

class QPainter;

namespace StudyBench {

class CodeEditor;

/// The editor's left margin: line numbers, "run" markers and folding markers, painted from the
/// editor's first visible block down to the bottom of the exposed area. A click on a run marker
/// emits the editor's runRequested(); a click on a folding marker folds or unfolds the region.
class EditorGutter : public QWidget
{
public:
    explicit EditorGutter(CodeEditor *editor);

    /// The width the gutter needs for the editor's line count and markers.
    int neededWidth() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    /// Line @p number's text, shaped once for the gutter's font: QPainter::drawText() lays the
    /// text out again on every call, which was most of the gutter's share of a keystroke.
    const QStaticText &numberText(int number);
    void paintRunMarker(QPainter &painter, qreal top, int lineHeight) const;
    void paintFoldMarker(
        QPainter &painter, qreal top, int lineHeight, bool folded, const QColor &color) const;

    CodeEditor *m_editor;
    QHash<int, QStaticText> m_numbers; ///< a few screenfuls at most, for m_numbersFont
    QFont m_numbersFont;
};

} // namespace StudyBench
