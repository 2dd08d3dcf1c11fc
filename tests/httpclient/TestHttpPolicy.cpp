// What an administrator allows the HTTP client (issue #10): loopback-only classrooms and no TLS
// opt-out, enforced by the engine before anything is resolved or connected, and on redirects.
#include "httpclient/httpengine.h"
#include "httpclient/httppolicy.h"
#include "support/httptestserver.h"

#include <QTest>
#include <QUrl>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestHttpPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << u"localhost"_s << true;
        QTest::newRow("LOCALHOST") << u"LOCALHOST"_s << true;
        QTest::newRow("localhost.") << u"localhost."_s << true;
        QTest::newRow("api.localhost") << u"api.localhost"_s << true;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
        QTest::newRow("127.8.9.10") << u"127.8.9.10"_s << true;
        QTest::newRow("::1") << u"::1"_s << true;
        QTest::newRow("[::1]") << u"[::1]"_s << true;
        QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
        QTest::newRow("10.0.0.1") << u"10.0.0.1"_s << false;
        QTest::newRow("example.com") << u"example.com"_s << false;
        QTest::newRow("localhost.example.com") << u"localhost.example.com"_s << false;
        QTest::newRow("mylocalhost") << u"mylocalhost"_s << false;
        QTest::newRow("128.0.0.1") << u"128.0.0.1"_s << false;
        QTest::newRow("::ffff:8.8.8.8") << u"::ffff:8.8.8.8"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(HttpPolicy::isLoopbackHost(host), loopback);
    }

    void refusalsNameTheSetting()
    {
        HttpPolicy policy;
        QVERIFY(policy.refusal(QUrl(u"https://example.com/"_s), false).isEmpty()); // nothing restricted
        policy.loopbackOnly = true;
        policy.allowInsecureTls = false;
        policy.settingsFile = u"/etc/xdg/StudyBench/StudyBench.conf"_s;
        QVERIFY(policy.refusal(QUrl(u"http://127.0.0.1:8787/http/get"_s), true).isEmpty());
        const QString far = policy.refusal(QUrl(u"http://example.com/"_s), true);
        QVERIFY2(far.contains(u"HttpClient/LoopbackOnly"_s) && far.contains(u"example.com"_s)
                && far.contains(policy.settingsFile),
            qPrintable(far));
        const QString insecure = policy.refusal(QUrl(u"https://localhost:8443/"_s), false);
        QVERIFY2(insecure.contains(u"HttpClient/AllowInsecureTls"_s), qPrintable(insecure));
        // Verification off means nothing for plain http://.
        QVERIFY(policy.refusal(QUrl(u"http://localhost/"_s), false).isEmpty());
    }

    void engineRefusesBeforeResolving()
    {
        HttpEngine engine;
        HttpPolicy policy;
        policy.loopbackOnly = true;
        engine.setPolicy(policy);
        HttpRequest request;
        request.url = u"http://studybench-no-such-host.invalid/"_s;
        const HttpResponse r = engine.sendAndWait(request);
        // Resolving would have said UnknownHost: the refusal comes first.
        QCOMPARE(r.error, HttpErrorKind::InvalidRequest);
        QVERIFY2(r.errorString.contains(u"HttpClient/LoopbackOnly"_s), qPrintable(r.errorString));
    }

    void engineSendsToLoopback()
    {
        TestHttpServer server;
        HttpEngine engine;
        HttpPolicy policy;
        policy.loopbackOnly = true;
        policy.allowInsecureTls = false;
        engine.setPolicy(policy);
        HttpRequest request;
        request.url = u"http://localhost:%1/echo"_s.arg(server.port());
        const HttpResponse r = engine.sendAndWait(request);
        QCOMPARE(r.error, HttpErrorKind::None);
        QCOMPARE(r.status, 200);
    }

    void redirectAwayIsRefused()
    {
        RawServer server;
        // The raw server listens on 127.0.0.1 only: were the redirect followed, the request would
        // fail to resolve, not be refused.
        server.setReply("HTTP/1.1 302 Found\r\nLocation: http://studybench-no-such-host.invalid/x\r\n"
                        "Content-Length: 0\r\n\r\n");
        HttpEngine engine;
        HttpPolicy policy;
        policy.loopbackOnly = true;
        engine.setPolicy(policy);
        HttpRequest request;
        request.url = server.url(u"/away"_s);
        const HttpResponse r = engine.sendAndWait(request);
        QCOMPARE(r.error, HttpErrorKind::InvalidRequest);
        QVERIFY2(
            r.errorString.contains(u"redirected"_s) && r.errorString.contains(u"HttpClient/LoopbackOnly"_s),
            qPrintable(r.errorString));
    }

    void insecureTlsIsRefused()
    {
        HttpEngine engine;
        HttpPolicy policy;
        policy.allowInsecureTls = false;
        engine.setPolicy(policy);
        HttpRequest request;
        request.url = u"https://127.0.0.1:9/"_s; // port 9: nothing would answer anyway
        request.verifyTls = false;
        const HttpResponse r = engine.sendAndWait(request);
        QCOMPARE(r.error, HttpErrorKind::InvalidRequest);
        QVERIFY2(r.errorString.contains(u"HttpClient/AllowInsecureTls"_s), qPrintable(r.errorString));
    }
};

QTEST_GUILESS_MAIN(TestHttpPolicy)
#include "TestHttpPolicy.moc"
