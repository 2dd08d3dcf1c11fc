#pragma once

#include "practice/practicelog.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace StudyBench {

/// StudyBench's own practice APIs on loopback: the HTTP playground under /http and the
/// RealWorld "Conduit" API under /api, with their data in practice.sqlite in the data folder.
///
/// Listens on 127.0.0.1 (and ::1 when the system has it) only, and answers requests whose Host
/// is not localhost, 127.x.y.z or [::1] with 421, so a web page cannot reach it by DNS rebinding.
/// Lives in, and must be used from, one thread with an event loop (the GUI or the CLI's main thread).
class PracticeServer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY runningChanged)

public:
    static constexpr quint16 kDefaultPort = 8787;
    /// Request bodies larger than this are refused with 413 before the body is read (the
    /// Content-Length, or the chunk that goes over), on every request of a connection.
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    /// What one client may hold of the server (see PracticeConnection, PracticeListener).
    struct Limits
    {
        int maxConnections = 512;
        /// From a connection's start, or a request's first byte, until its head is in; also the
        /// longest pause within a body. 408 and close after it.
        std::chrono::milliseconds headerTimeout { 10000 };
        /// How long a kept-alive connection may wait for its next request, or a client not read
        /// what is sent to it.
        std::chrono::milliseconds idleTimeout { 30000 };
        /// After accept() fails (out of file descriptors): the pause before it is tried again.
        std::chrono::milliseconds acceptRetryDelay { 500 };
    };

    enum class StartError
    {
        None,
        PortInUse,
        CannotListen,
        Database
    };
    Q_ENUM(StartError)

    /// dataDir: where practice.sqlite lives (created when missing).
    explicit PracticeServer(const QString &dataDir, QObject *parent = nullptr);
    ~PracticeServer() override;

    /// Takes effect at the next start().
    void setLimits(const Limits &limits);
    Limits limits() const { return m_limits; }

    /// Opens the database and listens on the port (0: any free port). False, with errorString()
    /// and startError(), when it cannot; for a port in use the message names nextFreePort().
    bool start(quint16 port = kDefaultPort);
    void stop();
    bool isRunning() const;
    /// The port listened on, 0 when stopped.
    quint16 port() const;
    /// http://127.0.0.1:PORT when running, empty otherwise.
    QUrl url() const;
    QString errorString() const { return m_error; }
    StartError startError() const { return m_startError; }
    QString databasePath() const;

    /// Deletes all practice data (users, articles, comments, orders) and makes a new token
    /// secret. Works running or stopped.
    bool resetData();

    /// The first port from `from` upwards that 127.0.0.1 can listen on now, 0 when none is.
    static quint16 nextFreePort(quint16 from = kDefaultPort);

Q_SIGNALS:
    void runningChanged(bool running);
    void started(const QUrl &url);
    void stopped();
    /// A request was answered; for the access log.
    void requestLogged(const StudyBench::PracticeLogEntry &entry);
    /// accept() failed (@p reason); the server tries again after Limits::acceptRetryDelay.
    void acceptPaused(const QString &reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
    QString m_dataDir;
    QString m_error;
    Limits m_limits;
    StartError m_startError = StartError::None;
};

} // namespace StudyBench
