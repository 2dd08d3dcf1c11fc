#include "httpclient/httpengine.h"
#include "httpclient/responsespool.h"
#include "support/httptestserver.h"
#include "util/httpcompression.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QNetworkCookieJar>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <filesystem>
#include <limits>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

QJsonObject bodyJson(const HttpResponse &r)
{
    return QJsonDocument::fromJson(r.readBody()).object();
}

QList<QPair<QString, QString>> echoedHeaders(const QJsonObject &echo)
{
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &v : echo.value(u"headers"_s).toArray())
        out.append({ v.toArray().at(0).toString(), v.toArray().at(1).toString() });
    return out;
}

QString echoedHeader(const QJsonObject &echo, const QString &name)
{
    for (const auto &[n, v] : echoedHeaders(echo)) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

// The process's resident set size in kB, from /proc/self/status (VmRSS or VmHWM).
qint64 procStatus(const char *field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestHttpEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;

    HttpRequest request(const QString &path, const QString &method = u"GET"_s)
    {
        HttpRequest r;
        r.method = method;
        r.url = m_server->url(path);
        r.timeoutMs = 10000;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // response bodies spool to a test cache
        m_server = std::make_unique<TestHttpServer>();
    }

    void everyMethod_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << u"GET"_s << QByteArray();
        QTest::newRow("POST") << u"POST"_s << QByteArray("{\"a\":1}");
        QTest::newRow("PUT") << u"PUT"_s << QByteArray("put body");
        QTest::newRow("PATCH") << u"PATCH"_s << QByteArray("patch body");
        QTest::newRow("DELETE") << u"DELETE"_s << QByteArray();
        QTest::newRow("DELETE with body") << u"DELETE"_s << QByteArray("why");
        QTest::newRow("OPTIONS") << u"OPTIONS"_s << QByteArray();
    }

    void everyMethod()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, body);
        HttpEngine engine;
        HttpRequest r = request(u"/echo"_s, method);
        r.body = body;
        if (!body.isEmpty())
            r.headers.append({ u"Content-Type"_s, u"text/plain"_s });
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        QCOMPARE(response.status, 200);
        const QJsonObject echo = bodyJson(response);
        QCOMPARE(echo.value(u"method"_s).toString(), method);
        QCOMPARE(QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1()), body);
        QVERIFY(response.timings.totalMs >= 0);
        QVERIFY(response.timings.firstByteMs >= 0);
        QVERIFY(response.timings.firstByteMs <= response.timings.totalMs);
    }

    void headAndCustomMethods()
    {
        HttpEngine engine;
        const HttpResponse head = engine.sendAndWait(request(u"/echo"_s, u"HEAD"_s));
        QVERIFY2(head.ok(), qPrintable(head.errorString));
        QCOMPARE(head.status, 200);
        QCOMPARE(head.bodySize, 0);
        QVERIFY(headerValue(head.headers, u"Content-Length").toInt() > 0);

        RawServer raw;
        raw.setReply("HTTP/1.1 204 No Content\r\nX-Seen: yes\r\n\r\n");
        HttpRequest purge;
        purge.method = u"PURGE"_s;
        purge.url = raw.url(u"/cache/item"_s);
        const HttpResponse r = engine.sendAndWait(purge);
        QVERIFY2(r.ok(), qPrintable(r.errorString));
        QCOMPARE(r.status, 204);
        QVERIFY2(raw.received().startsWith("PURGE /cache/item HTTP/1.1\r\n"), raw.received().constData());
        QCOMPARE(headerValue(r.headers, u"X-Seen"), u"yes"_s);
    }

    void headersInOrderAndJoined()
    {
        HttpEngine engine;
        HttpRequest r = request(u"/echo"_s);
        r.headers = { { u"X-First"_s, u"1"_s }, { u"X-Second"_s, u"2"_s }, { u"X-First"_s, u"again"_s },
            { u"Accept-Encoding"_s, u"br, zstd"_s }, { u"User-Agent"_s, u"probe/2"_s } };
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        const QJsonObject echo = bodyJson(response);
        QCOMPARE(echoedHeader(echo, u"X-First"_s), u"1, again"_s);
        QCOMPARE(echoedHeader(echo, u"X-Second"_s), u"2"_s);
        QCOMPARE(echoedHeader(echo, u"User-Agent"_s), u"probe/2"_s);
        // The engine asks only for encodings it can decode.
        QVERIFY(echoedHeader(echo, u"Accept-Encoding"_s) != u"br, zstd"_s);
        QVERIFY2(echoedHeader(echo, u"Accept-Encoding"_s).contains(u"gzip"_s),
            qPrintable(echoedHeader(echo, u"Accept-Encoding"_s)));
        QStringList names;
        for (const auto &[n, v] : echoedHeaders(echo))
            names.append(n.toLower());
        QVERIFY(names.indexOf(u"x-first"_s) < names.indexOf(u"x-second"_s));

        const HttpResponse multi = engine.sendAndWait(request(u"/multi"_s));
        QCOMPARE(headerValues(multi.headers, u"x-multi"), (QStringList { u"one"_s, u"two"_s }));
        QCOMPARE(multi.contentType().mimeType, u"application/json"_s);
        QCOMPARE(multi.contentType().charset, u"utf-8"_s);
    }

    void bodyKinds_data()
    {
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json") << u"application/json"_s
                              << QByteArray("{\"name\":\"caf\xc3\xa9\",\"n\":[1,2]}");
        QTest::newRow("form-urlencoded")
            << u"application/x-www-form-urlencoded"_s << QByteArray("user=ann&note=a%20b%26c&empty=");
        QTest::newRow("multipart")
            << u"multipart/form-data; boundary=XyZ"_s
            << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n--XyZ\r\n"
                          "Content-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\n"
                          "Content-Type: application/octet-stream\r\n\r\n\x00\x01\x02\xff\r\n--XyZ--\r\n",
                   171);
        QTest::newRow("binary") << u"application/octet-stream"_s << QByteArray("\x00\xff\x10\r\n\x00", 6);
        QTest::newRow("large text") << u"text/plain"_s << QByteArray(3 << 20, 'x');
    }

    void bodyKinds()
    {
        QFETCH(QString, contentType);
        QFETCH(QByteArray, body);
        HttpEngine engine;
        HttpRequest r = request(u"/echo"_s, u"POST"_s);
        r.headers.append({ u"Content-Type"_s, contentType });
        r.body = body;
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        const QJsonObject echo = bodyJson(response);
        QCOMPARE(QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1()), body);
        QCOMPARE(echoedHeader(echo, u"Content-Type"_s), contentType);
        QCOMPARE(echoedHeader(echo, u"Content-Length"_s).toLongLong(), body.size());
    }

    void statusCodesAreResponses()
    {
        HttpEngine engine;
        for (int code : { 201, 404, 418, 500, 503 }) {
            const HttpResponse r = engine.sendAndWait(request(u"/status/%1"_s.arg(code)));
            QVERIFY2(r.ok(), qPrintable(r.errorString));
            QCOMPARE(r.status, code);
        }
    }

    void redirects()
    {
        HttpEngine engine;
        HttpRequest follow = request(u"/redirect/3"_s);
        HttpResponse r = engine.sendAndWait(follow);
        QVERIFY2(r.ok(), qPrintable(r.errorString));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.readBody(), QByteArray("arrived"));
        QVERIFY(r.finalUrl.endsWith(u"/redirect/0"_s));

        HttpRequest off = request(u"/redirect/3"_s);
        off.followRedirects = false;
        r = engine.sendAndWait(off);
        QVERIFY(r.ok());
        QCOMPARE(r.status, 302);
        QCOMPARE(headerValue(r.headers, u"Location"), u"/redirect/2"_s);

        HttpRequest limited = request(u"/redirect/5"_s);
        limited.maxRedirects = 2;
        r = engine.sendAndWait(limited);
        QCOMPARE(r.error, HttpErrorKind::TooManyRedirects);
        QVERIFY2(r.errorString.contains(u"more than 2"_s), qPrintable(r.errorString));

        HttpRequest loop = request(u"/loop"_s);
        r = engine.sendAndWait(loop);
        QCOMPARE(r.error, HttpErrorKind::RedirectLoop);
        QVERIFY2(r.errorString.contains(u"Redirect loop"_s), qPrintable(r.errorString));
    }

    void timeout()
    {
        RawServer silent; // accepts, reads, never answers
        HttpEngine engine;
        HttpRequest r;
        r.url = silent.url(u"/slow"_s);
        r.timeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::Timeout);
        QVERIFY2(response.errorString.contains(u"300 ms"_s), qPrintable(response.errorString));
        QVERIFY(timer.elapsed() >= 250);
        QVERIFY(timer.elapsed() < 5000);
    }

    void cancel()
    {
        RawServer silent;
        HttpEngine engine;
        HttpRequest r;
        r.url = silent.url(u"/never"_s);
        QSignalSpy spy(&engine, &HttpEngine::finished);
        const quint64 id = engine.send(r);
        QVERIFY(engine.isRunning(id));
        QTimer::singleShot(100, &engine, [&engine, id] { engine.cancel(id); });
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toULongLong(), id);
        const HttpResponse response = spy.at(0).at(1).value<HttpResponse>();
        QCOMPARE(response.error, HttpErrorKind::Cancelled);
        QVERIFY(!engine.isRunning(id));
    }

    void cookiesPerEnvironment()
    {
        HttpEngine engine;
        QVERIFY(engine.sendAndWait(request(u"/cookie/set"_s), u"dev"_s).ok());
        QCOMPARE(
            engine.sendAndWait(request(u"/cookie/get"_s), u"dev"_s).readBody(), QByteArray("session=abc123"));
        QCOMPARE(engine.sendAndWait(request(u"/cookie/get"_s), u"prod"_s).readBody(), QByteArray());
        HttpRequest insecure = request(u"/cookie/get"_s);
        insecure.verifyTls = false; // a separate connection pool, the same jar
        QCOMPARE(engine.sendAndWait(insecure, u"dev"_s).readBody(), QByteArray("session=abc123"));
        QCOMPARE(engine.cookieJar(u"dev"_s)->cookiesForUrl(QUrl(m_server->url(u"/"_s))).size(), 1);
        HttpRequest noJar = request(u"/cookie/get"_s);
        noJar.useCookieJar = false;
        QCOMPARE(engine.sendAndWait(noJar, u"dev"_s).readBody(), QByteArray());
        engine.clearCookies(u"dev"_s);
        QCOMPARE(engine.sendAndWait(request(u"/cookie/get"_s), u"dev"_s).readBody(), QByteArray());
    }

    void connectionRefused()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        HttpEngine engine;
        HttpRequest r;
        r.url = u"http://127.0.0.1:%1/"_s.arg(closedPort);
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::ConnectionRefused);
        QCOMPARE(response.status, 0);
        QVERIFY2(response.errorString.contains(u"Connection refused by 127.0.0.1:%1"_s.arg(closedPort)),
            qPrintable(response.errorString));
    }

    void unknownHostAndInvalidUrl()
    {
        HttpEngine engine;
        HttpRequest r;
        r.url = u"http://no-such-host.invalid/"_s;
        r.timeoutMs = 5000;
        HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::UnknownHost);
        QVERIFY2(response.errorString.contains(u"Unknown host 'no-such-host.invalid'"_s),
            qPrintable(response.errorString));
        r.url = u"ftp://example.com/file"_s;
        response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::InvalidRequest);
    }

    static QSslConfiguration serverTlsConfiguration()
    {
        auto readData = [](const QString &name) {
            QFile f(QStringLiteral(STUDYBENCH_TESTDATA_DIR "/tls/") + name);
            if (!f.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(f.fileName()));
            return f.readAll();
        };
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(readData(u"localhost.crt"_s), QSsl::Pem));
        config.setPrivateKey(QSslKey(readData(u"localhost.key"_s), QSsl::Rsa, QSsl::Pem));
        return config;
    }

    void tlsVerification_data()
    {
        QTest::addColumn<QString>("httpVersion");
        QTest::newRow("automatic (Qt, HTTP/2 offered)") << QString();
        QTest::newRow("HTTP/1.1 (StudyBench's client)") << u"HTTP/1.1"_s;
    }

    void tlsVerification()
    {
        QFETCH(QString, httpVersion);
        QSslConfiguration config = serverTlsConfiguration();
        QVERIFY(!config.localCertificate().isNull());
        QVERIFY(!config.privateKey().isNull());
        config.setAllowedNextProtocols(
            { QSslConfiguration::ALPNProtocolHTTP2, QSslConfiguration::NextProtocolHttp1_1 });
        QHttpServer https; // before the QSslServer it is bound to, so it is destroyed after it
        auto sslServer = std::make_unique<QSslServer>();
        sslServer->setSslConfiguration(config);
        QVERIFY(sslServer->listen(QHostAddress::LocalHost));
        https.route(u"/hello"_s, [] { return QHttpServerResponse(QByteArray("hello over TLS")); });
        QVERIFY(https.bind(sslServer.get()));

        HttpEngine engine;
        HttpRequest r;
        r.url = u"https://127.0.0.1:%1/hello"_s.arg(sslServer->serverPort());
        r.timeoutMs = 10000;
        r.httpVersion = httpVersion;
        const HttpResponse rejected = engine.sendAndWait(r);
        QCOMPARE(rejected.error, HttpErrorKind::Tls);
        QCOMPARE(rejected.status, 0);
        QVERIFY2(rejected.errorString.contains(u"self signed"_s, Qt::CaseInsensitive)
                || rejected.errorString.contains(u"self-signed"_s, Qt::CaseInsensitive),
            qPrintable(rejected.errorString));
        QCOMPARE(rejected.bodySize, 0);

        r.verifyTls = false; // the explicit, per-request opt-out
        const HttpResponse accepted = engine.sendAndWait(r);
        QVERIFY2(accepted.ok(), qPrintable(accepted.errorString));
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.readBody(), QByteArray("hello over TLS"));
        if (httpVersion.isEmpty()) {
            QCOMPARE(accepted.httpVersion, u"HTTP/2"_s); // negotiated with ALPN
            QVERIFY(!accepted.timings.detailed);
        } else {
            QCOMPARE(accepted.httpVersion, u"HTTP/1.1"_s);
            QVERIFY(accepted.timings.detailed);
            QVERIFY(accepted.timings.tlsMs >= 0);
            QVERIFY(accepted.timings.connectMs >= 0);
        }

        // Opting out once does not turn verification off for the next request.
        r.verifyTls = true;
        QCOMPARE(engine.sendAndWait(r).error, HttpErrorKind::Tls);

        // Plain HTTP spoken to with https:// fails the handshake too.
        HttpRequest plain;
        plain.url = u"https://127.0.0.1:%1/echo"_s.arg(m_server->port());
        plain.timeoutMs = 5000;
        plain.httpVersion = httpVersion;
        const HttpResponse response = engine.sendAndWait(plain);
        QVERIFY(!response.ok());
        QVERIFY(!response.errorString.isEmpty());
    }

    void truncatedBody()
    {
        RawServer raw;
        raw.setReply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly 30 of "
                     "the 100 bytes here.");
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/short"_s);
        // Repeated: whatever the timing of the close, the engine must report it.
        for (int i = 0; i < 5; ++i) {
            const HttpResponse response = engine.sendAndWait(r);
            QCOMPARE(response.error, HttpErrorKind::Protocol);
            QVERIFY2(
                response.errorString.contains(u"30 of the 100 bytes"_s), qPrintable(response.errorString));
        }
    }

    void invalidUtf8IsAWarning()
    {
        HttpEngine engine;
        const HttpResponse good = engine.sendAndWait(request(u"/text/good"_s));
        QVERIFY(good.ok());
        QVERIFY(good.warnings.isEmpty());
        const HttpResponse bad = engine.sendAndWait(request(u"/text/bad"_s));
        QVERIFY(bad.ok());
        QCOMPARE(bad.warnings.size(), 1);
        QVERIFY2(bad.warnings.first().contains(u"not valid UTF-8"_s), qPrintable(bad.warnings.first()));
        QVERIFY2(bad.warnings.first().contains(u"offset 10"_s), qPrintable(bad.warnings.first()));
    }

    void utf8Validator_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("offset");
        QTest::newRow("ascii") << QByteArray("plain") << qint64(-1);
        QTest::newRow("valid multibyte") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x8e\xaf") << qint64(-1);
        QTest::newRow("lone continuation") << QByteArray("ab\x80") << qint64(2);
        QTest::newRow("overlong") << QByteArray("a\xc0\xaf") << qint64(1);
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << qint64(0);
        QTest::newRow("truncated at end") << QByteArray("ok\xe2\x82") << qint64(2);
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << qint64(0);
    }

    void utf8Validator()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, offset);
        QTemporaryFile f;
        QVERIFY(f.open());
        f.write(bytes);
        f.close();
        QCOMPARE(HttpEngine::firstInvalidUtf8(f.fileName()), offset);
    }

    void decompressionBombIsStopped()
    {
        HttpEngine engine;
        HttpRequest r = request(u"/deflate-bomb/64"_s);
        r.maxBodyBytes = 4 << 20;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::BodyTooLarge);
        QVERIFY2(
            response.errorString.contains(u"larger than the limit of 4"_s), qPrintable(response.errorString));
        QVERIFY(response.bodySize <= r.maxBodyBytes);

        r.maxBodyBytes = 128 << 20;
        const HttpResponse whole = engine.sendAndWait(r);
        QVERIFY2(whole.ok(), qPrintable(whole.errorString));
        QCOMPARE(whole.bodySize, qint64(64) << 20);
    }

    void largeResponseStreamsToFile()
    {
        constexpr qint64 megabytes = 50;
        HttpEngine engine;
        // Warm up the code paths first, so that their one-time allocations are not counted.
        QVERIFY(engine.sendAndWait(request(u"/big/1"_s)).ok());
        // Reset the peak RSS counter (VmHWM) when the kernel lets us, so the peak is this transfer's.
        {
            QFile clear(u"/proc/self/clear_refs"_s);
            if (clear.open(QIODevice::WriteOnly))
                clear.write("5");
        }
        const qint64 rssBefore = procStatus("VmRSS:");
        QVERIFY(rssBefore > 0);
        qint64 peakRss = rssBefore;
        QTimer sampler;
        QObject::connect(&sampler, &QTimer::timeout, &sampler,
            [&peakRss] { peakRss = qMax(peakRss, procStatus("VmRSS:")); });
        sampler.start(5);
        const HttpResponse r = engine.sendAndWait(request(u"/big/%1"_s.arg(megabytes)));
        sampler.stop();
        QVERIFY2(r.ok(), qPrintable(r.errorString));
        QCOMPARE(r.bodySize, megabytes << 20);
        peakRss = std::max({ peakRss, procStatus("VmRSS:"), procStatus("VmHWM:") });
        const qint64 growthKb = peakRss - rssBefore;
        qInfo("RSS before %lld kB, peak during the transfer %lld kB (+%lld kB) for a %lld MB body", rssBefore,
            peakRss, growthKb, megabytes);
        QVERIFY2(growthKb < 16 * 1024, qPrintable(u"RSS grew by %1 kB"_s.arg(growthKb)));

        QFile body(r.bodyPath());
        QVERIFY(body.open(QIODevice::ReadOnly));
        QCOMPARE(body.size(), megabytes << 20);
        for (qint64 offset : { qint64(0), qint64(12345678), (megabytes << 20) - 1 }) {
            QVERIFY(body.seek(offset));
            char c = 0;
            QVERIFY(body.getChar(&c));
            QCOMPARE(c, PatternDevice::byteAt(offset));
        }
        const QString path = r.bodyPath();
        body.close();
        {
            const HttpResponse moved = r;
            Q_UNUSED(moved);
        }
        QVERIFY(QFile::exists(path));
    }

    void bodyFileIsDeletedWithTheLastResponse()
    {
        HttpEngine engine;
        QString path;
        {
            const HttpResponse r = engine.sendAndWait(request(u"/text/good"_s));
            path = r.bodyPath();
            QVERIFY(QFile::exists(path));
        }
        QVERIFY(!QFile::exists(path));
    }

    // Qt's own HTTP/1 parser accepts every one of these as a complete 200; http:// requests go
    // through StudyBench's parser, which says what is wrong.
    void invalidChunkedEncoding_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("size not hexadecimal")
            << "zz\r\nhello\r\n0\r\n\r\n"_ba << u"chunk-size line \"zz\" is not a hexadecimal size"_s;
        QTest::newRow("size counts characters, not bytes")
            << "3\r\n\xc3\xa9t\xc3\xa9\r\n0\r\n\r\n"_ba << u"announced 3 bytes"_s;
        QTest::newRow("cut inside a chunk") << "a\r\nhello"_ba << u"5 of its 10 bytes in"_s;
        QTest::newRow("no last chunk") << "5\r\nhello\r\n"_ba << u"the last chunk (size 0) never came"_s;
        QTest::newRow("bare LF") << "5\nhello\n0\n\n"_ba << u"bare LF"_s;
    }

    void invalidChunkedEncoding()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        RawServer raw;
        raw.setReply(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/chunked"_s);
        r.timeoutMs = 10000;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::InvalidChunkedEncoding);
        QVERIFY2(response.errorString.contains(message), qPrintable(response.errorString));
        QVERIFY2(
            response.errorString.contains(u"Invalid chunked encoding"_s), qPrintable(response.errorString));
        // What did arrive is still shown.
        QCOMPARE(response.status, 200);
        QCOMPARE(headerValue(response.headers, u"Transfer-Encoding"), u"chunked"_s);
    }

    void invalidChunkedEncodingOverTls()
    {
        // A raw TLS server whose chunked body is broken: with HTTP/1.1 asked for, the strict
        // client checks https:// too.
        QSslServer server;
        server.setSslConfiguration(serverTlsConfiguration());
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QObject::connect(&server, &QSslServer::pendingConnectionAvailable, &server, [&server] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
                    s->disconnectFromHost();
                });
            }
        });
        HttpEngine engine;
        HttpRequest r;
        r.url = u"https://127.0.0.1:%1/chunked"_s.arg(server.serverPort());
        r.verifyTls = false;
        r.httpVersion = u"HTTP/1.1"_s;
        r.timeoutMs = 10000;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::InvalidChunkedEncoding);
        QVERIFY2(response.errorString.contains(u"\"zz\" is not a hexadecimal size"_s),
            qPrintable(response.errorString));
    }

    void wellFormedChunkedOverTheWire()
    {
        RawServer raw;
        raw.setReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                     "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n");
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/ok"_s);
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        QCOMPARE(response.readBody(), "hello world"_ba);
        QVERIFY(response.warnings.isEmpty());
    }

    void badResponsesOverTheWire_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an HTTP server") << "SSH-2.0-OpenSSH_9.2p1\r\n"_ba << int(HttpErrorKind::Protocol)
                                            << u"Is an HTTP server listening on this port?"_s;
        QTest::newRow("closed without a response")
            << QByteArray() << int(HttpErrorKind::Protocol) << u"without sending a response"_s;
        QTest::newRow("corrupt gzip")
            << "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n0123456789"_ba
            << int(HttpErrorKind::Protocol) << u"gzip body is corrupt"_s;
        QTest::newRow("gzip cut short")
            << "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"_ba
                + HttpCompression::gzip(QByteArray(5000, 'x')).first(30)
            << int(HttpErrorKind::Protocol) << u"before the end of its compressed data"_s;
        QTest::newRow("bad Content-Length") << "HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\nxx"_ba
                                            << int(HttpErrorKind::Protocol) << u"not a number of bytes"_s;
    }

    void badResponsesOverTheWire()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, error);
        QFETCH(QString, message);
        RawServer raw;
        raw.setReply(reply);
        // An empty reply: a server that accepts, reads the request and closes without answering.
        QTcpServer closer;
        QVERIFY(closer.listen(QHostAddress::LocalHost));
        QObject::connect(&closer, &QTcpServer::newConnection, &closer, [&closer] {
            while (QTcpSocket *s = closer.nextPendingConnection())
                QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->disconnectFromHost(); });
        });
        HttpEngine engine;
        HttpRequest r;
        r.url = reply.isEmpty() ? u"http://127.0.0.1:%1/"_s.arg(closer.serverPort()) : raw.url(u"/bad"_s);
        r.timeoutMs = 10000;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(int(response.error), error);
        QVERIFY2(response.errorString.contains(message), qPrintable(response.errorString));
    }

    void bytesAfterTheEndAreAWarning()
    {
        RawServer raw;
        raw.setReply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA");
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/extra"_s);
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        QCOMPARE(response.readBody(), "ok"_ba);
        QVERIFY2(response.warnings.join(u' ').contains(u"sent 5 bytes after the end of the response"_s),
            qPrintable(response.warnings.join(u' ')));
    }

    void requestOnTheWire()
    {
        RawServer raw;
        raw.setReply("HTTP/1.1 204 No Content\r\n\r\n");
        HttpEngine engine;
        HttpRequest r;
        r.method = u"POST"_s;
        r.url = raw.url(u"/a%20b/c?q=1&r=%C3%A9#fragment"_s);
        r.headers = { { u"Content-Type"_s, u"text/plain"_s }, { u"Transfer-Encoding"_s, u"chunked"_s },
            { u"X-Two"_s, u"1"_s }, { u"X-Two"_s, u"2"_s } };
        r.body = "body!";
        QVERIFY(engine.sendAndWait(r).ok());
        const QByteArray wire = raw.received();
        QVERIFY2(
            wire.startsWith("POST /a%20b/c?q=1&r=%C3%A9 HTTP/1.1\r\nHost: 127.0.0.1:"), wire.constData());
        QVERIFY(wire.contains("\r\nContent-Type: text/plain\r\n"));
        QVERIFY(wire.contains("\r\nX-Two: 1, 2\r\n"));
        QVERIFY(wire.contains("\r\nContent-Length: 5\r\n"));
        QVERIFY(!wire.contains("Transfer-Encoding")); // the engine frames the body itself
        QVERIFY(wire.endsWith("\r\n\r\nbody!"));
    }

    void headerInjectionIsRefused()
    {
        HttpEngine engine;
        HttpRequest r = request(u"/echo"_s);
        r.headers = { { u"X-Token"_s, u"abc\r\nX-Admin: yes"_s } };
        HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::InvalidRequest);
        QVERIFY2(response.errorString.contains(u"line break"_s), qPrintable(response.errorString));
        r.headers = { { u"Bad Name"_s, u"x"_s } };
        response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::InvalidRequest);
        QVERIFY2(
            response.errorString.contains(u"not a valid header name"_s), qPrintable(response.errorString));
    }

    void timingsAndKeptAliveConnections()
    {
        HttpEngine engine;
        const HttpResponse first = engine.sendAndWait(request(u"/echo"_s));
        QVERIFY2(first.ok(), qPrintable(first.errorString));
        QVERIFY(!first.timings.reusedConnection);
        QVERIFY(first.timings.connectMs >= 0);
        QVERIFY(first.timings.waitMs >= 0);
        QVERIFY(first.timings.firstByteMs >= 0);
        QVERIFY(first.timings.totalMs >= first.timings.firstByteMs);
        const HttpResponse second = engine.sendAndWait(request(u"/echo"_s));
        QVERIFY2(second.ok(), qPrintable(second.errorString));
        QVERIFY(second.timings.reusedConnection);
        QCOMPARE(second.timings.dnsMs, -1);
        QCOMPARE(second.timings.connectMs, -1);

        // "localhost" is looked up.
        HttpRequest named = request(u"/echo"_s);
        named.url = u"http://localhost:%1/echo"_s.arg(m_server->port());
        const HttpResponse byName = engine.sendAndWait(named);
        QVERIFY2(byName.ok(), qPrintable(byName.errorString));
        QVERIFY(byName.timings.dnsMs >= 0);
    }

    void closedKeptAliveConnectionIsRetried()
    {
        // The raw server answers as if the connection stays open, then closes it: the next request
        // must not fail because of it.
        RawServer raw;
        raw.setReply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/again"_s);
        r.timeoutMs = 10000;
        for (int i = 0; i < 5; ++i) {
            const HttpResponse response = engine.sendAndWait(r);
            QVERIFY2(response.ok(), qPrintable(u"request %1: %2"_s.arg(i).arg(response.errorString)));
            QCOMPARE(response.readBody(), "ok"_ba);
        }
    }

    // Three transports: StudyBench's HTTP/1.1 client over TCP and over TLS, and QNetworkAccessManager.
    static void addTransportRows()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("httpVersion");
        QTest::newRow("http (StudyBench's HTTP/1.1 client)") << u"http"_s << QString();
        QTest::newRow("https, HTTP/1.1 (StudyBench's client)") << u"https"_s << u"HTTP/1.1"_s;
        QTest::newRow("https (QNetworkAccessManager)") << u"https"_s << QString();
    }

    void totalDeadlineStopsASteadyDrip_data() { addTransportRows(); }

    void totalDeadlineStopsASteadyDrip()
    {
        // One byte every 50 ms never trips the idle timeout; without a deadline the 200 bytes take 10 s.
        QFETCH(QString, scheme);
        QFETCH(QString, httpVersion);
        const bool tls = scheme == u"https"_s;
        DripServer drip(200, 50, tls ? std::optional(serverTlsConfiguration()) : std::nullopt);
        HttpEngine engine;
        HttpRequest r;
        r.url = drip.url(u"/drip"_s, scheme);
        r.httpVersion = httpVersion;
        r.verifyTls = false;
        r.timeoutMs = 10000;
        r.maxTimeMs = 300;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::Timeout);
        QVERIFY2(response.errorString.contains(u"total time limit (max time) of 300 ms"_s),
            qPrintable(response.errorString));
        QVERIFY(response.bodySize < 200);
    }

    void totalDeadlineCoversRedirects()
    {
        // Each hop is quick; the deadline is for all of them together.
        RawServer raw;
        DripServer drip(200, 50);
        raw.setReply("HTTP/1.1 302 Found\r\nLocation: " + drip.url(u"/drip"_s).toLatin1()
            + "\r\nContent-Length: 0\r\n\r\n");
        HttpEngine engine;
        HttpRequest r;
        r.url = raw.url(u"/start"_s);
        r.timeoutMs = 10000;
        r.maxTimeMs = 300;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::Timeout);
        QVERIFY2(response.errorString.contains(u"total time limit"_s), qPrintable(response.errorString));
    }

    void connectTimeoutEndsAStalledHandshake_data()
    {
        QTest::addColumn<QString>("httpVersion");
        QTest::newRow("HTTP/1.1 (StudyBench's client)") << u"HTTP/1.1"_s;
        QTest::newRow("automatic (QNetworkAccessManager)") << QString();
    }

    void connectTimeoutEndsAStalledHandshake()
    {
        // A TCP server that never answers the TLS ClientHello: the connection is never set up.
        QFETCH(QString, httpVersion);
        RawServer silent;
        HttpEngine engine;
        HttpRequest r;
        r.url = u"https://127.0.0.1:%1/"_s.arg(silent.port());
        r.httpVersion = httpVersion;
        r.timeoutMs = 10000;
        r.connectTimeoutMs = 300;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::Timeout);
        QVERIFY2(response.errorString.contains(u"within the connect timeout of 300 ms"_s),
            qPrintable(response.errorString));
    }

    void idleTimeoutSaysSo()
    {
        RawServer silent;
        HttpEngine engine;
        HttpRequest r;
        r.url = silent.url(u"/"_s);
        r.timeoutMs = 300;
        r.connectTimeoutMs = 5000;
        const HttpResponse response = engine.sendAndWait(r);
        QCOMPARE(response.error, HttpErrorKind::Timeout);
        QVERIFY2(response.errorString.contains(u"(the idle timeout"_s), qPrintable(response.errorString));
    }

    void redirectLoopsWhateverTheLimit_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("http (StudyBench's HTTP/1.1 client)") << false;
        QTest::newRow("https (QNetworkAccessManager)") << true;
    }

    void redirectLoopsWhateverTheLimit()
    {
        // cURL --max-redirs -1: no limit. A self-redirect still ends, as a loop; a login round trip
        // that comes back to the same URL once is no loop.
        QFETCH(bool, tls);
        QHttpServer https; // before the QSslServer it is bound to, so it is destroyed after it
        QSslServer sslServer;
        QString base = m_server->url(QString());
        if (tls) {
            sslServer.setSslConfiguration(serverTlsConfiguration());
            QVERIFY(sslServer.listen(QHostAddress::LocalHost));
            https.route(u"/loop"_s, [] {
                QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
                QHttpHeaders h;
                h.append(QHttpHeaders::WellKnownHeader::Location, "/loop");
                r.setHeaders(h);
                return r;
            });
            https.route(u"/after"_s, [] { return QHttpServerResponse("text/plain", "after the loop"); });
            QVERIFY(https.bind(&sslServer));
            base = u"https://127.0.0.1:%1"_s.arg(sslServer.serverPort());
        }
        HttpEngine engine;
        HttpRequest r;
        r.url = base + u"/loop"_s;
        r.verifyTls = false;
        r.timeoutMs = 10000;
        r.maxRedirects = std::numeric_limits<int>::max();
        const HttpResponse looped = engine.sendAndWait(r);
        QCOMPARE(looped.error, HttpErrorKind::RedirectLoop);
        QVERIFY2(looped.errorString.contains(u"/loop came up 3 times"_s), qPrintable(looped.errorString));

        if (!tls) {
            r.url = m_server->url(u"/round-trip"_s);
            const HttpResponse back = engine.sendAndWait(r);
            QVERIFY2(back.ok(), qPrintable(back.errorString));
            QCOMPARE(back.readBody(), QByteArray("welcome back"));
        } else {
            // The manager that stopped the loop serves the next request. Also, it aborted on its
            // own thread: once this answer is back, that thread has handled the abort (its events
            // run in order), so destroying the manager does not race it (the race leaks Qt's
            // connection objects, which LeakSanitizer reports).
            r.url = base + u"/after"_s;
            const HttpResponse after = engine.sendAndWait(r);
            QVERIFY2(after.ok(), qPrintable(after.errorString));
            QCOMPARE(after.readBody(), QByteArray("after the loop"));
        }
    }

    void bodiesSpoolToTheCache()
    {
        HttpEngine engine;
        const HttpResponse response = engine.sendAndWait(request(u"/echo"_s));
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        QVERIFY2(
            response.bodyPath().startsWith(cache + u"/responses/run-"_s), qPrintable(response.bodyPath()));
    }

    void spoolFoldersAreCleanedUp()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        // Left behind by a process that is gone: no lock file, and old.
        const QString orphan = root.filePath(u"run-orphan"_s);
        QVERIFY(QDir().mkpath(orphan));
        QFile body(orphan + u"/response-1.body"_s);
        QVERIFY(body.open(QIODevice::WriteOnly));
        body.write("left behind");
        body.close();
        std::error_code error;
        std::filesystem::last_write_time(orphan.toStdString(),
            std::filesystem::file_time_type::clock::now() - std::chrono::hours(48), error);
        QVERIFY2(!error, error.message().c_str());
        // Another process's, alive: locked.
        const QString alive = root.filePath(u"run-alive"_s);
        QVERIFY(QDir().mkpath(alive));
        QLockFile aliveLock(alive + u".lock"_s);
        QVERIFY(aliveLock.tryLock(0));
        // Another process's, made a moment ago, before its lock file: young.
        const QString young = root.filePath(u"run-young"_s);
        QVERIFY(QDir().mkpath(young));

        QString own;
        {
            const ResponseSpool spool(root.path());
            QVERIFY2(spool.isValid(), qPrintable(spool.errorString()));
            own = spool.path();
            QVERIFY(QFileInfo(own).isDir());
            QVERIFY(QFileInfo::exists(own + u".lock"_s));
            QVERIFY(!QFileInfo::exists(orphan));
            QVERIFY(QFileInfo(alive).isDir());
            QVERIFY(QFileInfo(young).isDir());
            QFile left(own + u"/response-2.body"_s);
            QVERIFY(left.open(QIODevice::WriteOnly));
        }
        // At exit (the spool's end), its folder and lock go, whatever is still in it.
        QVERIFY(!QFileInfo::exists(own));
        QVERIFY(!QFileInfo::exists(own + u".lock"_s));
        QVERIFY(QFileInfo(alive).isDir());
    }

    void redirectRules_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("303 turns POST into GET") << 303 << u"GET"_s << QByteArray();
        QTest::newRow("302 turns POST into GET") << 302 << u"GET"_s << QByteArray();
        QTest::newRow("307 keeps POST and its body") << 307 << u"POST"_s << "payload"_ba;
        QTest::newRow("308 keeps POST and its body") << 308 << u"POST"_s << "payload"_ba;
    }

    void redirectRules()
    {
        QFETCH(int, status);
        QFETCH(QString, method);
        QFETCH(QByteArray, body);
        RawServer raw;
        raw.setReply("HTTP/1.1 " + QByteArray::number(status) + " Moved\r\nLocation: "
            + m_server->url(u"/echo"_s).toLatin1() + "\r\nContent-Length: 0\r\n\r\n");
        HttpEngine engine;
        HttpRequest r;
        r.method = u"POST"_s;
        r.url = raw.url(u"/moved"_s);
        r.headers = { { u"Authorization"_s, u"Bearer secret"_s }, { u"Content-Type"_s, u"text/plain"_s } };
        r.body = "payload";
        const HttpResponse response = engine.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorString));
        const QJsonObject echo = bodyJson(response);
        QCOMPARE(echo.value(u"method"_s).toString(), method);
        QCOMPARE(QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1()), body);
        // Another port is another origin: the credentials stay behind.
        QVERIFY(echoedHeader(echo, u"Authorization"_s).isEmpty());
        QCOMPARE(response.finalUrl, m_server->url(u"/echo"_s));
    }
};

QTEST_GUILESS_MAIN(TestHttpEngine)
#include "TestHttpEngine.moc"
