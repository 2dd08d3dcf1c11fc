#include "sync/syncactions.h"

#include "sync/syncengine.h"
#include "util/asyncrun.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QTimer>
#include <QWidget>

namespace StudyBench {

/// What a pass on the worker thread brings back.
struct SyncActions::Outcome
{
    SyncPassReport report;
    QString folder;
    QStringList watched; ///< FOLDER/devices, each other device's folder and its logs
    int devices = 0;
};

namespace {

constexpr int kScanIntervalMs = 60000;
constexpr int kSoonMs = 1500;

} // namespace

SyncActions::SyncActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_folderAction(new QAction(tr("S&ync Folder…"), this))
    , m_label(new QLabel(window))
    , m_watcher(new QFileSystemWatcher(this))
    , m_periodic(new QTimer(this))
    , m_soon(new QTimer(this))
    , m_labelClock(new QTimer(this))
{
    m_folderAction->setStatusTip(tr("Sync progress with your other machines through a folder Syncthing, "
                                    "Nextcloud or another sync tool replicates"));
    m_folderAction->setEnabled(false);
    m_label->setVisible(false);
    m_periodic->setInterval(kScanIntervalMs);
    m_soon->setSingleShot(true);
    m_soon->setInterval(kSoonMs);
    m_labelClock->setInterval(30000);
    connect(m_folderAction, &QAction::triggered, this, &SyncActions::chooseFolder);
    connect(m_periodic, &QTimer::timeout, this, &SyncActions::syncNow);
    connect(m_soon, &QTimer::timeout, this, &SyncActions::syncNow);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &SyncActions::syncSoon);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &SyncActions::syncSoon);
    connect(m_labelClock, &QTimer::timeout, this, [this] { m_label->setText(statusText()); });
}

void SyncActions::setProfile(const QString &profileDir, const QString &curriculumFile)
{
    m_profileDir = profileDir;
    m_curriculumId = SyncEngine::curriculumId(curriculumFile);
    m_folderAction->setEnabled(true);
    m_folder.clear();
    m_lastSync = {};
    syncNow(); // learns the folder (none: nothing happens) and catches up
}

void SyncActions::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        m_window, tr("Sync Folder"), m_folder.isEmpty() ? QDir::homePath() : m_folder);
    if (!folder.isEmpty())
        setFolder(folder);
}

void SyncActions::setFolder(const QString &folder)
{
    m_pendingFolder = folder;
    syncNow();
}

void SyncActions::syncSoon()
{
    if (!m_profileDir.isEmpty())
        m_soon->start();
}

void SyncActions::syncNow()
{
    if (m_profileDir.isEmpty())
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    start(std::exchange(m_pendingFolder, QString()));
}

void SyncActions::start(const QString &newFolder)
{
    const QString profile = m_profileDir;
    const QString curriculum = m_curriculumId;
    runAsync(
        this,
        [profile, curriculum, newFolder] {
            Outcome outcome;
            if (!newFolder.isEmpty() && !SyncDevice::setFolder(profile, newFolder, &outcome.report.error))
                return outcome;
            outcome.folder = SyncDevice::load(profile).folder;
            if (outcome.folder.isEmpty())
                return outcome;
            outcome.report = SyncEngine(profile, curriculum).pass();
            const QDir devices(QDir(outcome.folder).filePath(QStringLiteral("devices")));
            const QStringList ids = devices.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            outcome.devices = int(ids.size());
            outcome.watched.append(devices.path());
            for (const QString &id : ids) {
                if (id == outcome.report.deviceId)
                    continue;
                // A device appends to its logs: the files are watched as well as the folder.
                const QDir logs(devices.filePath(id));
                outcome.watched.append(logs.path());
                for (const QString &name : logs.entryList({ QStringLiteral("*.jsonl") }, QDir::Files))
                    outcome.watched.append(logs.filePath(name));
            }
            return outcome;
        },
        [this](const Outcome &outcome) { finished(outcome); });
}

void SyncActions::finished(const Outcome &outcome)
{
    m_running = false;
    m_folder = outcome.folder;
    const SyncPassReport &report = outcome.report;
    if (!report.error.isEmpty())
        Q_EMIT message(tr("Sync: %1").arg(report.error));
    for (const QString &text : report.messages)
        Q_EMIT message(tr("Sync: %1").arg(text));
    if (!m_folder.isEmpty()) {
        if (report.ok())
            m_lastSync = QDateTime::currentDateTimeUtc();
        m_devices = outcome.devices;
        m_folderAction->setToolTip(tr("Syncing through %1").arg(QDir::toNativeSeparators(m_folder)));
        if (!m_watcher->directories().isEmpty())
            m_watcher->removePaths(m_watcher->directories());
        if (!m_watcher->files().isEmpty())
            m_watcher->removePaths(m_watcher->files());
        m_watcher->addPaths(outcome.watched);
        m_periodic->start();
        m_labelClock->start();
    }
    m_label->setVisible(!m_folder.isEmpty());
    m_label->setText(statusText());
    if (report.changed() > 0)
        Q_EMIT progressChanged();
    Q_EMIT synced(report.ok() && !m_folder.isEmpty());
    if (std::exchange(m_again, false) || !m_pendingFolder.isEmpty())
        syncNow();
}

QString SyncActions::statusText() const
{
    if (m_folder.isEmpty())
        return {};
    const QString devices = tr("%1 devices").arg(m_devices);
    if (!m_lastSync.isValid())
        return tr("Not synced yet · %1").arg(devices);
    const qint64 minutes = m_lastSync.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    const QString when = minutes < 1 ? tr("just now") : tr("%1 min ago").arg(minutes);
    return tr("Synced %1 · %2").arg(when, devices);
}

} // namespace StudyBench
