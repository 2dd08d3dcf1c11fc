#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace StudyBench {

/// What a search hit is: a curriculum node, a note, a practice or drill file, a sent request.
enum class SearchKind
{
    Curriculum,
    Note,
    File,
    History,
};

/// Every kind, in the order results are grouped.
QList<SearchKind> allSearchKinds();
/// The stable, lower-case name used on the command line and in JSON ("curriculum", "note", ...).
QString searchKindName(SearchKind kind);
std::optional<SearchKind> searchKindFromName(const QString &name);
/// The kind's heading for people ("Curriculum", "Notes", "Files", "Request history").
QString searchKindTitle(SearchKind kind);

/// One highlighted stretch of a snippet: @p start and @p length in QChars.
struct SearchHighlight
{
    int start = 0;
    int length = 0;
};

/// One result of SearchIndex::search().
struct SearchHit
{
    SearchKind kind = SearchKind::Curriculum;
    /// The node id (curriculum, note), the file's absolute path, or the history entry's id.
    QString key;
    QString title;
    /// Where the query matched the title.
    QList<SearchHighlight> titleHighlights;
    /// The best few words around the match, with highlights where the query matched.
    QString snippet;
    QList<SearchHighlight> highlights;
    /// FTS5 bm25(): lower is better (more negative).
    double rank = 0;
    /// A file: the 1-based line of the first match (1 when no line names a term).
    int line = 0;

    /// The snippet with each highlight between @p open and @p close (for text output).
    QString markedSnippet(const QString &open, const QString &close) const;
};

/// The markers FTS5's snippet() puts around a match, in the text search() reads back.
inline constexpr QChar kSnippetOpen = QChar(0x2);
inline constexpr QChar kSnippetClose = QChar(0x3);

/// @p marked without its markers, with where they were in @p highlights (line breaks become spaces).
QString unmarked(const QString &marked, QList<SearchHighlight> &highlights);
/// Takes the markers out of @p marked into @p hit's snippet and highlights.
void setSnippet(SearchHit &hit, const QString &marked);

/// The words of what a learner typed, each a run of letters and digits (what FTS5's unicode61
/// tokenizer keeps); punctuation and query syntax are separators, never operators.
QStringList searchTerms(const QString &userText);
/// An FTS5 MATCH expression for @p userText that cannot be a syntax error: every term quoted, the
/// last one a prefix ("rest" "api"*). Empty when the text has no terms (search nothing then).
QString ftsMatchExpression(const QString &userText);
/// @p text in lower case without diacritics, as the index compares ("Café" -> "cafe").
QString foldForSearch(const QString &text);
/// The 1-based line of @p text where a word first starts with one of @p terms (folded), or 1.
int firstMatchingLine(const QString &text, const QStringList &terms);

} // namespace StudyBench
