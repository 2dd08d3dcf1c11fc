#pragma once

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QElapsedTimer>
#include <QTextBlock>

#include <functional>

namespace StudyBench {

/// The highlighter, able to hold back: while gated, only blocks up to the frontier are highlighted,
/// and highlightSlice() moves the frontier down the document for a few milliseconds at a time.
/// It also marks every character with its bracket class (see bracketmatcher.h).
class ProgressiveHighlighter : public KSyntaxHighlighting::SyntaxHighlighter
{
public:
    explicit ProgressiveHighlighter(QTextDocument *document);

    bool isGated() const { return m_gated; }
    int frontier() const { return m_frontier; }
    void setGate(bool gated, int frontier = -1);
    void setFrontier(int frontier) { m_frontier = frontier; }
    /// Called with each block that is about to be highlighted (or, past the frontier, left plain).
    void setBlockHandler(std::function<void(const QTextBlock &)> handler);

    /// Highlights the blocks after the frontier for about @p milliseconds. False at the end.
    bool highlightSlice(int milliseconds);
    /// Highlights @p count blocks from @p first now, ahead of the frontier (what is on screen).
    void highlightAhead(const QTextBlock &first, int count);

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;
    void highlightBlock(const QString &text) override;

private:
    bool m_gated = false;
    int m_frontier = -1;
    bool m_inSlice = false;
    int m_aheadRemaining = 0;
    int m_sliceNext = 0;
    int m_sliceBudget = 0;
    QElapsedTimer m_sliceClock;
    std::function<void(const QTextBlock &)> m_blockHandler;
};

} // namespace StudyBench
