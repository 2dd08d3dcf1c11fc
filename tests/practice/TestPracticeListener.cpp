// How the practice server reads requests off a connection, over real loopback sockets: head and
// body limits on every request, framing (RFC 9112), keep-alive and Connection: close, timeouts,
// the connection cap, accept() failures, HEAD, methods and versions, streaming to slow readers.
#include "practice/generatedjsondevice.h"
#include "practice/practiceserver.h"
#include "support/httptestclient.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// What the server sent on one connection for @p bytes, until it closed the connection (closed) or
// @p timeoutMs passed.
struct Conversation
{
    QByteArray received;
    bool closed = false;

    /// The status codes of the responses, in order, read by their framing (Content-Length or
    /// chunked); the first has no body when @p firstIsHead. Stops at what it cannot read.
    QList<int> statuses(bool firstIsHead = false) const
    {
        static const QRegularExpression length(
            u"\r\ncontent-length: *(\\d+)"_s, QRegularExpression::CaseInsensitiveOption);
        QList<int> list;
        qsizetype pos = 0;
        while (received.sliced(pos).startsWith("HTTP/1.1 ")) {
            const qsizetype headEnd = received.indexOf("\r\n\r\n", pos);
            if (headEnd < 0)
                break;
            const QByteArray head = received.sliced(pos, headEnd - pos);
            list.append(head.mid(9, 3).toInt());
            pos = headEnd + 4;
            if (firstIsHead && list.size() == 1)
                continue;
            if (head.toLower().contains("\r\ntransfer-encoding: chunked")) {
                const qsizetype end = received.indexOf("\r\n0\r\n\r\n", pos - 2);
                if (end < 0)
                    break;
                pos = end + 7;
            } else {
                pos += length.match(QString::fromLatin1(head)).captured(1).toLongLong();
            }
        }
        return list;
    }
    QByteArray headerBlock() const
    {
        return received.first(std::max<qsizetype>(0, received.indexOf("\r\n\r\n")));
    }
    QByteArray body() const { return received.sliced(received.indexOf("\r\n\r\n") + 4); }
    /// The practice server's error text: error.message of the JSON body.
    QString errorMessage() const
    {
        return QJsonDocument::fromJson(body())
            .object()
            .value(u"error"_s)
            .toObject()
            .value(u"message"_s)
            .toString();
    }
};

Conversation converse(quint16 port, const QByteArray &bytes, int timeoutMs = 10000)
{
    Conversation c;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return c;
    socket.write(bytes);
    c.closed = QTest::qWaitFor(
        [&] {
            c.received += socket.readAll();
            return socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
    c.received += socket.readAll();
    return c;
}

qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

const QByteArray kSmuggled = "GET /http/status/299 HTTP/1.1\r\nHost: localhost\r\n\r\n";

} // namespace

class TestPracticeListener : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PracticeServer> m_server;
    QList<PracticeLogEntry> m_log;

    quint16 port() const { return m_server->port(); }

    /// A server of its own with short timeouts and a small connection cap.
    std::unique_ptr<PracticeServer> strictServer(const PracticeServer::Limits &limits)
    {
        auto server = std::make_unique<PracticeServer>(m_dir.filePath(u"strict"_s));
        server->setLimits(limits);
        if (!server->start(0))
            return {};
        return server;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STUDYBENCH_BCRYPT_COST", "4");
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<PracticeServer>(m_dir.path());
        connect(m_server.get(), &PracticeServer::requestLogged, this,
            [this](const PracticeLogEntry &e) { m_log.append(e); });
        QVERIFY2(m_server->start(0), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { m_server->stop(); }

    // Issue #12, 1: a head is capped at 64 KiB and 100 fields; over either, 431 and close.
    void headLimits_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("says");
        QTest::newRow("one long field") << QByteArray(
            "GET /http/cookies HTTP/1.1\r\nHost: localhost\r\nX-Big: " + QByteArray(70 * 1024, 'a')
            + "\r\n\r\n") << u"65536 bytes"_s;
        QTest::newRow("a head that never ends") << QByteArray(
            "GET /http/cookies HTTP/1.1\r\nHost: localhost\r\nX-Big: " + QByteArray(200 * 1024, 'a'))
                                                << u"65536 bytes"_s;
        QByteArray many = "GET /http/cookies HTTP/1.1\r\nHost: localhost\r\n";
        for (int i = 0; i < 150; ++i)
            many += "X-Field-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
        QTest::newRow("150 fields") << QByteArray(many + "\r\n") << u"100 header fields"_s;
        QByteArray trailers
            = "POST /http/anything HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5\r\nhello\r\n0\r\n";
        for (int i = 0; i < 150; ++i)
            trailers += "X-Trailer-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("150 trailer fields") << QByteArray(trailers + "\r\n") << u"100 trailer fields"_s;
    }

    void headLimits()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, says);
        const Conversation c = converse(port(), request + kSmuggled);
        QVERIFY(c.closed);
        QCOMPARE(c.statuses(), QList<int> { 431 });
        QVERIFY2(c.headerBlock().toLower().contains("\r\nconnection: close"), c.headerBlock().constData());
        const QString message = c.errorMessage();
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY2(c.received.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            c.received.left(80).constData());
    }

    // Issue #12, 1: the body limit holds for every request of a kept-alive connection, before the
    // body is sent.
    void bodyLimitOnEveryRequest_data()
    {
        QTest::addColumn<QByteArray>("second");
        QTest::newRow("Content-Length") << QByteArray("POST /http/anything HTTP/1.1\r\nHost: localhost\r\n"
                                                      "Content-Length: 104857600\r\n\r\n");
        QTest::newRow("chunk size") << QByteArray("POST /http/anything HTTP/1.1\r\nHost: localhost\r\n"
                                                  "Transfer-Encoding: chunked\r\n\r\n6400000\r\n");
    }

    void bodyLimitOnEveryRequest()
    {
        QFETCH(QByteArray, second);
        RawHttpConnection conn(port());
        for (int i = 0; i < 3; ++i) {
            conn.send("GET /http/cookies HTTP/1.1\r\nHost: localhost\r\n\r\n");
            QCOMPARE(conn.readResponse(5000).status, 200);
        }
        conn.send(second);
        const HttpResult r = conn.readResponse(5000);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.header("connection"), "close");
        QVERIFY(conn.waitForClose(5000));
    }

    // Issue #12, 3: Connection: close and HTTP/1.0 end the connection after the answer; what was
    // sent after it is not answered.
    void connectionClose_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("Connection: close")
            << QByteArray("GET /http/cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QTest::newRow("Connection: keep-alive, close") << QByteArray(
            "GET /http/cookies HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, Close\r\n\r\n");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /http/cookies HTTP/1.0\r\nHost: localhost\r\n\r\n");
        QTest::newRow("HTTP/1.0 with a body")
            << QByteArray("POST /http/anything HTTP/1.0\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi");
    }

    void connectionClose()
    {
        QFETCH(QByteArray, request);
        const Conversation c = converse(port(), request + kSmuggled);
        QVERIFY(c.closed);
        QCOMPARE(c.statuses(), QList<int> { 200 });
        QVERIFY2(c.headerBlock().toLower().contains("\r\nconnection: close"), c.headerBlock().constData());
        QVERIFY(QJsonDocument::fromJson(c.body()).isObject());
    }

    void keepAliveAnswersInOrder()
    {
        const Conversation c = converse(port(),
            "GET /http/status/201 HTTP/1.1\r\nHost: localhost\r\n\r\n"
            "GET /http/status/202 HTTP/1.1\r\nHost: localhost\r\n\r\n"
            "GET /http/delay/0 HTTP/1.1\r\nHost: localhost\r\n\r\n"
            "GET /http/status/203 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY(c.closed);
        QCOMPARE(c.statuses(), (QList<int> { 201, 202, 200, 203 }));
    }

    // Issue #12, 4: framing that two readers could take differently is refused with 400 (or 501,
    // 505) and the connection closed; nothing after it is read as a request.
    void badFraming_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray post = "POST /http/anything HTTP/1.1\r\nHost: localhost\r\n";
        QTest::newRow("Content-Length abc") << QByteArray(post + "Content-Length: abc\r\n\r\n") << 400;
        QTest::newRow("Content-Length -5") << QByteArray(post + "Content-Length: -5\r\n\r\n") << 400;
        QTest::newRow("Content-Length +5") << QByteArray(post + "Content-Length: +5\r\n\r\nhello") << 400;
        QTest::newRow("Content-Length 5, 6")
            << QByteArray(post + "Content-Length: 5, 6\r\n\r\nhello!") << 400;
        QTest::newRow("two Content-Lengths")
            << QByteArray(post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!") << 400;
        QTest::newRow("Content-Length empty") << QByteArray(post + "Content-Length: \r\n\r\n") << 400;
        QTest::newRow("Content-Length huge")
            << QByteArray(post + "Content-Length: 99999999999999999999999\r\n\r\n") << 400;
        QTest::newRow("Content-Length and chunked")
            << QByteArray(post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk size zz")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk size -5")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk size empty")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n\r\n") << 400;
        QTest::newRow("chunk longer than its size")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello, world\r\n0\r\n\r\n") << 400;
        QTest::newRow("gzip only") << QByteArray(post + "Transfer-Encoding: gzip\r\n\r\n") << 400;
        QTest::newRow("gzip, chunked")
            << QByteArray(post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n") << 501;
        QTest::newRow("chunked in HTTP/1.0") << QByteArray(
            "POST /http/anything HTTP/1.0\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            "0\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray(post + "Content-Length : 5\r\n\r\nhello") << 400;
        QTest::newRow("folded line") << QByteArray(post + "X-A: 1\r\n folded\r\n\r\n") << 400;
        QTest::newRow("NUL in a value") << QByteArray(post + QByteArray("X-A: a\0b\r\n\r\n", 12)) << 400;
        QTest::newRow("two Hosts") << QByteArray(post + "Host: localhost\r\n\r\n") << 400;
        QTest::newRow("HTTP/9.9") << QByteArray("GET /http/cookies HTTP/9.9\r\nHost: localhost\r\n\r\n")
                                  << 505;
        QTest::newRow("HTTP/2.0") << QByteArray("GET /http/cookies HTTP/2.0\r\nHost: localhost\r\n\r\n")
                                  << 505;
        QTest::newRow("HTTP/1.1x") << QByteArray("GET /http/cookies HTTP/1.1x\r\nHost: localhost\r\n\r\n")
                                   << 400;
        QTest::newRow("two spaces") << QByteArray("GET  /http/cookies HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                    << 400;
        QTest::newRow("no version") << QByteArray("GET /http/cookies\r\nHost: localhost\r\n\r\n") << 400;
        QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x05\x01\xfc\x03\x03\r\n\r\n") << 400;
    }

    void badFraming()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const Conversation c = converse(port(), request + kSmuggled);
        QVERIFY(c.closed);
        QCOMPARE(c.statuses(), QList<int> { status });
        QVERIFY2(c.headerBlock().toLower().contains("\r\nconnection: close"), c.headerBlock().constData());
        const QString message = c.errorMessage();
        QVERIFY2(!message.isEmpty(), c.received.constData());
        // The server is fine for the next client.
        QCOMPARE(
            converse(port(), "GET /http/status/204 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .statuses(),
            QList<int> { 204 });
    }

    // Issue #12, 4: trailers end a chunked body; they are not a request of their own.
    void chunkedTrailers()
    {
        const Conversation c = converse(port(),
            "POST /http/anything HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
            "GET /http/status/202 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY(c.closed);
        QCOMPARE(c.statuses(), (QList<int> { 200, 202 }));
        const QByteArray first = c.received.first(c.received.indexOf("HTTP/1.1 202"));
        QVERIFY2(first.contains("\"body\":\"hello world\""), first.constData());
    }

    // Issue #12, 5: HEAD has the GET's head, Content-Length included, and no body.
    void head_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("stream") << u"/http/stream/5"_s;
        QTest::newRow("bytes") << u"/http/bytes/1000"_s;
        QTest::newRow("json") << u"/http/json?size=5000"_s;
        QTest::newRow("status") << u"/http/status/418"_s;
        QTest::newRow("index") << u"/"_s;
    }

    void head()
    {
        QFETCH(QString, path);
        const QByteArray target = path.toLatin1();
        const Conversation get
            = converse(port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const Conversation head = converse(port(),
            "HEAD " + target
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  "GET /http/status/204 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY(head.closed);
        QCOMPARE(head.statuses(true), (QList<int> { get.statuses().first(), 204 }));
        // Nothing between the HEAD answer's head and the next answer.
        const qsizetype end = head.received.indexOf("\r\n\r\n") + 4;
        QVERIFY2(head.received.sliced(end).startsWith("HTTP/1.1 204 "), head.received.constData());
        const auto contentLength = [](const QByteArray &block) {
            static const QRegularExpression re(
                u"\r\ncontent-length: (\\d+)"_s, QRegularExpression::CaseInsensitiveOption);
            return re.match(QString::fromLatin1(block)).captured(1);
        };
        QCOMPARE(contentLength(head.headerBlock()), contentLength(get.headerBlock()));
        QCOMPARE(head.headerBlock().toLower().contains("transfer-encoding: chunked"),
            get.headerBlock().toLower().contains("transfer-encoding: chunked"));
    }

    // Issue #12, 5: unknown methods get 501, or 405 with Allow where the path exists.
    void methods_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("FOO on a GET path")
            << QByteArray("FOO") << QByteArray("/http/cookies") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("TRACE on a GET path")
            << QByteArray("TRACE") << QByteArray("/http/cookies") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("TRACE on anything") << QByteArray("TRACE") << QByteArray("/http/anything") << 405
                                           << QByteArray("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        QTest::newRow("lower-case get")
            << QByteArray("get") << QByteArray("/http/cookies") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("FOO nowhere") << QByteArray("FOO") << QByteArray("/nowhere") << 501 << QByteArray();
        QTest::newRow("CONNECT") << QByteArray("CONNECT") << QByteArray("/nowhere") << 501 << QByteArray();
        QTest::newRow("GET nowhere") << QByteArray("GET") << QByteArray("/nowhere") << 404 << QByteArray();
    }

    void methods()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        const HttpResult r
            = HttpTestClient(port()).raw(method + ' ' + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("allow"), allow);
        QVERIFY(!r.json().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    }

    // Issue #12, 10: the reason phrases are RFC 9110's.
    void reasonPhrases_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("418") << 418 << QByteArray("HTTP/1.1 418 I'm a teapot\r\n");
        QTest::newRow("203") << 203 << QByteArray("HTTP/1.1 203 Non-Authoritative Information\r\n");
        QTest::newRow("413") << 413 << QByteArray("HTTP/1.1 413 Content Too Large\r\n");
        QTest::newRow("299") << 299 << QByteArray("HTTP/1.1 299 \r\n");
    }

    void reasonPhrases()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, line);
        const Conversation c = converse(port(),
            "GET /http/status/" + QByteArray::number(status)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY2(c.received.startsWith(line), c.received.left(60).constData());
    }

    // Issue #12, 6: /http/json is made as it is read: twenty clients that do not read hold little
    // of the server's memory; a reader gets the whole document.
    void jsonStreamsToSlowReaders()
    {
        const qint64 size = 10 * 1024 * 1024;
        const QByteArray request
            = "GET /http/json?size=" + QByteArray::number(size) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        const qint64 before = residentBytes();
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 20; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->setReadBufferSize(4096);
            socket->connectToHost(QHostAddress::LocalHost, port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(request);
            idle.push_back(std::move(socket));
        }
        QTest::qWait(1000);
        const qint64 grown = residentBytes() - before;
        QVERIFY2(grown < 40 * 1024 * 1024, qPrintable(QString::number(grown)));
        idle.clear();

        const HttpResult r = HttpTestClient(port()).get(u"/http/json?size=100000"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-length").toLongLong(), r.body.size());
        QVERIFY(r.body.size() >= 100000 && r.body.size() < 100000 + 1024);
        const QJsonObject doc = r.json();
        QCOMPARE(doc.value(u"requested"_s).toInt(), 100000);
        QVERIFY(doc.value(u"items"_s).toArray().size() > 100);
        GeneratedJsonDevice device(100000);
        QVERIFY(device.open(QIODevice::ReadOnly));
        QCOMPARE(device.size(), r.body.size());
        QCOMPARE(device.readAll(), r.body);
    }

    // Issue #12, 7: a path's percent signs reach the access log as they were sent.
    void accessLogKeepsPercentSigns()
    {
        m_log.clear();
        const QByteArray path = "/http/anything/%2F%3D%271%27%3D%271%3C";
        const Conversation c = converse(
            port(), "GET " + path + "?q=%5%2%1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        // "%2F" is a slash in the decoded path: no route has that many segments.
        QCOMPARE(c.statuses(), QList<int> { 404 });
        QCOMPARE(m_log.size(), 1);
        const QString line = m_log.first().toLine();
        QVERIFY2(
            line.contains(u" GET /http/anything/%2F%3D%271%27%3D%271%3C?q=%5%2%1 404 "_s), qPrintable(line));
        QVERIFY2(line.endsWith(u" ms"_s), qPrintable(line));
    }

    // Issue #12, 2: a head that does not come in time gets 408; a connection silent from the
    // start, or kept alive and idle, is closed.
    void timeouts()
    {
        PracticeServer::Limits limits;
        limits.headerTimeout = 300ms;
        limits.idleTimeout = 300ms;
        const auto server = strictServer(limits);
        QVERIFY(server);

        RawHttpConnection slow(server->port());
        slow.send("GET /http/cookies HTTP/1.1\r\nHost: loc");
        for (int i = 0; i < 3; ++i) {
            QTest::qWait(100);
            slow.send("a");
        }
        const HttpResult r = slow.readResponse(5000);
        QCOMPARE(r.status, 408);
        QCOMPARE(r.header("connection"), "close");
        QVERIFY(slow.waitForClose(5000));

        RawHttpConnection silent(server->port());
        QVERIFY(silent.waitForClose(5000));

        RawHttpConnection idle(server->port());
        idle.send("GET /http/cookies HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(idle.readResponse(5000).status, 200);
        QVERIFY(idle.waitForClose(5000));

        // A body that stops coming.
        RawHttpConnection stalled(server->port());
        stalled.send("POST /http/anything HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
        QCOMPARE(stalled.readResponse(5000).status, 408);
        QVERIFY(stalled.waitForClose(5000));
    }

    // Issue #12, 2: at the connection cap a new connection waits until another one closes.
    void connectionCap()
    {
        PracticeServer::Limits limits;
        limits.maxConnections = 2;
        const auto server = strictServer(limits);
        QVERIFY(server);
        const QByteArray get = "GET /http/cookies HTTP/1.1\r\nHost: localhost\r\n\r\n";
        auto first = std::make_unique<RawHttpConnection>(server->port());
        RawHttpConnection second(server->port());
        first->send(get);
        second.send(get);
        QCOMPARE(first->readResponse(5000).status, 200);
        QCOMPARE(second.readResponse(5000).status, 200);

        RawHttpConnection third(server->port()); // the system takes it; the server not yet
        third.send(get);
        QCOMPARE(third.readResponse(500).status, 0);
        first.reset();
        QCOMPARE(third.readResponse(5000).status, 200);
    }

    // Issue #12, 2: when accept() fails for want of file descriptors, the server pauses
    // accepting (it does not try again at once, over and over) and serves the waiting
    // connections once it can.
    void acceptFailureRecovers()
    {
        PracticeServer::Limits limits;
        limits.acceptRetryDelay = 200ms;
        const auto server = strictServer(limits);
        QVERIFY(server);
        QSignalSpy paused(server.get(), &PracticeServer::acceptPaused);

        // Connections the system completes before the server accepts them.
        std::vector<int> descriptors;
        for (int i = 0; i < 3; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address {};
            address.sin_family = AF_INET;
            address.sin_port = htons(server->port());
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
            descriptors.push_back(fd);
        }
        // No descriptor left for accept(): the lowest free one is the limit.
        rlimit original {};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &original), 0);
        const int lowestFree = ::dup(0);
        QVERIFY(lowestFree > 0);
        ::close(lowestFree);
        rlimit lowered = original;
        lowered.rlim_cur = rlim_t(lowestFree);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);
        const bool failed = QTest::qWaitFor([&] { return !paused.isEmpty(); }, 5000);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &original), 0);
        QVERIFY(failed);
        QVERIFY2(!paused.first().first().toString().isEmpty(), "the reason is given");

        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int fd : descriptors) {
            clients.push_back(std::make_unique<QTcpSocket>());
            QVERIFY(clients.back()->setSocketDescriptor(fd));
            clients.back()->write(
                "GET /http/status/202 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        }
        for (const auto &client : clients) {
            QByteArray received;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    received += client->readAll();
                    return received.contains("\r\n\r\n");
                },
                5000));
            QVERIFY2(received.startsWith("HTTP/1.1 202 "), received.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestPracticeListener)
#include "TestPracticeListener.moc"
