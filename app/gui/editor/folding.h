#pragma once

#include <QTextBlock>

class QTextDocument;
namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

/// Folding regions of a code document: which the syntax definition marks (the highlighter's
/// startsFoldingRegion()), and hiding or showing the lines inside one. CodeEditor moves its cursor
/// and repaints around these.
namespace StudyBench::Folding {

/// True when the lines after the (visible) @p block are hidden by a fold.
bool isFolded(const QTextBlock &block);
/// The last block of the region @p start opens (@p start itself when it opens none; the document's
/// last block when the region is never closed).
QTextBlock regionEnd(const KSyntaxHighlighting::SyntaxHighlighter &highlighter, const QTextBlock &start);
/// The innermost unfolded region around @p block, looking at most @p searchBlocks lines up; invalid
/// when there is none.
QTextBlock enclosingRegionStart(
    const KSyntaxHighlighting::SyntaxHighlighter &highlighter, const QTextBlock &block, int searchBlocks);
/// Hides the blocks after @p start up to @p end (not included); false when there are none.
bool hideBetween(const QTextBlock &start, const QTextBlock &end);
/// Shows the hidden blocks after @p start; returns the first block after them.
QTextBlock showAfter(const QTextBlock &start);
/// Has the blocks from @p start up to @p end (not included; invalid: the end) laid out again.
void relayout(QTextDocument *document, const QTextBlock &start, const QTextBlock &end);
/// The next block on screen after @p block, skipping a folded run in O(log n).
QTextBlock nextVisibleBlock(const QTextBlock &block);

} // namespace StudyBench::Folding
