#pragma once

#include "curriculum/curriculum.h"
#include "search/searchquery.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

class QSqlQuery;

namespace StudyBench {

struct IndexDocument;

/// Where the index reads from: the profile folder (progress.sqlite's notes, scratch/, drills/;
/// the index itself lives there as search.sqlite), the request history, and the curriculum shown.
struct SearchSourcePaths
{
    QString profileDir;
    QString historyPath; ///< http-history.sqlite, in the data directory
    CurriculumPtr curriculum; ///< may be null: then the curriculum is not indexed
};

/// Search Everything: an SQLite FTS5 index (unicode61 without diacritics, prefix indexes for 2
/// and 3 characters, bm25 ranking with titles weighing ten times the text) over the curriculum,
/// the notes, the practice and drill files and the request history, one table per kind.
///
/// It is a cache, never the only copy of anything. open() checks it (schema version, quick_check,
/// which in SQLite 3.44+ includes FTS5's integrity-check of each table) and starts it afresh when it is
/// missing or damaged; the sync methods then bring it up to date touching only what changed (the curriculum
/// by its content hash, notes by updated_at, files by path, time and size, history by id), and the update
/// methods take one item right after the app writes it.
///
/// Blocking: use it from the CLI or a worker thread. One instance belongs to the thread that opened it.
class SearchIndex
{
    Q_DECLARE_TR_FUNCTIONS(SearchIndex)

public:
    static constexpr int kSchemaVersion = 1;

    explicit SearchIndex(SearchSourcePaths sources);
    ~SearchIndex();
    SearchIndex(const SearchIndex &) = delete;
    SearchIndex &operator=(const SearchIndex &) = delete;

    /// search.sqlite in @p profileDir.
    static QString indexPath(const QString &profileDir);

    /// Opens (creating) the index; one that fails its checks is deleted and made again (empty:
    /// syncAll() fills it). False, with errorString(), only when no index can be made at all.
    bool open();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_error; }
    /// Whether open() found the index damaged and started it afresh, and what was wrong.
    bool wasRebuilt() const { return !m_rebuildReason.isEmpty(); }
    QString rebuildReason() const { return m_rebuildReason; }

    /// Brings every kind up to date. Each returns the rows it added, changed or removed (0 when
    /// nothing changed), or -1 on failure (errorString()).
    int syncAll();
    int syncCurriculum();
    int syncNotes();
    int syncFiles();
    int syncHistory();

    /// Re-reads the note on @p nodeId from progress.sqlite (gone: removed from the index).
    bool updateNote(const QString &nodeId);
    /// Re-reads the file @p path (absolute; one under scratch/ or drills/; gone: removed).
    bool updateFile(const QString &path);
    /// Reads history entry @p id (gone: removed).
    bool updateHistoryEntry(qint64 id);

    /// The hits for @p userText in @p kinds, at most @p limitPerKind of each, grouped by kind
    /// (allSearchKinds() order), best first in each. Nothing for text without words; never a
    /// syntax error whatever the text.
    QList<SearchHit> search(
        const QString &userText, const QList<SearchKind> &kinds = allSearchKinds(), int limitPerKind = 20);
    /// The number of indexed rows of @p kind.
    int count(SearchKind kind);

private:
    QString tryOpen();
    QString checkIntegrity();
    void discardFiles();
    /// Adds or replaces @p document of @p kind unless its stamp is unchanged; 1 when it wrote, 0
    /// when not, -1 on failure.
    int upsert(SearchKind kind, const IndexDocument &document);
    /// Removes @p key of @p kind; 1 when it was there.
    int remove(SearchKind kind, const QString &key);
    /// Removes every row of @p kind whose key is not in @p keep.
    int removeAllBut(SearchKind kind, const QSet<QString> &keep);
    /// Removes every row of @p kind whose key is not in @p current, or whose stamp differs from
    /// a non-empty one there.
    int removeStale(SearchKind kind, const QHash<QString, QString> &current);
    QString stampOf(SearchKind kind, const QString &key, qint64 *id = nullptr);
    QString noteTitle(const QString &nodeId) const;
    IndexDocument noteDocument(const QSqlQuery &row) const;
    QString metaValue(const QString &name);
    bool setMetaValue(const QString &name, const QString &value);
    int finish(int touched);
    int noteRows(SqliteConnection &source, const QString &where, const QVariant &value);
    int historyRows(SqliteConnection &source, qint64 after);
    void addHits(
        SearchKind kind, const QString &match, const QStringList &terms, int limit, QList<SearchHit> &hits);

    SearchSourcePaths m_sources;
    SqliteDatabase m_db;
    QString m_error;
    QString m_rebuildReason;
};

} // namespace StudyBench
