#include "httpclient/responsescript.h"

#include <QElapsedTimer>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

HttpResponse makeResponse(
    int status, const QString &contentType, const QByteArray &body, const HttpHeaders &extra = {})
{
    HttpResponse r;
    r.status = status;
    if (!contentType.isEmpty())
        r.headers.append({ u"Content-Type"_s, contentType });
    r.headers.append(extra);
    r.bodyFile = std::make_shared<QTemporaryFile>();
    if (!r.bodyFile->open())
        qFatal("cannot create a temporary file");
    r.bodyFile->write(body);
    r.bodyFile->close();
    r.bodySize = body.size();
    return r;
}

QStringList summary(const ScriptResult &r)
{
    QStringList out;
    for (const ScriptTestResult &t : r.tests)
        out.append(u"%1 %2%3"_s.arg(
            t.passed ? u"PASS"_s : u"FAIL"_s, t.name, t.message.isEmpty() ? QString() : u": "_s + t.message));
    return out;
}

} // namespace

class TestResponseScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handlerApi_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("tests");
        QTest::addColumn<QStringList>("log");

        QTest::newRow("status")
            << u"client.test('ok', function() { client.assert(response.status === 200, 'got ' + response.status); });"_s
            << QStringList { u"PASS ok"_s } << QStringList {};
        QTest::newRow("failing assert message")
            << u"client.test('created', function() { client.assert(response.status === 201, 'expected 201, got ' + response.status); });"_s
            << QStringList { u"FAIL created: expected 201, got 200"_s } << QStringList {};
        QTest::newRow("assert without message")
            << u"client.test('t', function() { client.assert(false); });"_s
            << QStringList { u"FAIL t: Assertion failed"_s } << QStringList {};
        QTest::newRow("JSON body is parsed")
            << u"client.test('token', function() { client.assert(response.body.user.token === 'tok-1'); client.assert(response.body.items.length === 2); });"_s
            << QStringList { u"PASS token"_s } << QStringList {};
        QTest::newRow("exception inside a test fails it")
            << u"client.test('boom', function() { response.body.nothing.deeper; });\nclient.test('after', function() {});"_s
            << QStringList { u"FAIL boom: Cannot read property 'deeper' of undefined"_s, u"PASS after"_s }
            << QStringList {};
        QTest::newRow("headers")
            << u"client.test('h', function() {\n  client.assert(response.headers.valueOf('content-type') === "
               u"'application/json; charset=utf-8');\n"
               "  client.assert(response.headers.valueOf('X-None') === null, 'missing is null');\n"
               "  client.assert(response.headers.valuesOf('Set-Cookie').length === 2);\n"
               "  client.assert(response.headers.valuesOf('Set-Cookie')[1] === 'b=2');\n});"_s
            << QStringList { u"PASS h"_s } << QStringList {};
        QTest::newRow("content type")
            << u"client.log(response.contentType.mimeType, response.contentType.charset);"_s << QStringList {}
            << QStringList { u"application/json utf-8"_s };
        QTest::newRow("log objects and numbers") << u"client.log('n', 3, {a: [1]}, true);"_s << QStringList {}
                                                 << QStringList { u"n 3 {\"a\":[1]} true"_s };
        QTest::newRow("assert outside a test")
            << u"client.assert(response.status === 404, 'not found expected');"_s
            << QStringList { u"FAIL not found expected: not found expected"_s } << QStringList {};
        QTest::newRow("several tests in order")
            << u"client.test('a', function(){}); client.test('b', function(){ client.assert(1 === 2, 'no'); }); client.test('c', function(){});"_s
            << QStringList { u"PASS a"_s, u"FAIL b: no"_s, u"PASS c"_s } << QStringList {};
    }

    void handlerApi()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, tests);
        QFETCH(QStringList, log);
        const HttpResponse response = makeResponse(200, u"application/json; charset=utf-8"_s,
            "{\"user\":{\"token\":\"tok-1\"},\"items\":[1,2]}",
            { { u"Set-Cookie"_s, u"a=1"_s }, { u"Set-Cookie"_s, u"b=2"_s } });
        QVariantMap globals;
        const ScriptResult r = ResponseScript::run(script, response, &globals);
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(summary(r), tests);
        QCOMPARE(r.log, log);
        QCOMPARE(r.allPassed(), !summary(r).join(u'\n').contains(u"FAIL"_s));
    }

    void textBodyStaysText()
    {
        const HttpResponse response = makeResponse(200, u"text/plain; charset=iso-8859-1"_s, "caf\xe9");
        QVariantMap globals;
        const ScriptResult r = ResponseScript::run(
            u"client.test('t', function(){ client.assert(typeof response.body === 'string'); client.assert(response.body === 'caf\\u00e9', response.body); });"_s,
            response, &globals);
        QVERIFY(r.ok());
        QCOMPARE(summary(r), QStringList { u"PASS t"_s });
    }

    void globalsPersistAcrossScripts()
    {
        QVariantMap globals;
        const HttpResponse first = makeResponse(200, u"application/json"_s, "{\"token\":\"abc\",\"n\":5}");
        ScriptResult r = ResponseScript::run(
            u"client.test('empty first', function(){ client.assert(client.global.isEmpty()); });\n"
            "client.global.set('token', response.body.token);\nclient.global.set('n', response.body.n);\n"
            "client.global.set('gone', 'x');\nclient.global.clear('gone');"_s,
            first, &globals);
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(summary(r), QStringList { u"PASS empty first"_s });
        QCOMPARE(globals.value(u"token"_s).toString(), u"abc"_s);
        QCOMPARE(globals.value(u"n"_s).toString(), u"5"_s);
        QVERIFY(!globals.contains(u"gone"_s));

        const HttpResponse second = makeResponse(204, QString(), {});
        r = ResponseScript::run(
            u"client.test('carried', function(){ client.assert(client.global.get('token') === 'abc');"
            " client.assert(client.global.get('missing') === null); client.assert(!client.global.isEmpty()); "
            "});\n"
            "client.global.clearAll();"_s,
            second, &globals);
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(summary(r), QStringList { u"PASS carried"_s });
        QVERIFY(globals.isEmpty());
    }

    void errorsHaveLines_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("firstLine");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("reference error")
            << u"client.log('a');\n\nnoSuchFunction();"_s << 1 << 3 << u"ReferenceError"_s;
        QTest::newRow("offset into the .http file")
            << u"\nclient.log(1);\nundefinedThing.x = 1;"_s << 20 << 22 << u"ReferenceError"_s;
        QTest::newRow("syntax error") << u"client.log(1;\n"_s << 5 << 5 << u"SyntaxError"_s;
        QTest::newRow("thrown value")
            << u"\n\nthrow new TypeError('bad shape');"_s << 1 << 3 << u"TypeError: bad shape"_s;
    }

    void errorsHaveLines()
    {
        QFETCH(QString, script);
        QFETCH(int, firstLine);
        QFETCH(int, line);
        QFETCH(QString, fragment);
        QVariantMap globals;
        const ScriptResult r = ResponseScript::run(
            script, makeResponse(200, u"text/plain"_s, "x"), &globals, u"api.http"_s, firstLine);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(fragment), qPrintable(r.error));
        QCOMPARE(r.errorLine, line);
        QVERIFY2(r.errorText().startsWith(u"api.http:%1: "_s.arg(line)), qPrintable(r.errorText()));
    }

    void endlessLoopIsInterrupted()
    {
        QVariantMap globals;
        QElapsedTimer timer;
        timer.start();
        const ScriptResult r = ResponseScript::run(u"client.test('spin', function(){ while (true) {} });"_s,
            makeResponse(200, u"text/plain"_s, "x"), &globals, {}, 1, 300);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"300 ms"_s), qPrintable(r.error));
        QVERIFY(timer.elapsed() >= 250);
        QVERIFY(timer.elapsed() < 5000);
    }

    void scriptFromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSaveFile f(dir.filePath(u"check.js"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("client.test('from file', function() {\n  client.assert(response.status === 200);\n});\n");
        QVERIFY(f.commit());
        QVariantMap globals;
        const HttpResponse response = makeResponse(200, u"text/plain"_s, "x");
        const ScriptResult r = ResponseScript::runFile(dir.filePath(u"check.js"_s), response, &globals);
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(summary(r), QStringList { u"PASS from file"_s });
        const ScriptResult missing = ResponseScript::runFile(dir.filePath(u"none.js"_s), response, &globals);
        QVERIFY(!missing.ok());
        QVERIFY(missing.errorText().contains(u"none.js"_s));
    }
};

QTEST_GUILESS_MAIN(TestResponseScript)
#include "TestResponseScript.moc"
