#pragma once

#include "httpclient/http1parser.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpSocket;
class QTimer;

namespace StudyBench {

class Http1Connections;

/// One HTTP/1.1 request and its response over TCP (http://) or TLS (https://), with a strict parser
/// (Http1ResponseParser) and timings of each phase.
///
/// HttpEngine uses it for http:// URLs, and for https:// ones when HTTP/1.1 is asked for, where
/// QNetworkAccessManager would forgive broken framing and cannot tell DNS, connect, TLS and
/// first-byte times apart. Created by Http1Connections::start();
/// deletes itself after onFinished has run.
class Http1Exchange : public QObject
{
    Q_OBJECT

public:
    enum class Error
    {
        None,
        ConnectionRefused,
        HostNotFound,
        Timeout,
        Tls, ///< the TLS handshake failed (certificate errors are listed in the message)
        Network, ///< another socket error
        Response, ///< the parser refused the response; see parser()
        Aborted, ///< abort(), or the body sink refused more
    };

    struct Request
    {
        QUrl url;
        QByteArray method;
        QList<QPair<QByteArray, QByteArray>> headers; ///< sent as given, after Host when that is missing
        QByteArray body;
        int timeoutMs = 30000; ///< without progress; 0 disables
        int connectTimeoutMs = 0; ///< for DNS, TCP and TLS of a new connection; 0 disables
        bool verifyTls = true; ///< for https:// URLs
    };

    /// The phases, in ms; -1 when a phase did not happen (a reused connection has no DNS or connect).
    struct Timings
    {
        qint64 dnsMs = -1;
        qint64 connectMs = -1;
        qint64 tlsMs = -1;
        qint64 waitMs = -1; ///< from the request's last byte to the response's first
        qint64 firstByteMs = -1; ///< from the start to the response's first byte
        bool reusedConnection = false;
    };

    /// Called once the response head is parsed (interim 1xx responses are skipped).
    std::function<void()> onHeaders;
    /// Receives the body (chunked framing removed, content encoding kept); false stops the transfer.
    std::function<bool(QByteArrayView)> onBody;
    /// Called exactly once, from the event loop, when the exchange ends in any way.
    std::function<void()> onFinished;
    /// Wire bytes of the body received, and the Content-Length (-1 when unknown).
    std::function<void(qint64, qint64)> onProgress;

    ~Http1Exchange() override;

    /// Stops the exchange; onFinished follows with Error::Aborted. The connection is closed.
    void abort();

    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    const Http1ResponseParser &parser() const { return m_parser; }
    const Timings &timings() const { return m_timings; }
    /// Warnings about the response that are not errors (framing leniencies, extra bytes).
    QStringList warnings() const;

private:
    friend class Http1Connections;
    Http1Exchange(Http1Connections *pool, Request request);

    void begin();
    void connectNew();
    bool isTls() const;
    int port() const;
    void attach(QTcpSocket *socket, bool reused);
    void sendRequest();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void finish(Error error, const QString &message = {});
    void touch();
    void connected();
    void releaseSocket(bool reusable);
    QString hostText() const;

    QPointer<Http1Connections> m_pool;
    Request m_request;
    QString m_key;
    QPointer<QTcpSocket> m_socket;
    QTimer *m_timeout = nullptr;
    QTimer *m_connectTimeout = nullptr;
    Http1ResponseParser m_parser;
    QElapsedTimer m_clock;
    qint64 m_lookupStarted = -1;
    qint64 m_connectStarted = -1;
    qint64 m_connectedAt = -1;
    QStringList m_sslErrors;
    qint64 m_requestSent = -1;
    Timings m_timings;
    qint64 m_received = 0; ///< response bytes read from the socket
    qint64 m_extraBytes = 0; ///< bytes after the end of the response
    bool m_retried = false;
    bool m_finished = false;
    Error m_error = Error::None;
    QString m_errorString;
};

/// A pool of idle HTTP/1.1 connections, reused by later requests to the same host and port.
class Http1Connections : public QObject
{
    Q_OBJECT

public:
    explicit Http1Connections(QObject *parent = nullptr);
    ~Http1Connections() override;

    /// Starts @p request; the exchange reports through its callbacks, set them before returning to
    /// the event loop.
    Http1Exchange *start(const Http1Exchange::Request &request);

    /// Idle connections kept, for tests.
    int idleCount() const;
    /// Closes every idle connection.
    void clear();

private:
    friend class Http1Exchange;
    QTcpSocket *takeIdle(const QString &key);
    void putIdle(const QString &key, QTcpSocket *socket);

    struct Idle
    {
        QPointer<QTcpSocket> socket;
        QElapsedTimer since;
    };
    QHash<QString, QList<Idle>> m_idle;
};

} // namespace StudyBench
