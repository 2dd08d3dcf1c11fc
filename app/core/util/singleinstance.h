#pragma once

#include <QLockFile>
#include <QObject>

class QFileSystemWatcher;

namespace StudyBench {

/// One StudyBench window per data directory. The first process claims a QLockFile in the data
/// directory and watches a mailbox folder beside it; a second one finds the lock taken, leaves its
/// request in the mailbox as a file, waits until the first has taken it (and so removed it), and
/// exits. A lock left by a crashed process is stale (its PID is gone) and is taken over. Qt Core
/// only: no Qt Network (with libproxy, curl, GnuTLS, Kerberos) before the window's first frame.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// True when this process is now the instance for the data directory.
    bool claim();
    /// Sends @p message to the running instance; true once it has been taken.
    bool notifyRunning(const QByteArray &message, int timeoutMs = 3000) const;
    /// The folder requests go to (one per data directory).
    QString mailbox() const { return m_mailbox; }

Q_SIGNALS:
    void messageReceived(const QByteArray &message);

private:
    void collect();

    QString m_mailbox;
    QLockFile m_lock;
    QFileSystemWatcher *m_watcher = nullptr;
    bool m_collecting = false;
    bool m_collectAgain = false;
};

} // namespace StudyBench
