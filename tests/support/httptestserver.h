#pragma once

// Loopback servers for the HTTP tests: a QHttpServer with the routes the tests need, and a raw
// TCP server that records what it receives and answers with fixed bytes (or never answers).

#include <QByteArray>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
#include <vector>

// A device of @p size bytes of a repeating pattern, produced as it is read, never held whole.
class PatternDevice : public QIODevice
{
public:
    explicit PatternDevice(qint64 size)
        : m_size(size)
    {
        open(QIODevice::ReadOnly);
    }
    static char byteAt(qint64 offset) { return char('a' + offset % 26); }
    qint64 size() const override { return m_size; }
    bool isSequential() const override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_size - pos());
        for (qint64 i = 0; i < n; ++i)
            data[i] = byteAt(pos() + i);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
};

class TestHttpServer
{
public:
    TestHttpServer()
    {
        using Method = QHttpServerRequest::Method;
        m_server.route(u"/echo"_s, [](const QHttpServerRequest &req) { return echo(req); });
        m_server.route(
            u"/echo/<arg>"_s, [](const QString &, const QHttpServerRequest &req) { return echo(req); });
        m_server.route(u"/status/<arg>"_s, [](int code) {
            return QHttpServerResponse(QByteArray("status"), QHttpServerResponder::StatusCode(code));
        });
        m_server.route(u"/redirect/<arg>"_s, [](int n) {
            if (n <= 0)
                return QHttpServerResponse(QByteArray("arrived"));
            QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
            QHttpHeaders h;
            h.append(QHttpHeaders::WellKnownHeader::Location, "/redirect/" + QByteArray::number(n - 1));
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/loop"_s, [] {
            QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
            QHttpHeaders h;
            h.append(QHttpHeaders::WellKnownHeader::Location, "/loop");
            r.setHeaders(h);
            return r;
        });
        // A login round trip: the first visit goes to /round-trip/login, which sends it back, and
        // the second visit is answered. The same URL twice is not a redirect loop.
        m_server.route(u"/round-trip"_s, [this] {
            if (++m_roundTrips % 2 == 0)
                return QHttpServerResponse(QByteArray("welcome back"));
            QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
            QHttpHeaders h;
            h.append(QHttpHeaders::WellKnownHeader::Location, "/round-trip/login");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/round-trip/login"_s, [] {
            QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
            QHttpHeaders h;
            h.append(QHttpHeaders::WellKnownHeader::Location, "/round-trip");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/login"_s, Method::Post, [](const QHttpServerRequest &req) {
            const QJsonObject in = QJsonDocument::fromJson(req.body()).object();
            if (in.value(u"password"_s).toString() != u"hunter2"_s)
                return QHttpServerResponse(QJsonObject { { u"error"_s, u"bad password"_s } },
                    QHttpServerResponder::StatusCode::Unauthorized);
            QHttpServerResponse r(QJsonObject {
                { u"user"_s,
                    QJsonObject { { u"name"_s, in.value(u"user"_s) }, { u"token"_s, u"tok-42"_s } } },
                { u"roles"_s, QJsonArray { u"reader"_s, u"admin"_s } } });
            QHttpHeaders h = r.headers();
            h.append(QHttpHeaders::WellKnownHeader::Location, "/users/7");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/me"_s, [](const QHttpServerRequest &req) {
            if (req.value("Authorization") != "Bearer tok-42")
                return QHttpServerResponse(
                    QByteArray("who are you?"), QHttpServerResponder::StatusCode::Unauthorized);
            return QHttpServerResponse(QJsonObject { { u"id"_s, 7 }, { u"name"_s, u"ann"_s } });
        });
        m_server.route(u"/cookie/set"_s, [] {
            QHttpServerResponse r(QByteArray("set"));
            QHttpHeaders h = r.headers();
            h.append(QHttpHeaders::WellKnownHeader::SetCookie, "session=abc123; Path=/");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/cookie/get"_s,
            [](const QHttpServerRequest &req) { return QHttpServerResponse(req.value("Cookie")); });
        m_server.route(u"/multi"_s, [] {
            QHttpServerResponse r(QByteArray("{\"ok\":true}"), QHttpServerResponder::StatusCode::Ok);
            QHttpHeaders h;
            h.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json; charset=utf-8");
            h.append("X-Multi", "one");
            h.append("X-Multi", "two");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/text/<arg>"_s, [](const QString &kind) {
            QByteArray body
                = kind == u"bad"_s ? QByteArray("caf\xc3\xa9 and \xff broken") : QByteArray("caf\xc3\xa9");
            QHttpServerResponse r(QByteArray("text/plain; charset=utf-8"), body);
            return r;
        });
        m_server.route(u"/deflate-bomb/<arg>"_s, [](int megabytes) {
            const QByteArray zeros(qsizetype(megabytes) << 20, '\0');
            const QByteArray zlib = qCompress(zeros, 9).mid(4); // a zlib stream, what "deflate" means in HTTP
            QHttpServerResponse r(QByteArray("application/octet-stream"), zlib);
            QHttpHeaders h = r.headers();
            h.append(QHttpHeaders::WellKnownHeader::ContentEncoding, "deflate");
            r.setHeaders(h);
            return r;
        });
        m_server.route(u"/big/<arg>"_s,
            [](qint64 megabytes, const QHttpServerRequest &, QHttpServerResponder &responder) {
                responder.write(new PatternDevice(megabytes << 20), "application/octet-stream");
            });
        m_tcp = std::make_unique<QTcpServer>();
        if (!m_tcp->listen(QHostAddress::LocalHost) || !m_server.bind(m_tcp.get()))
            qFatal("cannot start the test HTTP server");
    }

    quint16 port() const { return m_tcp->serverPort(); }
    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(port()).arg(path); }
    QHttpServer &server() { return m_server; }

    // {"method", "path", "query", "headers": [[name, value]...], "body": base64}
    static QHttpServerResponse echo(const QHttpServerRequest &req)
    {
        QJsonArray headers;
        const QHttpHeaders &h = req.headers();
        for (qsizetype i = 0; i < h.size(); ++i)
            headers.append(QJsonArray { QString::fromLatin1(h.nameAt(i)), QString::fromUtf8(h.valueAt(i)) });
        const QString method = QString::fromLatin1(
            QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(req.method())));
        return QHttpServerResponse(QJsonObject { { u"method"_s, method.toUpper() },
            { u"path"_s, req.url().path() }, { u"query"_s, req.url().query() }, { u"headers"_s, headers },
            { u"body"_s, QString::fromLatin1(req.body().toBase64()) } });
    }

private:
    QHttpServer m_server;
    std::unique_ptr<QTcpServer> m_tcp;
    int m_roundTrips = 0;
};

// A server that is never silent for long and never done soon: it answers each request with a head
// announcing @p bodySize bytes, then sends them one every @p intervalMs. Over TLS when given a
// configuration.
class DripServer
{
public:
    explicit DripServer(
        int bodySize = 100, int intervalMs = 100, const std::optional<QSslConfiguration> &tls = std::nullopt)
        : m_bodySize(bodySize)
        , m_intervalMs(intervalMs)
    {
        if (tls) {
            auto ssl = std::make_unique<QSslServer>();
            ssl->setSslConfiguration(*tls);
            m_server = std::move(ssl);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        if (!m_server->listen(QHostAddress::LocalHost))
            qFatal("cannot start the drip test server");
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(), [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection())
                serve(s);
        });
    }
    quint16 port() const { return m_server->serverPort(); }
    QString url(const QString &path, const QString &scheme = u"http"_s) const
    {
        return u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(port()).arg(path);
    }
    /// Body bytes written so far, over every connection.
    int bytesSent() const { return m_sent; }

private:
    void serve(QTcpSocket *s)
    {
        auto head = std::make_shared<QByteArray>();
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, head] {
            head->append(s->readAll());
            if (!head->contains("\r\n\r\n") || head->startsWith("done"))
                return;
            *head = "done";
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + QByteArray::number(m_bodySize) + "\r\n\r\n");
            auto *timer = new QTimer(s);
            auto left = std::make_shared<int>(m_bodySize);
            QObject::connect(timer, &QTimer::timeout, s, [this, s, timer, left] {
                s->write("x");
                ++m_sent;
                if (--*left == 0) {
                    timer->stop();
                    s->disconnectFromHost();
                }
            });
            timer->start(m_intervalMs);
        });
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }

    std::unique_ptr<QTcpServer> m_server;
    int m_bodySize;
    int m_intervalMs;
    int m_sent = 0;
};

// Records every byte received; answers each connection with m_reply once the request's headers
// (and a Content-Length body) have arrived, or never when m_reply is empty.
class RawServer
{
public:
    RawServer()
    {
        if (!m_server.listen(QHostAddress::LocalHost))
            qFatal("cannot start the raw test server");
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    m_received = *buffer;
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || m_reply.isEmpty())
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : buffer->left(end).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (buffer->size() < end + 4 + length)
                        return;
                    s->write(m_reply);
                    s->disconnectFromHost();
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(port()).arg(path); }
    void setReply(const QByteArray &reply) { m_reply = reply; }

    QByteArray received() const { return m_received; }

private:
    QTcpServer m_server;
    QByteArray m_reply;
    QByteArray m_received;
};
