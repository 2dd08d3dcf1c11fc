#include "practice/httpplayground.h"

#include "practice/generatedbytesdevice.h"
#include "practice/generatedjsondevice.h"
#include "practice/jwt.h"
#include "practice/practicedatabase.h"
#include "practice/practiceroutes.h"
#include "util/httpcompression.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

#include <cmath>
#include <functional>

namespace StudyBench {

namespace {

using Method = PracticeExchange::Method;
using H = QHttpHeaders::WellKnownHeader;

const QByteArray kJson = QByteArrayLiteral("application/json");

QString plainDate(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue queryToJson(const QUrlQuery &query)
{
    QJsonObject o;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        const QJsonValue existing = o.value(key);
        if (existing.isUndefined()) {
            o.insert(key, value);
        } else {
            QJsonArray list = existing.isArray() ? existing.toArray() : QJsonArray { existing };
            list.append(value);
            o.insert(key, list);
        }
    }
    return o;
}

// Token characters of RFC 9110, for cookie names.
bool isToken(QStringView s)
{
    if (s.isEmpty() || s.size() > 128)
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u <= 32 || u >= 127 || QStringView(u"()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

QHash<QString, QString> parseCookies(QByteArrayView header)
{
    QHash<QString, QString> cookies;
    for (const QByteArray &part : header.toByteArray().split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0)
            continue;
        cookies.insert(QString::fromUtf8(pair.first(eq).trimmed()),
            QString::fromUtf8(QByteArray::fromPercentEncoding(pair.sliced(eq + 1).trimmed())));
    }
    return cookies;
}

QJsonObject cookiesToJson(const QHash<QString, QString> &cookies)
{
    QJsonObject o;
    for (auto it = cookies.begin(); it != cookies.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

struct MediaRange
{
    QByteArray type;
    double q = 1.0;
};

QList<MediaRange> parseAccept(QByteArrayView header)
{
    QList<MediaRange> ranges;
    for (const QByteArray &item : header.toByteArray().split(',')) {
        const QList<QByteArray> params = item.split(';');
        MediaRange r;
        r.type = params.first().trimmed().toLower();
        if (r.type.isEmpty())
            continue;
        for (qsizetype i = 1; i < params.size(); ++i) {
            const QByteArray p = params.at(i).trimmed();
            if (p.startsWith("q=")) {
                bool ok = false;
                const double q = p.mid(2).toDouble(&ok);
                r.q = ok && q >= 0 && q <= 1 ? q : 0;
            }
        }
        ranges.append(r);
    }
    return ranges;
}

// How well a media range matches a type: 3 exact, 2 type/*, 1 */*, 0 not at all.
int specificity(const QByteArray &range, const QByteArray &type)
{
    if (range == type)
        return 3;
    if (range.endsWith("/*") && type.startsWith(range.first(range.size() - 1)))
        return 2;
    return range == "*/*" ? 1 : 0;
}

QByteArray xmlEscape(const QString &s)
{
    return s.toHtmlEscaped().toUtf8();
}

QList<QByteArray> entityTags(QByteArrayView header)
{
    QList<QByteArray> tags;
    for (const QByteArray &item : header.toByteArray().split(',')) {
        QByteArray t = item.trimmed();
        if (t.startsWith("W/"))
            t = t.mid(2);
        if (!t.isEmpty())
            tags.append(t);
    }
    return tags;
}

} // namespace

HttpPlayground::HttpPlayground(PracticeDatabase &database, QObject *context)
    : m_database(database)
    , m_context(context)
    , m_lastModified(QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), QTimeZone::UTC))
{ }

QByteArray HttpPlayground::httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'").toLatin1();
}

QDateTime HttpPlayground::parseHttpDate(QByteArrayView text)
{
    QDateTime t = QLocale::c().toDateTime(
        QString::fromLatin1(text.trimmed()), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!t.isValid())
        return {};
    return QDateTime(t.date(), t.time(), QTimeZone::UTC);
}

QJsonObject HttpPlayground::echo(const PracticeExchange &ex)
{
    QJsonObject headers;
    for (qsizetype i = 0; i < ex.headers().size(); ++i) {
        const QString name = QString(ex.headers().nameAt(i));
        const QString value = QString::fromLatin1(ex.headers().valueAt(i));
        const QJsonValue existing = headers.value(name);
        headers.insert(
            name, existing.isUndefined() ? value : existing.toString() + QStringLiteral(", ") + value);
    }
    QJsonObject o { { QStringLiteral("method"), QString::fromLatin1(ex.methodName()) },
        { QStringLiteral("path"), ex.path() }, { QStringLiteral("query"), queryToJson(ex.query()) },
        { QStringLiteral("headers"), headers }, { QStringLiteral("origin"), ex.remoteAddress().toString() },
        { QStringLiteral("requestId"), QString::fromLatin1(ex.requestId()) },
        { QStringLiteral("bodyBytes"), ex.body().size() } };
    if (QUtf8StringView(ex.body()).isValidUtf8())
        o.insert(QStringLiteral("body"), QString::fromUtf8(ex.body()));
    else
        o.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(ex.body().toBase64()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(ex.body(), &error);
    if (!ex.body().isEmpty() && error.error == QJsonParseError::NoError)
        o.insert(QStringLiteral("json"), doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    else
        o.insert(QStringLiteral("json"), QJsonValue::Null);
    return o;
}

void HttpPlayground::addRoutes(PracticeRoutes &routes)
{
    const auto member = [this](auto handler) {
        return std::bind_front(handler, this);
    };
    const QByteArray read = QByteArrayLiteral("GET, HEAD");
    routes.add(QStringLiteral("/http"), read, member(&HttpPlayground::index));
    routes.add(QStringLiteral("/http/anything"), member(&HttpPlayground::anything));
    routes.add(QStringLiteral("/http/anything/<arg>"),
        [this](PracticeExchange &ex, const QString &) { anything(ex); });
    routes.add(QStringLiteral("/http/status/<arg>"), member(&HttpPlayground::status));
    routes.add(QStringLiteral("/http/delay/<arg>"), member(&HttpPlayground::delay));
    routes.add(QStringLiteral("/http/redirect/<arg>"),
        [this](PracticeExchange &ex, const QString &n) { redirect(ex, n, false); });
    routes.add(QStringLiteral("/http/absolute-redirect/<arg>"),
        [this](PracticeExchange &ex, const QString &n) { redirect(ex, n, true); });
    routes.add(QStringLiteral("/http/basic-auth/<arg>/<arg>"), member(&HttpPlayground::basicAuth));
    routes.add(QStringLiteral("/http/bearer"), member(&HttpPlayground::bearer));
    routes.add(QStringLiteral("/http/etag/<arg>"), read, member(&HttpPlayground::etag));
    routes.add(QStringLiteral("/http/last-modified"), read, member(&HttpPlayground::lastModified));
    routes.add(QStringLiteral("/http/cache/<arg>"), read, member(&HttpPlayground::cache));
    routes.add(QStringLiteral("/http/no-store"), read, member(&HttpPlayground::noStore));
    routes.add(QStringLiteral("/http/gzip"), read, [this](PracticeExchange &ex) { compressed(ex, true); });
    routes.add(
        QStringLiteral("/http/deflate"), read, [this](PracticeExchange &ex) { compressed(ex, false); });
    routes.add(QStringLiteral("/http/stream/<arg>"), read, member(&HttpPlayground::stream));
    routes.add(QStringLiteral("/http/bytes/<arg>"), read, member(&HttpPlayground::bytes));
    routes.add(QStringLiteral("/http/json"), read, member(&HttpPlayground::json));
    routes.add(QStringLiteral("/http/cookies"), read, member(&HttpPlayground::cookies));
    routes.add(
        QStringLiteral("/http/cookies/set"), read, [this](PracticeExchange &ex) { changeCookies(ex, true); });
    routes.add(QStringLiteral("/http/cookies/delete"), read,
        [this](PracticeExchange &ex) { changeCookies(ex, false); });
    routes.add(QStringLiteral("/http/negotiate"), read, member(&HttpPlayground::negotiate));
    routes.add(QStringLiteral("/http/limited"), member(&HttpPlayground::limited));
    routes.add(QStringLiteral("/http/idempotent"), "GET, HEAD, POST", member(&HttpPlayground::idempotent));
}

void HttpPlayground::index(PracticeExchange &ex)
{
    const auto e = [](const char *method, const char *path, const QString &what) {
        return QJsonObject { { QStringLiteral("method"), QLatin1StringView(method) },
            { QStringLiteral("path"), QLatin1StringView(path) }, { QStringLiteral("description"), what } };
    };
    const QJsonArray endpoints {
        e("ANY", "/http/anything", tr("Echoes the method, headers, query and body as JSON.")),
        e("ANY", "/http/status/{code}", tr("Answers with that status code (200-599).")),
        e("ANY", "/http/delay/{seconds}",
            tr("Answers after that many seconds, at most %1.").arg(kMaxDelaySeconds)),
        e("GET", "/http/redirect/{n}", tr("Redirects n times with relative Location headers.")),
        e("GET", "/http/absolute-redirect/{n}", tr("Redirects n times with absolute Location headers.")),
        e("GET", "/http/basic-auth/{user}/{password}",
            tr("Requires HTTP Basic authentication with those credentials.")),
        e("GET", "/http/bearer", tr("Requires an Authorization: Bearer token.")),
        e("GET", "/http/etag/{etag}", tr("Has that ETag; If-None-Match gives 304, a failing If-Match 412.")),
        e("GET", "/http/last-modified", tr("Has a Last-Modified date; If-Modified-Since gives 304.")),
        e("GET", "/http/cache/{seconds}", tr("Cacheable for that many seconds (Cache-Control: max-age).")),
        e("GET", "/http/no-store", tr("Must not be stored by any cache.")),
        e("GET", "/http/gzip", tr("A gzip-encoded echo.")),
        e("GET", "/http/deflate", tr("A deflate-encoded echo.")),
        e("GET", "/http/stream/{n}", tr("n JSON lines, chunked (at most %1).").arg(kMaxStreamLines)),
        e("GET", "/http/bytes/{n}", tr("n generated bytes (up to 1 GiB), streamed; ?seed= picks them.")),
        e("GET", "/http/json?size={bytes}", tr("A JSON document of about that size (up to 10 MiB).")),
        e("GET", "/http/cookies", tr("The cookies the request sent.")),
        e("GET", "/http/cookies/set?{name}={value}", tr("Sets cookies.")),
        e("GET", "/http/cookies/delete?{name}", tr("Deletes cookies.")),
        e("GET", "/http/negotiate", tr("JSON or XML by the Accept header; 406 for anything else.")),
        e("GET", "/http/limited",
            tr("Rate limited: %1 requests, one more each second; then 429.").arg(kRateLimit)),
        e("POST", "/http/idempotent", tr("Creates an order once per Idempotency-Key; GET lists the orders.")),
    };
    ex.sendJson(200, QJsonObject { { QStringLiteral("endpoints"), endpoints } });
}

void HttpPlayground::anything(PracticeExchange &ex)
{
    ex.sendJson(200, echo(ex));
}

void HttpPlayground::status(PracticeExchange &ex, const QString &codeText)
{
    const auto code = PracticeExchange::parseInteger(codeText, 200, 599);
    if (!code)
        return ex.sendError(
            400, tr("'%1' is not a status code this endpoint sends; use 200 to 599.").arg(codeText));
    const int status = int(*code);
    QHttpHeaders h;
    if (status == 401)
        h.append(H::WWWAuthenticate, "Basic realm=\"StudyBench practice\"");
    else if (status == 407)
        h.append(H::ProxyAuthenticate, "Basic realm=\"StudyBench practice\"");
    else if (status == 405)
        h.append(H::Allow, "GET, HEAD");
    else if (status == 429 || status == 503)
        h.append(H::RetryAfter, "1");
    else if (status >= 300 && status < 400 && status != 304)
        h.append(H::Location, "/http/anything");
    if (status == 204 || status == 304)
        return ex.sendEmpty(status, h);
    ex.sendJson(status,
        QJsonObject { { QStringLiteral("status"), status },
            { QStringLiteral("reason"), QString::fromLatin1(PracticeExchange::reasonPhrase(status)) } },
        h);
}

void HttpPlayground::delay(const PracticeExchange::Ptr &ex, const QString &secondsText)
{
    bool ok = false;
    const double seconds = secondsText.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0)
        return ex->sendError(400, tr("'%1' is not a number of seconds.").arg(secondsText));
    const double capped = std::min<double>(seconds, kMaxDelaySeconds);
    // A timer, not a sleep: other requests go on meanwhile. The timer belongs to the holder of the
    // exchange, and both to the server's context, so stopping the server ends them.
    auto *pending = new PendingExchange(ex, m_context);
    auto *timer = new QTimer(pending);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    QObject::connect(timer, &QTimer::timeout, pending, [pending, capped] {
        if (const auto exchange = pending->take()) {
            QJsonObject o = echo(*exchange);
            o.insert(QStringLiteral("delay"), capped);
            exchange->sendJson(200, o);
        }
    });
    timer->start(std::chrono::milliseconds(qRound64(capped * 1000)));
}

void HttpPlayground::redirect(PracticeExchange &ex, const QString &countText, bool absolute)
{
    const auto n = PracticeExchange::parseInteger(countText, 1, kMaxRedirects);
    if (!n)
        return ex.sendError(
            400, tr("Redirect between 1 and %1 times, not '%2'.").arg(kMaxRedirects).arg(countText));
    QByteArray location = *n > 1
        ? (absolute ? "/http/absolute-redirect/" : "/http/redirect/") + QByteArray::number(*n - 1)
        : QByteArray("/http/anything");
    if (absolute)
        location = "http://" + ex.header("host") + location;
    QHttpHeaders h;
    h.append(H::Location, location);
    ex.sendJson(302, QJsonObject { { QStringLiteral("location"), QString::fromLatin1(location) } }, h);
}

void HttpPlayground::basicAuth(PracticeExchange &ex, const QString &user, const QString &password)
{
    const QByteArray expected = (user + QLatin1Char(':') + password).toUtf8();
    const QByteArray credentials = ex.credentials("Basic");
    bool ok = false;
    if (!credentials.isEmpty()) {
        const auto decoded
            = QByteArray::fromBase64Encoding(credentials, QByteArray::AbortOnBase64DecodingErrors);
        ok = decoded && constantTimeEquals(decoded.decoded, expected);
    }
    if (!ok) {
        QHttpHeaders h;
        h.append(H::WWWAuthenticate, "Basic realm=\"StudyBench practice\", charset=\"UTF-8\"");
        return ex.sendError(
            401, tr("Send Authorization: Basic with base64 of '%1:<password>'.").arg(user), h);
    }
    ex.sendJson(
        200, QJsonObject { { QStringLiteral("authenticated"), true }, { QStringLiteral("user"), user } });
}

void HttpPlayground::bearer(PracticeExchange &ex)
{
    QHttpHeaders h;
    if (ex.header("authorization").isEmpty()) {
        h.append(H::WWWAuthenticate, "Bearer realm=\"StudyBench practice\"");
        return ex.sendError(401, tr("Send Authorization: Bearer <token>."), h);
    }
    const QByteArray token = ex.credentials("Bearer");
    static const QByteArray token68
        = QByteArrayLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=");
    const bool wellFormed = !token.isEmpty()
        && std::all_of(token.begin(), token.end(), [](char c) { return token68.contains(c); });
    if (!wellFormed) {
        h.append(H::WWWAuthenticate, "Bearer realm=\"StudyBench practice\", error=\"invalid_token\"");
        return ex.sendError(401, tr("The Authorization header is not 'Bearer <token>'."), h);
    }
    ex.sendJson(200,
        QJsonObject { { QStringLiteral("authenticated"), true },
            { QStringLiteral("token"), QString::fromLatin1(token) } });
}

void HttpPlayground::etag(PracticeExchange &ex, const QString &tag)
{
    const QByteArray raw = tag.toUtf8();
    const bool valid = !raw.isEmpty() && raw.size() <= 128
        && std::all_of(raw.begin(), raw.end(), [](char c) { return c > 0x20 && c < 0x7f && c != '"'; });
    if (!valid)
        return ex.sendError(400, tr("An entity tag is visible ASCII without quotes."));
    const QByteArray quoted = '"' + raw + '"';
    QHttpHeaders h;
    h.append(H::ETag, quoted);
    h.append(H::CacheControl, "no-cache");
    const QByteArray ifMatch = ex.header("if-match");
    if (!ifMatch.isEmpty() && ifMatch.trimmed() != "*") {
        const QList<QByteArray> tags = entityTags(ifMatch);
        // If-Match uses the strong comparison: a weak tag never matches.
        const bool strongMatch = std::any_of(tags.begin(), tags.end(), [&](const QByteArray &t) {
            return t == quoted;
        }) && !ifMatch.contains(QByteArray("W/" + quoted));
        if (!strongMatch)
            return ex.sendError(412,
                tr("If-Match does not name the current entity tag %1.").arg(QString::fromLatin1(quoted)), h);
    }
    const QByteArray ifNoneMatch = ex.header("if-none-match");
    if (!ifNoneMatch.isEmpty()) {
        const QList<QByteArray> tags = entityTags(ifNoneMatch);
        if (ifNoneMatch.trimmed() == "*" || tags.contains(quoted))
            return ex.sendEmpty(304, h);
    }
    ex.sendJson(200, QJsonObject { { QStringLiteral("etag"), QString::fromLatin1(quoted) } }, h);
}

void HttpPlayground::lastModified(PracticeExchange &ex)
{
    QHttpHeaders h;
    h.append(H::LastModified, httpDate(m_lastModified));
    h.append(H::CacheControl, "no-cache");
    const QByteArray since = ex.header("if-modified-since");
    if (!since.isEmpty() && !ex.hasHeader("if-none-match")) {
        const QDateTime t = parseHttpDate(since);
        if (t.isValid() && m_lastModified <= t)
            return ex.sendEmpty(304, h);
    }
    ex.sendJson(200,
        QJsonObject { { QStringLiteral("lastModified"), QString::fromLatin1(httpDate(m_lastModified)) } }, h);
}

void HttpPlayground::cache(PracticeExchange &ex, const QString &secondsText)
{
    const auto seconds = PracticeExchange::parseInteger(secondsText, 0, 31536000);
    if (!seconds)
        return ex.sendError(400, tr("max-age is 0 to 31536000 seconds, not '%1'.").arg(secondsText));
    QHttpHeaders h;
    h.append(H::CacheControl, "public, max-age=" + QByteArray::number(*seconds));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    h.append(H::LastModified, httpDate(now));
    ex.sendJson(200,
        QJsonObject { { QStringLiteral("maxAge"), *seconds },
            { QStringLiteral("generatedAt"), plainDate(now) },
            { QStringLiteral("random"), qint64(QRandomGenerator::global()->bounded(1000000)) } },
        h);
}

void HttpPlayground::noStore(PracticeExchange &ex)
{
    QHttpHeaders h;
    h.append(H::CacheControl, "no-store");
    ex.sendJson(200,
        QJsonObject { { QStringLiteral("generatedAt"), plainDate(QDateTime::currentDateTimeUtc()) },
            { QStringLiteral("random"), qint64(QRandomGenerator::global()->bounded(1000000)) } },
        h);
}

void HttpPlayground::compressed(PracticeExchange &ex, bool gzip)
{
    QJsonObject o = echo(ex);
    o.insert(gzip ? QStringLiteral("gzipped") : QStringLiteral("deflated"), true);
    const QByteArray plain = QJsonDocument(o).toJson(QJsonDocument::Indented);
    QHttpHeaders h;
    h.append(H::ContentEncoding, gzip ? "gzip" : "deflate");
    h.append(H::Vary, "Accept-Encoding");
    ex.send(200, gzip ? HttpCompression::gzip(plain) : HttpCompression::deflate(plain), kJson, h);
}

void HttpPlayground::stream(PracticeExchange &ex, const QString &countText)
{
    const auto n = PracticeExchange::parseInteger(countText, 1, kMaxStreamLines);
    if (!n)
        return ex.sendError(400, tr("Stream 1 to %1 lines, not '%2'.").arg(kMaxStreamLines).arg(countText));
    ex.beginChunked(200, QByteArrayLiteral("application/x-ndjson"));
    for (qint64 i = 0; i < *n; ++i) {
        const QJsonObject line { { QStringLiteral("id"), i }, { QStringLiteral("of"), *n },
            { QStringLiteral("requestId"), QString::fromLatin1(ex.requestId()) },
            { QStringLiteral("time"), plainDate(QDateTime::currentDateTimeUtc()) } };
        ex.writeChunk(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    ex.endChunked();
}

void HttpPlayground::bytes(PracticeExchange &ex, const QString &countText)
{
    const auto n = PracticeExchange::parseInteger(countText, 0, kMaxBytes);
    if (!n)
        return ex.sendError(400, tr("Ask for 0 to %1 bytes, not '%2'.").arg(kMaxBytes).arg(countText));
    bool ok = false;
    const QString seedText = ex.queryValue(QStringLiteral("seed"));
    const quint32 seed = seedText.isEmpty() ? 0 : seedText.toUInt(&ok);
    if (!seedText.isEmpty() && !ok)
        return ex.sendError(400, tr("The seed is a number from 0 to 4294967295."));
    auto *device = new GeneratedBytesDevice(*n, seed);
    device->open(QIODevice::ReadOnly);
    ex.sendDevice(200, device, QByteArrayLiteral("application/octet-stream"));
}

void HttpPlayground::json(PracticeExchange &ex)
{
    const auto size = ex.queryInteger(QStringLiteral("size"), 10 * 1024, 0, kMaxJsonBytes);
    if (!size)
        return ex.sendError(400,
            tr("size is 0 to %1 bytes, not '%2'.")
                .arg(kMaxJsonBytes)
                .arg(ex.queryValue(QStringLiteral("size"))));
    // Made as the client reads it, like /http/bytes: a slow reader holds no more than a little.
    auto *device = new GeneratedJsonDevice(*size);
    device->open(QIODevice::ReadOnly);
    ex.sendDevice(200, device, kJson);
}

void HttpPlayground::cookies(PracticeExchange &ex)
{
    ex.sendJson(
        200, QJsonObject { { QStringLiteral("cookies"), cookiesToJson(parseCookies(ex.header("cookie"))) } });
}

void HttpPlayground::changeCookies(PracticeExchange &ex, bool set)
{
    QHash<QString, QString> cookies = parseCookies(ex.header("cookie"));
    QHttpHeaders h;
    const auto items = ex.query().queryItems(QUrl::FullyDecoded);
    if (items.isEmpty())
        return ex.sendError(400,
            set ? tr("Name the cookies to set in the query: /http/cookies/set?name=value.")
                : tr("Name the cookies to delete in the query: /http/cookies/delete?name."));
    for (const auto &[name, value] : items) {
        if (!isToken(name))
            return ex.sendError(400, tr("'%1' is not a valid cookie name.").arg(name));
        if (set) {
            h.append(H::SetCookie,
                name.toLatin1() + '=' + value.toUtf8().toPercentEncoding()
                    + "; Path=/; HttpOnly; SameSite=Lax");
            cookies.insert(name, value);
        } else {
            h.append(H::SetCookie,
                name.toLatin1() + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            cookies.remove(name);
        }
    }
    ex.sendJson(200, QJsonObject { { QStringLiteral("cookies"), cookiesToJson(cookies) } }, h);
}

void HttpPlayground::negotiate(PracticeExchange &ex)
{
    static const QList<QByteArray> available { QByteArrayLiteral("application/json"),
        QByteArrayLiteral("application/xml"), QByteArrayLiteral("text/xml") };
    const QByteArray accept = ex.header("accept");
    QByteArray chosen;
    if (accept.trimmed().isEmpty()) {
        chosen = available.first();
    } else {
        const QList<MediaRange> ranges = parseAccept(accept);
        double bestQ = 0;
        for (const QByteArray &type : available) {
            // The most specific range that matches decides the type's quality.
            int bestSpecificity = 0;
            double q = 0;
            for (const MediaRange &r : ranges) {
                const int s = specificity(r.type, type);
                if (s > bestSpecificity) {
                    bestSpecificity = s;
                    q = r.q;
                }
            }
            if (q > bestQ) {
                bestQ = q;
                chosen = type;
            }
        }
    }
    QHttpHeaders h;
    h.append(H::Vary, "Accept");
    if (chosen.isEmpty()) {
        QJsonArray types;
        for (const QByteArray &t : available)
            types.append(QString::fromLatin1(t));
        return ex.sendJson(406,
            QJsonObject { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("status"), 406 },
                    { QStringLiteral("message"),
                        tr("Nothing here matches Accept: %1.").arg(QString::fromLatin1(accept)) },
                    { QStringLiteral("available"), types } } } },
            h);
    }
    const QString message = tr("Hello from the practice server.");
    if (chosen == "application/json")
        return ex.sendJson(200,
            QJsonObject { { QStringLiteral("format"), QStringLiteral("json") },
                { QStringLiteral("message"), message } },
            h);
    ex.send(200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<greeting format=\"xml\"><message>" + xmlEscape(message)
            + "</message></greeting>\n",
        chosen + "; charset=utf-8", h);
}

void HttpPlayground::limited(PracticeExchange &ex)
{
    const QString key = ex.remoteAddress().toString();
    std::shared_ptr<TokenBucket> &bucket = m_buckets[key];
    if (!bucket)
        bucket = std::make_shared<TokenBucket>(kRateLimit, kRateRefillPerSecond);
    const bool allowed = bucket->tryTake();
    const auto ceilSeconds = [](qint64 ms) {
        return QByteArray::number((ms + 999) / 1000);
    };
    QHttpHeaders h;
    h.append(QAnyStringView("ratelimit-limit"), QByteArray::number(bucket->capacity()));
    h.append(QAnyStringView("ratelimit-remaining"), QByteArray::number(bucket->remaining()));
    h.append(QAnyStringView("ratelimit-reset"), ceilSeconds(bucket->msUntilFull()));
    if (!allowed) {
        const qint64 wait = std::max<qint64>(1000, bucket->msUntilNextToken());
        h.append(H::RetryAfter, ceilSeconds(wait));
        return ex.sendError(429,
            tr("Too many requests: %1 are allowed, and one more each second. Retry after %2 s.")
                .arg(kRateLimit)
                .arg((wait + 999) / 1000),
            h);
    }
    ex.sendJson(200,
        QJsonObject {
            { QStringLiteral("allowed"), true }, { QStringLiteral("remaining"), bucket->remaining() } },
        h);
}

namespace {

QJsonObject orderJson(const QSqlQuery &row)
{
    return QJsonObject { { QStringLiteral("id"), row.value(0).toLongLong() },
        { QStringLiteral("item"), row.value(1).toString() },
        { QStringLiteral("quantity"), row.value(2).toInt() },
        { QStringLiteral("createdAt"),
            plainDate(QDateTime::fromMSecsSinceEpoch(row.value(3).toLongLong(), QTimeZone::UTC)) } };
}

/// GET /http/idempotent: every order placed so far.
void listOrders(QSqlQuery &q, PracticeExchange &ex)
{
    if (!q.exec(QStringLiteral("SELECT id, item, quantity, created_at FROM practice_order ORDER BY id")))
        return ex.sendError(500, q.lastError().text());
    QJsonArray orders;
    while (q.next())
        orders.append(orderJson(q));
    ex.sendJson(200,
        QJsonObject { { QStringLiteral("orders"), orders }, { QStringLiteral("count"), orders.size() } });
}

bool isValidIdempotencyKey(const QByteArray &key)
{
    return !key.isEmpty() && key.size() <= 255
        && std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

} // namespace

void HttpPlayground::idempotent(PracticeExchange &ex)
{
    QSqlQuery q(m_database.database());
    if (!ex.isMethod(Method::Post))
        return listOrders(q, ex);

    const QByteArray key = ex.header("idempotency-key").trimmed();
    if (!isValidIdempotencyKey(key))
        return ex.sendError(
            400, tr("Send an Idempotency-Key header (1 to 255 visible characters, a UUID for example)."));
    const QByteArray contentType = ex.header("content-type").toLower();
    if (!contentType.startsWith("application/json"))
        return ex.sendError(415, tr("Send the order as Content-Type: application/json."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(ex.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return ex.sendError(400,
            tr("The body is not a JSON object: %1 at offset %2.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    const QString item = doc.object().value(QStringLiteral("item")).toString().trimmed();
    const QJsonValue quantityValue = doc.object().value(QStringLiteral("quantity"));
    const int quantity = quantityValue.isDouble() ? quantityValue.toInt(0) : 0;
    if (item.isEmpty() || item.size() > 200 || quantity < 1 || quantity > 1000)
        return ex.sendError(422, tr("An order is {\"item\": \"a name\", \"quantity\": 1 to 1000}."));

    const QByteArray fingerprint = QCryptographicHash::hash(ex.body(), QCryptographicHash::Sha256);
    if (!PracticeDatabase::run(q,
            QStringLiteral(
                "SELECT fingerprint, status, response, location FROM idempotency_key WHERE key = ?"),
            { QString::fromLatin1(key) }))
        return ex.sendError(500, q.lastError().text());
    if (q.next()) {
        if (q.value(0).toByteArray() != fingerprint)
            return ex.sendError(422,
                tr("This Idempotency-Key was used for a different request body; use a new key for a new "
                   "order."));
        QHttpHeaders h;
        h.append(QAnyStringView("idempotent-replayed"), "true");
        if (!q.value(3).toString().isEmpty())
            h.append(H::Location, q.value(3).toString().toLatin1());
        return ex.send(q.value(1).toInt(), q.value(2).toByteArray(), kJson, h);
    }

    placeOrder(ex, key, fingerprint, item, quantity);
}

void HttpPlayground::placeOrder(PracticeExchange &ex, const QByteArray &key, const QByteArray &fingerprint,
    const QString &item, int quantity)
{
    QSqlQuery q(m_database.database());
    if (!m_database.transaction())
        return ex.sendError(500, m_database.errorString());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!PracticeDatabase::run(q,
            QStringLiteral("INSERT INTO practice_order (item, quantity, created_at) VALUES (?, ?, ?)"),
            { item, quantity, now })) {
        m_database.rollback();
        return ex.sendError(500, q.lastError().text());
    }
    const qint64 id = q.lastInsertId().toLongLong();
    const QJsonObject order { { QStringLiteral("id"), id }, { QStringLiteral("item"), item },
        { QStringLiteral("quantity"), quantity },
        { QStringLiteral("createdAt"), plainDate(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::UTC)) } };
    const QByteArray response
        = QJsonDocument(QJsonObject { { QStringLiteral("order"), order } }).toJson(QJsonDocument::Compact);
    const QString location = QStringLiteral("/http/idempotent?id=%1").arg(id);
    if (!PracticeDatabase::run(q,
            QStringLiteral(
                "INSERT INTO idempotency_key (key, fingerprint, status, response, location, created_at)"
                " VALUES (?, ?, 201, ?, ?, ?)"),
            { QString::fromLatin1(key), fingerprint, response, location, now })
        || !m_database.commit()) {
        m_database.rollback();
        return ex.sendError(500, q.lastError().text());
    }
    QHttpHeaders h;
    h.append(H::Location, location.toLatin1());
    ex.send(201, response, kJson, h);
}

} // namespace StudyBench
