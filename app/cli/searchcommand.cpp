#include "searchcommand.h"

#include "curriculum/curriculumparser.h"
#include "search/searchindex.h"
#include "util/datalocation.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace StudyBench {

namespace {

// The kinds --kind names (repeated or comma-separated), or std::nullopt with the one it cannot read.
std::optional<QList<SearchKind>> kindsFrom(const QStringList &values, QString *wrong)
{
    if (values.isEmpty())
        return allSearchKinds();
    QList<SearchKind> kinds;
    for (const QString &value : values) {
        for (const QString &name : value.split(u',', Qt::SkipEmptyParts)) {
            const std::optional<SearchKind> kind = searchKindFromName(name.trimmed());
            if (!kind) {
                *wrong = name;
                return std::nullopt;
            }
            kinds.append(*kind);
        }
    }
    return kinds;
}

} // namespace

SearchCommand::SearchCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int SearchCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("search"), tr("QUERY"),
        tr("The words to look for; the last may be the start of a word."));
    commandLine.parser().setApplicationDescription(
        tr("Searches the curriculum's text, your notes, your practice and drill files and the request "
           "history, as Search Everything (Ctrl+K) in the window does. Hits are grouped by kind, best "
           "first (bm25): kind, ID or path (with the line of the first match), title, rank, then a "
           "snippet with the matches in [brackets]. The search index (search.sqlite) is brought up to "
           "date first."));
    const QCommandLineOption kindOption(QStringLiteral("kind"),
        tr("Search only KIND: curriculum, note, file or history (repeat or separate with commas)."),
        tr("KIND"));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
        tr("At most N hits of each kind (default 20)."), tr("N"), QStringLiteral("20"));
    commandLine.parser().addOptions({ kindOption, limitOption });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QCommandLineParser &parser = commandLine.parser();
    const QString query = parser.positionalArguments().join(u' ').trimmed();
    if (searchTerms(query).isEmpty())
        return commandLine.usageError(
            m_err, tr("Give some words to search for, e.g. studybench-cli search idempotency"));
    QString wrongKind;
    const std::optional<QList<SearchKind>> kinds = kindsFrom(parser.values(kindOption), &wrongKind);
    if (!kinds)
        return commandLine.usageError(
            m_err, tr("--kind '%1' is not a kind; use curriculum, note, file or history.").arg(wrongKind));
    bool limitOk = false;
    const int limit = parser.value(limitOption).toInt(&limitOk);
    if (!limitOk || limit < 1)
        return commandLine.usageError(
            m_err, tr("--limit '%1' is not a whole number above 0.").arg(parser.value(limitOption)));

    CurriculumParseResult parsed = CurriculumParser::parseFileOrBuiltin(globals.curriculum());
    if (!parsed.ok()) {
        m_err << parsed.error.toString() << Qt::endl;
        return 1;
    }
    SearchIndex index({ globals.profileDirectory(),
        QDir(globals.dataDirectory()).filePath(DataFile::httpHistory()), parsed.curriculum });
    if (!index.open()) {
        m_err << index.errorString() << Qt::endl;
        return 1;
    }
    if (index.wasRebuilt())
        m_err << tr("The search index was damaged (%1) and is being made again.").arg(index.rebuildReason())
              << Qt::endl;
    if (index.syncAll() < 0) {
        m_err << tr("The search index could not be brought up to date: %1").arg(index.errorString())
              << Qt::endl;
        return 1;
    }
    const QList<SearchHit> hits = index.search(query, *kinds, limit);
    if (globals.json)
        printJson(hits);
    else
        printText(hits, query);
    return 0;
}

void SearchCommand::printText(const QList<SearchHit> &hits, const QString &query)
{
    if (hits.isEmpty()) {
        m_out << tr("Nothing found for “%1”.").arg(query) << Qt::endl;
        return;
    }
    for (const SearchHit &hit : hits) {
        const QString key
            = hit.kind == SearchKind::File ? QStringLiteral("%1:%2").arg(hit.key).arg(hit.line) : hit.key;
        m_out << QStringLiteral("%1  %2  %3  %4")
                     .arg(searchKindName(hit.kind), -10)
                     .arg(key, hit.title, QString::number(hit.rank, 'f', 3))
              << Qt::endl;
        m_out << QStringLiteral("    ") << hit.markedSnippet(QStringLiteral("["), QStringLiteral("]"))
              << Qt::endl;
    }
    m_out << tr("%n hit(s); columns: kind, ID or path:line, title, rank (bm25, lower is better).", nullptr,
        int(hits.size()))
          << Qt::endl;
}

void SearchCommand::printJson(const QList<SearchHit> &hits)
{
    QJsonArray array;
    for (const SearchHit &hit : hits) {
        QJsonArray highlights;
        for (const SearchHighlight &h : hit.highlights)
            highlights.append(QJsonArray { h.start, h.length });
        QJsonObject o { { QStringLiteral("kind"), searchKindName(hit.kind) },
            { QStringLiteral("key"), hit.key }, { QStringLiteral("title"), hit.title },
            { QStringLiteral("snippet"), hit.snippet }, { QStringLiteral("highlights"), highlights },
            { QStringLiteral("rank"), hit.rank } };
        if (hit.kind == SearchKind::File)
            o.insert(QStringLiteral("line"), hit.line);
        array.append(o);
    }
    m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace StudyBench
