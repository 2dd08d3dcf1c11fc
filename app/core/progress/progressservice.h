#pragma once

#include "curriculum/curriculum.h"
#include "progress/backupmanager.h"
#include "progress/progressstore.h"

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
    /// Works on the progress database of @p dataDir (see ProgressOpener).
    explicit ProgressService(const QString &dataDir, QObject *parent = nullptr);
    /// Finishes every queued write, then stops the worker thread.
    ~ProgressService() override;

    QString databasePath() const { return m_path; }
    QString dataDir() const { return m_dataDir; }

    /// Opens the database (checking it, recovering a damaged one from a backup, backing it up when
    /// due); emits recovered() when a damaged file was replaced, opened(), and then loaded().
    void open();
    /// Writes a backup now; answered by backupFinished().
    void backUpNow();
    /// Lists the backups with their dates and item counts; answered by backupsListed().
    void listBackups();
    /// Replaces the progress with @p backup (the current state is backed up first); answered by
    /// restoreFinished() and loaded().
    void restoreBackup(const StudyBench::BackupInfo &backup);
    /// Queues a state change; returns its ticket, reported back by stateSaved() or saveFailed().
    quint64 setState(const QString &nodeId, ItemState state, const QString &title);
    quint64 setConfidence(const QString &nodeId, int confidence, const QString &title);
    quint64 setNote(const QString &nodeId, const QString &text);
    /// Lets progress follow items that @p curriculum renamed or moved (see ProgressReconciler);
    /// answered by reconciled() and loaded() when anything moved.
    void reconcile(const StudyBench::CurriculumPtr &curriculum);
    /// Asks for a node's note; answered by noteLoaded().
    void requestNote(const QString &nodeId);
    /// The learner has seen the note a sync merge flagged (ProgressStore::clearNoteMerged()).
    void clearNoteMerged(const QString &nodeId);
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
    void recovered(const QString &message);
    void reconciled(int moved, const QString &error);
    void backupFinished(bool ok, const QString &message);
    void backupsListed(const QList<StudyBench::BackupInfo> &backups);
    void restoreFinished(bool ok, const QString &message);
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

    QString m_dataDir;
    QString m_path;
    QThread m_thread;
    ProgressWorker *m_worker = nullptr;
    quint64 m_nextTicket = 1;
    int m_pending = 0;
};

} // namespace StudyBench
