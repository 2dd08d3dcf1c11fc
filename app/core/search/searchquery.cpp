#include "search/searchquery.h"

namespace StudyBench {

QList<SearchKind> allSearchKinds()
{
    return { SearchKind::Curriculum, SearchKind::Note, SearchKind::File, SearchKind::History };
}

QString searchKindName(SearchKind kind)
{
    switch (kind) {
    case SearchKind::Curriculum:
        return QStringLiteral("curriculum");
    case SearchKind::Note:
        return QStringLiteral("note");
    case SearchKind::File:
        return QStringLiteral("file");
    case SearchKind::History:
        return QStringLiteral("history");
    }
    return {};
}

std::optional<SearchKind> searchKindFromName(const QString &name)
{
    for (const SearchKind kind : allSearchKinds()) {
        if (searchKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString searchKindTitle(SearchKind kind)
{
    switch (kind) {
    case SearchKind::Curriculum:
        return QCoreApplication::translate("SearchKind", "Curriculum");
    case SearchKind::Note:
        return QCoreApplication::translate("SearchKind", "Notes");
    case SearchKind::File:
        return QCoreApplication::translate("SearchKind", "Practice and drill files");
    case SearchKind::History:
        return QCoreApplication::translate("SearchKind", "Request history");
    }
    return {};
}

QString SearchHit::markedSnippet(const QString &open, const QString &close) const
{
    QString out;
    int at = 0;
    for (const SearchHighlight &h : highlights) {
        out += snippet.mid(at, h.start - at) + open + snippet.mid(h.start, h.length) + close;
        at = h.start + h.length;
    }
    return out + snippet.mid(at);
}

QString unmarked(const QString &marked, QList<SearchHighlight> &highlights)
{
    QString text;
    highlights.clear();
    int start = -1;
    for (const QChar c : marked) {
        if (c == kSnippetOpen) {
            start = int(text.size());
        } else if (c == kSnippetClose) {
            if (start >= 0 && text.size() > start)
                highlights.append({ start, int(text.size()) - start });
            start = -1;
        } else {
            // Line breaks would make a snippet a paragraph; one line reads better in a list.
            text += (c == u'\n' || c == u'\r' || c == u'\t') ? QChar(u' ') : c;
        }
    }
    return text;
}

void setSnippet(SearchHit &hit, const QString &marked)
{
    hit.snippet = unmarked(marked, hit.highlights);
}

QStringList searchTerms(const QString &userText)
{
    QStringList terms;
    QString current;
    for (const QChar c : userText) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing) {
            current += c;
        } else if (!current.isEmpty()) {
            terms.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        terms.append(current);
    return terms;
}

QString ftsMatchExpression(const QString &userText)
{
    const QStringList terms = searchTerms(userText);
    QStringList quoted;
    // A term holds letters and digits only, so it never needs its quotes escaped.
    for (const QString &term : terms)
        quoted.append(QLatin1Char('"') + term + QLatin1Char('"'));
    if (!quoted.isEmpty())
        quoted.last() += QLatin1Char('*');
    return quoted.join(QLatin1Char(' '));
}

QString foldForSearch(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            folded += c;
    }
    return folded.toCaseFolded();
}

int firstMatchingLine(const QString &text, const QStringList &terms)
{
    QStringList folded;
    for (const QString &term : terms)
        folded.append(foldForSearch(term));
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QStringList words = searchTerms(foldForSearch(lines.at(i)));
        for (const QString &word : words) {
            for (const QString &term : folded) {
                if (word.startsWith(term))
                    return i + 1;
            }
        }
    }
    return 1;
}

} // namespace StudyBench
