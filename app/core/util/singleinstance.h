#pragma once

#include <QLockFile>
#include <QObject>

class QLocalServer;

namespace StudyBench {

/// One StudyBench window per data directory. The first process claims a QLockFile in the data
/// directory and listens on a QLocalServer; a second one finds the lock taken, sends its request
/// to the first (which raises its window) and exits. A lock left by a crashed process is stale
/// (its PID is gone) and is taken over.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// True when this process is now the instance for the data directory.
    bool claim();
    /// Sends @p message to the running instance; true once it has been delivered.
    bool notifyRunning(const QByteArray &message, int timeoutMs = 3000) const;
    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    void messageReceived(const QByteArray &message);

private:
    QString m_serverName;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace StudyBench
