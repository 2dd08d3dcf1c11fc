#include "editor/progressivehighlighter.h"

#include "editor/bracketmatcher.h"

#include <KSyntaxHighlighting/Format>
#include <QTextDocument>

#include <algorithm>

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

void ProgressiveHighlighter::setDefinition(const KSyntaxHighlighting::Definition &definition)
{
    m_formats.clear();
    KSyntaxHighlighting::SyntaxHighlighter::setDefinition(definition);
}

void ProgressiveHighlighter::setTheme(const KSyntaxHighlighting::Theme &theme)
{
    m_formats.clear();
    KSyntaxHighlighting::SyntaxHighlighter::setTheme(theme);
}

const ProgressiveHighlighter::CharFormat &ProgressiveHighlighter::charFormat(
    int offset, int length, const KSyntaxHighlighting::Format &format)
{
    const auto found = m_formats.find(format.id());
    if (found != m_formats.end())
        return found->second;
    // KSyntaxHighlighting turns its format into the document's; this reads that back once.
    KSyntaxHighlighting::SyntaxHighlighter::applyFormat(offset, length, format);
    CharFormat made;
    made.format = QSyntaxHighlighter::format(offset);
    CharFormat::Looks &looks = made.looks;
    looks.bracketClass = bracketClassOf(format);
    made.format.setProperty(kBracketClassProperty, looks.bracketClass);
    const QTextCharFormat &f = made.format;
    if (f.background().style() != Qt::NoBrush)
        looks.background = f.background().color().rgba() | 1u; // never 0, even if transparent black
    const bool lined = f.fontUnderline() || f.fontStrikeOut() || f.fontOverline();
    looks.flags = (f.fontWeight() > QFont::Normal ? 1 : 0) | (f.fontItalic() ? 2 : 0)
        | (f.fontUnderline() ? 4 : 0) | (f.fontStrikeOut() ? 8 : 0) | (f.fontOverline() ? 16 : 0);
    if (lined)
        looks.lines = f.foreground().color().rgba();
    return m_formats.emplace(format.id(), std::move(made)).first->second;
}

void ProgressiveHighlighter::applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format)
{
    if (length <= 0)
        return;
    const CharFormat &next = charFormat(offset, length, format);
    const QStringView text = m_text.mid(offset, length);
    const bool blank = std::all_of(
        text.cbegin(), text.cend(), [](QChar c) { return c == QLatin1Char(' ') || c == QLatin1Char('\t'); });
    Run &run = m_run;
    if (run.format && run.offset + run.length == offset) {
        const bool sameLooks = run.format->looks == next.looks;
        // One entry per highlighter format: the same entry is the same format.
        if (run.format == &next || (blank && sameLooks)) {
            run.length += length;
            run.blank = run.blank && blank;
            return;
        }
        if (run.blank && sameLooks) {
            run = { run.offset, run.length + length, &next, blank };
            return;
        }
    }
    flushRun();
    run = { offset, length, &next, blank };
}

void ProgressiveHighlighter::flushRun()
{
    if (m_run.format)
        QSyntaxHighlighter::setFormat(m_run.offset, m_run.length, m_run.format->format);
    m_run = {};
}

void ProgressiveHighlighter::highlightLine(const QString &text)
{
    m_text = text;
    m_run = {};
    KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
    flushRun();
    m_text = {};
}

void ProgressiveHighlighter::highlightBlock(const QString &text)
{
    if (m_blockHandler)
        m_blockHandler(currentBlock());
    if (m_aheadRemaining > 0) {
        highlightLine(text);
        if (--m_aheadRemaining > 0)
            setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
        return;
    }
    if (m_inSlice) {
        const int number = m_sliceNext++;
        m_frontier = number;
        highlightLine(text);
        // QSyntaxHighlighter goes on to the next block when this block's state changed.
        // KSyntaxHighlighting keeps its state elsewhere, so the state is free for this.
        const bool more = (number % 64) != 63 || m_sliceClock.elapsed() < m_sliceBudget;
        if (more)
            setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
        return;
    }
    if (m_gated && currentBlock().blockNumber() > m_frontier)
        return;
    highlightLine(text);
}

} // namespace StudyBench
