#pragma once

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QColor>
#include <QElapsedTimer>
#include <QTextBlock>
#include <QTextCharFormat>

#include <functional>
#include <unordered_map>

namespace StudyBench {

/// The highlighter, able to hold back: while gated, only blocks up to the frontier are highlighted,
/// and highlightSlice() moves the frontier down the document for a few milliseconds at a time.
/// It also marks every character with its bracket class (see bracketmatcher.h).
///
/// A line is drawn in one run per change of format: Qt splits it there into items that HarfBuzz
/// shapes and the painter draws one by one, so the runs, not the characters, set the cost of laying
/// out and painting highlighted code. Blanks (spaces and tabs) draw nothing, so a blank run that
/// differs from its neighbour only in the text colour takes the neighbour's format: the C++ line
/// `    return value + 1; // done` is drawn in 7 runs instead of 9, and looks the same to the pixel
/// (TestCodeEditor compares them). Blanks keep their own format where it shows: a background, a
/// weight or slant that could change their width, or an underline, strike-out or overline (drawn
/// in the text colour); and where bracket matching reads it: a blank beside a string or comment
/// stays code, or a blank between two strings would join them (see bracketmatcher.h).
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

    void setDefinition(const KSyntaxHighlighting::Definition &definition) override;
    void setTheme(const KSyntaxHighlighting::Theme &theme) override;

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;
    void highlightBlock(const QString &text) override;

private:
    /// A highlighter format as the document gets it, made once per format and theme.
    struct CharFormat
    {
        QTextCharFormat format;
        /// What shows on a blank, or matters to bracket matching: all but the text colour of
        /// undecorated text. Formats with equal looks may share a blank.
        struct Looks
        {
            QRgb background = 0; ///< 0: none
            QRgb lines = 0; ///< the text colour, where an underline, strike-out or overline draws in it
            int flags = 0; ///< bold, italic, decorations
            int bracketClass = 0;
            bool operator==(const Looks &) const = default;
        } looks;
    };
    /// The run being gathered: formats reach the document when a different one follows.
    struct Run
    {
        int offset = 0;
        int length = 0;
        const CharFormat *format = nullptr;
        bool blank = false;
    };

    void highlightLine(const QString &text);
    const CharFormat &charFormat(int offset, int length, const KSyntaxHighlighting::Format &format);
    void flushRun();

    /// By KSyntaxHighlighting::Format::id(); a node map, so that a run's pointer stays valid.
    std::unordered_map<int, CharFormat> m_formats;
    QStringView m_text; ///< the block being highlighted
    Run m_run;
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
