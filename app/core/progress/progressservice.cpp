#include "progress/progressservice.h"

#include "progress/progressopener.h"
#include "progress/progressreconciler.h"
#include "util/datalocation.h"

#include <QLocale>
#include <QSemaphore>
#include <QTimer>

namespace StudyBench {

/// Lives on the service's thread and owns the store there.
class ProgressWorker : public QObject
{
public:
    ProgressStore store;
    QTimer poll;
    qint64 lastDataVersion = -1;
};

ProgressService::ProgressService(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(dataDir)
    , m_path(progressDatabasePath(dataDir))
    , m_worker(new ProgressWorker)
{
    qRegisterMetaType<StudyBench::ItemRecords>();
    qRegisterMetaType<StudyBench::ItemState>();
    qRegisterMetaType<StudyBench::BackupInfo>();
    qRegisterMetaType<QList<StudyBench::BackupInfo>>();
    m_thread.setObjectName(QStringLiteral("progress-store"));
    m_worker->moveToThread(&m_thread);
    m_worker->poll.moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this] {
        QObject::connect(&w->poll, &QTimer::timeout, w, [w, this] {
            if (!w->store.isOpen())
                return;
            const qint64 version = w->store.dataVersion();
            if (version != w->lastDataVersion) {
                w->lastDataVersion = version;
                Q_EMIT loaded(w->store.items());
            }
        });
    });
}

ProgressService::~ProgressService()
{
    waitForIdle();
    QMetaObject::invokeMethod(m_worker, [w = m_worker] {
        w->poll.stop();
        w->store.close();
    });
    m_thread.quit();
    m_thread.wait();
}

void ProgressService::open()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this] {
        const OpenReport report = ProgressOpener::open(w->store, m_dataDir);
        if (report.recovered)
            Q_EMIT recovered(report.recoveryMessage());
        for (const QString &warning : report.backupWarnings)
            qWarning("%s", qPrintable(warning));
        Q_EMIT opened(report.ok, report.error);
        if (report.ok) {
            w->lastDataVersion = w->store.dataVersion();
            Q_EMIT loaded(w->store.items());
        }
    });
}

void ProgressService::backUpNow()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        BackupManager backups(m_dataDir);
        if (const auto made = backups.backUp(m_path, QStringLiteral("manual"))) {
            backups.prune();
            Q_EMIT backupFinished(
                true, tr("Backed up %n item(s) to %1.", nullptr, made->items).arg(made->path));
        } else {
            Q_EMIT backupFinished(false, backups.errorString());
        }
    });
}

void ProgressService::listBackups()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { Q_EMIT backupsListed(BackupManager(m_dataDir).list(true)); });
}

void ProgressService::restoreBackup(const BackupInfo &backup)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this, backup] {
        const OpenReport report = ProgressOpener::restore(w->store, m_dataDir, backup);
        if (report.ok) {
            Q_EMIT restoreFinished(true,
                tr("Restored the backup from %1. The progress you had before is kept as a "
                   "backup too.")
                    .arg(QLocale().toString(backup.createdAt.toLocalTime(), QLocale::LongFormat)));
        } else {
            Q_EMIT restoreFinished(false, report.error);
        }
        if (w->store.isOpen()) {
            w->lastDataVersion = w->store.dataVersion();
            Q_EMIT loaded(w->store.items());
        }
    });
}

void ProgressService::reload()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this] {
        if (w->store.isOpen())
            Q_EMIT loaded(w->store.items());
    });
}

void ProgressService::setExternalChangeInterval(int ms)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ms] {
        if (ms > 0)
            w->poll.start(ms);
        else
            w->poll.stop();
    });
}

template<typename F>
quint64 ProgressService::enqueueWrite(F &&work)
{
    const quint64 ticket = m_nextTicket++;
    ++m_pending;
    Q_EMIT pendingCountChanged(m_pending);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this, ticket, work = std::forward<F>(work)] {
        work(w, ticket);
        // Our own writes are not "external" changes.
        w->lastDataVersion = w->store.dataVersion();
        QMetaObject::invokeMethod(this, &ProgressService::finishWrite, Qt::QueuedConnection);
    });
    return ticket;
}

void ProgressService::finishWrite()
{
    if (m_pending > 0)
        --m_pending;
    Q_EMIT pendingCountChanged(m_pending);
}

quint64 ProgressService::setState(const QString &nodeId, ItemState state, const QString &title)
{
    return enqueueWrite([this, nodeId, state, title](ProgressWorker *w, quint64 ticket) {
        if (w->store.isOpen() && w->store.setState(nodeId, state, title, QStringLiteral("gui")))
            Q_EMIT stateSaved(ticket, nodeId, state);
        else
            Q_EMIT saveFailed(ticket, nodeId, w->store.errorString());
    });
}

quint64 ProgressService::setConfidence(const QString &nodeId, int confidence, const QString &title)
{
    return enqueueWrite([this, nodeId, confidence, title](ProgressWorker *w, quint64 ticket) {
        if (w->store.isOpen() && w->store.setConfidence(nodeId, confidence, title))
            Q_EMIT confidenceSaved(ticket, nodeId, confidence);
        else
            Q_EMIT saveFailed(ticket, nodeId, w->store.errorString());
    });
}

quint64 ProgressService::setNote(const QString &nodeId, const QString &text)
{
    return enqueueWrite([this, nodeId, text](ProgressWorker *w, quint64 ticket) {
        if (w->store.isOpen() && w->store.setNote(nodeId, text))
            Q_EMIT noteSaved(ticket, nodeId);
        else
            Q_EMIT saveFailed(ticket, nodeId, w->store.errorString());
    });
}

void ProgressService::reconcile(const CurriculumPtr &curriculum)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this, curriculum] {
        if (!w->store.isOpen() || !curriculum)
            return;
        QString error;
        const int moved = ProgressReconciler::apply(w->store, *curriculum, m_dataDir, &error);
        if (moved != 0) {
            Q_EMIT reconciled(moved, error);
            w->lastDataVersion = w->store.dataVersion();
            Q_EMIT loaded(w->store.items());
        }
    });
}

void ProgressService::requestNote(const QString &nodeId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, this, nodeId] {
        Q_EMIT noteLoaded(nodeId, w->store.isOpen() ? w->store.note(nodeId) : QString());
    });
}

void ProgressService::clearNoteMerged(const QString &nodeId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, nodeId] {
        if (w->store.isOpen())
            w->store.clearNoteMerged(nodeId);
    });
}

void ProgressService::waitForIdle()
{
    if (!m_thread.isRunning())
        return;
    QSemaphore done;
    QMetaObject::invokeMethod(m_worker, [&done] { done.release(); });
    done.acquire();
}

} // namespace StudyBench
