#include "practice/practiceexchange.h"

#include "practice/practiceconnection.h"

#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cctype>

namespace StudyBench {

namespace {

QHttpServerRequest::Method methodOf(QByteArrayView name)
{
    using M = QHttpServerRequest::Method;
    static const std::pair<QByteArrayView, M> methods[] { { "GET", M::Get }, { "PUT", M::Put },
        { "DELETE", M::Delete }, { "POST", M::Post }, { "HEAD", M::Head }, { "OPTIONS", M::Options },
        { "PATCH", M::Patch }, { "CONNECT", M::Connect }, { "TRACE", M::Trace } };
    for (const auto &[text, method] : methods) {
        if (text == name)
            return method;
    }
    return M::Unknown;
}

// A request's target, origin-form ("/path?query") or absolute-form ("http://host/path?query"),
// as a URL with its path and query.
QUrl urlOf(const QByteArray &target)
{
    QByteArray pathAndQuery = target;
    if (!target.startsWith('/')) {
        const QUrl absolute = QUrl::fromEncoded(target, QUrl::StrictMode);
        pathAndQuery = absolute.path(QUrl::FullyEncoded).toLatin1();
        if (absolute.hasQuery())
            pathAndQuery += '?' + absolute.query(QUrl::FullyEncoded).toLatin1();
    }
    const qsizetype question = pathAndQuery.indexOf('?');
    QUrl url;
    url.setPath(QString::fromLatin1(pathAndQuery.first(question < 0 ? pathAndQuery.size() : question)),
        QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(QString::fromLatin1(pathAndQuery.sliced(question + 1)), QUrl::TolerantMode);
    return url;
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

PracticeExchange::PracticeExchange(Http1Request &&request, PracticeConnection *connection, LogSink sink)
    : m_method(methodOf(request.method))
    , m_methodName(request.method)
    , m_headers(std::move(request.headers))
    , m_body(std::move(request.body))
    , m_remote(connection->peerAddress())
    , m_receivedAt(QDateTime::currentDateTimeUtc())
    , m_connection(connection)
    , m_sink(std::move(sink))
{
    m_timer.start();
    const QUrl url = urlOf(request.target);
    m_path = url.path();
    m_target = QString::fromLatin1(request.target); // for the log, as sent
    m_query = QUrlQuery(url);
    m_requestId = requestIdFor(header("x-request-id"));
}

const QByteArray PracticeExchange::kAllMethods
    = QByteArrayLiteral("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");

bool PracticeExchange::isSupportedMethod() const
{
    using M = QHttpServerRequest::Method;
    return m_method == M::Get || m_method == M::Head || m_method == M::Post || m_method == M::Put
        || m_method == M::Patch || m_method == M::Delete || m_method == M::Options;
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
        return isLoopbackHost(QByteArray("[" + host.toLatin1() + "]"));
    return isLoopbackHost(host.toLatin1());
}

bool PracticeExchange::isLoopbackHost(QByteArrayView host)
{
    QByteArrayView name = host;
    QByteArrayView portPart;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 0)
            return false;
        name = host.sliced(1, close - 1);
        portPart = host.sliced(close + 1);
        if (!portPart.isEmpty()) {
            if (!portPart.startsWith(':'))
                return false;
            portPart = portPart.sliced(1);
        }
        const QHostAddress address(QString::fromLatin1(name));
        if (address.protocol() != QAbstractSocket::IPv6Protocol || !address.isLoopback())
            return false;
    } else {
        const qsizetype colon = host.lastIndexOf(':');
        if (colon >= 0) {
            name = host.first(colon);
            portPart = host.sliced(colon + 1);
        }
        if (name.compare("localhost", Qt::CaseInsensitive) != 0
            && name.compare("localhost.", Qt::CaseInsensitive) != 0) {
            const QList<QByteArrayView> octets = [&] {
                QList<QByteArrayView> list;
                qsizetype start = 0;
                for (qsizetype i = 0; i <= name.size(); ++i) {
                    if (i == name.size() || name[i] == '.') {
                        list.append(name.sliced(start, i - start));
                        start = i + 1;
                    }
                }
                return list;
            }();
            if (octets.size() != 4)
                return false;
            for (QByteArrayView octet : octets) {
                bool ok = false;
                const int value = octet.toInt(&ok);
                if (!ok || octet.isEmpty() || octet.size() > 3 || value < 0 || value > 255
                    || octet.startsWith('+') || octet.startsWith('-'))
                    return false;
            }
            if (octets.first().toInt() != 127)
                return false;
        }
    }
    if (!portPart.isEmpty()) {
        bool ok = false;
        const int p = portPart.toInt(&ok);
        if (!ok || p < 1 || p > 65535 || portPart.startsWith('+') || portPart.startsWith('-'))
            return false;
    }
    return !name.isEmpty();
}

QByteArray PracticeExchange::reasonPhrase(int status)
{
    // RFC 9110 section 15, and 418 from RFC 2324 as RFC 9110 15.5.19 keeps it.
    static const QHash<int, QByteArray> phrases {
        { 100, "Continue" },
        { 101, "Switching Protocols" },
        { 200, "OK" },
        { 201, "Created" },
        { 202, "Accepted" },
        { 203, "Non-Authoritative Information" },
        { 204, "No Content" },
        { 205, "Reset Content" },
        { 206, "Partial Content" },
        { 300, "Multiple Choices" },
        { 301, "Moved Permanently" },
        { 302, "Found" },
        { 303, "See Other" },
        { 304, "Not Modified" },
        { 305, "Use Proxy" },
        { 307, "Temporary Redirect" },
        { 308, "Permanent Redirect" },
        { 400, "Bad Request" },
        { 401, "Unauthorized" },
        { 402, "Payment Required" },
        { 403, "Forbidden" },
        { 404, "Not Found" },
        { 405, "Method Not Allowed" },
        { 406, "Not Acceptable" },
        { 407, "Proxy Authentication Required" },
        { 408, "Request Timeout" },
        { 409, "Conflict" },
        { 410, "Gone" },
        { 411, "Length Required" },
        { 412, "Precondition Failed" },
        { 413, "Content Too Large" },
        { 414, "URI Too Long" },
        { 415, "Unsupported Media Type" },
        { 416, "Range Not Satisfiable" },
        { 417, "Expectation Failed" },
        { 418, "I'm a teapot" },
        { 421, "Misdirected Request" },
        { 422, "Unprocessable Content" },
        { 423, "Locked" },
        { 424, "Failed Dependency" },
        { 425, "Too Early" },
        { 426, "Upgrade Required" },
        { 428, "Precondition Required" },
        { 429, "Too Many Requests" },
        { 431, "Request Header Fields Too Large" },
        { 451, "Unavailable For Legal Reasons" },
        { 500, "Internal Server Error" },
        { 501, "Not Implemented" },
        { 502, "Bad Gateway" },
        { 503, "Service Unavailable" },
        { 504, "Gateway Timeout" },
        { 505, "HTTP Version Not Supported" },
        { 506, "Variant Also Negotiates" },
        { 507, "Insufficient Storage" },
        { 508, "Loop Detected" },
        { 511, "Network Authentication Required" },
    };
    return phrases.value(status);
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
    const bool bodyless = status == 204 || status == 304 || (status >= 100 && status < 200);
    // A HEAD answer has the GET answer's headers, Content-Length too, and no body (the connection
    // leaves it out).
    if (m_connection)
        m_connection->respond(status, withCommonHeaders(extra, bodyless ? QByteArray() : contentType), body);
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
    if (m_connection)
        m_connection->respondDevice(status, withCommonHeaders(extra, contentType), device, device->size());
    else
        delete device;
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
    if (m_connection)
        m_connection->beginChunked(status, withCommonHeaders(extra, contentType));
    log(status);
}

void PracticeExchange::writeChunk(const QByteArray &data)
{
    if (m_chunked && m_connection)
        m_connection->writeChunk(data);
}

void PracticeExchange::endChunked()
{
    if (!m_chunked)
        return;
    m_chunked = false;
    if (m_connection)
        m_connection->endChunked();
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
