#include "practicelistener.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <chrono>

namespace StudyBench {

namespace {

using namespace std::chrono_literals;

// What is read and thrown away after a refusal before the connection is closed: until the client
// has been quiet this long, and at most for kLingerLimit.
constexpr auto kLingerQuiet = 1s;
constexpr auto kLingerLimit = 10s;
constexpr qint64 kLingerBufferBytes = 64 * 1024;

// QHttpServer skips these before a request line.
bool isLeadingSpace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

QByteArray chopCr(QByteArrayView line)
{
    return (line.endsWith('\r') ? line.chopped(1) : line).toByteArray();
}

} // namespace

/// One new connection until its first request's head is in (see PracticeListener). Never reads
/// from the socket before it hands it over, only peeks.
class FirstRequestGuard : public QObject
{
public:
    FirstRequestGuard(QTcpSocket *socket, PracticeListener *listener);

private:
    enum class Next
    {
        Wait,
        HandOver,
        Refuse
    };

    void inspect();
    Next readHead(const QByteArray &data);
    Next readChunks(const QByteArray &data);
    void handOver();
    void refuse();
    void discard();
    void close();

    QTcpSocket *m_socket;
    QPointer<PracticeListener> m_listener;
    bool m_chunked = false;
    bool m_refused = false;
    QByteArray m_method;
    QByteArray m_target;
    QHttpHeaders m_headers;
    qint64 m_bodyBytes = 0; ///< the Content-Length, or the sizes of the chunks so far
    // A chunked body: where its next unread byte is in what the socket holds, and how many bytes
    // of the current chunk (with its line end) are still to come.
    qsizetype m_pos = 0;
    qint64 m_chunkLeft = 0;
    QElapsedTimer m_timer;
    QDateTime m_headAt;
    QTimer m_quiet;
};

FirstRequestGuard::FirstRequestGuard(QTcpSocket *socket, PracticeListener *listener)
    : QObject(socket)
    , m_socket(socket)
    , m_listener(listener)
{
    // No more than a head, a body of the limit and its framing wait here.
    m_socket->setReadBufferSize(
        PracticeListener::kMaxHeadBytes + listener->m_maxBodyBytes + PracticeListener::kMaxChunkFramingBytes);
    connect(m_socket, &QIODevice::readyRead, this, &FirstRequestGuard::inspect);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] { m_socket->deleteLater(); });
    m_quiet.setSingleShot(true);
    connect(&m_quiet, &QTimer::timeout, this, &FirstRequestGuard::close);
}

void FirstRequestGuard::inspect()
{
    if (m_refused)
        return discard();
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    Next next = m_chunked ? Next::Wait : readHead(data);
    if (next == Next::Wait && m_chunked)
        next = readChunks(data);
    // A full buffer gets no further: a head over kMaxHeadBytes went to QHttpServer already, so it
    // is a chunked body whose framing is too large.
    if (next == Next::Wait && m_chunked && m_socket->bytesAvailable() >= m_socket->readBufferSize())
        next = Next::Refuse;
    if (next == Next::HandOver)
        handOver();
    else if (next == Next::Refuse)
        refuse();
}

FirstRequestGuard::Next FirstRequestGuard::readHead(const QByteArray &data)
{
    // The head as QHttpServer reads it: a request line, then header lines up to an empty one.
    qsizetype start = 0;
    while (start < data.size() && isLeadingSpace(data.at(start)))
        ++start;
    const auto incomplete = [&] {
        return data.size() - start > PracticeListener::kMaxHeadBytes ? Next::HandOver : Next::Wait;
    };
    const qsizetype lineEnd = data.indexOf('\n', start);
    if (lineEnd < 0)
        return incomplete();
    QList<QByteArray> words = chopCr(QByteArrayView(data).sliced(start, lineEnd - start)).split(' ');
    words.removeAll(QByteArray());
    if (words.size() != 3 || words.at(2).size() != 8 || !words.at(2).startsWith("HTTP/"))
        return Next::HandOver; // QHttpServer refuses it in its own way
    // Header lines up to the first empty one (after CRLF or a bare LF, as QHttpServer takes them).
    QHttpHeaders headers;
    qsizetype pos = lineEnd + 1;
    for (;;) {
        const qsizetype next = data.indexOf('\n', pos);
        if (next < 0)
            return incomplete();
        const QByteArray line = chopCr(QByteArrayView(data).sliced(pos, next - pos));
        pos = next + 1;
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0
            || !headers.append(QAnyStringView(line.first(colon).trimmed()), line.sliced(colon + 1).trimmed()))
            return Next::HandOver;
    }
    m_timer.start();
    m_headAt = QDateTime::currentDateTimeUtc();
    m_method = words.at(0);
    m_target = words.at(1);
    m_headers = headers;

    // Transfer-Encoding as QHttpServer reads it, before Content-Length.
    if (m_headers.combinedValue(QHttpHeaders::WellKnownHeader::TransferEncoding)
            .toLower()
            .contains("chunked")) {
        m_chunked = true;
        m_pos = pos;
        // The client waits for this before it sends the body (QHttpServer sends one more later,
        // which a client must take, RFC 9110 15.2).
        if (m_headers.combinedValue(QHttpHeaders::WellKnownHeader::Expect)
                .compare("100-continue", Qt::CaseInsensitive)
            == 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return Next::Wait;
    }
    // Content-Length as QHttpServer reads it: the first one.
    bool ok = false;
    m_bodyBytes = m_headers.value(QHttpHeaders::WellKnownHeader::ContentLength).toLongLong(&ok);
    return ok && m_bodyBytes > m_listener->m_maxBodyBytes ? Next::Refuse : Next::HandOver;
}

FirstRequestGuard::Next FirstRequestGuard::readChunks(const QByteArray &data)
{
    // Chunks as QHttpServer reads them: a size line (hexadecimal, then perhaps ";extensions"),
    // that many bytes and two more; a size of 0, or one that is not a number, ends the body.
    while (m_pos < data.size()) {
        if (m_chunkLeft > 0) {
            const qint64 take = std::min<qint64>(m_chunkLeft, data.size() - m_pos);
            m_pos += take;
            m_chunkLeft -= take;
            continue;
        }
        const qsizetype lineEnd = data.indexOf('\n', m_pos);
        if (lineEnd < 0)
            return Next::Wait;
        QByteArray line = data.sliced(m_pos, lineEnd - m_pos);
        m_pos = lineEnd + 1;
        if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
            line.truncate(semicolon);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        bool ok = false;
        const qint64 size = line.toLongLong(&ok, 16);
        if (!ok || size <= 0)
            return Next::HandOver;
        if (size > m_listener->m_maxBodyBytes - m_bodyBytes) {
            m_bodyBytes = m_listener->m_maxBodyBytes + 1;
            return Next::Refuse;
        }
        m_bodyBytes += size;
        m_chunkLeft = size + 2;
    }
    return Next::Wait;
}

void FirstRequestGuard::handOver()
{
    disconnect(m_socket, nullptr, this, nullptr);
    deleteLater();
    QTcpSocket *socket = m_socket;
    socket->setReadBufferSize(0);
    if (!m_listener || socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    // QHttpServer takes the socket here, at once, and reads from it on readyRead: what is in the
    // buffer already came before it was listening.
    m_listener->addPendingConnection(socket);
    Q_EMIT socket->readyRead();
}

void FirstRequestGuard::refuse()
{
    m_refused = true;
    const PracticeListener::Refusal refusal = m_listener->m_refuse(m_headers, m_bodyBytes, !m_chunked);
    const QByteArray requestId = PracticeExchange::requestIdFor(m_headers.combinedValue("x-request-id"));
    const QByteArray body = m_method == "HEAD"
        ? QByteArray()
        : QJsonDocument(PracticeExchange::errorJson(refusal.status, refusal.message, requestId))
              .toJson(QJsonDocument::Compact);
    QHttpHeaders extra;
    extra.append(QHttpHeaders::WellKnownHeader::Connection, "close");
    QHttpHeaders headers = PracticeExchange::commonHeaders(
        extra, QByteArrayLiteral("application/json"), requestId, m_headers.combinedValue("origin"));
    headers.append(QHttpHeaders::WellKnownHeader::ContentLength, QByteArray::number(body.size()));
    QByteArray response = "HTTP/1.1 " + QByteArray::number(refusal.status) + ' '
        + PracticeExchange::reasonPhrase(refusal.status) + "\r\n";
    for (qsizetype i = 0; i < headers.size(); ++i)
        response += headers.nameAt(i).toString().toLatin1() + ": " + headers.valueAt(i) + "\r\n";
    m_socket->write(response + "\r\n" + body);

    if (m_listener->m_sink) {
        const QUrl url = QUrl::fromEncoded(m_target);
        PracticeLogEntry e;
        e.time = m_headAt;
        e.method = QString::fromLatin1(m_method);
        e.path = url.path(QUrl::FullyEncoded)
            + (url.hasQuery() ? QLatin1Char('?') + url.query(QUrl::FullyEncoded) : QString());
        e.status = refusal.status;
        e.durationMs = double(m_timer.nsecsElapsed()) / 1e6;
        e.requestId = QString::fromLatin1(requestId);
        e.remoteAddress = m_socket->peerAddress().toString();
        m_listener->m_sink(e);
    }

    // The client may be sending the body meanwhile. Closing with unread data would reset the
    // connection, and the client might lose the answer: read and drop what comes for a while.
    m_socket->setReadBufferSize(kLingerBufferBytes);
    QTimer::singleShot(kLingerLimit, this, &FirstRequestGuard::close);
    discard();
}

void FirstRequestGuard::discard()
{
    m_socket->skip(m_socket->bytesAvailable());
    m_quiet.start(kLingerQuiet);
}

void FirstRequestGuard::close()
{
    m_quiet.stop();
    m_socket->disconnectFromHost();
}

PracticeListener::PracticeListener(
    qint64 maxBodyBytes, Refuse refuse, PracticeExchange::LogSink sink, QObject *parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
    , m_refuse(std::move(refuse))
    , m_sink(std::move(sink))
{ }

void PracticeListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(handle);
    new FirstRequestGuard(socket, this);
}

} // namespace StudyBench
