#pragma once

#include <QChar>
#include <QTextFormat>

class QTextCursor;
namespace KSyntaxHighlighting {
class Format;
}

namespace StudyBench {

// The highlighter marks every character with its bracket class, a property of its format: code;
// a decoration inside comments (an alert such as TODO, a Doxygen tag), which counts as code but does
// not end the comment; or, in a string, comment, character or regular expression, the
// KSyntaxHighlighting format's id plus 1.
constexpr int kBracketClassProperty = QTextFormat::UserProperty + 1;

/// The bracket class of the characters the highlighter gives @p format.
int bracketClassOf(const KSyntaxHighlighting::Format &format);

bool isOpener(QChar c);
bool isCloser(QChar c);
bool isBracket(QChar c);
/// The other bracket of the pair @p c belongs to, or a null QChar.
QChar partnerOf(QChar c);

/// What findMatchingBracket() found: positions in the document, or -1.
struct BracketMatch
{
    int bracket = -1; // the one at the cursor
    int match = -1;
    // The blocks the search looked at (numbers), so that their highlighting can refresh it.
    int firstBlock = -1;
    int lastBlock = -2;
};

/// The bracket at (or just before) @p cursor and the one matching it.
///
/// From code, brackets in strings, comments, characters and regular expressions do not count.
/// From a bracket in one of those, only brackets of the same format count (as in Kate), up to the
/// end of that string or comment. Lines not highlighted yet count every bracket.
BracketMatch findMatchingBracket(const QTextCursor &cursor);

} // namespace StudyBench
