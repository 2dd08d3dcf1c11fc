#pragma once

#include "practice/practiceconnection.h"

#include <QTcpServer>
#include <QTimer>

namespace StudyBench {

/// The practice server's listening socket. Every connection is a PracticeConnection, which reads
/// and frames each request itself (QHttpServer 6.8 would read a request of any size into memory,
/// and later requests of a kept-alive connection without any hook before it).
///
/// At most maxConnections are open at once: at the cap, new connections wait in the system's
/// backlog until one closes. When accept() fails (out of file descriptors, say), accepting pauses
/// for acceptRetryDelay rather than trying again at once.
///
/// When the last connection has closed and none has come for idleTrimDelay, the memory the load
/// left free goes back to the system (util/memory.h), so that the server's RSS does not grow from
/// one burst of load to the next.
class PracticeListener : public QTcpServer
{
    Q_OBJECT

public:
    struct Settings
    {
        PracticeConnection::Settings connection;
        int maxConnections = 512;
        std::chrono::milliseconds acceptRetryDelay { 500 };
        std::chrono::milliseconds idleTrimDelay { 1000 };
    };

    PracticeListener(
        const Settings &settings, const PracticeConnection::Hooks &hooks, QObject *parent = nullptr);

    int connectionCount() const { return m_connections; }
    /// Sends what each connection has written and closes them all (the server stops).
    void closeConnections();

Q_SIGNALS:
    /// accept() failed; accepting resumes after acceptRetryDelay.
    void acceptPaused(const QString &reason);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void onAcceptError();
    void updateAccepting();

    Settings m_settings;
    PracticeConnection::Hooks m_hooks;
    int m_connections = 0;
    bool m_acceptFailed = false;
    bool m_paused = false;
    QTimer m_retry;
    QTimer m_idle;
};

} // namespace StudyBench
