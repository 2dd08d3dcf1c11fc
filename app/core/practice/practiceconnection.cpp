#include "practice/practiceconnection.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace StudyBench {

namespace {

using namespace std::chrono_literals;

// What is read and thrown away after the last answer before the connection is closed: until the
// client has been quiet this long, and at most for kLingerLimit.
constexpr auto kLingerQuiet = 1s;
constexpr auto kLingerLimit = 10s;
// What a connection holds of what the client sends before the server reads it.
constexpr qint64 kReadBufferBytes = 64 * 1024;
// A streamed body is read from its device while less than this waits to be sent.
constexpr qint64 kWriteHighWater = 64 * 1024;
constexpr qint64 kWriteSlice = 16 * 1024;

bool isBodyless(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

} // namespace

PracticeConnection::PracticeConnection(
    QTcpSocket *socket, const Settings &settings, const Hooks &hooks, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_settings(settings)
    , m_hooks(hooks)
    , m_peer(socket->peerAddress())
    , m_parser(settings.limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PracticeConnection::timedOut);
    connect(m_socket, &QIODevice::readyRead, this, &PracticeConnection::readMore);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_device)
            pump();
        else if (m_closing && m_socket->bytesToWrite() == 0)
            closeAfterAnswer();
    });
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        m_timer.stop();
        Q_EMIT finished();
        deleteLater();
    });
    arm(Wait::Header, true);
}

PracticeConnection::~PracticeConnection()
{
    // The socket goes after this, and says nothing more to a connection that is half gone.
    disconnect(m_socket, nullptr, this, nullptr);
    delete m_device;
}

void PracticeConnection::readMore()
{
    if (m_closing)
        return discard();
    if (m_busy)
        return; // the next request waits in the socket's buffer, which is bounded
    m_buffer += m_socket->readAll();
    process();
}

void PracticeConnection::process()
{
    while (!m_busy && !m_closing) {
        switch (m_parser.parse(m_buffer)) {
        case Http1RequestParser::Progress::NeedMore:
            if (!m_parser.isInRequest())
                arm(m_served > 0 ? Wait::Idle : Wait::Header, false);
            else
                arm(m_headSeen ? Wait::Body : Wait::Header, m_headSeen);
            return;
        case Http1RequestParser::Progress::Head:
            if (!checkHead())
                return;
            break;
        case Http1RequestParser::Progress::Message:
            return dispatch();
        case Http1RequestParser::Progress::Error:
            return refuse(m_parser.errorStatus(), m_parser.errorMessage());
        case Http1RequestParser::Progress::TooLarge: {
            const auto refusal
                = m_hooks.refuse(m_parser.request().headers, m_parser.bodyBytes(), !m_parser.isChunked());
            // The client is likely still sending the body: the connection stays whole while what
            // it sends is dropped, so that it can send on and read the answer.
            m_halfClose = false;
            return refuse(refusal ? refusal->status : 413, refusal ? refusal->message : QString());
        }
        }
    }
}

bool PracticeConnection::checkHead()
{
    m_headSeen = true;
    const Http1Request &r = m_parser.request();
    // A body over the limit is refused before it is sent, with what the server would answer first.
    if (m_parser.bodyBytes() > m_settings.limits.maxBodyBytes)
        return true; // TooLarge comes next
    // The client waits for this before it sends the body.
    if (m_parser.expectsBody() && r.minorVersion == 1
        && r.headers.combinedValue(QHttpHeaders::WellKnownHeader::Expect)
                .compare("100-continue", Qt::CaseInsensitive)
            == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
}

void PracticeConnection::dispatch()
{
    m_timer.stop();
    m_wait = Wait::None;
    m_busy = true;
    m_headSeen = false;
    Http1Request request = m_parser.takeRequest();
    m_headOnly = request.method == "HEAD";
    m_keepAlive = request.keepAlive;
    m_hooks.dispatch(std::move(request), this);
}

void PracticeConnection::writeHead(int status, const QHttpHeaders &headers, const QByteArray &framing)
{
    QByteArray head
        = "HTTP/1.1 " + QByteArray::number(status) + ' ' + PracticeExchange::reasonPhrase(status) + "\r\n";
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QLatin1StringView latin1 = headers.nameAt(i);
        const QByteArray name(latin1.data(), latin1.size());
        if (name == "content-length" || name == "transfer-encoding" || name == "connection")
            continue;
        head += name + ": " + headers.valueAt(i).toByteArray() + "\r\n";
    }
    head += framing;
    if (!m_keepAlive)
        head += "connection: close\r\n";
    m_socket->write(head + "\r\n");
}

void PracticeConnection::respond(int status, const QHttpHeaders &headers, const QByteArray &body)
{
    if (!m_busy || m_closing)
        return;
    const bool bodyless = isBodyless(status);
    writeHead(status, headers,
        bodyless ? QByteArray() : "content-length: " + QByteArray::number(body.size()) + "\r\n");
    if (!bodyless && !m_headOnly)
        m_socket->write(body);
    finishResponse();
}

void PracticeConnection::respondDevice(
    int status, const QHttpHeaders &headers, QIODevice *device, qint64 size)
{
    if (!m_busy || m_closing || m_device) {
        delete device;
        return;
    }
    writeHead(status, headers, "content-length: " + QByteArray::number(size) + "\r\n");
    if (m_headOnly || size == 0) {
        delete device;
        return finishResponse();
    }
    device->setParent(this);
    m_device = device;
    m_deviceLeft = size;
    pump();
}

void PracticeConnection::pump()
{
    while (m_device && m_deviceLeft > 0 && m_socket->bytesToWrite() < kWriteHighWater) {
        const QByteArray data = m_device->read(std::min(kWriteSlice, m_deviceLeft));
        if (data.isEmpty())
            break;
        m_socket->write(data);
        m_deviceLeft -= data.size();
    }
    if (!m_device)
        return;
    if (m_deviceLeft > 0 && !m_device->atEnd()) {
        arm(Wait::Write, true); // a client that stops reading is let go after idleTimeout
        return;
    }
    delete m_device;
    if (m_deviceLeft > 0) {
        // The device ended before the Content-Length: the client cannot tell, so close.
        m_keepAlive = false;
    }
    finishResponse();
}

void PracticeConnection::beginChunked(int status, const QHttpHeaders &headers)
{
    if (!m_busy || m_closing || m_chunked)
        return;
    m_chunked = true;
    writeHead(status, headers, QByteArrayLiteral("transfer-encoding: chunked\r\n"));
}

void PracticeConnection::writeChunk(const QByteArray &data)
{
    if (!m_chunked || data.isEmpty() || m_headOnly)
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void PracticeConnection::endChunked()
{
    if (!m_chunked)
        return;
    m_chunked = false;
    if (!m_headOnly)
        m_socket->write("0\r\n\r\n");
    finishResponse();
}

void PracticeConnection::finishResponse()
{
    m_busy = false;
    m_timer.stop();
    m_wait = Wait::None;
    ++m_served;
    if (!m_keepAlive)
        return closeAfterAnswer();
    // The next request, if one is waiting, once this call has returned to the handler.
    QMetaObject::invokeMethod(this, &PracticeConnection::readMore, Qt::QueuedConnection);
}

void PracticeConnection::refuse(int status, const QString &message)
{
    m_keepAlive = false;
    m_busy = true;
    const Http1Request &r = m_parser.request();
    m_headOnly = r.method == "HEAD";
    const QByteArray requestId = PracticeExchange::requestIdFor(r.headers.combinedValue("x-request-id"));
    const QByteArray body = QJsonDocument(PracticeExchange::errorJson(status, message, requestId))
                                .toJson(QJsonDocument::Compact);
    respond(status,
        PracticeExchange::commonHeaders(
            {}, QByteArrayLiteral("application/json"), requestId, r.headers.combinedValue("origin")),
        body);
    logRefusal(status);
}

void PracticeConnection::logRefusal(int status)
{
    if (!m_hooks.sink)
        return;
    const Http1Request &r = m_parser.request();
    PracticeLogEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.method = r.method.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(r.method);
    e.path = r.target.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(r.target);
    e.status = status;
    e.requestId = QString::fromLatin1(r.headers.combinedValue("x-request-id"));
    e.remoteAddress = m_peer.toString();
    m_hooks.sink(e);
}

void PracticeConnection::closeAfterAnswer()
{
    if (!m_closing) {
        m_closing = true;
        m_buffer.clear();
        QTimer::singleShot(kLingerLimit, this, &PracticeConnection::closeNow);
    }
    if (m_socket->bytesToWrite() > 0)
        return; // again on bytesWritten
    // The answer is out: say so with half a close, so a client reading to the end sees it, and
    // read and drop what it still sends until it is quiet.
    if (m_halfClose && m_socket->state() == QAbstractSocket::ConnectedState) {
#ifdef Q_OS_WIN
        ::shutdown(SOCKET(m_socket->socketDescriptor()), SD_SEND);
#else
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#endif
    }
    discard();
}

void PracticeConnection::discard()
{
    m_socket->skip(m_socket->bytesAvailable());
    if (m_socket->bytesToWrite() == 0) {
        m_wait = Wait::None;
        m_timer.start(kLingerQuiet);
    }
}

void PracticeConnection::closeNow()
{
    m_timer.stop();
    m_socket->flush();
    // A client that does not read its answer does not hold the connection either.
    if (m_socket->bytesToWrite() > 0)
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
}

void PracticeConnection::arm(Wait wait, bool restart)
{
    if (wait == m_wait && !restart && m_timer.isActive())
        return;
    m_wait = wait;
    m_timer.start(wait == Wait::Header ? m_settings.headerTimeout
            : wait == Wait::Body       ? m_settings.headerTimeout
                                       : m_settings.idleTimeout);
}

void PracticeConnection::timedOut()
{
    if (m_closing || m_wait == Wait::Idle || m_wait == Wait::Write || !m_parser.isInRequest())
        return closeNow();
    refuse(408,
        tr("The request did not arrive within %1 ms; send the head and body without pausing.")
            .arg(m_settings.headerTimeout.count()));
}

} // namespace StudyBench
