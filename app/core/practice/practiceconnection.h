#pragma once

#include "practice/http1requestparser.h"
#include "practice/practiceexchange.h"

#include <QHostAddress>
#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QTcpSocket;

namespace StudyBench {

/// One client connection of the practice server. Reads each request itself, strictly
/// (Http1RequestParser), and hands on only whole, valid requests, one at a time; answers the rest
/// itself and closes:
/// - a head over the limits: 431; bad framing (RFC 9112 6.3): 400; another HTTP version: 505;
/// - a body over the limit: 413 as soon as that is known, before the body is read (the refusal
///   callback may answer 400 or 421 first, as the server would after the body);
/// - a head that does not come in time (settings' headerTimeout): 408.
/// After an answer with Connection: close (the request asked for it, was HTTP/1.0, or was
/// refused), nothing more is read as a request: what the client still sends is read and dropped
/// for a moment, so it sees the answer rather than a reset, and then the connection closes. A
/// kept-alive connection quiet for idleTimeout is closed.
class PracticeConnection : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        Http1RequestParser::Limits limits;
        std::chrono::milliseconds headerTimeout { 10000 };
        std::chrono::milliseconds idleTimeout { 30000 };
    };
    /// How the server answers a request it refuses before reading its body.
    struct Refusal
    {
        int status = 0;
        QString message;
    };
    /// The answer, if any, to a request with @p headers whose body has @p bodyBytes bytes (when
    /// @p exactSize) or more (when not) before its body is read.
    using Refuse = std::function<std::optional<Refusal>(
        const QHttpHeaders &headers, qint64 bodyBytes, bool exactSize)>;
    /// A whole request for the server; it answers through the connection (respond() and the rest).
    using Dispatch = std::function<void(Http1Request &&request, PracticeConnection *connection)>;

    struct Hooks
    {
        Dispatch dispatch;
        Refuse refuse;
        PracticeExchange::LogSink sink;
    };

    PracticeConnection(QTcpSocket *socket, const Settings &settings, const Hooks &hooks, QObject *parent);
    ~PracticeConnection() override;

    QHostAddress peerAddress() const { return m_peer; }

    // The answer to the request dispatched last: one of respond(), respondDevice() and the
    // chunked trio. The head carries the framing (Content-Length or Transfer-Encoding) and, when
    // the connection closes after it, Connection: close. A HEAD request's answer has the same head
    // and no body.
    void respond(int status, const QHttpHeaders &headers, const QByteArray &body);
    /// Streams @p device (which the connection takes over), @p size bytes, as the client reads them.
    void respondDevice(int status, const QHttpHeaders &headers, QIODevice *device, qint64 size);
    void beginChunked(int status, const QHttpHeaders &headers);
    void writeChunk(const QByteArray &data);
    void endChunked();

    /// Sends what is written and closes now (the server stops).
    void closeNow();

Q_SIGNALS:
    /// The connection is gone; the object deletes itself later.
    void finished();

private:
    enum class Wait
    {
        None,
        Header,
        Body,
        Idle,
        Write,
    };

    void readMore();
    void process();
    bool checkHead();
    void dispatch();
    void refuse(int status, const QString &message);
    void writeHead(int status, const QHttpHeaders &headers, const QByteArray &framing);
    void pump();
    void finishResponse();
    void closeAfterAnswer();
    void discard();
    void arm(Wait wait, bool restart);
    void timedOut();
    void logRefusal(int status);

    QTcpSocket *m_socket;
    Settings m_settings;
    Hooks m_hooks;
    QHostAddress m_peer;
    Http1RequestParser m_parser;
    QByteArray m_buffer;
    QTimer m_timer;
    Wait m_wait = Wait::None;
    bool m_headSeen = false;
    bool m_busy = false; ///< a request is with the server, or its answer is being written
    bool m_closing = false;
    bool m_headOnly = false; ///< the request being answered is HEAD
    bool m_keepAlive = true;
    bool m_chunked = false;
    bool m_halfClose = true; ///< after the last answer, shut the sending side at once
    int m_served = 0;
    QPointer<QIODevice> m_device;
    qint64 m_deviceLeft = 0;
};

} // namespace StudyBench
