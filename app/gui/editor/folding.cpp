#include "editor/folding.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QAbstractTextDocumentLayout>
#include <QTextDocument>
#include <QTextLayout>

namespace StudyBench::Folding {

bool isFolded(const QTextBlock &block)
{
    if (!block.isValid() || !block.isVisible())
        return false;
    const QTextBlock next = block.next();
    return next.isValid() && !next.isVisible();
}

QTextBlock regionEnd(const KSyntaxHighlighting::SyntaxHighlighter &highlighter, const QTextBlock &start)
{
    if (!highlighter.startsFoldingRegion(start))
        return start;
    const QTextBlock end = highlighter.findFoldingRegionEnd(start);
    return end.isValid() ? end : start.document()->lastBlock();
}

QTextBlock enclosingRegionStart(
    const KSyntaxHighlighting::SyntaxHighlighter &highlighter, const QTextBlock &block, int searchBlocks)
{
    QTextBlock b = block;
    for (int i = 0; b.isValid() && i < searchBlocks; ++i, b = b.previous()) {
        if (!highlighter.startsFoldingRegion(b) || isFolded(b))
            continue;
        if (regionEnd(highlighter, b).blockNumber() >= block.blockNumber())
            return b;
    }
    return {};
}

bool hideBetween(const QTextBlock &start, const QTextBlock &end)
{
    if (start.next() == end)
        return false;
    for (QTextBlock b = start.next(); b.isValid() && b != end; b = b.next()) {
        b.setVisible(false);
        b.setLineCount(0);
    }
    return true;
}

QTextBlock showAfter(const QTextBlock &start)
{
    QTextBlock b = start.next();
    while (b.isValid() && !b.isVisible()) {
        b.setVisible(true);
        b.setLineCount(qMax(1, b.layout()->lineCount()));
        b = b.next();
    }
    return b;
}

void relayout(QTextDocument *document, const QTextBlock &start, const QTextBlock &end)
{
    const int endPosition = end.isValid() ? end.position() : document->characterCount();
    document->markContentsDirty(start.position(), endPosition - start.position());
    QAbstractTextDocumentLayout *layout = document->documentLayout();
    Q_EMIT layout->documentSizeChanged(layout->documentSize());
}

QTextBlock nextVisibleBlock(const QTextBlock &block)
{
    const QTextBlock next = block.next();
    if (!next.isValid() || next.isVisible())
        return next;
    // Hidden blocks count no lines.
    return block.document()->findBlockByLineNumber(block.firstLineNumber() + qMax(1, block.lineCount()));
}

} // namespace StudyBench::Folding
