// Real HTTP for the practice server tests: QNetworkAccessManager for ordinary requests, a raw
// QTcpSocket where a test must send what QNetworkAccessManager would not (a foreign Host header,
// an unnormalised path).
#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace StudyBenchTest {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names; repeated headers joined with '\n'
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QUrl finalUrl;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    /// The first message of a Conduit error body, {"errors": {"body": [...]}}.
    QString conduitError() const
    {
        return json().value(u"errors").toObject().value(u"body").toArray().first().toString();
    }
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port)
        : m_port(port)
    {
        m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }

    QNetworkAccessManager &manager() { return m_nam; }
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
    }

    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const Headers &headers = {}, bool followRedirects = false)
    {
        QNetworkRequest request(url(path));
        request.setTransferTimeout(30000);
        if (followRedirects)
            request.setAttribute(
                QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return m_nam.sendCustomRequest(request, method, body);
    }

    static HttpResult finish(QNetworkReply *reply, const QElapsedTimer &timer = {})
    {
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.error = reply->error();
        r.finalUrl = reply->url();
        for (const auto &[name, value] : reply->rawHeaderPairs()) {
            QByteArray &slot = r.headers[name.toLower()];
            slot = slot.isEmpty() ? value : slot + '\n' + value;
        }
        if (timer.isValid())
            r.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return r;
    }

    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const Headers &headers = {}, bool followRedirects = false)
    {
        QElapsedTimer timer;
        timer.start();
        return finish(start(method, path, body, headers, followRedirects), timer);
    }
    HttpResult get(const QString &path, const Headers &headers = {})
    {
        return send("GET", path, {}, headers);
    }
    HttpResult postJson(const QString &path, const QJsonObject &body, const Headers &headers = {})
    {
        Headers h = headers;
        h.emplaceBack("Content-Type", "application/json");
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
    }
    HttpResult putJson(const QString &path, const QJsonObject &body, const Headers &headers = {})
    {
        Headers h = headers;
        h.emplaceBack("Content-Type", "application/json");
        return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
    }

    /// Sends bytes as they are and reads one response (Content-Length bodies only). Waits with
    /// the event loop running, so a server in this thread can answer.
    HttpResult raw(const QByteArray &requestBytes)
    {
        HttpResult r;
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000))
            return r;
        socket.write(requestBytes);
        QByteArray data;
        qsizetype headerEnd = -1;
        qint64 contentLength = -1;
        const auto complete = [&] {
            data += socket.readAll();
            if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0) {
                const QList<QByteArray> lines = data.first(headerEnd).split('\n');
                r.status = lines.first().split(' ').value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines.at(i).first(colon).trimmed().toLower(),
                            lines.at(i).mid(colon + 1).trimmed());
                }
                contentLength = r.headers.value("content-length", "0").toLongLong();
            }
            return (headerEnd >= 0 && data.size() >= headerEnd + 4 + contentLength)
                || socket.state() != QAbstractSocket::ConnectedState;
        };
        if (QTest::qWaitFor(complete, 30000) && headerEnd >= 0)
            r.body = data.mid(headerEnd + 4, contentLength);
        return r;
    }

private:
    quint16 m_port;
    QNetworkAccessManager m_nam;
};

/// One raw HTTP/1.1 connection, for what a test sends piece by piece (a head before its body, a
/// body slowly) and reads as it comes. Waits with the event loop running, so a server in this
/// thread can answer.
class RawHttpConnection
{
public:
    explicit RawHttpConnection(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([&] { return isConnected(); }, 10000))
            m_socket.abort();
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    /// Sends and waits until the system has taken all of it; false when the connection went first.
    bool sendAll(const QByteArray &bytes, int timeoutMs = 30000)
    {
        if (!isConnected())
            return false;
        m_socket.write(bytes);
        return QTest::qWaitFor([&] { return m_socket.bytesToWrite() == 0 || !isConnected(); }, timeoutMs)
            && m_socket.bytesToWrite() == 0 && isConnected();
    }

    /// The next response (a 1xx one too) once its head and Content-Length body are in; status 0
    /// when none is complete within timeoutMs. The answer to a HEAD request (@p toHead) has no body
    /// whatever its Content-Length says.
    HttpResult readResponse(int timeoutMs = 10000, bool toHead = false)
    {
        HttpResult r;
        qsizetype headEnd = -1;
        qint64 length = 0;
        const auto complete = [&] {
            m_received += m_socket.readAll();
            headEnd = m_received.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return false;
            const qsizetype at = m_received.toLower().indexOf("\r\ncontent-length:");
            length = at >= 0 && at < headEnd && !toHead
                ? m_received.mid(at + 17, m_received.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong()
                : 0;
            return m_received.size() >= headEnd + 4 + length;
        };
        if (!QTest::qWaitFor(complete, timeoutMs))
            return r;
        const QList<QByteArray> lines = m_received.first(headEnd).split('\n');
        r.status = lines.first().split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                r.headers.insert(
                    lines.at(i).first(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        r.body = m_received.mid(headEnd + 4, length);
        m_received.remove(0, headEnd + 4 + length);
        return r;
    }

    /// Whether the server closes the connection within timeoutMs.
    bool waitForClose(int timeoutMs)
    {
        return QTest::qWaitFor(
            [&] {
                m_received += m_socket.readAll();
                return !isConnected();
            },
            timeoutMs);
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace StudyBenchTest
