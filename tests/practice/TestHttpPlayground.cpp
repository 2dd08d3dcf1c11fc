// The HTTP playground under /http, over real loopback HTTP against a real PracticeServer.
#include "practice/generatedbytesdevice.h"
#include "practice/httpplayground.h"
#include "practice/practiceexchange.h"
#include "practice/practiceserver.h"
#include "support/httptestclient.h"
#include "util/httpcompression.h"

#include <QJsonArray>
#include <QNetworkCookieJar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

class TestHttpPlayground : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PracticeServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    QList<PracticeLogEntry> m_log;

    HttpTestClient &c() { return *m_client; }
    QByteArray hostValue() const { return "127.0.0.1:" + QByteArray::number(m_server->port()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<PracticeServer>(m_dir.path());
        QSignalSpy running(m_server.get(), &PracticeServer::runningChanged);
        connect(m_server.get(), &PracticeServer::requestLogged, this,
            [this](const PracticeLogEntry &e) { m_log.append(e); });
        QVERIFY2(m_server->start(0), qPrintable(m_server->errorString()));
        QCOMPARE(running.size(), 1);
        QVERIFY(m_server->isRunning());
        QVERIFY(m_server->port() > 0);
        QCOMPARE(m_server->url(), QUrl(u"http://127.0.0.1:%1"_s.arg(m_server->port())));
        QVERIFY(QFile::exists(m_dir.filePath(u"practice.sqlite"_s)));
        m_client = std::make_unique<HttpTestClient>(m_server->port());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        QSignalSpy stopped(m_server.get(), &PracticeServer::stopped);
        m_server->stop();
        QCOMPARE(stopped.size(), 1);
        QVERIFY(!m_server->isRunning());
        QVERIFY(m_server->url().isEmpty());
    }

    void index()
    {
        const HttpResult r = c().get(u"/http"_s);
        QCOMPARE(r.status, 200);
        const QJsonArray endpoints = r.json().value(u"endpoints"_s).toArray();
        QVERIFY(endpoints.size() >= 20);
    }

    void anything_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        for (const char *m : { "GET", "DELETE" })
            QTest::newRow(m) << QByteArray(m) << QByteArray();
        for (const char *m : { "POST", "PUT", "PATCH" })
            QTest::newRow(m) << QByteArray(m) << QByteArray(R"({"answer":42,"list":[1,2]})");
    }

    void anything()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        const HttpResult r = c().send(method, u"/http/anything/sub?a=1&a=2&b=%C3%A4"_s, body,
            { { "Content-Type", "application/json" }, { "X-Custom", "hello" } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"method"_s).toString(), QString::fromLatin1(method));
        QCOMPARE(o.value(u"path"_s).toString(), u"/http/anything/sub"_s);
        QCOMPARE(o.value(u"query"_s).toObject().value(u"a"_s).toArray(), (QJsonArray { u"1"_s, u"2"_s }));
        QCOMPARE(o.value(u"query"_s).toObject().value(u"b"_s).toString(), u"\u00e4"_s);
        QCOMPARE(o.value(u"headers"_s).toObject().value(u"x-custom"_s).toString(), u"hello"_s);
        QCOMPARE(o.value(u"body"_s).toString().toUtf8(), body);
        QCOMPARE(o.value(u"bodyBytes"_s).toInt(), body.size());
        if (body.isEmpty())
            QVERIFY(o.value(u"json"_s).isNull());
        else
            QCOMPARE(o.value(u"json"_s).toObject().value(u"answer"_s).toInt(), 42);
    }

    void requestIds()
    {
        const HttpResult a = c().get(u"/http/anything"_s);
        const HttpResult b = c().get(u"/http/anything"_s);
        QCOMPARE(a.header("x-request-id").size(), 36);
        QVERIFY(a.header("x-request-id") != b.header("x-request-id"));
        QCOMPARE(a.json().value(u"requestId"_s).toString().toLatin1(), a.header("x-request-id"));
        const HttpResult mine = c().get(u"/http/anything"_s, { { "X-Request-Id", "trace-123.abc_D" } });
        QCOMPARE(mine.header("x-request-id"), "trace-123.abc_D");
        const HttpResult bad = c().get(u"/http/anything"_s, { { "X-Request-Id", "has spaces; and more" } });
        QCOMPARE(bad.header("x-request-id").size(), 36);
        // Errors carry one too, and so does a 404.
        QCOMPARE(c().get(u"/http/status/abc"_s).header("x-request-id").size(), 36);
        QCOMPARE(c().get(u"/no/such/thing"_s).header("x-request-id").size(), 36);
    }

    void accessLog()
    {
        m_log.clear();
        const HttpResult r = c().get(u"/http/status/201?from=log"_s, { { "X-Request-Id", "log-check" } });
        QCOMPARE(r.status, 201);
        QCOMPARE(m_log.size(), 1);
        const PracticeLogEntry e = m_log.first();
        QCOMPARE(e.method, u"GET"_s);
        QCOMPARE(e.path, u"/http/status/201?from=log"_s);
        QCOMPARE(e.status, 201);
        QCOMPARE(e.requestId, u"log-check"_s);
        QVERIFY(e.durationMs >= 0 && e.durationMs < 5000);
        QVERIFY(e.time.secsTo(QDateTime::currentDateTimeUtc()) < 60);
        QVERIFY2(
            QRegularExpression(
                u"^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z GET /http/status/201\\?from=log 201 \\d+\\.\\d\\d ms$"_s)
                .match(e.toLine())
                .hasMatch(),
            qPrintable(e.toLine()));
    }

    void hostHeader_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        const QByteArray port = QByteArray::number(m_server->port());
        QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:" + port) << 200;
        QTest::newRow("localhost:port") << QByteArray("localhost:" + port) << 200;
        QTest::newRow("LOCALHOST") << QByteArray("LOCALHOST") << 200;
        QTest::newRow("127.8.9.10") << QByteArray("127.8.9.10") << 200;
        QTest::newRow("[::1]:port") << QByteArray("[::1]:" + port) << 200;
        QTest::newRow("evil.example") << QByteArray("evil.example") << 421;
        QTest::newRow("evil.example:port") << QByteArray("evil.example:" + port) << 421;
        QTest::newRow("localhost.evil.example") << QByteArray("localhost.evil.example") << 421;
        QTest::newRow("127.0.0.1.nip.io") << QByteArray("127.0.0.1.nip.io") << 421;
        QTest::newRow("128.0.0.1") << QByteArray("128.0.0.1") << 421;
        QTest::newRow("127.0.0.256") << QByteArray("127.0.0.256") << 421;
        QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0") << 421;
        QTest::newRow("[::2]") << QByteArray("[::2]") << 421;
        QTest::newRow("192.168.1.1") << QByteArray("192.168.1.1") << 421;
        QTest::newRow("bad port") << QByteArray("localhost:99999") << 421;
    }

    void hostHeader()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const HttpResult r = c().raw("GET /http/anything HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("x-request-id").size(), 36);
        if (status == 421)
            QCOMPARE(QJsonDocument::fromJson(r.body)
                         .object()
                         .value(u"error"_s)
                         .toObject()
                         .value(u"status"_s)
                         .toInt(),
                421);
    }

    void hostHeaderMissing()
    {
        const HttpResult r = c().raw("GET /http/anything HTTP/1.1\r\n\r\n");
        QCOMPARE(r.status, 400);
    }

    void status_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("200") << u"200"_s << 200 << QByteArray();
        QTest::newRow("201") << u"201"_s << 201 << QByteArray();
        QTest::newRow("204") << u"204"_s << 204 << QByteArray();
        QTest::newRow("301") << u"301"_s << 301 << QByteArray("location");
        QTest::newRow("400") << u"400"_s << 400 << QByteArray();
        QTest::newRow("401") << u"401"_s << 401 << QByteArray("www-authenticate");
        QTest::newRow("404") << u"404"_s << 404 << QByteArray();
        QTest::newRow("418") << u"418"_s << 418 << QByteArray();
        QTest::newRow("429") << u"429"_s << 429 << QByteArray("retry-after");
        QTest::newRow("500") << u"500"_s << 500 << QByteArray();
        QTest::newRow("503") << u"503"_s << 503 << QByteArray("retry-after");
        QTest::newRow("599") << u"599"_s << 599 << QByteArray();
        QTest::newRow("not a number") << u"abc"_s << 400 << QByteArray();
        QTest::newRow("too small") << u"99"_s << 400 << QByteArray();
        QTest::newRow("1xx") << u"100"_s << 400 << QByteArray();
        QTest::newRow("too big") << u"600"_s << 400 << QByteArray();
        QTest::newRow("SQL") << u"200%27%20OR%201=1"_s << 400 << QByteArray();
    }

    void status()
    {
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(QByteArray, header);
        const HttpResult r = c().get(u"/http/status/"_s + code);
        QCOMPARE(r.status, status);
        if (!header.isEmpty())
            QVERIFY2(!r.header(header).isEmpty(), header.constData());
        if (status == 204)
            QVERIFY(r.body.isEmpty());
        else if (code.toInt() == status)
            QCOMPARE(r.json().value(u"status"_s).toInt(), status);
    }

    void delayDoesNotBlock()
    {
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *capped = c().start("GET", u"/http/delay/30"_s);
        QNetworkReply *slow = c().start("GET", u"/http/delay/1.5"_s);
        QNetworkReply *fast = c().start("GET", u"/http/anything"_s);
        const HttpResult f = HttpTestClient::finish(fast, timer);
        QCOMPARE(f.status, 200);
        QVERIFY2(f.elapsedMs < 1000, qPrintable(QString::number(f.elapsedMs)));
        QVERIFY(!slow->isFinished());
        const HttpResult s = HttpTestClient::finish(slow, timer);
        QCOMPARE(s.status, 200);
        QVERIFY2(s.elapsedMs >= 1450 && s.elapsedMs < 5000, qPrintable(QString::number(s.elapsedMs)));
        QCOMPARE(s.json().value(u"delay"_s).toDouble(), 1.5);
        const HttpResult cap = HttpTestClient::finish(capped, timer);
        QCOMPARE(cap.status, 200);
        QCOMPARE(cap.json().value(u"delay"_s).toDouble(), 10.0);
        QVERIFY2(cap.elapsedMs >= 9900 && cap.elapsedMs < 15000, qPrintable(QString::number(cap.elapsedMs)));
        QCOMPARE(c().get(u"/http/delay/-1"_s).status, 400);
        QCOMPARE(c().get(u"/http/delay/soon"_s).status, 400);
    }

    void redirects_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("location");
        const QString base = u"http://127.0.0.1:%1"_s.arg(m_server->port());
        QTest::newRow("relative 3") << u"/http/redirect/3"_s << 302 << u"/http/redirect/2"_s;
        QTest::newRow("relative 1") << u"/http/redirect/1"_s << 302 << u"/http/anything"_s;
        QTest::newRow("absolute 2") << u"/http/absolute-redirect/2"_s << 302
                                    << base + u"/http/absolute-redirect/1"_s;
        QTest::newRow("absolute 1") << u"/http/absolute-redirect/1"_s << 302 << base + u"/http/anything"_s;
        QTest::newRow("zero") << u"/http/redirect/0"_s << 400 << QString();
        QTest::newRow("too many") << u"/http/redirect/21"_s << 400 << QString();
    }

    void redirects()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, location);
        const HttpResult r = c().get(path);
        QCOMPARE(r.status, status);
        QCOMPARE(QString::fromLatin1(r.header("location")), location);
    }

    void redirectsFollowed()
    {
        for (const QString &path : { u"/http/redirect/5"_s, u"/http/absolute-redirect/4"_s }) {
            const HttpResult r = c().send("GET", path, {}, {}, true);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.finalUrl.path(), u"/http/anything"_s);
        }
    }

    void basicAuth_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("right") << QByteArray("Basic " + QByteArray("ann:s3cret").toBase64()) << 200;
        QTest::newRow("lower-case scheme")
            << QByteArray("basic " + QByteArray("ann:s3cret").toBase64()) << 200;
        QTest::newRow("wrong password") << QByteArray("Basic " + QByteArray("ann:guess").toBase64()) << 401;
        QTest::newRow("wrong user") << QByteArray("Basic " + QByteArray("bob:s3cret").toBase64()) << 401;
        QTest::newRow("none") << QByteArray() << 401;
        QTest::newRow("not base64") << QByteArray("Basic ***") << 401;
        QTest::newRow("bearer") << QByteArray("Bearer abc") << 401;
    }

    void basicAuth()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        Headers h;
        if (!authorization.isEmpty())
            h.emplaceBack("Authorization", authorization);
        const HttpResult r = c().get(u"/http/basic-auth/ann/s3cret"_s, h);
        QCOMPARE(r.status, status);
        if (status == 401)
            QVERIFY(r.header("www-authenticate").startsWith("Basic realm="));
        else
            QCOMPARE(r.json().value(u"user"_s).toString(), u"ann"_s);
    }

    void bearer_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("challenge");
        QTest::newRow("token") << QByteArray("Bearer abc.DEF-123_~+/=") << 200 << QByteArray();
        QTest::newRow("none") << QByteArray() << 401 << QByteArray("Bearer realm=\"StudyBench practice\"");
        QTest::newRow("empty token") << QByteArray("Bearer ") << 401 << QByteArray("error=\"invalid_token\"");
        QTest::newRow("basic") << QByteArray("Basic YTpi") << 401 << QByteArray("error=\"invalid_token\"");
        QTest::newRow("bad characters")
            << QByteArray("Bearer a b") << 401 << QByteArray("error=\"invalid_token\"");
    }

    void bearer()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QByteArray, challenge);
        Headers h;
        if (!authorization.isEmpty())
            h.emplaceBack("Authorization", authorization);
        const HttpResult r = c().get(u"/http/bearer"_s, h);
        QCOMPARE(r.status, status);
        if (status == 401)
            QVERIFY2(
                r.header("www-authenticate").contains(challenge), r.header("www-authenticate").constData());
        else
            QCOMPARE(r.json().value(u"token"_s).toString(), u"abc.DEF-123_~+/="_s);
    }

    void etag_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("status");
        QTest::newRow("plain") << QByteArray() << QByteArray() << 200;
        QTest::newRow("If-None-Match same") << QByteArray("If-None-Match") << QByteArray("\"v1\"") << 304;
        QTest::newRow("If-None-Match weak") << QByteArray("If-None-Match") << QByteArray("W/\"v1\"") << 304;
        QTest::newRow("If-None-Match list")
            << QByteArray("If-None-Match") << QByteArray("\"v0\", \"v1\"") << 304;
        QTest::newRow("If-None-Match *") << QByteArray("If-None-Match") << QByteArray("*") << 304;
        QTest::newRow("If-None-Match other") << QByteArray("If-None-Match") << QByteArray("\"v2\"") << 200;
        QTest::newRow("If-None-Match unquoted") << QByteArray("If-None-Match") << QByteArray("v1") << 200;
        QTest::newRow("If-Match same") << QByteArray("If-Match") << QByteArray("\"v1\"") << 200;
        QTest::newRow("If-Match other") << QByteArray("If-Match") << QByteArray("\"v2\"") << 412;
        QTest::newRow("If-Match weak") << QByteArray("If-Match") << QByteArray("W/\"v1\"") << 412;
    }

    void etag()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(int, status);
        Headers h;
        if (!header.isEmpty())
            h.emplaceBack(header, value);
        const HttpResult r = c().get(u"/http/etag/v1"_s, h);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("etag"), "\"v1\"");
        if (status == 304)
            QVERIFY(r.body.isEmpty());
    }

    void lastModified()
    {
        const HttpResult first = c().get(u"/http/last-modified"_s);
        QCOMPARE(first.status, 200);
        const QByteArray lm = first.header("last-modified");
        const QDateTime t = HttpPlayground::parseHttpDate(lm);
        QVERIFY2(t.isValid(), lm.constData());
        QVERIFY(lm.endsWith(" GMT"));
        QCOMPARE(HttpPlayground::httpDate(t), lm);
        QCOMPARE(c().get(u"/http/last-modified"_s, { { "If-Modified-Since", lm } }).status, 304);
        QCOMPARE(c().get(u"/http/last-modified"_s,
                        { { "If-Modified-Since", HttpPlayground::httpDate(t.addDays(1)) } })
                     .status,
            304);
        QCOMPARE(c().get(u"/http/last-modified"_s,
                        { { "If-Modified-Since", HttpPlayground::httpDate(t.addSecs(-1)) } })
                     .status,
            200);
        QCOMPARE(c().get(u"/http/last-modified"_s, { { "If-Modified-Since", "yesterday" } }).status, 200);
    }

    void httpDates()
    {
        const QDateTime t(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::UTC);
        QCOMPARE(HttpPlayground::httpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        QCOMPARE(HttpPlayground::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), t);
        QVERIFY(!HttpPlayground::parseHttpDate("Sunday, 06-Nov-94 08:49:37").isValid());
    }

    void caching()
    {
        const HttpResult cached = c().get(u"/http/cache/60"_s);
        QCOMPARE(cached.status, 200);
        QCOMPARE(cached.header("cache-control"), "public, max-age=60");
        const HttpResult noStore = c().get(u"/http/no-store"_s);
        QCOMPARE(noStore.status, 200);
        QCOMPARE(noStore.header("cache-control"), "no-store");
        QCOMPARE(c().get(u"/http/cache/-1"_s).status, 400);
        QCOMPARE(c().get(u"/http/cache/forever"_s).status, 400);
    }

    void compression_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QString>("flag");
        QTest::newRow("gzip") << u"/http/gzip"_s << QByteArray("gzip") << u"gzipped"_s;
        QTest::newRow("deflate") << u"/http/deflate"_s << QByteArray("deflate") << u"deflated"_s;
    }

    void compression()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, encoding);
        QFETCH(QString, flag);
        // QNetworkAccessManager asks for gzip and deflate itself and decodes with zlib.
        const HttpResult decoded = c().get(path);
        QCOMPARE(decoded.status, 200);
        QVERIFY2(decoded.json().value(flag).toBool(), decoded.body.left(200).constData());
        // Asking explicitly leaves the bytes as they came.
        const HttpResult raw = c().get(path, { { "Accept-Encoding", encoding } });
        QCOMPARE(raw.header("content-encoding"), encoding);
        QVERIFY(raw.json().isEmpty());
        if (encoding == "gzip") {
            QVERIFY(raw.body.startsWith("\x1f\x8b\x08"));
            // ISIZE, the last four bytes, is the length of the uncompressed text.
            const quint32 isize = qFromLittleEndian<quint32>(raw.body.constData() + raw.body.size() - 4);
            QVERIFY(isize > 100 && isize < 10000);
        } else {
            QCOMPARE(quint8(raw.body.at(0)) & 0x0F, 8); // zlib: CM = deflate
            // Qt's own zlib decodes it, Adler-32 included.
            QByteArray withLength(4, '\0');
            const QByteArray plain = qUncompress(withLength + raw.body);
            QVERIFY(!plain.isEmpty());
            QVERIFY(QJsonDocument::fromJson(plain).object().value(flag).toBool());
        }
    }

    void crc32()
    {
        QCOMPARE(HttpCompression::crc32("123456789"), 0xCBF43926u);
        QCOMPARE(HttpCompression::crc32(""), 0u);
    }

    void stream()
    {
        const HttpResult r = c().get(u"/http/stream/7"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("transfer-encoding"), "chunked");
        QCOMPARE(r.header("content-type"), "application/x-ndjson");
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(line.value(u"id"_s).toInt(-1), i);
            QCOMPARE(line.value(u"of"_s).toInt(), 7);
        }
        QCOMPARE(c().get(u"/http/stream/1"_s).body.trimmed().split('\n').size(), 1);
        QCOMPARE(c().get(u"/http/stream/0"_s).status, 400);
        QCOMPARE(c().get(u"/http/stream/101"_s).status, 400);
    }

    void bytesSmall()
    {
        const HttpResult r = c().get(u"/http/bytes/1000?seed=7"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), "application/octet-stream");
        QCOMPARE(r.header("content-length"), "1000");
        QCOMPARE(r.body.size(), 1000);
        for (int i = 0; i < r.body.size(); ++i)
            QCOMPARE(r.body.at(i), GeneratedBytesDevice::byteAt(i, 7));
        QVERIFY(r.body != c().get(u"/http/bytes/1000?seed=8"_s).body);
        QCOMPARE(c().get(u"/http/bytes/0"_s).body.size(), 0);
        QCOMPARE(c().get(u"/http/bytes/1073741825"_s).status, 400);
        QCOMPARE(c().get(u"/http/bytes/-5"_s).status, 400);
        QCOMPARE(c().get(u"/http/bytes/10?seed=x"_s).status, 400);
    }

    // 200 MB through a real socket, read as it arrives; the server streams it from a generator.
    void bytesLargeStreamed()
    {
        const qint64 size = 200 * 1000 * 1000;
        QNetworkReply *reply = c().start("GET", u"/http/bytes/%1?seed=3"_s.arg(size));
        reply->setReadBufferSize(1 << 20);
        qint64 received = 0;
        bool sameBytes = true;
        connect(reply, &QIODevice::readyRead, reply, [&] {
            const QByteArray chunk = reply->readAll();
            // Spot-check the first byte of every chunk.
            if (!chunk.isEmpty() && chunk.at(0) != GeneratedBytesDevice::byteAt(received, 3))
                sameBytes = false;
            received += chunk.size();
        });
        const HttpResult r = HttpTestClient::finish(reply);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-length").toLongLong(), size);
        QCOMPARE(received + r.body.size(), size);
        QVERIFY(sameBytes);
    }

    void bytesOneGibibyteAnnounced()
    {
        QNetworkReply *reply = c().start("GET", u"/http/bytes/1073741824"_s);
        QEventLoop loop;
        connect(reply, &QNetworkReply::metaDataChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 1073741824LL);
        reply->abort();
        reply->deleteLater();
        // The server goes on answering after the client hung up.
        QCOMPARE(c().get(u"/http/anything"_s).status, 200);
    }

    void jsonOfASize_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("1 KB") << 1000;
        QTest::newRow("100 KB") << 100000;
        QTest::newRow("5 MB") << 5000000;
    }

    void jsonOfASize()
    {
        QFETCH(int, size);
        const HttpResult r = c().get(u"/http/json?size=%1"_s.arg(size));
        QCOMPARE(r.status, 200);
        QVERIFY2(
            r.body.size() >= size && r.body.size() < size + 1024, qPrintable(QString::number(r.body.size())));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!doc.object().value(u"items"_s).toArray().isEmpty());
    }

    void jsonBadSize()
    {
        QCOMPARE(c().get(u"/http/json?size=huge"_s).status, 400);
        QCOMPARE(c().get(u"/http/json?size=20000000"_s).status, 400);
    }

    void cookies()
    {
        const HttpResult set = c().get(u"/http/cookies/set?flavor=oatmeal&count=3"_s);
        QCOMPARE(set.status, 200);
        QVERIFY(set.header("set-cookie").contains("flavor=oatmeal; Path=/; HttpOnly; SameSite=Lax"));
        QVERIFY(set.header("set-cookie").contains("count=3"));
        // The manager's cookie jar sends them back.
        QJsonObject jar = c().get(u"/http/cookies"_s).json().value(u"cookies"_s).toObject();
        QCOMPARE(jar.value(u"flavor"_s).toString(), u"oatmeal"_s);
        QCOMPARE(jar.value(u"count"_s).toString(), u"3"_s);
        const HttpResult deleted = c().get(u"/http/cookies/delete?flavor"_s);
        QVERIFY(deleted.header("set-cookie").contains("flavor=; Path=/; Max-Age=0"));
        jar = c().get(u"/http/cookies"_s).json().value(u"cookies"_s).toObject();
        QVERIFY(!jar.contains(u"flavor"_s));
        QCOMPARE(jar.value(u"count"_s).toString(), u"3"_s);
        QCOMPARE(c().get(u"/http/cookies/set"_s).status, 400);
        QCOMPARE(c().get(u"/http/cookies/set?bad%20name=1"_s).status, 400);
    }

    void corsPreflight_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<int>("status");
        QTest::newRow("localhost page") << QByteArray("http://localhost:3000") << 204;
        QTest::newRow("127.0.0.1 page") << QByteArray("http://127.0.0.1:5173") << 204;
        QTest::newRow("[::1] page") << QByteArray("https://[::1]:8443") << 204;
        QTest::newRow("foreign site") << QByteArray("https://evil.example") << 403;
        QTest::newRow("localhost lookalike") << QByteArray("http://localhost.evil.example") << 403;
        QTest::newRow("null") << QByteArray("null") << 403;
        QTest::newRow("file") << QByteArray("file://") << 403;
    }

    void corsPreflight()
    {
        QFETCH(QByteArray, origin);
        QFETCH(int, status);
        const HttpResult r = c().send("OPTIONS", u"/api/articles"_s, {},
            { { "Origin", origin }, { "Access-Control-Request-Method", "POST" },
                { "Access-Control-Request-Headers", "content-type, authorization" } });
        QCOMPARE(r.status, status);
        if (status == 204) {
            QCOMPARE(r.header("access-control-allow-origin"), origin);
            QVERIFY(r.header("access-control-allow-methods").contains("POST"));
            QCOMPARE(r.header("access-control-allow-headers"), "content-type, authorization");
            QCOMPARE(r.header("access-control-max-age"), "600");
        } else {
            QVERIFY(r.header("access-control-allow-origin").isEmpty());
        }
    }

    void corsOnResponses()
    {
        const HttpResult local = c().get(u"/http/anything"_s, { { "Origin", "http://localhost:3000" } });
        QCOMPARE(local.header("access-control-allow-origin"), "http://localhost:3000");
        QCOMPARE(local.header("access-control-allow-credentials"), "true");
        QVERIFY(local.header("access-control-expose-headers").contains("X-Request-Id"));
        QVERIFY(local.header("vary").contains("Origin"));
        const HttpResult foreign = c().get(u"/http/anything"_s, { { "Origin", "https://evil.example" } });
        QCOMPARE(foreign.status, 200);
        QVERIFY(foreign.header("access-control-allow-origin").isEmpty());
        const HttpResult plainOptions = c().send("OPTIONS", u"/http/anything"_s);
        QCOMPARE(plainOptions.status, 204);
        QVERIFY(plainOptions.header("allow").contains("DELETE"));
    }

    void negotiate_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("JSON") << QByteArray("application/json") << 200 << QByteArray("application/json");
        QTest::newRow("XML") << QByteArray("application/xml") << 200
                             << QByteArray("application/xml; charset=utf-8");
        QTest::newRow("text/xml") << QByteArray("text/xml") << 200 << QByteArray("text/xml; charset=utf-8");
        QTest::newRow("anything") << QByteArray("*/*") << 200 << QByteArray("application/json");
        QTest::newRow("XML preferred") << QByteArray("application/json;q=0.5, application/xml;q=0.9") << 200
                                       << QByteArray("application/xml; charset=utf-8");
        QTest::newRow("application/*")
            << QByteArray("image/png, application/*;q=0.2") << 200 << QByteArray("application/json");
        QTest::newRow("JSON refused") << QByteArray("application/json;q=0, application/xml") << 200
                                      << QByteArray("application/xml; charset=utf-8");
        QTest::newRow("HTML") << QByteArray("text/html") << 406 << QByteArray("application/json");
        QTest::newRow("all refused") << QByteArray("application/json;q=0, */*;q=0") << 406
                                     << QByteArray("application/json");
    }

    void negotiate()
    {
        QFETCH(QByteArray, accept);
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        const HttpResult r = c().get(u"/http/negotiate"_s, { { "Accept", accept } });
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("content-type"), type);
        QVERIFY(r.header("vary").contains("Accept"));
        if (type.contains("xml"))
            QVERIFY(r.body.contains("<greeting format=\"xml\">"));
        if (status == 406)
            QCOMPARE(r.json().value(u"error"_s).toObject().value(u"available"_s).toArray().size(), 3);
    }

    void rateLimit()
    {
        for (int i = 0; i < HttpPlayground::kRateLimit; ++i) {
            const HttpResult r = c().get(u"/http/limited"_s);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("ratelimit-limit"), QByteArray::number(HttpPlayground::kRateLimit));
            QCOMPARE(r.header("ratelimit-remaining"), QByteArray::number(HttpPlayground::kRateLimit - 1 - i));
            QVERIFY(r.header("ratelimit-reset").toInt() >= 1);
        }
        const HttpResult limited = c().get(u"/http/limited"_s);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("ratelimit-remaining"), "0");
        const int retryAfter = limited.header("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 2, limited.header("retry-after").constData());
        QVERIFY(limited.header("ratelimit-reset").toInt() >= retryAfter);
        QCOMPARE(limited.json().value(u"error"_s).toObject().value(u"status"_s).toInt(), 429);
        QTest::qWait(retryAfter * 1000 + 100);
        QCOMPARE(c().get(u"/http/limited"_s).status, 200);
    }

    void idempotencyKey()
    {
        const QByteArray order = R"({"item":"coffee beans","quantity":2})";
        const Headers json { { "Content-Type", "application/json" } };
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, order, json).status, 400); // no key
        Headers keyed = json;
        keyed.emplaceBack("Idempotency-Key", "7c1d0a4e-order-1");
        const HttpResult first = c().send("POST", u"/http/idempotent"_s, order, keyed);
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        const qint64 id = first.json().value(u"order"_s).toObject().value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(first.header("location"), "/http/idempotent?id=" + QByteArray::number(id));

        const HttpResult retry = c().send("POST", u"/http/idempotent"_s, order, keyed);
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.body, first.body);
        QCOMPARE(retry.header("idempotent-replayed"), "true");
        QCOMPARE(retry.header("location"), first.header("location"));
        QCOMPARE(c().get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 1);

        const HttpResult changed
            = c().send("POST", u"/http/idempotent"_s, R"({"item":"tea","quantity":2})", keyed);
        QCOMPARE(changed.status, 422);
        Headers other = json;
        other.emplaceBack("Idempotency-Key", "7c1d0a4e-order-2");
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, order, other).status, 201);
        QCOMPARE(c().get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 2);

        Headers textPlain { { "Content-Type", "text/plain" }, { "Idempotency-Key", "k3" } };
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, order, textPlain).status, 415);
        Headers k4 = json;
        k4.emplaceBack("Idempotency-Key", "k4");
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, "{not json", k4).status, 400);
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, R"({"item":"x","quantity":0})", k4).status, 422);
        QCOMPARE(c().send("DELETE", u"/http/idempotent"_s).status, 405);
        QCOMPARE(c().get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 2);

        // Survives a restart (it is in practice.sqlite), and resetData() clears it.
        const quint16 port = m_server->port();
        m_server->stop();
        QVERIFY(m_server->start(port));
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, order, keyed).header("idempotent-replayed"), "true");
        QVERIFY(m_server->resetData());
        QCOMPARE(c().get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 0);
        QCOMPARE(c().send("POST", u"/http/idempotent"_s, order, keyed).header("idempotent-replayed"), "");
    }

    void notFoundAndMethods()
    {
        const HttpResult missing = c().get(u"/nowhere"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value(u"error"_s).toObject().value(u"status"_s).toInt(), 404);
        const HttpResult apiMissing = c().get(u"/api/nowhere"_s);
        QCOMPARE(apiMissing.status, 404);
        QVERIFY(!apiMissing.conduitError().isEmpty());
        const HttpResult wrongMethod = c().send("DELETE", u"/http/etag/x"_s);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.header("allow"), "GET, HEAD");
    }

    void pathTraversal_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("dot-dot") << QByteArray("/../../../../etc/passwd");
        QTest::newRow("inside http") << QByteArray("/http/../../etc/passwd");
        QTest::newRow("encoded slashes") << QByteArray("/http/bytes/..%2F..%2Fetc%2Fpasswd");
        QTest::newRow("encoded dots") << QByteArray("/%2e%2e/%2e%2e/etc/passwd");
        QTest::newRow("backslashes") << QByteArray("/http/..\\..\\etc\\passwd");
        QTest::newRow("article slug") << QByteArray("/api/articles/..%2F..%2F..%2Fetc%2Fpasswd");
    }

    void pathTraversal()
    {
        QFETCH(QByteArray, target);
        const HttpResult r = c().raw("GET " + target + " HTTP/1.1\r\nHost: " + hostValue() + "\r\n\r\n");
        QVERIFY2(r.status == 404 || r.status == 400, qPrintable(QString::number(r.status)));
        QVERIFY(!r.body.contains("root:"));
        QCOMPARE(c().get(u"/http/anything"_s).status, 200);
    }

    void bodyTooLarge()
    {
        const HttpResult r = c().send("POST", u"/http/anything"_s,
            QByteArray(PracticeServer::kMaxBodyBytes + 1, 'x'), { { "Content-Type", "text/plain" } });
        QCOMPARE(r.status, 413);
        QCOMPARE(c().send("POST", u"/http/anything"_s, QByteArray(PracticeServer::kMaxBodyBytes, 'x')).status,
            200);
    }

    // A connection's first request with a body over the limit is answered before the body is sent
    // (PracticeConnection); what the client sends anyway is read and dropped, then the server closes.
    void bodyTooLargeRefusedBeforeItIsSent()
    {
        m_log.clear();
        RawHttpConnection conn(m_server->port());
        QVERIFY(conn.isConnected());
        conn.send("POST /http/anything?from=raw HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\nX-Request-Id: early-413\r\n"
              "Origin: http://localhost:5173\r\n\r\n");
        const HttpResult r = conn.readResponse(5000);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.header("connection"), "close");
        QCOMPARE(r.header("content-type"), "application/json");
        QCOMPARE(r.header("x-request-id"), "early-413");
        QCOMPARE(r.header("x-content-type-options"), "nosniff");
        QCOMPARE(r.header("access-control-allow-origin"), "http://localhost:5173");
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"status"_s).toInt(), 413);
        QCOMPARE(error.value(u"requestId"_s).toString(), u"early-413"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(u"1073741824"_s), r.body.constData());
        QCOMPARE(m_log.size(), 1);
        QCOMPARE(m_log.first().status, 413);
        QCOMPARE(m_log.first().method, u"POST"_s);
        QCOMPARE(m_log.first().path, u"/http/anything?from=raw"_s);
        QCOMPARE(m_log.first().requestId, u"early-413"_s);

        // A slow body all the same: it is dropped, and the connection is closed after it.
        for (int i = 0; i < 8 && conn.sendAll(QByteArray(4096, 'x')); ++i)
            QTest::qWait(50);
        QVERIFY(conn.waitForClose(5000));
        QCOMPARE(m_log.size(), 1);
        QCOMPARE(c().get(u"/http/anything"_s).status, 200);
    }

    // The server's first answers come first, as they would after the body: 400 without a Host,
    // 421 for a foreign one; HEAD gets the headers alone.
    void refusedBeforeTheBodyLikeAfterIt_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("withBody");
        QTest::newRow("no Host") << QByteArray("PUT /api/user HTTP/1.1\r\n") << 400 << true;
        QTest::newRow("foreign Host")
            << QByteArray("PUT /api/user HTTP/1.1\r\nHost: evil.example\r\n") << 421 << true;
        QTest::newRow("localhost") << QByteArray("PUT /api/user HTTP/1.1\r\nHost: localhost\r\n") << 413
                                   << true;
        QTest::newRow("HEAD") << QByteArray("HEAD /http/anything HTTP/1.1\r\nHost: localhost\r\n") << 413
                              << false;
    }

    void refusedBeforeTheBodyLikeAfterIt()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        QFETCH(bool, withBody);
        RawHttpConnection conn(m_server->port());
        conn.send(head + "Content-Length: 2000000\r\n\r\n");
        const HttpResult r = conn.readResponse(5000, !withBody);
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"status"_s).toInt(), withBody ? status : 0);
        QCOMPARE(r.body.isEmpty(), !withBody);
    }

    // "Expect: 100-continue": the client sends no body until told to, so a body over the limit is
    // never sent at all.
    void expectContinue()
    {
        RawHttpConnection tooLarge(m_server->port());
        tooLarge.send("PUT /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n");
        QCOMPARE(tooLarge.readResponse(5000).status, 413);

        RawHttpConnection fits(m_server->port());
        fits.send("PUT /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        QCOMPARE(fits.readResponse(5000).status, 100);
        fits.send("hello");
        const HttpResult r = fits.readResponse(5000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"body"_s).toString(), u"hello"_s);
    }

    // A body within the limit is read however slowly it comes (within the timeouts), and so is the
    // connection's next request.
    void firstRequestWithinTheLimitSentSlowly()
    {
        RawHttpConnection conn(m_server->port());
        conn.send(
            "POST /http/anything HTTP/1.1\r\nHost: " + hostValue() + "\r\nContent-Length: 12288\r\n\r\n");
        for (char part : { 'a', 'b', 'c' }) {
            QTest::qWait(100);
            QVERIFY(conn.sendAll(QByteArray(4096, part)));
        }
        const HttpResult r = conn.readResponse(5000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"bodyBytes"_s).toInt(), 12288);
        QCOMPARE(r.json().value(u"body"_s).toString().toLatin1(),
            QByteArray(4096, 'a') + QByteArray(4096, 'b') + QByteArray(4096, 'c'));
        conn.send("GET /http/status/201 HTTP/1.1\r\nHost: " + hostValue() + "\r\n\r\n");
        QCOMPARE(conn.readResponse(5000).status, 201);
    }

    // A chunked body stops at the chunk that goes over the limit: the answer comes before its data.
    void chunkedBodyStopsAtTheLimit()
    {
        RawHttpConnection conn(m_server->port());
        conn.send("POST /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        const qint64 chunkSize = 64 * 1024;
        const QByteArray chunk
            = QByteArray::number(chunkSize, 16) + "\r\n" + QByteArray(chunkSize, 'c') + "\r\n";
        qint64 sent = 0;
        HttpResult r;
        while (r.status == 0 && sent <= 2 * PracticeServer::kMaxBodyBytes && conn.sendAll(chunk)) {
            sent += chunkSize;
            r = conn.readResponse(100);
        }
        QCOMPARE(r.status, 413);
        // At the chunk that goes over (the answer may reach the client a chunk later).
        QVERIFY2(
            sent > PracticeServer::kMaxBodyBytes && sent <= PracticeServer::kMaxBodyBytes + 2 * chunkSize,
            qPrintable(QString::number(sent)));
        QVERIFY(conn.waitForClose(5000));

        RawHttpConnection announced(m_server->port());
        announced.send("POST /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(PracticeServer::kMaxBodyBytes + 1, 16) + "\r\n");
        const HttpResult early = announced.readResponse(5000);
        QCOMPARE(early.status, 413);
        QVERIFY(
            early.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"chunks"_s));
    }

    void chunkedBodyWithinTheLimit()
    {
        RawHttpConnection conn(m_server->port());
        conn.send("POST /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
        QCOMPARE(conn.readResponse(5000).status, 100);
        for (const QByteArray &part :
            { QByteArray("5\r\nhello\r\n"), QByteArray("6;note=x\r\n world\r\n"), QByteArray("0\r\n\r\n") }) {
            QTest::qWait(50);
            QVERIFY(conn.sendAll(part));
        }
        const HttpResult r = conn.readResponse(5000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"body"_s).toString(), u"hello world"_s);
    }

    // A later request on a kept-alive connection is held to the limit as the first one is: refused
    // before its body is sent.
    void laterRequestOnAKeptAliveConnection()
    {
        RawHttpConnection conn(m_server->port());
        conn.send("GET /http/anything HTTP/1.1\r\nHost: " + hostValue() + "\r\n\r\n");
        QCOMPARE(conn.readResponse(5000).status, 200);
        conn.send("POST /http/anything HTTP/1.1\r\nHost: " + hostValue()
            + "\r\nContent-Length: " + QByteArray::number(PracticeServer::kMaxBodyBytes + 1) + "\r\n\r\n");
        const HttpResult r = conn.readResponse(5000);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.header("connection"), "close");
        QVERIFY(conn.waitForClose(5000));
    }

    // Stopping answers what is still waiting, while the connections exist, and nothing fires later.
    void stopWhileDelayed()
    {
        QTemporaryDir dir;
        PracticeServer server(dir.path());
        QVERIFY(server.start(0));
        HttpTestClient client(server.port());
        QNetworkReply *waiting = client.start("GET", u"/http/delay/5"_s);
        QTest::qWait(300);
        QElapsedTimer timer;
        timer.start();
        server.stop();
        const HttpResult r = HttpTestClient::finish(waiting, timer);
        QCOMPARE(r.status, 503);
        QVERIFY2(r.elapsedMs < 3000, qPrintable(QString::number(r.elapsedMs)));
        QTest::qWait(200);
        QVERIFY(server.start(0));
        QCOMPARE(HttpTestClient(server.port()).get(u"/http/anything"_s).status, 200);
    }

    void portTaken()
    {
        PracticeServer second(m_dir.path());
        QSignalSpy running(&second, &PracticeServer::runningChanged);
        QVERIFY(!second.start(m_server->port()));
        QCOMPARE(second.startError(), PracticeServer::StartError::PortInUse);
        QVERIFY(!second.isRunning());
        QCOMPARE(running.size(), 0);
        const quint16 next = PracticeServer::nextFreePort(m_server->port());
        QVERIFY(next > m_server->port());
        QVERIFY2(second.errorString().contains(u"Port %1 is already in use"_s.arg(m_server->port())),
            qPrintable(second.errorString()));
        QVERIFY2(second.errorString().contains(u"--port "_s), qPrintable(second.errorString()));
        QVERIFY(second.start(next));
        QCOMPARE(second.port(), next);
        QCOMPARE(HttpTestClient(next).get(u"/http/anything"_s).status, 200);
    }

    void loopbackHosts_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << QByteArray("localhost") << true;
        QTest::newRow("localhost.") << QByteArray("localhost.") << true;
        QTest::newRow("127.0.0.1:8787") << QByteArray("127.0.0.1:8787") << true;
        QTest::newRow("[::1]") << QByteArray("[::1]") << true;
        QTest::newRow("[0:0:0:0:0:0:0:1]:80") << QByteArray("[0:0:0:0:0:0:0:1]:80") << true;
        QTest::newRow("::1 unbracketed") << QByteArray("::1") << false;
        QTest::newRow("127.1") << QByteArray("127.1") << false;
        QTest::newRow("empty port") << QByteArray("localhost:") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("user@") << QByteArray("user@localhost") << false;
        QTest::newRow("[::1]x") << QByteArray("[::1]x") << false;
        QTest::newRow("127.0.0.1 x") << QByteArray("127.0.0.1 x") << false;
    }

    void loopbackHosts()
    {
        QFETCH(QByteArray, host);
        QFETCH(bool, loopback);
        QCOMPARE(PracticeExchange::isLoopbackHost(host), loopback);
    }
};

QTEST_GUILESS_MAIN(TestHttpPlayground)
#include "TestHttpPlayground.moc"
