#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

class QAction;
class QFileSystemWatcher;
class QLabel;
class QTimer;
class QWidget;

namespace StudyBench {

struct SyncPassReport;

/// File › Sync Folder… and the status bar's "Synced 2 min ago · 3 devices", for the main window:
///
///     auto *sync = new SyncActions(this);
///     fileMenu->addAction(sync->folderAction());
///     statusBar()->addPermanentWidget(sync->statusLabel());
///     sync->setProfile(profileDir, curriculumFile);        // once the progress database is open
///     connect(progress, &ProgressService::stateSaved, sync, &SyncActions::syncSoon);  // and the others
///     connect(sync, &SyncActions::progressChanged, progress, &ProgressService::reload);
///
/// A pass (SyncEngine: write what is pending, merge the other devices) runs on a worker thread,
/// one at a time: when the folder is chosen, a moment after local saves, when a file changes under
/// FOLDER/devices (a file watcher), and every minute (the periodic scan catches what a watcher
/// misses on network or FUSE folders).
class SyncActions : public QObject
{
    Q_OBJECT

public:
    explicit SyncActions(QWidget *window);

    /// Syncs the progress of @p profileDir (the curriculum in @p curriculumFile; empty: built in).
    void setProfile(const QString &profileDir, const QString &curriculumFile);
    /// Uses @p folder from now on (after setProfile()), then syncs; what the dialog does.
    void setFolder(const QString &folder);
    QAction *folderAction() const { return m_folderAction; }
    QLabel *statusLabel() const { return m_label; }
    /// The status bar text ("Synced 2 min ago · 3 devices"), empty when not syncing.
    QString statusText() const;

public Q_SLOTS:
    /// A pass now (or right after the one running).
    void syncNow();
    /// A pass a moment after the last of a burst of calls (local saves).
    void syncSoon();

Q_SIGNALS:
    /// A merge changed the progress database: the window reads it again.
    void progressChanged();
    /// A message for the status bar (skipped logs, errors).
    void message(const QString &text);
    /// A pass finished (for tests and the label).
    void synced(bool ok);

private:
    struct Outcome;
    void chooseFolder();
    void start(const QString &newFolder);
    void finished(const Outcome &outcome);

    QWidget *m_window;
    QString m_profileDir;
    QString m_curriculumId;
    QString m_folder;
    QAction *m_folderAction;
    QLabel *m_label;
    QFileSystemWatcher *m_watcher;
    QTimer *m_periodic;
    QTimer *m_soon;
    QTimer *m_labelClock;
    QDateTime m_lastSync;
    int m_devices = 0;
    bool m_running = false;
    bool m_again = false;
    QString m_pendingFolder;
};

} // namespace StudyBench
