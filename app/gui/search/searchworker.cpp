#include "search/searchworker.h"

namespace StudyBench {

SearchWorker::~SearchWorker() = default;

void SearchWorker::open(const SearchSourcePaths &sources)
{
    m_index = std::make_unique<SearchIndex>(sources);
    if (!m_index->open()) {
        Q_EMIT problem(m_index->errorString());
        m_index.reset();
    }
}

bool SearchWorker::ready()
{
    return m_index != nullptr;
}

void SearchWorker::sync()
{
    if (!ready())
        return;
    const int touched = m_index->syncAll();
    if (touched < 0)
        Q_EMIT problem(m_index->errorString());
    Q_EMIT synced(touched);
}

void SearchWorker::syncFiles()
{
    if (ready() && m_index->syncFiles() < 0)
        Q_EMIT problem(m_index->errorString());
}

void SearchWorker::query(quint64 sequence, const QString &text, int limitPerKind)
{
    // A query typed over by a newer one is of no use to anyone.
    if (sequence < latestQuery.loadAcquire())
        return;
    Q_EMIT results(
        sequence, ready() ? m_index->search(text, allSearchKinds(), limitPerKind) : QList<SearchHit>());
}

void SearchWorker::updateNote(const QString &nodeId)
{
    if (ready() && !m_index->updateNote(nodeId))
        Q_EMIT problem(m_index->errorString());
}

void SearchWorker::updateFile(const QString &path)
{
    if (ready())
        m_index->updateFile(path); // a file outside scratch/ and drills/ is simply not indexed
}

void SearchWorker::updateHistoryEntry(qint64 id)
{
    if (ready() && !m_index->updateHistoryEntry(id))
        Q_EMIT problem(m_index->errorString());
}

} // namespace StudyBench
