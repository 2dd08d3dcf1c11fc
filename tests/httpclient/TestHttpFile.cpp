#include "httpclient/httpenvironment.h"
#include "httpclient/httpfile.h"
#include "httpclient/httpvariables.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

// One line per request: "name|METHOD|url|version|Header: v;Header: v|body parts|handler|directives".
static QStringList summarize(const HttpFile &file)
{
    QStringList out;
    for (const HttpRequestTemplate &r : file.requests) {
        QStringList headers;
        for (const HttpHeader &h : r.headers)
            headers.append(h.name + u": "_s + h.value);
        QStringList body;
        for (const HttpBodyPart &p : r.body) {
            const QString kind = p.kind == HttpBodyPart::Text ? u"text"_s
                : p.kind == HttpBodyPart::File                ? u"file"_s
                                                              : u"file@"_s;
            body.append(u"%1@%2:%3"_s.arg(kind).arg(p.line).arg(QString(p.text).replace(u'\n', u"\\n"_s)));
        }
        QStringList directives;
        if (r.noRedirect)
            directives.append(u"no-redirect"_s);
        if (r.insecure)
            directives.append(u"insecure"_s);
        if (r.noCookieJar)
            directives.append(u"no-cookie-jar"_s);
        if (r.timeoutMs >= 0)
            directives.append(u"timeout=%1"_s.arg(r.timeoutMs));
        if (r.connectTimeoutMs >= 0)
            directives.append(u"connection-timeout=%1"_s.arg(r.connectTimeoutMs));
        if (r.maxTimeMs >= 0)
            directives.append(u"max-time=%1"_s.arg(r.maxTimeMs));
        const QString handler = !r.handlerScriptFile.isEmpty()
            ? u"file:"_s + r.handlerScriptFile
            : (r.handlerScript.isEmpty() ? QString()
                                         : u"js@%1:%2"_s.arg(r.handlerLine)
                                               .arg(QString(r.handlerScript).replace(u'\n', u"\\n"_s)));
        out.append(u"%1|%2|%3|%4|%5|%6|%7|%8|%9"_s
                .arg(r.name, r.method, r.url, r.httpVersion, headers.join(u';'), body.join(u" + "_s), handler,
                    directives.join(u','))
                .arg(r.line));
    }
    return out;
}

class TestHttpFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("variables");

        QTest::newRow("bare URL is GET")
            << u"https://example.com/a\n"_s << QStringList { u"|GET|https://example.com/a||||||1"_s }
            << QStringList {};
        QTest::newRow("method, version, headers")
            << u"GET https://example.com/a HTTP/1.1\nAccept: application/json\nX-Trace:  abc \n"_s
            << QStringList { u"|GET|https://example.com/a|HTTP/1.1|Accept: application/json;X-Trace: abc||||1"_s }
            << QStringList {};
        QTest::newRow("any method token")
            << u"PURGE https://cdn.example/x\n"_s << QStringList { u"|PURGE|https://cdn.example/x||||||1"_s }
            << QStringList {};
        QTest::newRow("separators, titles and names")
            << u"### First one\nGET http://h/1\n\n###\n# @name second\nPOST http://h/2\n\n### Third\n// @name third\nDELETE http://h/3\n"_s
            << QStringList { u"First one|GET|http://h/1||||||2"_s, u"second|POST|http://h/2||||||6"_s,
                   u"third|DELETE|http://h/3||||||10"_s }
            << QStringList {};
        QTest::newRow("file variables anywhere before a request line")
            << u"@host = localhost:8080\n@token=abc def\n\nGET http://{{host}}/x\n\n###\n@later = 1\nGET http://{{host}}/{{later}}\n"_s
            << QStringList { u"|GET|http://{{host}}/x||||||4"_s, u"|GET|http://{{host}}/{{later}}||||||8"_s }
            << QStringList { u"host=localhost:8080@1"_s, u"token=abc def@2"_s, u"later=1@7"_s };
        QTest::newRow("JSON body, trailing blank lines dropped")
            << u"POST http://h/items\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n\n\n###\nGET http://h/\n"_s
            << QStringList { u"|POST|http://h/items||Content-Type: application/json|text@4:{\\n  \"a\": 1\\n}|||1"_s,
                   u"|GET|http://h/||||||10"_s }
            << QStringList {};
        QTest::newRow("body from file")
            << u"POST http://h/upload\nContent-Type: application/octet-stream\n\n< ./data.bin\n"_s
            << QStringList { u"|POST|http://h/upload||Content-Type: application/octet-stream|file@4:./data.bin|||1"_s }
            << QStringList {};
        QTest::newRow("multipart with a file part")
            << u"POST http://h/m\nContent-Type: multipart/form-data; boundary=XX\n\n--XX\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XX\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\n\n<@ ./f.txt\n--XX--\n"_s
            << QStringList { u"|POST|http://h/m||Content-Type: multipart/form-data; boundary=XX|"
                             "text@4:--XX\\nContent-Disposition: form-data; "
                             "name=\"a\"\\n\\n1\\n--XX\\nContent-Disposition: form-data; name=\"f\"; "
                             "filename=\"f.txt\"\\n + "
                             "file@@11:./f.txt + text@12:--XX--|||1"_s }
            << QStringList {};
        QTest::newRow("inline handler on one line")
            << u"GET http://h/\n\n> {% client.global.set(\"a\", 1); %}\n"_s
            << QStringList { u"|GET|http://h/||||js@3: client.global.set(\"a\", 1); ||1"_s }
            << QStringList {};
        QTest::newRow("multi-line handler after a body")
            << u"POST http://h/\n\nbody\n\n> {%\n  client.test(\"t\", function() {});\n%}\n\n###\nGET http://h/2\n"_s
            << QStringList { u"|POST|http://h/|||text@3:body|js@5:\\n  client.test(\"t\", function() {});\\n||1"_s,
                   u"|GET|http://h/2||||||10"_s }
            << QStringList {};
        QTest::newRow("handler from file, no body")
            << u"GET http://h/\nAccept: */*\n> ./check.js\n"_s
            << QStringList { u"|GET|http://h/||Accept: */*||file:./check.js||1"_s } << QStringList {};
        QTest::newRow("directives and comments")
            << u"# a comment\n// another\n# @no-redirect\n# @insecure\n# @no-cookie-jar\n# @timeout 500 ms\nGET http://h/\n# comment among headers\nX: 1\n"_s
            << QStringList { u"|GET|http://h/||X: 1|||no-redirect,insecure,no-cookie-jar,timeout=500|7"_s }
            << QStringList {};
        QTest::newRow("timeout in seconds by default")
            << u"# @timeout 3\nGET http://h/\n"_s << QStringList { u"|GET|http://h/|||||timeout=3000|2"_s }
            << QStringList {};
        QTest::newRow("the three time limits")
            << u"# @timeout 10\n# @connection-timeout 500 ms\n# @max-time 2 m\nGET http://h/\n"_s
            << QStringList { u"|GET|http://h/|||||timeout=10000,connection-timeout=500,max-time=120000|4"_s }
            << QStringList {};
        QTest::newRow("time limits with '='")
            << u"# @max-time = 300 ms\nGET http://h/\n"_s
            << QStringList { u"|GET|http://h/|||||max-time=300|2"_s } << QStringList {};
        QTest::newRow("multi-line query")
            << u"GET http://h/search\n    ?q=books\n    &page=2\nAccept: */*\n"_s
            << QStringList { u"|GET|http://h/search?q=books&page=2||Accept: */*||||1"_s } << QStringList {};
        QTest::newRow("URL with spaces in a dynamic variable")
            << u"GET http://h/{{$randomInt 1 10}} HTTP/2\n"_s
            << QStringList { u"|GET|http://h/{{$randomInt 1 10}}|HTTP/2|||||1"_s } << QStringList {};
        QTest::newRow("CRLF line endings and a BOM")
            << u"\uFEFFPOST http://h/\r\nA: b\r\n\r\nline1\r\nline2\r\n"_s
            << QStringList { u"|POST|http://h/||A: b|text@4:line1\\nline2|||1"_s } << QStringList {};
        QTest::newRow("comment-like lines in a body are body")
            << u"POST http://h/\n\n# not a comment\n// nor this\n"_s
            << QStringList { u"|POST|http://h/|||text@3:# not a comment\\n// nor this|||1"_s }
            << QStringList {};
        QTest::newRow("empty file") << QString() << QStringList {} << QStringList {};
    }

    void parsesValidFiles()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, variables);
        const HttpFile file = HttpFileParser::parse(text, u"test.http"_s);
        QStringList errors;
        for (const HttpFileError &e : file.errors)
            errors.append(e.toString());
        QVERIFY2(file.ok(), qPrintable(errors.join(u'\n')));
        QCOMPARE(summarize(file), expected);
        QStringList vars;
        for (const HttpFileVariable &v : file.variables)
            vars.append(u"%1=%2@%3"_s.arg(v.name, v.value).arg(v.line));
        QCOMPARE(vars, variables);
    }

    void reportsErrorsWithLines_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("fragment");

        QTest::newRow("header without colon")
            << u"GET http://h/\nAccept application/json\n"_s << 2 << u"is not a header"_s;
        QTest::newRow("header with bad name")
            << u"GET http://h/\n\n###\nGET http://h/2\nBad Name: x\n"_s << 5 << u"is not a header"_s;
        QTest::newRow("method without URL") << u"\n\nPOST\n"_s << 3 << u"has no URL"_s;
        QTest::newRow("not a request line")
            << u"Content-Type: text/plain\n"_s << 1 << u"Expected a request line"_s;
        QTest::newRow("bad file variable") << u"@ = 1\nGET http://h/\n"_s << 1 << u"@name = value"_s;
        QTest::newRow("unterminated handler")
            << u"GET http://h/\n\n> {%\nclient.log(1);\n\n###\n"_s << 3 << u"no closing '%}'"_s;
        QTest::newRow("text after handler")
            << u"GET http://h/\n\n> {% x %}\nGET http://h/2\n"_s << 4 << u"after the response handler"_s;
        QTest::newRow("unclosed braces in URL")
            << u"###\n\nGET http://{{host/x\n"_s << 3 << u"without a closing"_s;
        QTest::newRow("unclosed braces in header")
            << u"GET http://h/\nAuthorization: Bearer {{token\n"_s << 2 << u"header 'Authorization'"_s;
        QTest::newRow("duplicate names")
            << u"# @name a\nGET http://h/\n\n###\n# @name a\nGET http://h/2\n"_s << 6 << u"already exists"_s;
        QTest::newRow("bad timeout") << u"# @timeout soon\nGET http://h/\n"_s << 1
                                     << u"'@timeout' needs a duration"_s;
        QTest::newRow("bad max-time")
            << u"###\n# @max-time 5 hours\nGET http://h/\n"_s << 2
            << u"'@max-time' needs a duration such as '10', '10 s', '500 ms' or '2 m'; "
               "got '5 hours'"_s;
        QTest::newRow("bad connection-timeout") << u"# @connection-timeout -1\nGET http://h/\n"_s << 1
                                                << u"'@connection-timeout' needs a duration"_s;
        QTest::newRow("name without value")
            << u"# @name\nGET http://h/\n"_s << 1 << u"'@name' needs one word"_s;
        QTest::newRow("empty file reference") << u"POST http://h/\n\n<  \n"_s << 3 << u"needs the path"_s;
        QTest::newRow("empty handler") << u"GET http://h/\n\n>\n"_s << 3 << u"needs a handler script"_s;
        QTest::newRow("pre-request script")
            << u"< {% request.variables.set('a', 1) %}\nGET http://h/\n"_s << 1 << u"Pre-request scripts"_s;
    }

    void reportsErrorsWithLines()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, fragment);
        const HttpFile file = HttpFileParser::parse(text, u"bad.http"_s);
        QVERIFY(!file.ok());
        const HttpFileError &e = file.errors.first();
        QVERIFY2(e.message.contains(fragment), qPrintable(e.toString()));
        QCOMPARE(e.line, line);
        QCOMPARE(e.file, u"bad.http"_s);
        QVERIFY(e.toString().startsWith(u"bad.http:%1: "_s.arg(line)));
    }

    void resolvesVariables()
    {
        const HttpFile file = HttpFileParser::parse(
            u"@host = {{baseHost}}:{{port}}\n@path = /v1\n# @name login\nPOST http://{{host}}{{path}}/login\n"
            "Authorization: Bearer {{token}}\nContent-Type: application/json\n\n{\"u\": \"{{user}}\", \"id\": \"{{$uuid}}\"}\n"_s,
            u"/tmp/x/api.http"_s);
        QVERIFY(file.ok());
        HttpEnvironment env;
        env.name = u"dev"_s;
        env.variables = { { u"baseHost"_s, u"localhost"_s }, { u"port"_s, u"8080"_s },
            { u"token"_s, u"s3cr3t"_s }, { u"user"_s, u"ann"_s } };
        env.secretNames = { u"token"_s };
        HttpVariables vars;
        vars.setFileVariables(file.variables);
        vars.setEnvironment(env);
        QList<HttpFileError> errors;
        const HttpRequest r
            = vars.resolveRequest(file.requests.first(), file.baseDirectory(), file.path, &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(r.method, u"POST"_s);
        QCOMPARE(r.url, u"http://localhost:8080/v1/login"_s);
        QCOMPARE(headerValue(r.headers, u"authorization"), u"Bearer s3cr3t"_s);
        const QByteArray prefix = "{\"u\": \"ann\", \"id\": \"";
        QVERIFY(r.body.startsWith(prefix));
        QCOMPARE(r.body.size(), prefix.size() + 36 + 2);
        QCOMPARE(r.name, u"login"_s);
        QCOMPARE(r.line, 3 + 1);
        // No time limits in the file: the defaults.
        QCOMPARE(r.timeoutMs, HttpRequest().timeoutMs);
        QCOMPARE(r.maxTimeMs, HttpRequest::kDefaultMaxTimeMs);
        QCOMPARE(r.connectTimeoutMs, 0);
        const SecretMasker masker = vars.masker();
        QCOMPARE(masker.mask(headerValue(r.headers, u"Authorization")), u"Bearer \u2022\u2022\u2022\u2022"_s);
        QCOMPARE(masker.toVariableReferences(u"Bearer s3cr3t"_s), u"Bearer {{token}}"_s);
    }

    void timeLimitsReachTheRequest()
    {
        // As in the JetBrains HTTP Client, @timeout is the read (idle) timeout and @connection-timeout
        // the connect timeout; @max-time, StudyBench's own, is the total deadline.
        const HttpFile file = HttpFileParser::parse(
            u"# @timeout 10\n# @connection-timeout 500 ms\n# @max-time 2 m\nGET http://h/\n"_s, u"t.http"_s);
        QVERIFY(file.ok());
        QList<HttpFileError> errors;
        const HttpRequest r
            = HttpVariables().resolveRequest(file.requests.first(), file.baseDirectory(), file.path, &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(r.timeoutMs, 10000);
        QCOMPARE(r.connectTimeoutMs, 500);
        QCOMPARE(r.maxTimeMs, 120000);
    }

    void dynamicAndErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("error");
        QTest::newRow("uuid") << u"{{$uuid}}"_s << u"^[0-9a-f-]{36}$"_s << QString();
        QTest::newRow("random.uuid") << u"{{$random.uuid}}"_s << u"^[0-9a-f-]{36}$"_s << QString();
        QTest::newRow("timestamp") << u"{{$timestamp}}"_s << u"^1[0-9]{9}$"_s << QString();
        QTest::newRow("timestamp offset") << u"{{$timestamp -1 d}}"_s << u"^1[0-9]{9}$"_s << QString();
        QTest::newRow("iso") << u"{{$isoTimestamp}}"_s << u"^20[0-9]{2}-[0-9]{2}-[0-9]{2}T"_s << QString();
        QTest::newRow("randomInt") << u"n={{$randomInt 5 6}}"_s << u"^n=5$"_s << QString();
        QTest::newRow("processEnv") << u"{{$processEnv STUDYBENCH_TEST_VALUE}}"_s << u"^from-env$"_s
                                    << QString();
        QTest::newRow("unknown variable")
            << u"a{{nope}}b"_s << u"^a\\{\\{nope\\}\\}b$"_s << u"Unknown variable 'nope'"_s;
        QTest::newRow("bad randomInt") << u"{{$randomInt 9 1}}"_s << u"^$"_s << u"MIN < MAX"_s;
        QTest::newRow("unknown system variable")
            << u"{{$nothing}}"_s << u"^$"_s << u"Unknown system variable"_s;
        QTest::newRow("self reference") << u"{{loop}}"_s << u""_s << u"refers to itself"_s;
        QTest::newRow("response not received")
            << u"{{login.response.body.$.token}}"_s << u""_s << u"has not been received"_s;
    }

    void dynamicAndErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, pattern);
        QFETCH(QString, error);
        qputenv("STUDYBENCH_TEST_VALUE", "from-env");
        HttpVariables vars;
        vars.setFileVariables({ { u"loop"_s, u"x{{loop}}"_s, 1 } });
        QStringList errors;
        const QString value = vars.resolve(text, &errors);
        if (error.isEmpty()) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            QVERIFY2(QRegularExpression(pattern).match(value).hasMatch(), qPrintable(value));
        } else {
            QVERIFY(!errors.isEmpty());
            QVERIFY2(errors.first().contains(error), qPrintable(errors.first()));
            if (!pattern.isEmpty())
                QVERIFY2(QRegularExpression(pattern).match(value).hasMatch(), qPrintable(value));
        }
    }

    void lookupOrder()
    {
        HttpEnvironment env;
        env.name = u"dev"_s;
        env.variables = { { u"a"_s, u"env-a"_s }, { u"b"_s, u"env-b"_s }, { u"c"_s, u"env-c"_s } };
        HttpVariables vars;
        vars.setEnvironment(env);
        vars.setFileVariables({ { u"a"_s, u"file-a"_s, 1 } });
        vars.globals().insert(u"a"_s, u"global-a"_s);
        vars.globals().insert(u"b"_s, u"global-b"_s);
        QStringList errors;
        // File variables first, then client.global (set by handler scripts), then the environment.
        QCOMPARE(vars.resolve(u"{{a}} {{b}} {{c}} {{%c}}"_s, &errors), u"file-a global-b env-c env-c"_s);
        QVERIFY(errors.isEmpty());
    }

    void responseReferences_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nested") << u"{{login.response.body.$.user.token}}"_s << u"tok-1"_s;
        QTest::newRow("array index") << u"{{login.response.body.$.items[1].id}}"_s << u"7"_s;
        QTest::newRow("negative index") << u"{{login.response.body.$.items[-1].id}}"_s << u"7"_s;
        QTest::newRow("quoted key") << u"{{login.response.body.$['odd key']}}"_s << u"yes"_s;
        QTest::newRow("object as JSON") << u"{{login.response.body.$.user}}"_s << u"{\"token\":\"tok-1\"}"_s;
        QTest::newRow("bool") << u"{{login.response.body.$.ok}}"_s << u"true"_s;
        QTest::newRow("whole body")
            << u"{{login.response.body.*}}"_s
            << u"{\"user\":{\"token\":\"tok-1\"},\"items\":[{\"id\":6},{\"id\":7}],\"odd key\":\"yes\",\"ok\":true}"_s;
        QTest::newRow("header") << u"{{login.response.headers.Location}}"_s << u"/next"_s;
        QTest::newRow("header case-insensitive") << u"{{login.response.headers.location}}"_s << u"/next"_s;
    }

    void responseReferences()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        auto file = std::make_shared<QTemporaryFile>();
        QVERIFY(file->open());
        file->write("{\"user\":{\"token\":\"tok-1\"},\"items\":[{\"id\":6},{\"id\":7}],\"odd "
                    "key\":\"yes\",\"ok\":true}");
        file->flush();
        HttpResponse response;
        response.status = 200;
        response.headers = { { u"Content-Type"_s, u"application/json"_s }, { u"Location"_s, u"/next"_s } };
        response.bodyFile = file;
        HttpVariables vars;
        vars.setResponse(u"login"_s, response);
        QStringList errors;
        QCOMPARE(vars.resolve(expression, &errors), expected);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    void badReferences_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing member") << u"{{login.response.body.$.nope}}"_s << u"no member 'nope'"_s;
        QTest::newRow("index out of range") << u"{{login.response.body.$.items[5]}}"_s << u"out of range"_s;
        QTest::newRow("missing header") << u"{{login.response.headers.X-None}}"_s << u"no header 'X-None'"_s;
        QTest::newRow("xpath") << u"{{login.response.body.//user}}"_s << u"only JSONPath"_s;
    }

    void badReferences()
    {
        QFETCH(QString, expression);
        QFETCH(QString, error);
        auto file = std::make_shared<QTemporaryFile>();
        QVERIFY(file->open());
        file->write("{\"items\":[1]}");
        file->flush();
        HttpResponse response;
        response.bodyFile = file;
        HttpVariables vars;
        vars.setResponse(u"login"_s, response);
        QStringList errors;
        vars.resolve(expression, &errors);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(error), qPrintable(errors.first()));
    }

    void bodyKindsResolve()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile raw(dir.filePath(u"raw.bin"_s));
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write(QByteArray("\x00\x01{{x}}", 7));
        raw.close();
        QFile tpl(dir.filePath(u"tpl.txt"_s));
        QVERIFY(tpl.open(QIODevice::WriteOnly));
        tpl.write("value={{x}}");
        tpl.close();
        const HttpFile file = HttpFileParser::parse(
            u"POST http://h/raw\n\n< ./raw.bin\n\n###\nPOST http://h/form\nContent-Type: "
            u"application/x-www-form-urlencoded\n\n"
            "a={{x}}\n&b=2\n\n###\nPOST http://h/m\nContent-Type: multipart/form-data; boundary=B\n\n--B\n"
            "Content-Disposition: form-data; name=\"f\"\n\n<@ ./tpl.txt\n--B--\n\n###\nPOST http://h/missing\n\n< ./nope.bin\n"_s,
            dir.filePath(u"t.http"_s));
        QVERIFY(file.ok());
        HttpVariables vars;
        vars.setFileVariables({ { u"x"_s, u"X"_s, 1 } });
        QList<HttpFileError> errors;
        QCOMPARE(vars.resolveRequest(file.requests.at(0), file.baseDirectory(), file.path, &errors).body,
            QByteArray("\x00\x01{{x}}", 7));
        QCOMPARE(vars.resolveRequest(file.requests.at(1), file.baseDirectory(), file.path, &errors).body,
            QByteArray("a=X&b=2"));
        QCOMPARE(vars.resolveRequest(file.requests.at(2), file.baseDirectory(), file.path, &errors).body,
            QByteArray("--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue=X\r\n--B--"));
        QVERIFY(errors.isEmpty());
        vars.resolveRequest(file.requests.at(3), file.baseDirectory(), file.path, &errors);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().line, 25);
        QCOMPARE(errors.first().file, file.path);
        QVERIFY2(errors.first().message.startsWith(u"Cannot read the body file"_s),
            qPrintable(errors.first().toString()));
    }

    void environments()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&dir](const QString &name, const QByteArray &bytes) {
            QSaveFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
            QVERIFY(f.commit());
        };
        write(HttpEnvironmentFiles::publicFileName(),
            "{\"$shared\": {\"version\": \"v1\"}, \"dev\": {\"host\": \"localhost\", \"port\": 8080, "
            "\"token\": \"placeholder\"}, \"prod\": {\"host\": \"api.example.com\"}}");
        write(HttpEnvironmentFiles::privateFileName(),
            "{\"dev\": {\"token\": \"real-secret\"}, \"staging\": {\"key\": \"k\"}}");
        HttpEnvironmentFiles files;
        QVERIFY2(files.load(dir.path()), qPrintable(files.errorString()));
        QCOMPARE(files.environmentNames(), (QStringList { u"dev"_s, u"prod"_s, u"staging"_s }));
        const auto dev = files.environment(u"dev"_s);
        QVERIFY(dev);
        QCOMPARE(dev->variables.value(u"host"_s), u"localhost"_s);
        QCOMPARE(dev->variables.value(u"port"_s), u"8080"_s);
        QCOMPARE(dev->variables.value(u"version"_s), u"v1"_s);
        QCOMPARE(dev->variables.value(u"token"_s), u"real-secret"_s);
        QVERIFY(dev->isSecret(u"token"_s));
        QVERIFY(!dev->isSecret(u"host"_s));
        QCOMPARE(dev->masker().mask(u"Bearer real-secret, again real-secret"_s),
            u"Bearer \u2022\u2022\u2022\u2022, again \u2022\u2022\u2022\u2022"_s);
        QString error;
        QVERIFY(!files.environment(u"qa"_s, &error));
        QVERIFY2(error.contains(u"dev, prod, staging"_s), qPrintable(error));

        write(HttpEnvironmentFiles::privateFileName(), "{\n  \"dev\": {\n    \"token\": \n  }\n}");
        QVERIFY(!files.load(dir.path()));
        QVERIFY2(files.errorString().contains(u"private.env.json:4:"_s), qPrintable(files.errorString()));
    }

    void maskerHandlesEncodedForms()
    {
        SecretMasker masker;
        masker.addSecret(u"k"_s, u"a b&c"_s);
        QCOMPARE(masker.mask(u"q=a%20b%26c"_s), u"q=\u2022\u2022\u2022\u2022"_s);
        QCOMPARE(masker.mask(QByteArray("x=a b&c")),
            QByteArray("x=\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"));
        QCOMPARE(masker.names(), QStringList { u"k"_s });
    }

    // Found by the fuzzer: variables that double at each level made resolving take minutes.
    void runawayVariablesStopQuickly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QString doubling;
        for (int i = 0; i < 15; ++i)
            doubling += u"@v%1 = {{v%2}}{{v%2}}\n"_s.arg(i).arg(i + 1);
        doubling += u"@v15 = "_s + QString(2000, u'x') + u"\n\nGET http://h/{{v0}}\n"_s;
        QTest::newRow("doubling chain") << doubling << u"expands to more than"_s;
        QString deep;
        for (int i = 0; i < 40; ++i)
            deep += u"@d%1 = {{d%2}}\n"_s.arg(i).arg(i + 1);
        deep += u"@d40 = end\n\nGET http://h/{{d0}}\n"_s;
        QTest::newRow("deep chain") << deep << u"levels deep"_s;
        QTest::newRow("self, twice") << u"@host = {{host}}{{host}}\n\nGET http://{{host}}/\n"_s
                                     << u"refers to itself"_s;
        QTest::newRow("cycle") << u"@a = {{b}}\n@b = {{a}}\n\nGET http://h/{{a}}\n"_s
                               << u"refers to itself"_s;
    }

    void runawayVariablesStopQuickly()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        const HttpFile parsed = HttpFileParser::parse(file, u"/tmp/runaway.http"_s);
        QCOMPARE(parsed.requests.size(), 1);
        HttpVariables variables;
        variables.setFileVariables(parsed.variables);
        QList<HttpFileError> errors;
        QElapsedTimer timer;
        timer.start();
        variables.resolveRequest(parsed.requests.first(), u"/tmp"_s, parsed.path, &errors);
        QVERIFY2(timer.elapsed() < 5000, "resolving took too long"); // minutes before the fix
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.first().message.contains(error), qPrintable(errors.first().message));
    }
};

QTEST_GUILESS_MAIN(TestHttpFile)
#include "TestHttpFile.moc"
