#include "editor/progressivehighlighter.h"

#include "editor/bracketmatcher.h"

#include <QTextDocument>

namespace StudyBench {

ProgressiveHighlighter::ProgressiveHighlighter(QTextDocument *document)
    : KSyntaxHighlighting::SyntaxHighlighter(document)
{ }

void ProgressiveHighlighter::setGate(bool gated, int frontier)
{
    m_gated = gated;
    m_frontier = frontier;
}

void ProgressiveHighlighter::setBlockHandler(std::function<void(const QTextBlock &)> handler)
{
    m_blockHandler = std::move(handler);
}

bool ProgressiveHighlighter::highlightSlice(int milliseconds)
{
    const QTextBlock first = document()->findBlockByNumber(m_frontier + 1);
    if (!first.isValid())
        return false;
    m_sliceNext = m_frontier + 1;
    m_sliceBudget = milliseconds;
    m_sliceClock.start();
    m_inSlice = true;
    // One call for the whole slice: highlightBlock() keeps QSyntaxHighlighter going from
    // block to block, which costs far less than a rehighlightBlock() per block.
    rehighlightBlock(first);
    m_inSlice = false;
    return m_frontier + 1 < document()->blockCount();
}

void ProgressiveHighlighter::highlightAhead(const QTextBlock &first, int count)
{
    if (!first.isValid() || count <= 0)
        return;
    m_aheadRemaining = count;
    rehighlightBlock(first);
    m_aheadRemaining = 0;
}

void ProgressiveHighlighter::applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format)
{
    KSyntaxHighlighting::SyntaxHighlighter::applyFormat(offset, length, format);
    if (length <= 0)
        return;
    QTextCharFormat marked = QSyntaxHighlighter::format(offset);
    marked.setProperty(kBracketClassProperty, bracketClassOf(format));
    QSyntaxHighlighter::setFormat(offset, length, marked);
}

void ProgressiveHighlighter::highlightBlock(const QString &text)
{
    if (m_blockHandler)
        m_blockHandler(currentBlock());
    if (m_aheadRemaining > 0) {
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
        if (--m_aheadRemaining > 0)
            setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
        return;
    }
    if (m_inSlice) {
        const int number = m_sliceNext++;
        m_frontier = number;
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
        // QSyntaxHighlighter goes on to the next block when this block's state changed.
        // KSyntaxHighlighting keeps its state elsewhere, so the state is free for this.
        const bool more = (number % 64) != 63 || m_sliceClock.elapsed() < m_sliceBudget;
        if (more)
            setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
        return;
    }
    if (m_gated && currentBlock().blockNumber() > m_frontier)
        return;
    KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
}

} // namespace StudyBench
