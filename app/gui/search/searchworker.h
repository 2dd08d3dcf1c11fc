#pragma once

#include "search/searchindex.h"

#include <QAtomicInteger>
#include <QList>
#include <QObject>

#include <memory>

namespace StudyBench {

/// The search index on a thread of its own (SearchActions moves it there): every call below is
/// queued to that thread, which holds the index's SQLite connection. Queries answer with their
/// sequence number; one already superseded by a newer query is not run at all.
class SearchWorker : public QObject
{
    Q_OBJECT

public:
    SearchWorker() = default;
    ~SearchWorker() override;

    /// The newest query's number, set by the GUI thread before it queues the query.
    QAtomicInteger<quint64> latestQuery { 0 };

public Q_SLOTS:
    /// Opens the index of @p sources (closing any other), checking it and starting a damaged one
    /// afresh. Syncing is left to sync().
    void open(const StudyBench::SearchSourcePaths &sources);
    /// Brings the whole index up to date, touching only what changed; synced() follows.
    void sync();
    /// Brings the files up to date (a practice file was saved).
    void syncFiles();
    void query(quint64 sequence, const QString &text, int limitPerKind);
    void updateNote(const QString &nodeId);
    void updateFile(const QString &path);
    void updateHistoryEntry(qint64 id);

Q_SIGNALS:
    void results(quint64 sequence, const QList<StudyBench::SearchHit> &hits);
    void synced(int touched);
    void problem(const QString &message);

private:
    bool ready();

    std::unique_ptr<SearchIndex> m_index;
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::SearchSourcePaths)
Q_DECLARE_METATYPE(StudyBench::SearchHit)
