#include "editor/bracketmatcher.h"

#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Theme>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>
#include <optional>

namespace StudyBench {

namespace {

// Bracket matching gives up this far from the cursor, so typing stays fast in huge files.
constexpr int kBracketSearchBlocks = 4000;
constexpr int kCodeClass = 0;
constexpr int kDecorationClass = -1;

/// The bracket classes of the characters of one block, from the formats the highlighter gave it.
class BracketClasses
{
public:
    explicit BracketClasses(const QTextBlock &block)
        : m_ranges(block.layout()->formats())
        , m_classes(m_ranges.size(), kUnknownClass)
    { }

    /// False while the (background) highlighting has not reached the block, and for an empty one.
    bool isHighlighted() const { return !m_ranges.isEmpty(); }

    int at(int column)
    {
        // Searches go character by character: the range of the last answer is the likeliest.
        if (!contains(m_last, column)) {
            // The highlighter sets the ranges in order, without overlaps.
            const auto after = std::upper_bound(m_ranges.cbegin(), m_ranges.cend(), column,
                [](int c, const QTextLayout::FormatRange &range) { return c < range.start; });
            const qsizetype index = after - m_ranges.cbegin() - 1;
            if (!contains(index, column))
                return kCodeClass;
            m_last = index;
        }
        // Reading a format's property costs more than the rest: once per range, and only when asked.
        int &bracketClass = m_classes[m_last];
        if (bracketClass == kUnknownClass)
            bracketClass = m_ranges.at(m_last).format.intProperty(kBracketClassProperty);
        return bracketClass;
    }

private:
    static constexpr int kUnknownClass = std::numeric_limits<int>::min();

    bool contains(qsizetype index, int column) const
    {
        if (index < 0 || index >= m_ranges.size())
            return false;
        const auto &range = m_ranges.at(index);
        return column >= range.start && column < range.start + range.length;
    }

    QList<QTextLayout::FormatRange> m_ranges;
    QVarLengthArray<int, 16> m_classes;
    qsizetype m_last = 0;
};

} // namespace

bool isOpener(QChar c)
{
    return c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{');
}

bool isCloser(QChar c)
{
    return c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}');
}

bool isBracket(QChar c)
{
    return isOpener(c) || isCloser(c);
}

int bracketClassOf(const KSyntaxHighlighting::Format &format)
{
    using KSyntaxHighlighting::Theme;
    switch (format.textStyle()) {
    case Theme::Char:
    case Theme::SpecialChar: // escapes, and the insides of regular expressions
    case Theme::String:
    case Theme::VerbatimString:
    case Theme::SpecialString: // regular expressions
    case Theme::Comment:
    case Theme::Documentation:
        return format.id() + 1;
    case Theme::Annotation:
    case Theme::CommentVar:
    case Theme::RegionMarker:
    case Theme::Information:
    case Theme::Warning:
    case Theme::Alert:
        return kDecorationClass;
    case Theme::DataType:
        // JSON's keys are strings, styled as data types.
        return format.name().contains(u"String") ? format.id() + 1 : kCodeClass;
    default:
        return kCodeClass;
    }
}

QChar partnerOf(QChar c)
{
    switch (c.unicode()) {
    case u'(':
        return QLatin1Char(')');
    case u'[':
        return QLatin1Char(']');
    case u'{':
        return QLatin1Char('}');
    case u')':
        return QLatin1Char('(');
    case u']':
        return QLatin1Char('[');
    case u'}':
        return QLatin1Char('{');
    default:
        return {};
    }
}

BracketMatch findMatchingBracket(const QTextCursor &cursor)
{
    BracketMatch result;
    QTextBlock block = cursor.block();
    QString line = block.text();
    int i = cursor.positionInBlock();
    // The bracket after the cursor, else the one before it.
    if (i >= line.size() || !isBracket(line.at(i))) {
        if (i == 0 || !isBracket(line.at(i - 1)))
            return result;
        --i;
    }
    const QChar bracket = line.at(i);
    const QChar partner = partnerOf(bracket);
    const bool forward = isOpener(bracket);
    const int start = block.blockNumber();
    result.bracket = block.position() + i;
    result.firstBlock = result.lastBlock = start;

    // From code, brackets in strings, comments, characters and regular expressions do not count.
    // From a bracket in one of those, only brackets of the same format count (as in Kate), up to the
    // end of that string or comment. Lines not highlighted yet count every bracket.
    std::optional<BracketClasses> classes(std::in_place, block);
    const int own = qMax(kCodeClass, classes->at(i));
    int depth = 0;
    for (int blocks = 1;; ++blocks) {
        for (; forward ? i < line.size() : i >= 0; i += forward ? 1 : -1) {
            const QChar c = line.at(i);
            const bool candidate = c == bracket || c == partner;
            if (own == kCodeClass) {
                if (!candidate)
                    continue;
                if (!classes)
                    classes.emplace(block);
                if (classes->at(i) > kCodeClass)
                    continue;
            } else {
                const int here = classes->at(i);
                if (here == kCodeClass)
                    return result; // out of the string or comment
                if (!candidate || here != own)
                    continue;
            }
            if (c == bracket) {
                ++depth;
            } else if (--depth == 0) {
                result.match = block.position() + i;
                return result;
            }
        }
        block = forward ? block.next() : block.previous();
        if (!block.isValid() || blocks >= kBracketSearchBlocks)
            return result;
        if (forward)
            result.lastBlock = start + blocks;
        else
            result.firstBlock = start - blocks;
        line = block.text();
        i = forward ? 0 : int(line.size()) - 1;
        classes.reset();
        if (own != kCodeClass && !line.isEmpty()) {
            classes.emplace(block);
            // Whether the string or comment goes on is not known yet.
            if (!classes->isHighlighted())
                return result;
        }
    }
}

} // namespace StudyBench
