#include "editor/editorgutter.h"

#include "editor/codeeditor.h"
#include "editor/folding.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace StudyBench {

EditorGutter::EditorGutter(CodeEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{
    setCursor(Qt::ArrowCursor);
    // paintEvent() fills what it repaints: the editor's frame beneath need not be painted first
    // (it was, on every keystroke).
    setAttribute(Qt::WA_OpaquePaintEvent);
}

int EditorGutter::neededWidth() const
{
    int digits = 1;
    for (int count = qMax(1, m_editor->blockCount()); count >= 10; count /= 10)
        ++digits;
    digits = qMax(digits, 3);
    const QFontMetrics metrics = m_editor->fontMetrics();
    const int margin = metrics.horizontalAdvance(QLatin1Char('9'));
    return m_editor->runMarkerWidth() + margin + metrics.horizontalAdvance(QLatin1Char('9')) * digits
        + m_editor->foldMarkerWidth();
}

void EditorGutter::mousePressEvent(QMouseEvent *event)
{
    event->accept();
}

void EditorGutter::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const qreal x = event->position().x();
    const QTextBlock block = m_editor->blockAtY(int(event->position().y()));
    if (!block.isValid())
        return;
    if (x < m_editor->runMarkerWidth()) {
        if (m_editor->runMarkers().contains(block.blockNumber()))
            Q_EMIT m_editor->runRequested(block.blockNumber());
        return;
    }
    if (x >= width() - m_editor->foldMarkerWidth() && m_editor->isFoldable(block))
        m_editor->toggleFold(block);
}

void EditorGutter::paintEvent(QPaintEvent *event)
{
    // The numbers shaped for another font (a zoom), or too many of them, are let go once a paint.
    if (font() != m_numbersFont || m_numbers.size() > 2000) {
        m_numbers.clear();
        m_numbersFont = font();
    }
    const auto theme = m_editor->theme();
    QPainter painter(this);
    const QColor background = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder));
    // The gutter is opaque (nothing beneath is painted first): a translucent theme colour goes
    // over the window's colour, as it would over the editor's frame.
    if (background.alpha() < 255)
        painter.fillRect(event->rect(), palette().window());
    painter.fillRect(event->rect(), background);

    const int numberRight = width() - m_editor->foldMarkerWidth() - 2;
    const int currentBlock = m_editor->textCursor().blockNumber();
    const QColor numberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers));
    const QColor currentColor
        = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLineNumber));
    const QList<int> runMarkers = m_editor->runMarkers();

    // Only the blocks on screen: the cost does not grow with the document.
    QTextBlock block = m_editor->firstVisibleBlock();
    qreal top = m_editor->blockBoundingGeometry(block).translated(m_editor->contentOffset()).top();
    const int lineHeight = m_editor->fontMetrics().height();
    const qreal textHeight = QFontMetricsF(font()).height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = m_editor->blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int number = block.blockNumber();
            painter.setPen(number == currentBlock ? currentColor : numberColor);
            // Where QPainter::drawText() puts it right-aligned and centred in the line: the text's
            // height there is ascent + descent (a static text's size adds the leading).
            const QStaticText &text = numberText(number + 1);
            painter.drawStaticText(
                QPointF(numberRight - text.size().width(), top + (lineHeight - textHeight) / 2), text);
            if (std::binary_search(runMarkers.cbegin(), runMarkers.cend(), number))
                paintRunMarker(painter, top, lineHeight);
            if (m_editor->isFoldable(block)) {
                const bool folded = Folding::isFolded(block);
                paintFoldMarker(painter, top, lineHeight, folded, folded ? currentColor : numberColor);
            }
        }
        top += block.isVisible() ? height : 0;
        block = Folding::nextVisibleBlock(block);
    }
}

const QStaticText &EditorGutter::numberText(int number)
{
    auto found = m_numbers.find(number);
    if (found == m_numbers.end()) {
        QStaticText text(QString::number(number));
        text.setTextFormat(Qt::PlainText);
        text.setPerformanceHint(QStaticText::AggressiveCaching);
        text.prepare(QTransform(), m_numbersFont);
        found = m_numbers.insert(number, text);
    }
    return *found;
}

void EditorGutter::paintRunMarker(QPainter &painter, qreal top, int lineHeight) const
{
    // A green "run" triangle: click to send this request.
    const qreal size = m_editor->foldMarkerWidth() * 0.7;
    const QPointF origin((m_editor->runMarkerWidth() - size) / 2.0, top + (lineHeight - size) / 2.0);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x2e, 0xa0, 0x43));
    painter.drawPolygon(QPolygonF { origin, origin + QPointF(0, size), origin + QPointF(size, size / 2.0) });
    painter.restore();
}

void EditorGutter::paintFoldMarker(
    QPainter &painter, qreal top, int lineHeight, bool folded, const QColor &color) const
{
    // A triangle pointing right when folded, down when open.
    const int size = m_editor->foldMarkerWidth();
    QPolygonF marker;
    if (folded) {
        marker << QPointF(size * 0.35, size * 0.25) << QPointF(size * 0.35, size * 0.75)
               << QPointF(size * 0.75, size * 0.5);
    } else {
        marker << QPointF(size * 0.25, size * 0.35) << QPointF(size * 0.75, size * 0.35)
               << QPointF(size * 0.5, size * 0.75);
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.translate(width() - size, top + (lineHeight - size) / 2.0);
    painter.drawPolygon(marker);
    painter.restore();
}

} // namespace StudyBench
