#include "httpclient/http1client.h"

#include "httpclient/httpmessage.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#endif

namespace StudyBench {

namespace {

constexpr qint64 kReadBuffer = 1024 * 1024; ///< bounds what the socket holds while the body is written
constexpr qint64 kReadChunk = 256 * 1024;
constexpr int kIdlePerHost = 6;
constexpr qint64 kIdleMs = 50 * 1000; ///< servers commonly close idle connections after 60 s or more

bool methodHasBody(QByteArrayView method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

} // namespace

// --- Http1Exchange ------------------------------------------------------------------------------

Http1Exchange::Http1Exchange(Http1Connections *pool, Request request)
    : QObject(pool)
    , m_pool(pool)
    , m_request(std::move(request))
    , m_parser(m_request.method == "HEAD")
{
    m_key = QStringLiteral("%1://%2:%3%4")
                .arg(m_request.url.scheme(), m_request.url.host())
                .arg(port())
                .arg(isTls() && !m_request.verifyTls ? QStringLiteral(" insecure") : QString());
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this,
        [this] { finish(Error::Timeout, idleTimeoutMessage(hostText(), m_request.timeoutMs)); });
    m_connectTimeout = new QTimer(this);
    m_connectTimeout->setSingleShot(true);
    connect(m_connectTimeout, &QTimer::timeout, this,
        [this] { finish(Error::Timeout, connectTimeoutMessage(hostText(), m_request.connectTimeoutMs)); });
    m_parser.setBodySink([this](QByteArrayView bytes) { return !m_finished && (!onBody || onBody(bytes)); });
    m_parser.setHeadersCallback([this] {
        if (onHeaders)
            onHeaders();
    });
}

Http1Exchange::~Http1Exchange()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

QString Http1Exchange::hostText() const
{
    const QUrl &url = m_request.url;
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QStringList Http1Exchange::warnings() const
{
    QStringList out = m_parser.warnings();
    if (m_extraBytes > 0)
        out.append(tr("%1 sent %2 bytes after the end of the response (more than its framing announced); "
                      "they were discarded and the connection was closed.")
                .arg(hostText())
                .arg(m_extraBytes));
    return out;
}

void Http1Exchange::touch()
{
    if (m_request.timeoutMs > 0 && !m_finished)
        m_timeout->start(m_request.timeoutMs);
}

bool Http1Exchange::isTls() const
{
    return m_request.url.scheme().compare(QLatin1StringView("https"), Qt::CaseInsensitive) == 0;
}

int Http1Exchange::port() const
{
    return m_request.url.port(isTls() ? 443 : 80);
}

void Http1Exchange::begin()
{
    m_clock.start();
    touch();
    if (QTcpSocket *idle = m_pool ? m_pool->takeIdle(m_key) : nullptr) {
        attach(idle, true);
        sendRequest();
        return;
    }
    connectNew();
}

void Http1Exchange::connected()
{
    m_connectTimeout->stop();
    sendRequest();
}

void Http1Exchange::connectNew()
{
    if (m_request.connectTimeoutMs > 0)
        m_connectTimeout->start(m_request.connectTimeoutMs);
    if (!isTls()) {
        auto *socket = new QTcpSocket(this);
        attach(socket, false);
        socket->connectToHost(m_request.url.host(), quint16(port()));
        return;
    }
#if QT_CONFIG(ssl)
    auto *socket = new QSslSocket(this);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(m_request.verifyTls ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    config.setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });
    socket->setSslConfiguration(config);
    attach(socket, false);
    connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        if (!m_request.verifyTls) {
            socket->ignoreSslErrors();
            return;
        }
        for (const QSslError &e : errors)
            m_sslErrors.append(e.errorString());
    });
    connect(socket, &QSslSocket::encrypted, this, [this] {
        touch();
        m_timings.tlsMs = m_clock.elapsed() - m_connectedAt;
        connected();
    });
    socket->connectToHostEncrypted(m_request.url.host(), quint16(port()));
#else
    QMetaObject::invokeMethod(
        this, [this] { finish(Error::Tls, tr("This build of StudyBench has no TLS support.")); },
        Qt::QueuedConnection);
#endif
}

void Http1Exchange::attach(QTcpSocket *socket, bool reused)
{
    m_socket = socket;
    socket->setParent(this);
    socket->setReadBufferSize(kReadBuffer);
    m_timings = {};
    m_timings.reusedConnection = reused;
    m_lookupStarted = -1;
    m_connectStarted = -1;
    m_connectedAt = -1;
    m_sslErrors.clear();
    connect(socket, &QTcpSocket::readyRead, this, &Http1Exchange::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        touch();
        if (m_socket && m_socket->bytesToWrite() == 0 && m_requestSent < 0)
            m_requestSent = m_clock.elapsed();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, &Http1Exchange::onSocketError);
    connect(socket, &QTcpSocket::disconnected, this, &Http1Exchange::onDisconnected);
    if (reused)
        return;
    connect(socket, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        touch();
        const qint64 now = m_clock.elapsed();
        switch (state) {
        case QAbstractSocket::HostLookupState:
            m_lookupStarted = now;
            break;
        case QAbstractSocket::ConnectingState:
            if (m_lookupStarted >= 0 && m_timings.dnsMs < 0)
                m_timings.dnsMs = now - m_lookupStarted;
            if (m_connectStarted < 0)
                m_connectStarted = now;
            break;
        case QAbstractSocket::ConnectedState:
            m_timings.connectMs = now - qMax<qint64>(0, m_connectStarted);
            m_connectedAt = now;
            if (!isTls())
                connected(); // TLS sends once encrypted
            break;
        default:
            break;
        }
    });
}

void Http1Exchange::sendRequest()
{
    const QUrl &url = m_request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();

    QByteArray head = m_request.method + ' ' + target + " HTTP/1.1\r\n";
    bool hasHost = false;
    bool hasLength = false;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        hasHost = hasHost || name.compare("Host", Qt::CaseInsensitive) == 0;
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasHost) {
        QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';
        if (url.port() > 0 && url.port() != (isTls() ? 443 : 80))
            host += ':' + QByteArray::number(url.port());
        head += "Host: " + host + "\r\n";
    }
    for (const auto &[name, value] : std::as_const(m_request.headers))
        head += name + ": " + value + "\r\n";
    if (!hasLength && (!m_request.body.isEmpty() || methodHasBody(m_request.method)))
        head += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    head += "\r\n";
    m_requestSent = -1;
    m_socket->write(head);
    if (!m_request.body.isEmpty())
        m_socket->write(m_request.body);
}

void Http1Exchange::onReadyRead()
{
    if (m_finished || !m_socket)
        return;
    touch();
    while (m_socket && m_socket->bytesAvailable() > 0 && !m_finished) {
        const QByteArray chunk = m_socket->read(kReadChunk);
        if (chunk.isEmpty())
            break;
        if (m_received == 0) {
            m_timings.firstByteMs = m_clock.elapsed();
            if (m_requestSent >= 0)
                m_timings.waitMs = m_timings.firstByteMs - m_requestSent;
        }
        m_received += chunk.size();
        const qsizetype used = m_parser.feed(chunk);
        if (m_finished)
            return; // onHeaders aborted
        if (m_parser.isDone())
            m_extraBytes += chunk.size() - used;
        if (onProgress && m_parser.headersComplete())
            onProgress(m_parser.bodyBytes(), m_parser.contentLength());
        if (m_parser.hasFailed()) {
            finish(m_parser.failure() == Http1ResponseParser::Failure::Aborted ? Error::Aborted
                                                                               : Error::Response,
                m_parser.errorString());
            return;
        }
        if (m_parser.isDone()) {
            finish(Error::None);
            return;
        }
    }
}

void Http1Exchange::onDisconnected()
{
    if (m_finished || !m_socket)
        return;
    onReadyRead();
    if (m_finished)
        return;
    if (m_timings.reusedConnection && m_received == 0 && !m_retried) {
        // The server closed the idle connection as the request went out: try once on a new one.
        m_retried = true;
        QTcpSocket *old = m_socket;
        old->disconnect(this);
        old->deleteLater();
        m_socket = nullptr;
        connectNew();
        return;
    }
    m_parser.finish();
    if (m_parser.isDone()) {
        finish(Error::None);
    } else {
        finish(Error::Response, m_parser.errorString());
    }
}

void Http1Exchange::onSocketError()
{
    if (m_finished || !m_socket)
        return;
    switch (m_socket->error()) {
    case QAbstractSocket::RemoteHostClosedError:
        onDisconnected();
        break;
    case QAbstractSocket::ConnectionRefusedError:
        finish(Error::ConnectionRefused,
            tr("Connection refused by %1: nothing is listening on that port.").arg(hostText()));
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
        finish(Error::Tls,
            tr("TLS error with %1: %2. Turn verification off for this request only if you trust the host.")
                .arg(hostText(),
                    m_sslErrors.isEmpty() ? m_socket->errorString()
                                          : m_sslErrors.join(QStringLiteral("; "))));
        break;
    case QAbstractSocket::HostNotFoundError:
        finish(Error::HostNotFound,
            tr("Unknown host '%1': the name could not be resolved.").arg(m_request.url.host()));
        break;
    default:
        finish(Error::Network, tr("Network error with %1: %2").arg(hostText(), m_socket->errorString()));
        break;
    }
}

void Http1Exchange::abort()
{
    finish(Error::Aborted, tr("The request was cancelled."));
}

void Http1Exchange::releaseSocket(bool reusable)
{
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    if (!socket)
        return;
    socket->disconnect(this);
    if (reusable && m_pool && socket->state() == QAbstractSocket::ConnectedState) {
        m_pool->putIdle(m_key, socket);
        return;
    }
    socket->abort();
    socket->deleteLater();
}

void Http1Exchange::finish(Error error, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_connectTimeout->stop();
    m_error = error;
    m_errorString = message;
    releaseSocket(error == Error::None && m_parser.keepAlive() && m_extraBytes == 0);
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (onFinished)
                onFinished();
            deleteLater();
        },
        Qt::QueuedConnection);
}

// --- Http1Connections ---------------------------------------------------------------------------

Http1Connections::Http1Connections(QObject *parent)
    : QObject(parent)
{ }

Http1Connections::~Http1Connections()
{
    clear();
}

Http1Exchange *Http1Connections::start(const Http1Exchange::Request &request)
{
    auto *exchange = new Http1Exchange(this, request);
    QMetaObject::invokeMethod(exchange, &Http1Exchange::begin, Qt::QueuedConnection);
    return exchange;
}

int Http1Connections::idleCount() const
{
    int n = 0;
    for (const QList<Idle> &list : m_idle)
        for (const Idle &idle : list)
            n += idle.socket && idle.socket->state() == QAbstractSocket::ConnectedState;
    return n;
}

void Http1Connections::clear()
{
    for (QList<Idle> &list : m_idle) {
        for (Idle &idle : list) {
            if (idle.socket) {
                idle.socket->disconnect(this);
                idle.socket->abort();
                idle.socket->deleteLater();
            }
        }
    }
    m_idle.clear();
}

QTcpSocket *Http1Connections::takeIdle(const QString &key)
{
    auto it = m_idle.find(key);
    if (it == m_idle.end())
        return nullptr;
    QList<Idle> &list = *it;
    while (!list.isEmpty()) {
        Idle idle = list.takeLast();
        QTcpSocket *socket = idle.socket;
        if (!socket)
            continue;
        socket->disconnect(this);
        // A server that closes an idle connection may already have said so: such a socket is
        // disconnected, or has bytes (the close or junk) waiting.
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0
            && idle.since.elapsed() < kIdleMs) {
            return socket;
        }
        socket->abort();
        socket->deleteLater();
    }
    m_idle.erase(it);
    return nullptr;
}

void Http1Connections::putIdle(const QString &key, QTcpSocket *socket)
{
    socket->setParent(this);
    QList<Idle> &list = m_idle[key];
    while (list.size() >= kIdlePerHost) {
        Idle oldest = list.takeFirst();
        if (oldest.socket) {
            oldest.socket->disconnect(this);
            oldest.socket->abort();
            oldest.socket->deleteLater();
        }
    }
    Idle idle;
    idle.socket = socket;
    idle.since.start();
    list.append(idle);
    const QPointer<QTcpSocket> guard(socket);
    connect(socket, &QTcpSocket::disconnected, this, [this, key, guard] {
        auto it = m_idle.find(key);
        if (it == m_idle.end())
            return;
        it->removeIf([&](const Idle &i) { return !i.socket || i.socket == guard; });
        if (guard)
            guard->deleteLater();
    });
}

} // namespace StudyBench
