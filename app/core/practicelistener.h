#pragma once

#include "practiceexchange.h"

#include <QHttpHeaders>
#include <QTcpServer>

#include <functional>

namespace StudyBench {

/// The practice server's listening socket, which refuses a request body over the limit before it
/// is read, where Qt 6.8 lets it.
///
/// QHttpServer (up to Qt 6.10) has no size limit: it reads a whole request, body included, into
/// memory before any handler sees it. Once it has a connection, no public hook runs earlier. So a
/// new connection stays here, unseen by QHttpServer, until its first request's head is in; only
/// QIODevice::peek() reads it, so all its bytes are still there for QHttpServer afterwards.
/// - A Content-Length over the limit is answered at once (413, or 400/421 as the server would
///   answer first), with Connection: close, before the body is sent: a client that sent
///   "Expect: 100-continue" never sends it. What the client sends anyway is read and thrown away
///   for a moment, so it sees the answer rather than a reset connection, and then the connection
///   is closed.
/// - A chunked body is held here too, at most the limit and some framing, until its last chunk:
///   a chunk that goes over the limit is answered like a Content-Length over it.
/// - Anything else (a body within the limit, a head that is not HTTP/1 as this reads it, a head
///   over kMaxHeadBytes) goes to QHttpServer unchanged, through addPendingConnection().
///
/// Later requests on a kept-alive connection go straight to QHttpServer, which reads each one
/// whole before the server can check its size (and then answers 413). Qt 6.11 adds
/// QHttpServerConfiguration::setMaximumBodySize() for them.
class PracticeListener : public QTcpServer
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxHeadBytes = 64 * 1024;
    /// What a chunked body may carry in chunk sizes and line ends on top of the limit.
    static constexpr qint64 kMaxChunkFramingBytes = 64 * 1024;

    /// How the server answers a request it refuses before reading the body.
    struct Refusal
    {
        int status = 0;
        QString message;
    };
    /// The answer to a request with @p headers whose body has @p bodyBytes bytes (when
    /// @p exactSize) or more (when not), over the limit.
    using Refuse = std::function<Refusal(const QHttpHeaders &headers, qint64 bodyBytes, bool exactSize)>;

    PracticeListener(
        qint64 maxBodyBytes, Refuse refuse, PracticeExchange::LogSink sink, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class FirstRequestGuard;

    qint64 m_maxBodyBytes;
    Refuse m_refuse;
    PracticeExchange::LogSink m_sink;
};

} // namespace StudyBench
