#include "search/searchindex.h"

#include "search/searchsources.h"
#include "util/datalocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <memory>

namespace StudyBench {

namespace {

QString table(SearchKind kind)
{
    return searchKindName(kind) + QStringLiteral("_fts");
}

// Version 1: one FTS5 table per kind (key, title, body), ranked by bm25 with the title weighing
// ten times the body, and the bookkeeping of what is indexed (item: the FTS rowid, its kind, key
// and stamp) and of the curriculum's hash (meta).
QList<QStringList> migrations()
{
    QStringList first {
        QStringLiteral(
            "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE item (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL,"
                       " stamp TEXT NOT NULL, UNIQUE (kind, key))"),
    };
    for (const SearchKind kind : allSearchKinds()) {
        first.append(QStringLiteral("CREATE VIRTUAL TABLE %1 USING fts5(key UNINDEXED, title, body,"
                                    " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
                .arg(table(kind)));
        first.append(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('rank', 'bm25(0.0, 10.0, 1.0)')")
                .arg(table(kind)));
    }
    return { first };
}

// Qt binds a null QString as SQL NULL; the columns are NOT NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

SearchIndex::SearchIndex(SearchSourcePaths sources)
    : m_sources(std::move(sources))
    , m_db(QStringLiteral("studybench-search"))
{ }

SearchIndex::~SearchIndex() = default;

QString SearchIndex::indexPath(const QString &profileDir)
{
    return QDir(profileDir).filePath(DataFile::searchIndex());
}

bool SearchIndex::open()
{
    m_error.clear();
    m_rebuildReason.clear();
    const bool existed = QFileInfo::exists(indexPath(m_sources.profileDir));
    const QString problem = tryOpen();
    if (problem.isEmpty())
        return true;
    // A cache: what it held is all still in the sources, so a damaged one is simply made again.
    m_rebuildReason = existed ? problem : tr("the index could not be created: %1").arg(problem);
    m_db.close();
    discardFiles();
    const QString again = tryOpen();
    if (again.isEmpty())
        return true;
    m_error = tr("Cannot open the search index %1: %2").arg(indexPath(m_sources.profileDir), again);
    m_db.close();
    return false;
}

QString SearchIndex::tryOpen()
{
    if (!m_db.open(indexPath(m_sources.profileDir), migrations(), SqliteDatabase::Sync::Normal))
        return m_db.errorString();
    if (m_db.schemaVersion() != kSchemaVersion)
        return tr("schema version %1, not %2").arg(m_db.schemaVersion()).arg(kSchemaVersion);
    return checkIntegrity();
}

QString SearchIndex::checkIntegrity()
{
    // Since SQLite 3.44 quick_check also runs each FTS5 table's integrity-check (xIntegrity), which
    // compares the inverted index with the text: one pass finds damage of either kind.
    QSqlQuery q(m_db.database());
    if (!q.exec(QStringLiteral("PRAGMA quick_check")))
        return q.lastError().text();
    while (q.next()) {
        if (q.value(0).toString() != QLatin1StringView("ok"))
            return q.value(0).toString();
    }
    return {};
}

void SearchIndex::discardFiles()
{
    const QString path = indexPath(m_sources.profileDir);
    for (const QString &file :
        QStringList { path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm") })
        QFile::remove(file);
}

int SearchIndex::finish(int touched)
{
    if (touched < 0) {
        m_error = m_db.errorString();
        m_db.rollback();
        return -1;
    }
    if (!m_db.commit()) {
        m_error = m_db.errorString();
        return -1;
    }
    return touched;
}

int SearchIndex::syncAll()
{
    int total = 0;
    for (const int touched : { syncCurriculum(), syncNotes(), syncFiles(), syncHistory() }) {
        if (touched < 0)
            return -1;
        total += touched;
    }
    return total;
}

QString SearchIndex::stampOf(SearchKind kind, const QString &key, qint64 *id)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT id, stamp FROM item WHERE kind = ? AND key = ?"));
    q.addBindValue(searchKindName(kind));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    if (id)
        *id = q.value(0).toLongLong();
    return q.value(1).toString();
}

int SearchIndex::upsert(SearchKind kind, const IndexDocument &document)
{
    qint64 id = -1;
    const QString stamp = stampOf(kind, document.key, &id);
    if (id >= 0 && stamp == document.stamp)
        return 0;
    QSqlQuery q(m_db.database());
    if (id >= 0) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE rowid = ?").arg(table(kind)));
        q.addBindValue(id);
        if (!m_db.exec(q, tr("Cannot update the search index")))
            return -1;
        q.prepare(QStringLiteral("UPDATE item SET stamp = ? WHERE id = ?"));
        q.addBindValue(notNull(document.stamp));
        q.addBindValue(id);
    } else {
        q.prepare(QStringLiteral("INSERT INTO item (kind, key, stamp) VALUES (?, ?, ?)"));
        q.addBindValue(searchKindName(kind));
        q.addBindValue(document.key);
        q.addBindValue(notNull(document.stamp));
    }
    if (!m_db.exec(q, tr("Cannot update the search index")))
        return -1;
    if (id < 0)
        id = q.lastInsertId().toLongLong();
    q.prepare(
        QStringLiteral("INSERT INTO %1 (rowid, key, title, body) VALUES (?, ?, ?, ?)").arg(table(kind)));
    q.addBindValue(id);
    q.addBindValue(document.key);
    q.addBindValue(notNull(document.title));
    q.addBindValue(notNull(document.body));
    return m_db.exec(q, tr("Cannot update the search index")) ? 1 : -1;
}

int SearchIndex::remove(SearchKind kind, const QString &key)
{
    qint64 id = -1;
    stampOf(kind, key, &id);
    if (id < 0)
        return 0;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("DELETE FROM %1 WHERE rowid = ?").arg(table(kind)));
    q.addBindValue(id);
    if (!m_db.exec(q, tr("Cannot update the search index")))
        return -1;
    q.prepare(QStringLiteral("DELETE FROM item WHERE id = ?"));
    q.addBindValue(id);
    return m_db.exec(q, tr("Cannot update the search index")) ? 1 : -1;
}

int SearchIndex::removeAllBut(SearchKind kind, const QSet<QString> &keep)
{
    QHash<QString, QString> current;
    for (const QString &key : keep)
        current.insert(key, QString());
    return removeStale(kind, current);
}

int SearchIndex::removeStale(SearchKind kind, const QHash<QString, QString> &current)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT key, stamp FROM item WHERE kind = ?"));
    q.addBindValue(searchKindName(kind));
    if (!m_db.exec(q, tr("Cannot read the search index")))
        return -1;
    QStringList gone;
    while (q.next()) {
        const auto it = current.constFind(q.value(0).toString());
        if (it == current.cend() || (!it->isEmpty() && *it != q.value(1).toString()))
            gone.append(q.value(0).toString());
    }
    int removed = 0;
    for (const QString &key : gone) {
        if (remove(kind, key) < 0)
            return -1;
        ++removed;
    }
    return removed;
}

QString SearchIndex::metaValue(const QString &name)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

bool SearchIndex::setMetaValue(const QString &name, const QString &value)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.addBindValue(name);
    q.addBindValue(value);
    return m_db.exec(q, tr("Cannot update the search index"));
}

int SearchIndex::syncCurriculum()
{
    if (!m_sources.curriculum)
        return 0;
    const QString hash = SearchSources::curriculumHash(*m_sources.curriculum);
    if (metaValue(QStringLiteral("curriculum_hash")) == hash)
        return 0;
    if (!m_db.begin())
        return finish(-1);
    int touched = count(SearchKind::Curriculum);
    QSqlQuery q(m_db.database());
    if (!m_db.exec(QStringLiteral("DELETE FROM curriculum_fts"))
        || !m_db.exec(QStringLiteral("DELETE FROM item WHERE kind = 'curriculum'")))
        return finish(-1);
    const QList<IndexDocument> documents = SearchSources::curriculumDocuments(*m_sources.curriculum);
    for (const IndexDocument &document : documents) {
        if (upsert(SearchKind::Curriculum, document) < 0)
            return finish(-1);
        ++touched;
    }
    return finish(setMetaValue(QStringLiteral("curriculum_hash"), hash) ? touched : -1);
}

QString SearchIndex::noteTitle(const QString &nodeId) const
{
    const CurriculumNode *node = m_sources.curriculum ? m_sources.curriculum->find(nodeId) : nullptr;
    return node ? node->title : nodeId;
}

int SearchIndex::noteRows(SqliteConnection &source, const QString &where, const QVariant &value)
{
    QSqlQuery q(source.database());
    q.prepare(QStringLiteral("SELECT node_id, body, updated_at FROM note WHERE ") + where);
    q.addBindValue(value);
    if (!q.exec()) {
        m_db.fail(tr("Cannot read the notes"), q.lastError().text());
        return -1;
    }
    int touched = 0;
    while (q.next()) {
        const int written = upsert(SearchKind::Note, noteDocument(q));
        if (written < 0)
            return -1;
        touched += written;
    }
    return touched;
}

int SearchIndex::syncNotes()
{
    const QString progress = QDir(m_sources.profileDir).filePath(DataFile::progressDatabase());
    QSet<QString> ids;
    std::unique_ptr<SqliteConnection> source;
    if (QFileInfo::exists(progress)) {
        source = std::make_unique<SqliteConnection>(progress, SqliteConnection::ReadOnly);
        QSqlQuery q(source->database());
        if (!q.exec(QStringLiteral("SELECT node_id FROM note"))) {
            m_error = tr("Cannot read the notes in %1: %2").arg(progress, q.lastError().text());
            return -1;
        }
        while (q.next())
            ids.insert(q.value(0).toString());
    }
    if (!m_db.begin())
        return finish(-1);
    const int removed = removeAllBut(SearchKind::Note, ids);
    if (removed < 0 || !source)
        return finish(removed);
    // Only notes written since the newest one indexed; equal times are compared by stamp.
    QSqlQuery newest(m_db.database());
    newest.exec(QStringLiteral("SELECT max(CAST(stamp AS INTEGER)) FROM item WHERE kind = 'note'"));
    const qint64 watermark = newest.next() && !newest.value(0).isNull() ? newest.value(0).toLongLong() : -1;
    const int touched = noteRows(*source, QStringLiteral("updated_at >= ?"), watermark);
    return finish(touched < 0 ? -1 : removed + touched);
}

IndexDocument SearchIndex::noteDocument(const QSqlQuery &row) const
{
    const QString id = row.value(0).toString();
    return { id, row.value(2).toString(), noteTitle(id), row.value(1).toString() };
}

bool SearchIndex::updateNote(const QString &nodeId)
{
    const QString progress = QDir(m_sources.profileDir).filePath(DataFile::progressDatabase());
    SqliteConnection source(progress, SqliteConnection::ReadOnly);
    QSqlQuery q(source.database());
    q.prepare(QStringLiteral("SELECT node_id, body, updated_at FROM note WHERE node_id = ?"));
    q.addBindValue(nodeId);
    const bool found = source.isOpen() && q.exec() && q.next();
    if (!m_db.begin())
        return finish(-1) >= 0;
    const int touched = found ? upsert(SearchKind::Note, noteDocument(q)) : remove(SearchKind::Note, nodeId);
    return finish(touched) >= 0;
}

int SearchIndex::syncFiles()
{
    const QHash<QString, QString> files = SearchSources::listFiles(m_sources.profileDir);
    if (!m_db.begin())
        return finish(-1);
    const QSet<QString> keys(files.keyBegin(), files.keyEnd());
    int touched = removeAllBut(SearchKind::File, keys);
    for (auto it = files.cbegin(); it != files.cend() && touched >= 0; ++it) {
        if (stampOf(SearchKind::File, it.key()) == it.value())
            continue;
        const int written = upsert(
            SearchKind::File, SearchSources::fileDocument(m_sources.profileDir, it.key(), it.value()));
        touched = written < 0 ? -1 : touched + written;
    }
    return finish(touched);
}

bool SearchIndex::updateFile(const QString &path)
{
    const QString relative = QDir(m_sources.profileDir).relativeFilePath(path);
    if (!SearchSources::isIndexedFile(relative)) {
        m_error = tr("%1 is not a practice or drill file of this profile.").arg(path);
        return false;
    }
    if (!m_db.begin())
        return finish(-1) >= 0;
    const int touched = QFileInfo(path).isFile()
        ? upsert(SearchKind::File,
              SearchSources::fileDocument(m_sources.profileDir, relative, SearchSources::fileStamp(path)))
        : remove(SearchKind::File, relative);
    return finish(touched) >= 0;
}

int SearchIndex::historyRows(SqliteConnection &source, qint64 after)
{
    QSqlQuery q(source.database());
    q.prepare(QStringLiteral("SELECT %1 FROM request WHERE id > ? ORDER BY id")
            .arg(SearchSources::historyColumns()));
    q.addBindValue(after);
    if (!q.exec()) {
        m_db.fail(tr("Cannot read the request history"), q.lastError().text());
        return -1;
    }
    int touched = 0;
    while (q.next() && touched >= 0) {
        const int written = upsert(SearchKind::History, SearchSources::historyDocument(q));
        touched = written < 0 ? -1 : touched + written;
    }
    return touched;
}

int SearchIndex::syncHistory()
{
    QHash<QString, QString> ids; // id -> sent_at, the stamp
    std::unique_ptr<SqliteConnection> source;
    if (!m_sources.historyPath.isEmpty() && QFileInfo::exists(m_sources.historyPath)) {
        source = std::make_unique<SqliteConnection>(m_sources.historyPath, SqliteConnection::ReadOnly);
        // The HTTP client may have just created the file and not yet its table: no history yet.
        if (!source->database().tables().contains(QStringLiteral("request")))
            source.reset();
    }
    if (source) {
        QSqlQuery q(source->database());
        if (!q.exec(QStringLiteral("SELECT id, sent_at FROM request"))) {
            m_error = tr("Cannot read the request history %1: %2")
                          .arg(m_sources.historyPath, q.lastError().text());
            return -1;
        }
        while (q.next())
            ids.insert(q.value(0).toString(), q.value(1).toString());
    }
    if (!m_db.begin())
        return finish(-1);
    const int removed = removeStale(SearchKind::History, ids);
    if (removed < 0 || !source)
        return finish(removed);
    // Entries after the newest one indexed; an id freed by pruning and used again was removed above.
    QSqlQuery newest(m_db.database());
    newest.exec(QStringLiteral("SELECT max(CAST(key AS INTEGER)) FROM item WHERE kind = 'history'"));
    const qint64 watermark = newest.next() ? newest.value(0).toLongLong() : 0;
    const int touched = historyRows(*source, watermark);
    return finish(touched < 0 ? -1 : removed + touched);
}

bool SearchIndex::updateHistoryEntry(qint64 id)
{
    SqliteConnection source(m_sources.historyPath, SqliteConnection::ReadOnly);
    QSqlQuery q(source.database());
    q.prepare(QStringLiteral("SELECT %1 FROM request WHERE id = ?").arg(SearchSources::historyColumns()));
    q.addBindValue(id);
    const bool found = source.isOpen() && q.exec() && q.next();
    if (!m_db.begin())
        return finish(-1) >= 0;
    const int touched = found ? upsert(SearchKind::History, SearchSources::historyDocument(q))
                              : remove(SearchKind::History, QString::number(id));
    return finish(touched) >= 0;
}

int SearchIndex::count(SearchKind kind)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT count(*) FROM item WHERE kind = ?"));
    q.addBindValue(searchKindName(kind));
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

QList<SearchHit> SearchIndex::search(
    const QString &userText, const QList<SearchKind> &kinds, int limitPerKind)
{
    const QString match = ftsMatchExpression(userText);
    QList<SearchHit> hits;
    if (match.isEmpty() || !isOpen())
        return hits;
    const QStringList terms = searchTerms(userText);
    for (const SearchKind kind : allSearchKinds()) {
        if (kinds.contains(kind))
            addHits(kind, match, terms, limitPerKind, hits);
    }
    return hits;
}

void SearchIndex::addHits(
    SearchKind kind, const QString &match, const QStringList &terms, int limit, QList<SearchHit> &hits)
{
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key, NULL, snippet(%1, 2, char(2), char(3), '…', 12), rank, "
                             "highlight(%1, 1, char(2), char(3)) FROM %1 "
                             "WHERE %1 MATCH ? ORDER BY rank LIMIT ?")
            .arg(table(kind)));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec()) {
        m_error = tr("The search failed: %1").arg(q.lastError().text());
        return;
    }
    while (q.next()) {
        SearchHit hit;
        hit.kind = kind;
        hit.key = q.value(0).toString();
        hit.title = unmarked(q.value(4).toString(), hit.titleHighlights);
        // The text around the match; the title when there is no text.
        setSnippet(hit, q.value(2).toString());
        if (hit.snippet.isEmpty())
            setSnippet(hit, q.value(4).toString());
        hit.rank = q.value(3).toDouble();
        if (kind == SearchKind::File) {
            hit.key = QDir(m_sources.profileDir).filePath(hit.key);
            QFile file(hit.key);
            hit.line = file.open(QIODevice::ReadOnly)
                ? firstMatchingLine(QString::fromUtf8(file.read(256 * 1024)), terms)
                : 1;
        }
        hits.append(hit);
    }
}

} // namespace StudyBench
