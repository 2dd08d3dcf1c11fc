#include "httpclient/httpengine.h"

#include "httpclient/http1client.h"
#include "httpclient/requestbuilder.h"
#include "httpclient/responsespool.h"
#include "util/httpcompression.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHttpHeaders>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSet>
#include <QTemporaryFile>
#include <QThread>
#include <QTimer>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#endif

namespace StudyBench {

struct HttpEngine::Transfer
{
    quint64 id = 0;
    QString scope;
    QPointer<QNetworkReply> reply;
    QPointer<Http1Exchange> exchange;
    HttpRequest request; ///< the current hop: redirects change its URL, method and body
    HttpResponse response;
    QElapsedTimer timer;
    bool userCancelled = false;
    bool tooLarge = false;
    bool writeFailed = false;
    bool redirectLoop = false;
    bool policyRefused = false; ///< a redirect the HttpPolicy refused ended the transfer
    bool loopStopped = false; ///< a redirect loop was stopped before the redirect limit
    bool deadlineHit = false; ///< stopped at request.maxTimeMs
    bool connectTimedOut = false; ///< QNetworkAccessManager did not connect within request.connectTimeoutMs
    bool following = false; ///< the current http:// response is a redirect being followed
    int redirects = 0;
    qint64 hopStartedMs = 0; ///< when the current http:// hop started, on timer
    QHash<QUrl, int> visits; ///< how often each URL was requested, the first included
    QUrl loopTarget; ///< where a redirect loop stopped by loopStopped went
    QTimer *deadline = nullptr; ///< owned by the engine
    QTimer *connectTimer = nullptr; ///< for QNetworkAccessManager, which has no connect timeout
    QStringList sslErrors;
    std::unique_ptr<HttpCompression::ContentDecoder> decoder;
    QString decodeError;
};

namespace {

constexpr qint64 kReadChunk = 256 * 1024;
constexpr qint64 kReadBuffer = 1024 * 1024;
constexpr qint64 kScanInline = 4 * 1024 * 1024; ///< larger text bodies are checked for UTF-8 on a thread
/// Requesting a URL this often in one chain of redirects is a loop, whatever the redirect limit. Twice
/// can be legitimate (a login round trip that comes back with a cookie); three times is not.
constexpr int kLoopVisits = 3;

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool isHttpStatusError(QNetworkReply::NetworkError e)
{
    return (e >= QNetworkReply::ContentAccessDenied && e <= QNetworkReply::UnknownContentError)
        || (e >= QNetworkReply::InternalServerError && e <= QNetworkReply::UnknownServerError)
        || e == QNetworkReply::ProtocolInvalidOperationError;
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port(0) == b.port(0);
}

QString redirectLoopMessage(const QUrl &target, int times)
{
    return HttpEngine::tr("Redirect loop: the server keeps redirecting to URLs it already redirected to "
                          "(%1 came up %2 times); following it further would never end.")
        .arg(target.toString(), QString::number(times));
}

QString hostText(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

void dropTimer(QTimer *&timer)
{
    if (!timer)
        return;
    timer->stop();
    timer->deleteLater(); // it may be the sender of the signal that ends the transfer
    timer = nullptr;
}

QString insecureRedirectMessage()
{
    return HttpEngine::tr("Refused to follow a redirect from HTTPS to HTTP.");
}

/// Why @p name: @p value cannot go on the wire, or an empty string.
QString headerProblem(const QString &name, const QString &value)
{
    static const QString tokenChars = QStringLiteral("!#$%&'*+-.^_`|~");
    bool token = !name.isEmpty();
    for (QChar c : name)
        token = token && c.unicode() < 0x7f && (c.isLetterOrNumber() || tokenChars.contains(c));
    if (!token)
        return HttpEngine::tr("'%1' is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~.")
            .arg(name);
    for (QChar c : value) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QChar(0))
            return HttpEngine::tr("The value of header '%1' contains a line break or NUL, which would end "
                                  "the header early.")
                .arg(name);
    }
    return {};
}

// The request's headers as QNetworkRequest takes them: repeated names joined with ", ", in the order
// of their first appearance; Accept-Encoding left to Qt (which decodes what it asks for) unless it
// is "identity".
void setRawHeaders(QNetworkRequest &nr, const HttpHeaders &headers)
{
    QHash<QByteArray, QByteArray> joined;
    QList<QByteArray> order;
    for (const HttpHeader &h : headers) {
        const QByteArray name = h.name.toLatin1();
        if (name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0
            && h.value.compare(QLatin1StringView("identity"), Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray key = name.toLower();
        if (!joined.contains(key)) {
            order.append(name);
            joined.insert(key, h.value.toUtf8());
        } else {
            joined[key] += ", " + h.value.toUtf8();
        }
    }
    for (const QByteArray &name : std::as_const(order))
        nr.setRawHeader(name, joined.value(name.toLower()));
    if (!joined.contains("user-agent"))
        nr.setRawHeader("User-Agent", "StudyBench/" STUDYBENCH_VERSION);
}

// @p request as QNetworkAccessManager sends it, @p redirects hops into the transfer.
QNetworkRequest networkRequest(const HttpRequest &request, int redirects, bool loopbackOnly)
{
    const QUrl url(request.url);
    QNetworkRequest nr(url);
    setRawHeaders(nr, request.headers);
    nr.setTransferTimeout(std::chrono::milliseconds(qMax(0, request.timeoutMs)));
    // Under a loopback-only policy every redirect is checked before it is followed (redirected()).
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
        !request.followRedirects ? QNetworkRequest::ManualRedirectPolicy
            : loopbackOnly       ? QNetworkRequest::UserVerifiedRedirectPolicy
                                 : QNetworkRequest::NoLessSafeRedirectPolicy);
    nr.setMaximumRedirectsAllowed(qMax(0, request.maxRedirects - redirects));
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    nr.setDecompressedSafetyCheckThreshold(-1); // our own cap, maxBodyBytes, applies instead
    if (!request.useCookieJar) {
        nr.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        nr.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    }
#if QT_CONFIG(ssl)
    if (!request.verifyTls && url.scheme().toLower() == QLatin1StringView("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        nr.setSslConfiguration(ssl);
    }
#endif
    return nr;
}

} // namespace

HttpEngine::HttpEngine(QObject *parent)
    : QObject(parent)
    , m_http1(new Http1Connections(this))
{ }

HttpEngine::~HttpEngine()
{
    for (QThread *scan : std::as_const(m_scans)) {
        scan->disconnect(this);
        scan->wait();
    }
    const QList<Transfer *> transfers = m_transfers.values();
    m_transfers.clear();
    for (Transfer *t : transfers) {
        if (t->reply) {
            t->reply->disconnect(this);
            t->reply->abort();
            t->reply->deleteLater();
        }
        if (t->exchange) {
            t->exchange->onFinished = nullptr;
            t->exchange->onHeaders = nullptr;
            t->exchange->onBody = nullptr;
            t->exchange->onProgress = nullptr;
            delete t->exchange;
        }
        delete t;
    }
}

HttpEngine::Scope &HttpEngine::scope(const QString &name)
{
    Scope &s = m_scopes[name];
    if (!s.cookies) {
        s.cookies = new QNetworkCookieJar(this);
        for (QNetworkAccessManager **nam : { &s.verifying, &s.insecure }) {
            *nam = new QNetworkAccessManager(this);
            (*nam)->setAutoDeleteReplies(false);
            (*nam)->setCookieJar(s.cookies);
        }
        s.cookies->setParent(this); // shared: owned by the engine, not by either manager
    }
    return s;
}

QNetworkAccessManager *HttpEngine::manager(const QString &scopeName, bool verifyTls)
{
    Scope &s = scope(scopeName);
    return verifyTls ? s.verifying : s.insecure;
}

QNetworkCookieJar *HttpEngine::cookieJar(const QString &scopeName)
{
    return scope(scopeName).cookies;
}

void HttpEngine::clearCookies(const QString &scopeName)
{
    Scope &s = scope(scopeName);
    QNetworkCookieJar *old = s.cookies;
    s.cookies = new QNetworkCookieJar(this);
    s.verifying->setCookieJar(s.cookies);
    s.insecure->setCookieJar(s.cookies);
    s.cookies->setParent(this);
    delete old;
}

bool HttpEngine::isRunning(quint64 id) const
{
    return m_transfers.contains(id);
}

void HttpEngine::finishEarly(quint64 id, HttpResponse response)
{
    response.timings.totalMs = 0;
    QTimer::singleShot(0, this, [this, id, response] { Q_EMIT finished(id, response); });
}

quint64 HttpEngine::send(const HttpRequest &request, const QString &cookieScope)
{
    const quint64 id = m_nextId++;
    const QUrl url(request.url, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    auto invalid = [&](const QString &message) {
        HttpResponse r;
        r.error = HttpErrorKind::InvalidRequest;
        r.errorString = message;
        finishEarly(id, r);
        return id;
    };
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https"))) {
        return invalid(!url.isValid()
                ? tr("'%1' is not a valid URL: %2").arg(request.url, url.errorString())
                : tr("'%1' is not an http:// or https:// URL with a host.").arg(request.url));
    }
    if (request.method.isEmpty() || headerProblem(request.method, {}).size() > 0)
        return invalid(tr("'%1' is not a valid HTTP method.").arg(request.method));
    for (const HttpHeader &h : request.headers) {
        if (const QString problem = headerProblem(h.name, h.value); !problem.isEmpty())
            return invalid(problem);
    }
    if (const QString refused = m_policy.refusal(url, request.verifyTls); !refused.isEmpty())
        return invalid(refused);

    const ResponseSpool &spool = ResponseSpool::instance();
    auto body = std::make_shared<QTemporaryFile>(
        QDir(spool.path()).filePath(QStringLiteral("response-XXXXXX.body")));
    if (!spool.isValid() || !body->open()) {
        HttpResponse r;
        r.error = HttpErrorKind::Io;
        r.errorString = tr("Cannot create a file for the response body: %1")
                            .arg(spool.isValid() ? body->errorString() : spool.errorString());
        finishEarly(id, r);
        return id;
    }

    auto *t = new Transfer;
    t->id = id;
    t->scope = cookieScope;
    t->request = request;
    t->request.url = url.toString(QUrl::FullyEncoded);
    t->response.bodyFile = body;
    t->visits.insert(url, 1);
    t->timer.start();
    m_transfers.insert(id, t);
    if (request.maxTimeMs > 0) {
        t->deadline = new QTimer(this);
        t->deadline->setSingleShot(true);
        connect(t->deadline, &QTimer::timeout, this, [this, t] { stopTransfer(t, t->deadlineHit); });
        t->deadline->start(request.maxTimeMs);
    }
    startHop(t);
    return id;
}

void HttpEngine::stopTransfer(Transfer *t, bool &reason)
{
    reason = true;
    if (t->reply)
        t->reply->abort(); // finishes, and may delete t, at once
    else if (t->exchange)
        t->exchange->abort();
}

void HttpEngine::startHop(Transfer *t)
{
    const QString scheme = QUrl(t->request.url).scheme().toLower();
    if (scheme == QLatin1StringView("http") || t->request.httpVersion == QLatin1StringView("HTTP/1.1"))
        startExchange(t);
    else
        startReply(t);
}

void HttpEngine::startReply(Transfer *t)
{
    const HttpRequest &request = t->request;
    const QNetworkRequest nr = networkRequest(request, t->redirects, m_policy.loopbackOnly);
    QNetworkAccessManager *nam = manager(t->scope, request.verifyTls);
    QNetworkReply *reply = nullptr;
    const QByteArray verb = request.method.toLatin1();
    if (verb == "HEAD" && request.body.isEmpty())
        reply = nam->head(nr);
    else if (verb == "GET" && request.body.isEmpty())
        reply = nam->get(nr);
    else
        reply = nam->sendCustomRequest(nr, verb, request.body);
    reply->setReadBufferSize(kReadBuffer);
    t->reply = reply;
    watchReply(t, reply);
}

void HttpEngine::watchReply(Transfer *t, QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::metaDataChanged, this, [t] {
        if (t->response.timings.firstByteMs < 0)
            t->response.timings.firstByteMs = t->timer.elapsed();
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, t] { onReadyRead(t); });
    connect(reply, &QNetworkReply::downloadProgress, this,
        [this, id = t->id](qint64 received, qint64 total) { Q_EMIT progress(id, received, total); });
    connect(reply, &QNetworkReply::redirected, this,
        [this, t](const QUrl &target) { onReplyRedirected(t, target); });
    watchConnectPhase(t, reply);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [t](const QList<QSslError> &errors) {
        if (!t->request.verifyTls) {
            t->reply->ignoreSslErrors();
            return;
        }
        for (const QSslError &e : errors)
            t->sslErrors.append(e.errorString());
    });
#endif
    connect(reply, &QNetworkReply::finished, this, [this, t] { onReplyFinished(t); });
}

void HttpEngine::onReplyRedirected(Transfer *t, const QUrl &target)
{
    const int visits = ++t->visits[target];
    t->redirectLoop = t->redirectLoop || visits > 1;
    if (visits >= kLoopVisits && !t->loopStopped) {
        t->loopStopped = true;
        t->loopTarget = target;
        // Not from within the signal: the reply goes on to follow the redirect after it.
        QTimer::singleShot(0, this, [reply = t->reply] {
            if (reply)
                reply->abort();
        });
    }
    if (!m_policy.loopbackOnly)
        return;
    const bool downgrade = QUrl(t->request.url).scheme() == QLatin1StringView("https")
        && target.scheme() == QLatin1StringView("http");
    const QString refused
        = downgrade ? insecureRedirectMessage() : m_policy.refusal(target, t->request.verifyTls);
    if (refused.isEmpty()) {
        t->reply->redirectAllowed();
        return;
    }
    t->response.error = HttpErrorKind::InvalidRequest;
    t->response.errorString = tr("The server redirected to '%1': %2").arg(target.toString(), refused);
    t->policyRefused = true;
    t->reply->abort();
}

void HttpEngine::watchConnectPhase(Transfer *t, QNetworkReply *reply)
{
    dropTimer(t->connectTimer);
    if (t->request.connectTimeoutMs <= 0)
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, t] { stopTransfer(t, t->connectTimedOut); });
    // The connection is up once the request goes out (or, for TLS, once it is encrypted).
    using Signal = void (QNetworkReply::*)();
    for (Signal s : { Signal(&QNetworkReply::requestSent), Signal(&QNetworkReply::metaDataChanged)
#if QT_CONFIG(ssl)
                                                               ,
             Signal(&QNetworkReply::encrypted)
#endif
         })
        connect(reply, s, timer, &QTimer::stop);
    t->connectTimer = timer;
    timer->start(t->request.connectTimeoutMs);
}

void HttpEngine::startExchange(Transfer *t)
{
    const HttpRequest &request = t->request;
    const QUrl url(request.url);
    if (request.httpVersion == QLatin1StringView("HTTP/2") && url.scheme() == QLatin1StringView("http"))
        t->response.warnings.append(
            tr("HTTP/2 without TLS (h2c) is not supported; the request was sent as HTTP/1.1."));
    Http1Exchange::Request wire;
    wire.url = url;
    wire.method = request.method.toLatin1();
    wire.body = request.body;
    wire.timeoutMs = qMax(0, request.timeoutMs);
    wire.connectTimeoutMs = qMax(0, request.connectTimeoutMs);
    wire.verifyTls = request.verifyTls;

    // Fields of one name are joined into one line, in the order of their first appearance.
    QList<QByteArray> order;
    QHash<QByteArray, QByteArray> joined;
    auto add = [&](const QByteArray &name, const QByteArray &value) {
        const QByteArray key = name.toLower();
        if (!joined.contains(key)) {
            order.append(name);
            joined.insert(key, value);
        } else {
            joined[key] += (key == "cookie" ? "; " : ", ") + value;
        }
    };
    for (const HttpHeader &h : request.headers) {
        const QByteArray name = h.name.toLatin1();
        const QByteArray key = name.toLower();
        if (key == "content-length" || key == "transfer-encoding"
            || (key == "accept-encoding"
                && h.value.compare(QLatin1StringView("identity"), Qt::CaseInsensitive) != 0))
            continue; // the engine frames the body and negotiates the encodings it can decode
        add(name, h.value.toUtf8());
    }
    if (!joined.contains("user-agent"))
        add("User-Agent", "StudyBench/" STUDYBENCH_VERSION);
    if (!joined.contains("accept-encoding"))
        add("Accept-Encoding", "gzip, deflate");
    if (!joined.contains("authorization") && !url.userName().isEmpty()) {
        add("Authorization",
            RequestBuilder::basicAuthorization(url.userName(), url.password(QUrl::FullyDecoded)).toUtf8());
    }
    if (request.useCookieJar) {
        QByteArray cookies;
        for (const QNetworkCookie &c : cookieJar(t->scope)->cookiesForUrl(url))
            cookies += (cookies.isEmpty() ? "" : "; ") + c.toRawForm(QNetworkCookie::NameAndValueOnly);
        if (!cookies.isEmpty())
            add("Cookie", cookies);
    }
    for (const QByteArray &name : std::as_const(order))
        wire.headers.append({ name, joined.value(name.toLower()) });

    t->hopStartedMs = t->timer.elapsed();
    Http1Exchange *x = m_http1->start(wire);
    t->exchange = x;
    t->following = false;
    x->onHeaders = [this, t, x] {
        onExchangeHeaders(t, x);
    };
    x->onBody = [this, t](QByteArrayView bytes) {
        if (t->following)
            return true; // the body of a redirect that is followed goes nowhere
        if (!t->decoder->decode(bytes, [this, t](QByteArrayView decoded) { return writeBody(t, decoded); })) {
            t->decodeError = t->decoder->errorString();
            return false;
        }
        return true;
    };
    x->onProgress = [this, t](qint64 received, qint64 total) {
        if (!t->following)
            Q_EMIT progress(t->id, received, total);
    };
    x->onFinished = [this, t, x] {
        onExchangeFinished(t, x);
    };
}

bool HttpEngine::writeBody(Transfer *t, QByteArrayView bytes)
{
    if (t->response.bodySize + bytes.size() > t->request.maxBodyBytes) {
        t->tooLarge = true;
        return false;
    }
    if (t->response.bodyFile->write(bytes.data(), bytes.size()) != bytes.size()) {
        t->writeFailed = true;
        t->response.errorString
            = tr("Cannot write the response body to %1: %2")
                  .arg(t->response.bodyFile->fileName(), t->response.bodyFile->errorString());
        return false;
    }
    t->response.bodySize += bytes.size();
    return true;
}

void HttpEngine::onReadyRead(Transfer *t)
{
    QNetworkReply *reply = t->reply;
    if (!reply || t->tooLarge || t->writeFailed)
        return;
    if (t->response.timings.firstByteMs < 0)
        t->response.timings.firstByteMs = t->timer.elapsed();
    char buffer[16384];
    while (reply->bytesAvailable() > 0) {
        const qint64 n = reply->read(buffer, qMin<qint64>(sizeof buffer, kReadChunk));
        if (n <= 0)
            break;
        if (!writeBody(t, QByteArrayView(buffer, n))) {
            reply->abort();
            return;
        }
    }
}

void HttpEngine::onExchangeHeaders(Transfer *t, Http1Exchange *x)
{
    const Http1ResponseParser &p = x->parser();
    const QUrl url(t->request.url);
    HttpResponse &r = t->response;
    r.status = p.status();
    r.reason = QString::fromUtf8(p.reason());
    r.httpVersion = p.httpVersion();
    r.finalUrl = t->request.url;
    r.headers.clear();
    for (const auto &[name, value] : p.headers())
        r.headers.append({ QString::fromLatin1(name), QString::fromUtf8(value) });
    if (t->request.useCookieJar) {
        QNetworkCookieJar *jar = cookieJar(t->scope);
        for (const auto &[name, value] : p.headers()) {
            if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
                jar->setCookiesFromUrl(QNetworkCookie::parseCookies(value), url);
        }
    }
    t->following
        = t->request.followRedirects && isRedirectStatus(r.status) && !p.headerValue("Location").isEmpty();
    t->decoder = std::make_unique<HttpCompression::ContentDecoder>(p.headerValue("Content-Encoding"));
    if (!t->following && !t->decoder->isSupported())
        r.warnings.append(tr("The body is encoded with \"%1\", which StudyBench cannot decode; it is kept "
                             "as it arrived.")
                .arg(escapeControls(QString::fromLatin1(p.headerValue("Content-Encoding")))));
}

bool HttpEngine::followRedirect(Transfer *t, const QUrl &target, int status)
{
    HttpRequest &request = t->request;
    const QUrl from(request.url);
    if (!target.isValid()
        || (target.scheme() != QLatin1StringView("http") && target.scheme() != QLatin1StringView("https"))) {
        t->response.error = HttpErrorKind::Protocol;
        t->response.errorString
            = tr("The server redirected to '%1', which is not an http:// or https:// URL.")
                  .arg(target.toString());
        return false;
    }
    if (from.scheme() == QLatin1StringView("https") && target.scheme() == QLatin1StringView("http")) {
        t->response.error = HttpErrorKind::Protocol;
        t->response.errorString = insecureRedirectMessage();
        return false;
    }
    if (const QString refused = m_policy.refusal(target, request.verifyTls); !refused.isEmpty()) {
        t->response.error = HttpErrorKind::InvalidRequest;
        t->response.errorString = tr("The server redirected to '%1': %2").arg(target.toString(), refused);
        return false;
    }
    const int visits = t->visits.value(target) + 1;
    if (visits >= kLoopVisits || (t->redirects >= request.maxRedirects && visits > 1)) {
        t->response.error = HttpErrorKind::RedirectLoop;
        t->response.errorString = redirectLoopMessage(target, visits);
        return false;
    }
    if (t->redirects >= request.maxRedirects) {
        t->response.error = HttpErrorKind::TooManyRedirects;
        t->response.errorString = tr("Too many redirects: more than %1.").arg(request.maxRedirects);
        return false;
    }
    ++t->redirects;
    t->visits.insert(target, visits);
    t->redirectLoop = t->redirectLoop || visits > 1;

    // As browsers and curl do: 303 turns into GET, and so does a POST answered by 301 or 302.
    const bool toGet = (status == 303 && request.method != QLatin1StringView("HEAD"))
        || ((status == 301 || status == 302) && request.method == QLatin1StringView("POST"));
    if (toGet) {
        request.method = QStringLiteral("GET");
        request.body.clear();
        removeHeader(request.headers, u"Content-Type");
    }
    if (!sameOrigin(from, target)) {
        // Credentials are for the origin they were written for.
        removeHeader(request.headers, u"Authorization");
        removeHeader(request.headers, u"Cookie");
    }
    request.url = target.toString(QUrl::FullyEncoded);

    HttpResponse &r = t->response;
    r.status = 0;
    r.reason.clear();
    r.headers.clear();
    r.warnings.clear();
    r.bodySize = 0;
    r.bodyFile->resize(0);
    r.bodyFile->seek(0);
    startHop(t);
    return true;
}

void HttpEngine::onExchangeFinished(Transfer *t, Http1Exchange *x)
{
    t->exchange = nullptr;
    HttpResponse &r = t->response;
    const Http1Exchange::Timings timings = x->timings();
    r.timings.dnsMs = timings.dnsMs;
    r.timings.connectMs = timings.connectMs;
    r.timings.tlsMs = timings.tlsMs;
    r.timings.waitMs = timings.waitMs;
    r.timings.reusedConnection = timings.reusedConnection;
    r.timings.detailed = true;
    if (timings.firstByteMs >= 0)
        r.timings.firstByteMs = t->hopStartedMs + timings.firstByteMs;
    r.warnings.append(x->warnings());

    using E = Http1Exchange::Error;
    const E e = x->error();
    if (stoppedByUs(t)) {
        // r.error says why
    } else if (!t->decodeError.isEmpty()) {
        r.error = HttpErrorKind::Protocol;
        r.errorString = t->decodeError;
    } else {
        switch (e) {
        case E::None:
            if (t->following) {
                const QUrl target
                    = QUrl(t->request.url).resolved(QUrl::fromEncoded(x->parser().headerValue("Location")));
                if (followRedirect(t, target, r.status))
                    return;
            } else if (t->decoder && !t->decoder->finish()) {
                r.error = HttpErrorKind::Protocol;
                r.errorString = t->decoder->errorString();
            }
            break;
        case E::ConnectionRefused:
            r.error = HttpErrorKind::ConnectionRefused;
            break;
        case E::HostNotFound:
            r.error = HttpErrorKind::UnknownHost;
            break;
        case E::Tls:
            r.error = HttpErrorKind::Tls;
            break;
        case E::Timeout:
            r.error = HttpErrorKind::Timeout;
            break;
        case E::Response:
            r.error = x->parser().failure() == Http1ResponseParser::Failure::InvalidChunked
                ? HttpErrorKind::InvalidChunkedEncoding
                : HttpErrorKind::Protocol;
            break;
        case E::Network:
        case E::Aborted:
            r.error = HttpErrorKind::Other;
            break;
        }
        if (e != E::None)
            r.errorString = x->errorString();
    }
    complete(t);
}

bool HttpEngine::stoppedByUs(Transfer *t)
{
    HttpResponse &r = t->response;
    if (t->userCancelled) {
        r.error = HttpErrorKind::Cancelled;
        r.errorString = tr("The request was cancelled.");
    } else if (t->deadlineHit) {
        r.error = HttpErrorKind::Timeout;
        r.errorString = totalTimeoutMessage(t->request.maxTimeMs, r.bodySize);
    } else if (t->connectTimedOut) {
        r.error = HttpErrorKind::Timeout;
        r.errorString = connectTimeoutMessage(hostText(QUrl(t->request.url)), t->request.connectTimeoutMs);
    } else if (t->loopStopped) {
        r.error = HttpErrorKind::RedirectLoop;
        r.errorString = redirectLoopMessage(t->loopTarget, kLoopVisits);
    } else if (t->tooLarge) {
        r.error = HttpErrorKind::BodyTooLarge;
        r.errorString = tr("The response body is larger than the limit of %1 and was not downloaded further "
                           "(a decompression bomb, or a download larger than expected).")
                            .arg(sizeText(t->request.maxBodyBytes));
    } else if (t->writeFailed) {
        r.error = HttpErrorKind::Io;
    } else if (!t->policyRefused) {
        return false;
    }
    return true;
}

void HttpEngine::onReplyFinished(Transfer *t)
{
    if (!m_transfers.contains(t->id))
        return;
    QNetworkReply *reply = t->reply;
    if (!t->tooLarge && !t->writeFailed && !t->userCancelled)
        onReadyRead(t);
    readReplyHead(t->response, reply);
    const QNetworkReply::NetworkError e = reply->error();
    if (stoppedByUs(t)) {
        // t->response.error says why
    } else if (e == QNetworkReply::NoError || (t->response.status > 0 && isHttpStatusError(e))) {
        t->response.error = HttpErrorKind::None;
    } else {
        setReplyError(t, reply);
    }
    checkAnnouncedLength(t, e == QNetworkReply::RemoteHostClosedError);
    reply->disconnect(this);
    reply->deleteLater();
    complete(t);
}

void HttpEngine::readReplyHead(HttpResponse &r, QNetworkReply *reply)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    r.status = status.isValid() ? status.toInt() : 0;
    r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    r.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
        ? QStringLiteral("HTTP/2")
        : QStringLiteral("HTTP/1.1");
    r.finalUrl = reply->url().toString();
    const QHttpHeaders headers = reply->headers();
    for (qsizetype i = 0; i < headers.size(); ++i)
        r.headers.append({ QString::fromLatin1(headers.nameAt(i)), QString::fromUtf8(headers.valueAt(i)) });
}

void HttpEngine::setReplyError(Transfer *t, QNetworkReply *reply)
{
    HttpResponse &r = t->response;
    const QUrl url(t->request.url);
    const QString host = hostText(url);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        r.error = HttpErrorKind::ConnectionRefused;
        r.errorString = tr("Connection refused by %1: nothing is listening on that port.").arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        r.error = HttpErrorKind::UnknownHost;
        r.errorString = tr("Unknown host '%1': the name could not be resolved.").arg(url.host());
        break;
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        r.error = HttpErrorKind::Timeout;
        r.errorString = idleTimeoutMessage(host, t->request.timeoutMs);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        r.error = HttpErrorKind::Tls;
        r.errorString = tr("TLS error with %1: %2. Turn verification off for this request only if you trust "
                           "the host.")
                            .arg(host,
                                t->sslErrors.isEmpty() ? reply->errorString()
                                                       : t->sslErrors.join(QStringLiteral("; ")));
        break;
    case QNetworkReply::TooManyRedirectsError:
        setRedirectError(t, reply);
        break;
    case QNetworkReply::InsecureRedirectError:
        r.error = HttpErrorKind::Protocol;
        r.errorString = insecureRedirectMessage();
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::RemoteHostClosedError:
        setProtocolError(r, reply, host);
        break;
    default:
        r.error = HttpErrorKind::Other;
        r.errorString = reply->errorString();
        break;
    }
}

void HttpEngine::setRedirectError(Transfer *t, QNetworkReply *reply)
{
    HttpResponse &r = t->response;
    if (t->redirectLoop) {
        r.error = HttpErrorKind::RedirectLoop;
        r.errorString = redirectLoopMessage(reply->url(), qMax(2, t->visits.value(reply->url())));
    } else {
        r.error = HttpErrorKind::TooManyRedirects;
        r.errorString = tr("Too many redirects: more than %1.").arg(t->request.maxRedirects);
    }
}

void HttpEngine::setProtocolError(HttpResponse &r, QNetworkReply *reply, const QString &host)
{
    if (headerValue(r.headers, u"Transfer-Encoding")
            .contains(QLatin1StringView("chunked"), Qt::CaseInsensitive)) {
        r.error = HttpErrorKind::InvalidChunkedEncoding;
        r.errorString = tr("Invalid chunked encoding in the response from %1: the chunked body is malformed "
                           "or ended before its last chunk (%2).")
                            .arg(host, reply->errorString());
    } else if (reply->error() == QNetworkReply::RemoteHostClosedError) {
        r.error = HttpErrorKind::Protocol;
        r.errorString = tr("%1 closed the connection before the response was complete.").arg(host);
    } else {
        r.error = HttpErrorKind::Protocol;
        r.errorString = tr("The response from %1 is not valid HTTP: %2").arg(host, reply->errorString());
    }
}

// Qt does not always notice that a connection closed early; a Content-Length tells.
void HttpEngine::checkAnnouncedLength(Transfer *t, bool remoteClosed)
{
    HttpResponse &r = t->response;
    const QString announced = headerValue(r.headers, u"Content-Length");
    if ((r.ok() || remoteClosed) && !announced.isEmpty()
        && headerValue(r.headers, u"Content-Encoding").isEmpty()
        && t->request.method != QLatin1StringView("HEAD") && r.status != 204 && r.status != 304
        && r.bodySize < announced.toLongLong()) {
        r.error = HttpErrorKind::Protocol;
        r.errorString
            = tr("The connection to %1 closed after %2 of the %3 bytes the server announced; the body "
                 "is incomplete.")
                  .arg(hostText(QUrl(t->request.url)))
                  .arg(r.bodySize)
                  .arg(announced);
    }
}

void HttpEngine::complete(Transfer *t)
{
    m_transfers.remove(t->id);
    dropTimer(t->deadline);
    dropTimer(t->connectTimer);
    HttpResponse &r = t->response;
    r.timings.totalMs = t->timer.elapsed();
    r.bodyFile->flush();
    r.bodyFile->close();

    bool checkUtf8 = false;
    QString mimeType;
    if (r.ok() && r.bodySize > 0) {
        const ContentType type = r.contentType();
        checkUtf8 = type.isText() && (type.charset.isEmpty() || type.charset == QLatin1StringView("utf-8"));
        mimeType = type.mimeType;
    }
    auto warnInvalidUtf8 = [mimeType](HttpResponse &response, qint64 bad) {
        if (bad >= 0)
            response.warnings.append(
                tr("The body is %1 text but is not valid UTF-8: the first invalid byte is at offset %2.")
                    .arg(mimeType)
                    .arg(bad));
    };
    if (checkUtf8 && r.bodySize <= kScanInline)
        warnInvalidUtf8(r, firstInvalidUtf8(r.bodyFile->fileName()));

    const quint64 id = t->id;
    HttpResponse response = r;
    delete t;
    if (checkUtf8 && response.bodySize > kScanInline) {
        // Reading a large body takes a while: it is checked on a thread of its own, so that the
        // engine's thread (the GUI thread in the GUI) never waits on it.
        auto bad = std::make_shared<qint64>(-1);
        const QString path = response.bodyPath();
        QThread *scan = QThread::create([path, bad] { *bad = firstInvalidUtf8(path); });
        scan->setParent(this);
        m_scans.append(scan);
        connect(scan, &QThread::finished, this, [this, scan, id, response, bad, warnInvalidUtf8]() mutable {
            m_scans.removeOne(scan);
            scan->deleteLater();
            warnInvalidUtf8(response, *bad);
            Q_EMIT finished(id, response);
        });
        scan->start();
        return;
    }
    Q_EMIT finished(id, response);
}

void HttpEngine::cancel(quint64 id)
{
    Transfer *t = m_transfers.value(id);
    if (!t)
        return;
    stopTransfer(t, t->userCancelled);
}

void HttpEngine::cancelAll()
{
    const QList<quint64> ids = m_transfers.keys();
    for (quint64 id : ids)
        cancel(id);
}

HttpResponse HttpEngine::sendAndWait(const HttpRequest &request, const QString &cookieScope)
{
    QEventLoop loop;
    HttpResponse result;
    quint64 wanted = 0;
    bool done = false;
    const auto connection = connect(
        this, &HttpEngine::finished, &loop, [&](quint64 id, const StudyBench::HttpResponse &response) {
            if (id != wanted)
                return;
            result = response;
            done = true;
            loop.quit();
        });
    wanted = send(request, cookieScope);
    if (!done)
        loop.exec();
    disconnect(connection);
    return result;
}

qint64 HttpEngine::firstInvalidUtf8(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    qint64 offset = 0;
    qint64 sequenceStart = 0;
    int need = 0;
    uchar low = 0x80;
    uchar high = 0xBF;
    char buffer[65536];
    while (true) {
        const qint64 n = f.read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (qint64 i = 0; i < n; ++i, ++offset) {
            const uchar b = uchar(buffer[i]);
            if (need == 0) {
                sequenceStart = offset;
                low = 0x80;
                high = 0xBF;
                if (b < 0x80)
                    continue;
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    need = 2;
                    if (b == 0xE0)
                        low = 0xA0;
                    if (b == 0xED)
                        high = 0x9F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    need = 3;
                    if (b == 0xF0)
                        low = 0x90;
                    if (b == 0xF4)
                        high = 0x8F;
                } else {
                    return offset;
                }
                continue;
            }
            if (b < low || b > high)
                return sequenceStart;
            low = 0x80;
            high = 0xBF;
            --need;
        }
    }
    return need > 0 ? sequenceStart : -1;
}

} // namespace StudyBench
