#include "practiceexchange.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QUuid>

#include <cctype>

namespace StudyBench {

namespace {

QByteArray methodNameOf(QHttpServerRequest::Method m)
{
    using M = QHttpServerRequest::Method;
    switch (m) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Connect:
        return QByteArrayLiteral("CONNECT");
    case M::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

// A client's own X-Request-Id is kept when it is a short token; anything else is replaced.
bool isUsableRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (char c : id) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

const QByteArray kExposedHeaders = QByteArrayLiteral(
    "X-Request-Id, ETag, Last-Modified, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset, Idempotent-Replayed");

} // namespace

PracticeExchange::PracticeExchange(
    const QHttpServerRequest &request, QHttpServerResponder &&responder, LogSink sink)
    : m_method(request.method())
    , m_methodName(methodNameOf(request.method()))
    , m_path(request.url().path())
    , m_target(request.url().path(QUrl::FullyEncoded)
          + (request.url().hasQuery() ? QLatin1Char('?') + request.url().query(QUrl::FullyEncoded)
                                      : QString()))
    , m_query(request.query())
    , m_headers(request.headers())
    , m_body(request.body())
    , m_remote(request.remoteAddress())
    , m_receivedAt(QDateTime::currentDateTimeUtc())
    , m_responder(std::move(responder))
    , m_sink(std::move(sink))
{
    m_timer.start();
    m_requestId = requestIdFor(header("x-request-id"));
}

PracticeExchange::~PracticeExchange()
{
    if (m_chunked)
        endChunked();
    else if (!m_answered)
        sendError(500, tr("The practice server dropped this request without an answer."));
}

QString PracticeExchange::queryValue(const QString &key) const
{
    return m_query.queryItemValue(key, QUrl::FullyDecoded);
}

QByteArray PracticeExchange::header(QByteArrayView name) const
{
    return m_headers.combinedValue(name);
}

bool PracticeExchange::hasHeader(QByteArrayView name) const
{
    return m_headers.contains(name);
}

QByteArray PracticeExchange::credentials(QByteArrayView scheme, Qt::CaseSensitivity cs) const
{
    const QByteArray authorization = header("authorization");
    if (authorization.size() <= scheme.size() + 1 || authorization.at(scheme.size()) != ' '
        || QByteArrayView(authorization).first(scheme.size()).compare(scheme, cs) != 0)
        return {};
    return authorization.sliced(scheme.size() + 1).trimmed();
}

std::optional<qint64> PracticeExchange::queryInteger(
    const QString &key, qint64 fallback, qint64 min, qint64 max) const
{
    const QString text = queryValue(key);
    return text.isEmpty() ? std::optional<qint64>(fallback) : parseInteger(text, min, max);
}

std::optional<qint64> PracticeExchange::parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max || text.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return value;
}

bool PracticeExchange::requireMethod(const QByteArray &allowed)
{
    for (const QByteArray &method : allowed.split(',')) {
        if (method.trimmed() == m_methodName)
            return true;
    }
    sendMethodNotAllowed(allowed);
    return false;
}

bool PracticeExchange::isAllowedOrigin(QByteArrayView origin)
{
    const QUrl url(QString::fromLatin1(origin));
    if (!url.isValid()
        || (url.scheme() != QLatin1StringView("http") && url.scheme() != QLatin1StringView("https")))
        return false;
    if (!url.path().isEmpty() || url.hasQuery() || !url.userInfo().isEmpty())
        return false;
    const QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        return PracticeServer::isLoopbackHost(QByteArray("[" + host.toLatin1() + "]"));
    return PracticeServer::isLoopbackHost(host.toLatin1());
}

QByteArray PracticeExchange::reasonPhrase(int status)
{
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    const char *key = e.valueToKey(status);
    if (!key)
        return {};
    if (status == 200)
        return QByteArrayLiteral("OK");
    // "MisdirectedRequest" -> "Misdirected Request"
    QByteArray phrase;
    for (const char *c = key; *c; ++c) {
        if (c != key && std::isupper(static_cast<unsigned char>(*c)))
            phrase.append(' ');
        phrase.append(*c);
    }
    return phrase;
}

QByteArray PracticeExchange::requestIdFor(const QByteArray &given)
{
    return isUsableRequestId(given) ? given : QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QHttpHeaders PracticeExchange::withCommonHeaders(
    const QHttpHeaders &extra, const QByteArray &contentType) const
{
    return commonHeaders(extra, contentType, m_requestId, header("origin"));
}

QHttpHeaders PracticeExchange::commonHeaders(const QHttpHeaders &extra, const QByteArray &contentType,
    const QByteArray &requestId, const QByteArray &origin)
{
    QHttpHeaders h = extra;
    if (!contentType.isEmpty() && !h.contains(QHttpHeaders::WellKnownHeader::ContentType))
        h.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    h.replaceOrAppend(QAnyStringView("x-request-id"), requestId);
    h.replaceOrAppend(QAnyStringView("x-content-type-options"), "nosniff");
    if (!origin.isEmpty() && isAllowedOrigin(origin)) {
        h.replaceOrAppend(QHttpHeaders::WellKnownHeader::AccessControlAllowOrigin, origin);
        h.replaceOrAppend(QHttpHeaders::WellKnownHeader::AccessControlAllowCredentials, "true");
        h.replaceOrAppend(QHttpHeaders::WellKnownHeader::AccessControlExposeHeaders, kExposedHeaders);
        const QByteArray vary = h.combinedValue(QHttpHeaders::WellKnownHeader::Vary);
        h.replaceOrAppend(
            QHttpHeaders::WellKnownHeader::Vary, vary.isEmpty() ? QByteArray("Origin") : vary + ", Origin");
    }
    return h;
}

void PracticeExchange::log(int status)
{
    if (!m_sink)
        return;
    PracticeLogEntry e;
    e.time = m_receivedAt;
    e.method = QString::fromLatin1(m_methodName);
    e.path = m_target;
    e.status = status;
    e.durationMs = double(m_timer.nsecsElapsed()) / 1e6;
    e.requestId = QString::fromLatin1(m_requestId);
    e.remoteAddress = m_remote.toString();
    m_sink(e);
}

void PracticeExchange::send(
    int status, const QByteArray &body, const QByteArray &contentType, const QHttpHeaders &extra)
{
    if (m_answered)
        return;
    m_answered = true;
    const auto code = static_cast<QHttpServerResponder::StatusCode>(status);
    const bool bodyless = status == 204 || status == 304 || (status >= 100 && status < 200);
    if (bodyless) {
        // No Content-Type and no body; the responder adds Content-Length: 0.
        m_responder.write(withCommonHeaders(extra, {}), code);
    } else {
        // A HEAD answer has the GET answer's headers and no body.
        m_responder.write(
            m_method == Method::Head ? QByteArray() : body, withCommonHeaders(extra, contentType), code);
    }
    log(status);
}

void PracticeExchange::sendJson(int status, const QJsonValue &value, const QHttpHeaders &extra)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    send(status, doc.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"), extra);
}

void PracticeExchange::sendEmpty(int status, const QHttpHeaders &extra)
{
    send(status, {}, {}, extra);
}

void PracticeExchange::sendDevice(
    int status, QIODevice *device, const QByteArray &contentType, const QHttpHeaders &extra)
{
    if (m_answered) {
        delete device;
        return;
    }
    m_answered = true;
    m_responder.write(
        device, withCommonHeaders(extra, contentType), static_cast<QHttpServerResponder::StatusCode>(status));
    log(status);
}

QJsonObject PracticeExchange::errorJson(int status, const QString &message, const QByteArray &requestId)
{
    return QJsonObject { { QStringLiteral("error"),
        QJsonObject { { QStringLiteral("status"), status },
            { QStringLiteral("reason"), QString::fromLatin1(reasonPhrase(status)) },
            { QStringLiteral("message"), message },
            { QStringLiteral("requestId"), QString::fromLatin1(requestId) } } } };
}

void PracticeExchange::sendError(int status, const QString &message, const QHttpHeaders &extra)
{
    sendJson(status, errorJson(status, message, m_requestId), extra);
}

void PracticeExchange::sendMethodNotAllowed(const QByteArray &allowed)
{
    QHttpHeaders h;
    h.append(QHttpHeaders::WellKnownHeader::Allow, allowed);
    sendError(405,
        tr("%1 is not allowed on %2; use %3.")
            .arg(QString::fromLatin1(m_methodName), m_path, QString::fromLatin1(allowed)),
        h);
}

void PracticeExchange::beginChunked(int status, const QByteArray &contentType, const QHttpHeaders &extra)
{
    if (m_answered)
        return;
    m_answered = true;
    m_chunked = true;
    m_responder.writeBeginChunked(
        withCommonHeaders(extra, contentType), static_cast<QHttpServerResponder::StatusCode>(status));
    log(status);
}

void PracticeExchange::writeChunk(const QByteArray &data)
{
    if (!m_chunked || data.isEmpty())
        return;
    // The last chunk goes out with the end marker, which must not be empty.
    if (!m_pendingChunk.isEmpty())
        m_responder.writeChunk(m_pendingChunk);
    m_pendingChunk = data;
}

void PracticeExchange::endChunked()
{
    if (!m_chunked)
        return;
    m_chunked = false;
    m_responder.writeEndChunked(m_pendingChunk.isEmpty() ? QByteArray("\n") : m_pendingChunk);
    m_pendingChunk.clear();
}

PendingExchange::PendingExchange(PracticeExchange::Ptr exchange, QObject *context)
    : QObject(context)
    , m_exchange(std::move(exchange))
{ }

PendingExchange::~PendingExchange()
{
    if (m_exchange)
        m_exchange->sendError(503, tr("The practice server stopped before this request was answered."));
}

PracticeExchange::Ptr PendingExchange::take()
{
    if (m_exchange)
        deleteLater();
    return std::exchange(m_exchange, nullptr);
}

} // namespace StudyBench
