#pragma once

#include "practice/practicelog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QJsonValue>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QJsonObject;

namespace StudyBench {

class PracticeConnection;
struct Http1Request;

/// One request and its answer, inside the practice server. Holds a copy of what the handlers need
/// from the request and the responder, so a handler may answer later (a timer, a worker thread)
/// by keeping the shared pointer. Every answer carries X-Request-Id, the CORS headers for a
/// loopback Origin and X-Content-Type-Options, and is logged once. An exchange dropped without an
/// answer answers 500.
class PracticeExchange
{
    Q_DECLARE_TR_FUNCTIONS(PracticeExchange)

public:
    using Ptr = std::shared_ptr<PracticeExchange>;
    using LogSink = std::function<void(const PracticeLogEntry &)>;
    using Method = QHttpServerRequest::Method;

    /// The request's answer goes to @p connection; nowhere once that is gone.
    PracticeExchange(Http1Request &&request, PracticeConnection *connection, LogSink sink);
    ~PracticeExchange();
    PracticeExchange(const PracticeExchange &) = delete;
    PracticeExchange &operator=(const PracticeExchange &) = delete;

    Method method() const { return m_method; }
    QByteArray methodName() const { return m_methodName; }
    bool isMethod(Method m) const { return m_method == m; }
    /// Whether the method is one the server implements on some path (GET, HEAD, POST, PUT,
    /// PATCH, DELETE, OPTIONS).
    bool isSupportedMethod() const;
    /// Whether the method is one of @p allowed ("GET, HEAD"); otherwise answers 405 with
    /// Allow: @p allowed and returns false.
    bool requireMethod(const QByteArray &allowed);
    /// The decoded path, without the query.
    QString path() const { return m_path; }
    QUrlQuery query() const { return m_query; }
    QString queryValue(const QString &key) const;
    /// The query's @p key as parseInteger() reads it; @p fallback when it is absent or empty.
    std::optional<qint64> queryInteger(const QString &key, qint64 fallback, qint64 min, qint64 max) const;
    const QHttpHeaders &headers() const { return m_headers; }
    /// The header's values joined with ", ", empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    /// What the Authorization header holds after "@p scheme " (the scheme compared with @p cs),
    /// trimmed; empty when it names another scheme or nothing follows.
    QByteArray credentials(QByteArrayView scheme, Qt::CaseSensitivity cs = Qt::CaseInsensitive) const;
    const QByteArray &body() const { return m_body; }
    QHostAddress remoteAddress() const { return m_remote; }
    QByteArray requestId() const { return m_requestId; }
    bool isAnswered() const { return m_answered; }

    void send(
        int status, const QByteArray &body, const QByteArray &contentType, const QHttpHeaders &extra = {});
    void sendJson(int status, const QJsonValue &value, const QHttpHeaders &extra = {});
    void sendEmpty(int status, const QHttpHeaders &extra = {});
    /// Streams the device (which the exchange takes over) with a Content-Length of its size(), as
    /// fast as the client reads it.
    void sendDevice(
        int status, QIODevice *device, const QByteArray &contentType, const QHttpHeaders &extra = {});
    /// A playground error: {"error": {"status": 404, "message": "..."}}.
    void sendError(int status, const QString &message, const QHttpHeaders &extra = {});
    /// 405 with the Allow header.
    void sendMethodNotAllowed(const QByteArray &allowed);

    void beginChunked(int status, const QByteArray &contentType, const QHttpHeaders &extra = {});
    void writeChunk(const QByteArray &data);
    void endChunked();

    /// Whether an Origin is a page served from this machine (http(s) on localhost, 127.x, [::1]).
    static bool isAllowedOrigin(QByteArrayView origin);
    /// Whether a Host header value names this machine's loopback interface.
    static bool isLoopbackHost(QByteArrayView host);
    static QByteArray reasonPhrase(int status);
    /// A whole number from @p min to @p max as a path or a query holds it ("42", not "+42");
    /// nullopt for anything else.
    static std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max);

    // The parts of an answer for one that is written without an exchange (see PracticeConnection).
    /// The client's X-Request-Id when it is a short token, otherwise a new UUID.
    static QByteArray requestIdFor(const QByteArray &given);
    /// @p extra with Content-Type, X-Request-Id, X-Content-Type-Options and, for an allowed
    /// @p origin, the CORS headers.
    static QHttpHeaders commonHeaders(const QHttpHeaders &extra, const QByteArray &contentType,
        const QByteArray &requestId, const QByteArray &origin);
    /// The body of sendError().
    static QJsonObject errorJson(int status, const QString &message, const QByteArray &requestId);

    /// Every method the server implements, as in an Allow header.
    static const QByteArray kAllMethods;

private:
    QHttpHeaders withCommonHeaders(const QHttpHeaders &extra, const QByteArray &contentType) const;
    void log(int status);

    Method m_method;
    QByteArray m_methodName;
    QString m_path;
    QString m_target;
    QUrlQuery m_query;
    QHttpHeaders m_headers;
    QByteArray m_body;
    QHostAddress m_remote;
    QByteArray m_requestId;
    QDateTime m_receivedAt;
    QElapsedTimer m_timer;
    QPointer<PracticeConnection> m_connection;
    LogSink m_sink;
    bool m_answered = false;
    bool m_chunked = false;
};

} // namespace StudyBench

namespace StudyBench {

/// Keeps an exchange while its answer is being worked out elsewhere (a timer, a worker thread).
/// Make it a child of the server's context: stopping the server deletes it, which answers 503 and
/// lets go of the exchange while its connection still exists.
class PendingExchange : public QObject
{
    Q_OBJECT

public:
    PendingExchange(PracticeExchange::Ptr exchange, QObject *context);
    ~PendingExchange() override;
    /// The exchange, once; null when already taken. The holder deletes itself later.
    PracticeExchange::Ptr take();

private:
    PracticeExchange::Ptr m_exchange;
};

} // namespace StudyBench
