#pragma once

#include "progressstore.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace StudyBench {

class ProgressWorker;

/// Asynchronous access to a ProgressStore for the GUI: the database lives on a worker thread, so
/// the GUI thread never waits on disk. Requests run in the order they were made. A change is
/// reported by stateSaved() only after its transaction is committed to disk.
///
/// Changes made by other processes (the CLI) are noticed and reported with loaded().
class ProgressService : public QObject
{
    Q_OBJECT

public:
    explicit ProgressService(const QString &databasePath, QObject *parent = nullptr);
    /// Finishes every queued write, then stops the worker thread.
    ~ProgressService() override;

    QString databasePath() const { return m_path; }

    /// Opens the database; emits opened() and then loaded().
    void open();
    /// Queues a state change; returns its ticket, reported back by stateSaved() or saveFailed().
    quint64 setState(const QString &nodeId, ItemState state, const QString &title);
    quint64 setConfidence(const QString &nodeId, int confidence, const QString &title);
    quint64 setNote(const QString &nodeId, const QString &text);
    /// Asks for a node's note; answered by noteLoaded().
    void requestNote(const QString &nodeId);
    /// Reads everything again; answered by loaded().
    void reload();
    /// Requests not yet committed.
    int pendingCount() const { return m_pending; }
    /// How often, in milliseconds, to look for changes made by other processes (0: never).
    void setExternalChangeInterval(int ms);
    /// Blocks until every queued request is done. For shutdown and tests only.
    void waitForIdle();

Q_SIGNALS:
    void opened(bool ok, const QString &error);
    void loaded(const StudyBench::ItemRecords &items);
    void stateSaved(quint64 ticket, const QString &nodeId, StudyBench::ItemState state);
    void confidenceSaved(quint64 ticket, const QString &nodeId, int confidence);
    void noteSaved(quint64 ticket, const QString &nodeId);
    void noteLoaded(const QString &nodeId, const QString &text);
    void saveFailed(quint64 ticket, const QString &nodeId, const QString &error);
    void pendingCountChanged(int pending);

private:
    template<typename F>
    quint64 enqueueWrite(F &&work);
    void finishWrite();

    QString m_path;
    QThread m_thread;
    ProgressWorker *m_worker = nullptr;
    quint64 m_nextTicket = 1;
    int m_pending = 0;
};

} // namespace StudyBench
