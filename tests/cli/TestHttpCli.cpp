#include "httpclient/requesthistory.h"
#include "support/httptestserver.h"
#include "util/datalocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <filesystem>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

const char *const kSecretPassword = "hunter2";
const char *const kSecretKey = "k-secret-123";

} // namespace

class TestHttpCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QSaveFile f(path(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(name));
        f.write(bytes);
        if (!f.commit())
            qFatal("cannot commit %s", qPrintable(name));
    }

    // Runs studybench-cli without blocking the event loop, which the in-process server needs.
    CliRun cli(const QStringList &arguments, const QByteArray &standardInput = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"STUDYBENCH_DATA_DIR"_s, path(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, path(u"cache"_s)); // response bodies spool there
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(STUDYBENCH_CLI_PATH), arguments);
        if (!process.waitForStarted(10000))
            qFatal("cannot start %s", STUDYBENCH_CLI_PATH);
        process.write(standardInput);
        process.closeWriteChannel();
        if (!finished.wait(60000))
            qFatal("studybench-cli did not finish");
        CliRun run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    static QString describe(const CliRun &r)
    {
        return u"exit %1\n--- stdout\n%2\n--- stderr\n%3"_s.arg(r.exitCode).arg(r.out, r.err);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<TestHttpServer>();
        write(u"http-client.env.json"_s,
            QByteArray("{\"dev\": {\"port\": \"") + QByteArray::number(m_server->port())
                + "\", \"password\": \"not-the-real-one\"}}");
        write(u"http-client.private.env.json"_s,
            QByteArray("{\"dev\": {\"password\": \"") + kSecretPassword + "\", \"apiKey\": \"" + kSecretKey
                + "\"}}");
        write(u"flow.http"_s,
            "@base = http://127.0.0.1:{{port}}\n"
            "@user = ann\n"
            "\n"
            "### Log in\n"
            "# @name login\n"
            "POST {{base}}/login\n"
            "Content-Type: application/json\n"
            "X-Api-Key: {{apiKey}}\n"
            "\n"
            "{\"user\": \"{{user}}\", \"password\": \"{{password}}\"}\n"
            "\n"
            "> {%\n"
            "client.test(\"logged in\", function() {\n"
            "  client.assert(response.status === 200, \"status \" + response.status);\n"
            "  client.assert(response.body.user.token === \"tok-42\");\n"
            "});\n"
            "client.global.set(\"userName\", response.body.user.name);\n"
            "%}\n"
            "\n"
            "###\n"
            "# @name me\n"
            "GET {{base}}/me\n"
            "Authorization: Bearer {{login.response.body.$.user.token}}\n"
            "X-Next: {{login.response.headers.Location}}\n"
            "\n"
            "> {%\n"
            "client.test(\"me is ann\", function() {\n"
            "  client.assert(response.body.name === client.global.get(\"userName\"));\n"
            "});\n"
            "%}\n");
        write(u"failing.http"_s,
            "# @name created\n"
            "POST http://127.0.0.1:{{port}}/echo\n"
            "\n"
            "payload\n"
            "\n"
            "> {%\n"
            "client.test(\"status is 201\", function() {\n"
            "  client.assert(response.status === 201, \"expected 201, got \" + response.status);\n"
            "});\n"
            "client.test(\"echoes the body\", function() {\n"
            "  client.assert(response.body.method === \"POST\");\n"
            "});\n"
            "%}\n");
        write(u"broken.http"_s, "GET http://localhost/\nAccept json\n");
        write(u"script-error.http"_s,
            "GET http://127.0.0.1:{{port}}/echo\n\n> {%\nclient.log('before');\n"
            "notDefined();\n%}\n");
    }

    void sendsAFileWithVariablesReferencesAndSecrets()
    {
        const CliRun r
            = cli({ u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s, u"--junit"_s, path(u"flow.xml"_s) });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QString base = m_server->url(QString());
        QVERIFY2(r.out.contains(u"POST %1/login  200 OK"_s.arg(base)), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"GET %1/me  200 OK"_s.arg(base)), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"  PASS logged in\n"_s), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"  PASS me is ann\n"_s), qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"2 requests, 2 tests passed, 0 failed"_s));
        QVERIFY(!r.out.contains(QLatin1StringView(kSecretPassword)));
        QVERIFY(!r.out.contains(QLatin1StringView(kSecretKey)));

        // The JUnit report, read back.
        QFile xmlFile(path(u"flow.xml"_s));
        QVERIFY(xmlFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&xmlFile);
        QStringList cases;
        int failures = -1;
        int tests = -1;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"testsuite") {
                tests = xml.attributes().value(u"tests").toInt();
                failures = xml.attributes().value(u"failures").toInt();
                QCOMPARE(xml.attributes().value(u"name").toString(), u"flow.http"_s);
            } else if (xml.name() == u"testcase") {
                cases.append(xml.attributes().value(u"name").toString());
            } else if (xml.name() == u"failure" || xml.name() == u"error") {
                QFAIL("no failures expected");
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(tests, 4);
        QCOMPARE(failures, 0);
        QCOMPARE(cases,
            (QStringList { u"login: POST %1/login"_s.arg(base), u"logged in"_s, u"me: GET %1/me"_s.arg(base),
                u"me is ann"_s }));

        // History has both requests, and no secret.
        RequestHistory history;
        QVERIFY(history.open(QDir(path(u"data"_s)).filePath(DataFile::httpHistory())));
        const QList<HistoryRecord> records = history.search(u"/login"_s);
        QVERIFY(!records.isEmpty());
        const HistoryRecord &login = records.first();
        QCOMPARE(login.status, 200);
        QCOMPARE(headerValue(login.request.headers, u"X-Api-Key"), SecretMasker::maskText());
        QVERIFY(login.request.body.contains(SecretMasker::maskText().toUtf8()));
        QVERIFY(history.search(QLatin1StringView(kSecretPassword)).isEmpty());
        QVERIFY(history.search(QLatin1StringView(kSecretKey)).isEmpty());
        // …but a stored request can be sent again with the environment's secrets.
        HttpEnvironmentFiles files;
        QVERIFY(files.load(m_dir.path()));
        const auto resend = history.requestForResend(login.id, *files.environment(u"dev"_s));
        QVERIFY(resend);
        QVERIFY(resend->body.contains(kSecretPassword));
    }

    void dryRunMasksSecrets()
    {
        const CliRun r = cli({ u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s, u"--dry-run"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.out.contains(QLatin1StringView(kSecretPassword)), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QLatin1StringView(kSecretKey)), qPrintable(r.out));
        QJsonParseError error;
        const QJsonArray requests = QJsonDocument::fromJson(r.out.toUtf8(), &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + r.out));
        QCOMPARE(requests.size(), 2);
        const QJsonObject login = requests.at(0).toObject();
        QCOMPARE(login.value(u"method"_s).toString(), u"POST"_s);
        QCOMPARE(login.value(u"url"_s).toString(), m_server->url(u"/login"_s));
        QCOMPARE(login.value(u"name"_s).toString(), u"login"_s);
        QCOMPARE(login.value(u"body"_s).toString(),
            u"{\"user\": \"ann\", \"password\": \"\u2022\u2022\u2022\u2022\"}"_s);
        const QJsonArray headers = login.value(u"headers"_s).toArray();
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers.at(0).toObject().value(u"name"_s).toString(), u"Content-Type"_s);
        QCOMPARE(headers.at(1).toObject().value(u"name"_s).toString(), u"X-Api-Key"_s);
        QCOMPARE(headers.at(1).toObject().value(u"value"_s).toString(), u"\u2022\u2022\u2022\u2022"_s);
        // Nothing was sent, so the reference to login's response stays as written.
        const QJsonObject me = requests.at(1).toObject();
        QCOMPARE(me.value(u"headers"_s).toArray().at(0).toObject().value(u"value"_s).toString(),
            u"Bearer {{login.response.body.$.user.token}}"_s);

        const CliRun revealed
            = cli({ u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s, u"--dry-run"_s, u"--reveal-secrets"_s });
        QCOMPARE(revealed.exitCode, 0);
        QVERIFY(revealed.out.contains(QLatin1StringView(kSecretPassword)));
    }

    void dryRunBinaryBody()
    {
        write(u"bin.dat"_s, QByteArray("\x00\xff\x01", 3));
        write(u"binary.http"_s,
            "PUT http://127.0.0.1:1/blob\nContent-Type: application/octet-stream\n\n< ./bin.dat\n");
        const CliRun r = cli({ u"http"_s, u"binary.http"_s, u"--dry-run"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).array().at(0).toObject();
        QVERIFY(!o.contains(u"body"_s));
        QCOMPARE(QByteArray::fromBase64(o.value(u"bodyBase64"_s).toString().toLatin1()),
            QByteArray("\x00\xff\x01", 3));
    }

    void printCurlMasksSecrets()
    {
        const CliRun r = cli(
            { u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s, u"--print-curl"_s, u"--name"_s, u"login"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(
            r.out.startsWith(u"# login\ncurl '%1'"_s.arg(m_server->url(u"/login"_s))), qPrintable(r.out));
        QVERIFY(r.out.contains(u"-H 'X-Api-Key: \u2022\u2022\u2022\u2022'"_s));
        QVERIFY(!r.out.contains(QLatin1StringView(kSecretPassword)));
        QVERIFY(!r.out.contains(QLatin1StringView(kSecretKey)));
        QVERIFY(!r.out.contains(u"/me"_s));
    }

    void failingTestsFailTheRun()
    {
        const CliRun r = cli({ u"http"_s, u"failing.http"_s, u"--env"_s, u"dev"_s, u"--junit"_s,
            path(u"failing.xml"_s), u"--no-history"_s });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"  FAIL status is 201: expected 201, got 200\n"_s), qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"  PASS echoes the body\n"_s));
        QVERIFY(r.out.contains(u"1 request, 1 test passed, 1 failed"_s));

        QFile xmlFile(path(u"failing.xml"_s));
        QVERIFY(xmlFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&xmlFile);
        QString failedCase;
        QString failureMessage;
        QString currentCase;
        int failures = -1;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"testsuites")
                failures = xml.attributes().value(u"failures").toInt();
            else if (xml.name() == u"testcase")
                currentCase = xml.attributes().value(u"name").toString();
            else if (xml.name() == u"failure") {
                failedCase = currentCase;
                failureMessage = xml.attributes().value(u"message").toString();
            }
        }
        QVERIFY(!xml.hasError());
        QCOMPARE(failures, 1);
        QCOMPARE(failedCase, u"status is 201"_s);
        QCOMPARE(failureMessage, u"expected 201, got 200"_s);
    }

    void junitHoldsWhatXmlCannot()
    {
        // Test names and messages with characters XML 1.0 has no place for: NUL, \x01, ESC, a lone
        // surrogate. The report is written all the same, and every test passed.
        write(u"odd-names.http"_s,
            "GET http://127.0.0.1:{{port}}/echo\n\n> {%\n"
            "client.test(\"nul \\u0000 soh \\u0001 esc \\u001b[31m lone \\ud800 end\", function() {\n"
            "  client.assert(true, \"fine\");\n"
            "});\n"
            "client.test(\"plain\", function() {});\n"
            "%}\n");
        const CliRun r = cli({ u"http"_s, u"odd-names.http"_s, u"--env"_s, u"dev"_s, u"--junit"_s,
            path(u"odd.xml"_s), u"--no-history"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"1 request, 2 tests passed, 0 failed"_s), qPrintable(describe(r)));
        QVERIFY2(!r.out.contains(QChar(0x1b)) && !r.out.contains(QChar(1)), qPrintable(describe(r)));

        QFile xmlFile(path(u"odd.xml"_s));
        QVERIFY(xmlFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&xmlFile);
        QStringList names;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"testcase")
                names.append(xml.attributes().value(u"name").toString());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(names.size(), 3);
        QCOMPARE(names.at(1), u"nul \\x00 soh \\x01 esc \\x1b[31m lone \\ud800 end"_s);
        QCOMPARE(names.at(2), u"plain"_s);
    }

    void junitThatCannotBeWrittenStillSummarises()
    {
        const CliRun r = cli({ u"http"_s, u"failing.http"_s, u"--env"_s, u"dev"_s, u"--junit"_s,
            path(u"no/such/folder/report.xml"_s), u"--no-history"_s });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(u"Cannot write the JUnit report"_s), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"1 request, 1 test passed, 1 failed"_s), qPrintable(describe(r)));
    }

    void serverControlCharactersAreEscaped()
    {
        RawServer raw;
        raw.setReply("HTTP/1.1 200 O\x01\x1b[31mK\r\nContent-Encoding: x\x1b[2Jy\x07\r\n"
                     "Content-Length: 0\r\n\r\n");
        const CliRun r
            = cli({ u"http"_s, u"--no-history"_s, u"--curl"_s, u"curl %1"_s.arg(raw.url(u"/evil"_s)) });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"200 O\\x01\\x1b[31mK"_s), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"encoded with \"x\\x1b[2Jy\\x07\""_s), qPrintable(describe(r)));
        for (char16_t c : { char16_t(0x01), char16_t(0x07), char16_t(0x1b) })
            QVERIFY2(!r.out.contains(QChar(c)) && !r.err.contains(QChar(c)), qPrintable(describe(r)));
    }

    void scriptIsToldTheBodyWasCut()
    {
        write(u"big.http"_s,
            "GET http://127.0.0.1:{{port}}/big/65\n\n> {%\nclient.log(response.body.length);\n%}\n");
        const CliRun r = cli({ u"http"_s, u"big.http"_s, u"--env"_s, u"dev"_s, u"--no-history"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"warning: The body is 68157440 bytes; the handler script saw only its first "
                                "64 MiB"_s),
            qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"  log: 67108864\n"_s), qPrintable(describe(r)));
    }

    void failHttpStatus()
    {
        write(u"notfound.http"_s, "GET http://127.0.0.1:{{port}}/status/404\n");
        CliRun r = cli({ u"http"_s, u"notfound.http"_s, u"--env"_s, u"dev"_s, u"--no-history"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"/status/404  404"_s));
        r = cli({ u"http"_s, u"notfound.http"_s, u"--env"_s, u"dev"_s, u"--no-history"_s, u"--fail-http"_s });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
    }

    void unresolvedReferenceFails()
    {
        const CliRun r = cli(
            { u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s, u"--name"_s, u"me"_s, u"--no-history"_s });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"has not been received"_s), qPrintable(describe(r)));
        QVERIFY2(
            r.out.startsWith(u"GET %1  ERROR\n"_s.arg(m_server->url(u"/me"_s))), qPrintable(describe(r)));
        // The reference is in the Authorization header, on line 23.
        QVERIFY2(r.out.contains(u"flow.http:23: 'login.response.body.$.user.token' refers to"_s),
            qPrintable(describe(r)));
    }

    void scriptErrorsFailWithLine()
    {
        const CliRun r = cli({ u"http"_s, u"script-error.http"_s, u"--env"_s, u"dev"_s, u"--no-history"_s });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"  log: before\n"_s));
        QVERIFY2(r.out.contains(u"script-error.http:5: ReferenceError"_s), qPrintable(describe(r)));
    }

    void sendsACurlCommand()
    {
        const CliRun r = cli({ u"http"_s, u"--no-history"_s, u"--curl"_s,
            u"curl '%1' -X PATCH -H 'X-A: 1' --data-raw 'x=1'"_s.arg(m_server->url(u"/echo"_s)) });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(
            r.out.contains(u"PATCH %1  200 OK"_s.arg(m_server->url(u"/echo"_s))), qPrintable(describe(r)));
        const CliRun bad = cli({ u"http"_s, u"--curl"_s, u"curl 'unclosed"_s });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(u"single quote"_s));
    }

    // "-d @-" in a --curl command reads studybench-cli's standard input, as curl reads its own.
    void curlReadsStandardInput()
    {
        const QString url = m_server->url(u"/echo/stdin"_s);
        const QString command = u"curl '%1' -H 'Content-Type: text/plain' --data-binary @-"_s.arg(url);
        const QByteArray input = "line one\nline two\n";
        const CliRun dry = cli({ u"http"_s, u"--dry-run"_s, u"--curl"_s, command }, input);
        QVERIFY2(dry.exitCode == 0, qPrintable(describe(dry)));
        const QJsonObject shown = QJsonDocument::fromJson(dry.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(shown.value(u"body"_s).toString(), QString::fromUtf8(input));

        const CliRun sent = cli({ u"http"_s, u"--curl"_s, command }, input);
        QVERIFY2(sent.exitCode == 0, qPrintable(describe(sent)));
        QVERIFY2(sent.out.contains(u"POST %1  200 OK"_s.arg(url)), qPrintable(describe(sent)));
        RequestHistory history;
        QVERIFY(history.open(QDir(path(u"data"_s)).filePath(DataFile::httpHistory())));
        const QList<HistoryRecord> records = history.search(u"/echo/stdin"_s);
        QVERIFY(!records.isEmpty());
        QCOMPARE(records.first().request.body, input);
        QCOMPARE(records.first().status, 200);
    }

    // Global options go before the command as well as after it, as in git and cargo.
    void globalOptionsBeforeTheCommand()
    {
        const QString dataDir = path(u"before"_s);
        const CliRun r = cli({ u"--data-dir"_s, dataDir, u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"2 requests, 2 tests passed, 0 failed"_s));
        RequestHistory history;
        QVERIFY(history.open(QDir(dataDir).filePath(DataFile::httpHistory())));
        QCOMPARE(history.search(u"/login"_s).size(), 1);
        const CliRun json = cli({ u"--json"_s, u"http"_s, u"flow.http"_s, u"--env"_s, u"dev"_s,
            u"--dry-run"_s, u"--data-dir"_s, dataDir });
        QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
        const CliRun unknown = cli({ u"http"_s, u"flow.http"_s, u"--frob"_s });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(
            unknown.err.contains(u"Unknown option '--frob': 'studybench-cli http' has no such option."_s),
            qPrintable(describe(unknown)));
        const CliRun help = cli({ u"http"_s, u"--help"_s });
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(u"http [options] FILE.http"_s), qPrintable(describe(help)));
    }

    void connectionRefusedFails()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        const CliRun r = cli(
            { u"http"_s, u"--no-history"_s, u"--curl"_s, u"curl http://127.0.0.1:%1/"_s.arg(closedPort) });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY(r.out.contains(u"ERROR Connection refused"_s));
    }

    void maxTimeEndsASteadyDrip_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("curlOptions");
        QTest::newRow("--max-time") << QStringList { u"--max-time"_s, u"0.3"_s } << QString();
        QTest::newRow("cURL's --max-time") << QStringList {} << u"--max-time 0.3"_s;
        QTest::newRow("--max-time wins over the request's own")
            << QStringList { u"--max-time"_s, u"0.3"_s } << u"-m 600"_s;
    }

    void maxTimeEndsASteadyDrip()
    {
        // One byte every 50 ms keeps the idle timeout happy; the 200 bytes would take 10 s.
        QFETCH(QStringList, options);
        QFETCH(QString, curlOptions);
        DripServer drip(200, 50);
        const CliRun r = cli(QStringList { u"http"_s, u"--no-history"_s } + options
            + QStringList { u"--curl"_s, u"curl %1 %2"_s.arg(curlOptions, drip.url(u"/drip"_s)) });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(
            r.out.contains(u"ERROR Timed out: the request took longer than its total time limit (max time) "
                           "of 300 ms"_s),
            qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"1 request, 0 tests passed, 0 failed"_s), qPrintable(describe(r)));
    }

    void connectTimeoutEndsAStalledHandshake()
    {
        RawServer silent; // never answers the TLS ClientHello
        const CliRun r = cli({ u"http"_s, u"--no-history"_s, u"--connect-timeout"_s, u"0.3"_s, u"--curl"_s,
            u"curl --http1.1 https://127.0.0.1:%1/"_s.arg(silent.port()) });
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(u"within the connect timeout of 300 ms"_s), qPrintable(describe(r)));
    }

    void badTimeLimitsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("--max-time soon") << QStringList { u"--max-time"_s, u"soon"_s };
        QTest::newRow("--connect-timeout -1") << QStringList { u"--connect-timeout"_s, u"-1"_s };
    }

    void badTimeLimitsAreUsageErrors()
    {
        QFETCH(QStringList, options);
        const CliRun r = cli(QStringList { u"http"_s, u"flow.http"_s } + options);
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(u"needs a number of seconds"_s), qPrintable(describe(r)));
    }

    void bodiesSpoolToTheCacheAndGoAtExit()
    {
        const QString responses = path(u"cache/studybench/responses"_s);
        // What a killed run left behind: a folder without its lock, hours old.
        const QString stale = responses + u"/run-killed"_s;
        QVERIFY(QDir().mkpath(stale));
        write(u"cache/studybench/responses/run-killed/response-1.body"_s, "left behind");
        std::error_code error;
        std::filesystem::last_write_time(stale.toStdString(),
            std::filesystem::file_time_type::clock::now() - std::chrono::hours(48), error);
        QVERIFY2(!error, error.message().c_str());

        const CliRun r = cli(
            { u"http"_s, u"--no-history"_s, u"--curl"_s, u"curl %1"_s.arg(m_server->url(u"/big/2"_s)) });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(QFileInfo(responses).isDir()); // the run spooled there
        QCOMPARE(
            QDir(responses).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void misuseAndMalformedFiles()
    {
        CliRun r = cli({ u"http"_s, u"broken.http"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"broken.http:2: "_s), qPrintable(describe(r)));
        r = cli({ u"http"_s, u"flow.http"_s, u"--name"_s, u"nobody"_s });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"login, me"_s));
        r = cli({ u"http"_s, u"flow.http"_s, u"--env"_s, u"qa"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(u"No environment 'qa'"_s));
        r = cli({ u"http"_s });
        QCOMPARE(r.exitCode, 2);
        r = cli({ u"http"_s, u"flow.http"_s, u"--dry-run"_s, u"--print-curl"_s });
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestHttpCli)
#include "TestHttpCli.moc"
