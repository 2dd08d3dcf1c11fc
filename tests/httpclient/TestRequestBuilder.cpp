// RequestBuilder: the one place that writes form, multipart and file bodies and Authorization
// headers (the request editor, the cURL importer, the CLI and the engine all use it), plus the
// shared pieces around it: JSON values as variable text, charset decoding, handler selection.
#include "httpclient/curlcommand.h"
#include "httpclient/httpenvironment.h"
#include "httpclient/requestbuilder.h"
#include "httpclient/responsescript.h"
#include "util/jsontext.h"
#include "util/textdecoding.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// The boundary of the request's multipart Content-Type.
QByteArray boundaryOf(const HttpRequest &request)
{
    return ContentType::parse(headerValue(request.headers, u"Content-Type")).boundary.toLatin1();
}

} // namespace

class TestRequestBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void multipartNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("plain") << u"title"_s << QByteArray("title");
        QTest::newRow("quote") << u"a\"b"_s << QByteArray("a%22b");
        QTest::newRow("CRLF") << u"a\r\nContent-Type: evil"_s << QByteArray("a%0D%0AContent-Type: evil");
        QTest::newRow("lone LF") << u"x\ny"_s << QByteArray("x%0Ay");
        QTest::newRow("UTF-8") << u"prénom 名前"_s << u"prénom 名前"_s.toUtf8();
        QTest::newRow("percent kept") << u"100%"_s << QByteArray("100%");
    }
    void multipartNames()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, written);
        HttpRequest request;
        request.method = u"POST"_s;
        RequestDescription d;
        d.body = RequestDescription::Body::Multipart;
        d.fields = { { name, u"v\"1"_s, false } };
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        const QByteArray b = boundaryOf(request);
        QVERIFY(b.startsWith("----StudyBench"));
        QCOMPARE(request.body,
            "--" + b + "\r\nContent-Disposition: form-data; name=\"" + written + "\"\r\n\r\nv\"1\r\n--" + b
                + "--\r\n");
        QVERIFY(!request.body.mid(2 + b.size() + 2).contains("\r\nContent-Type: evil"));
    }

    void multipartFileNames_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("written");
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("ASCII") << u"notes.txt"_s << QByteArray("notes.txt") << QByteArray("text/plain");
        QTest::newRow("accents") << u"résumé.txt"_s << u"résumé.txt"_s.toUtf8() << QByteArray("text/plain");
        QTest::newRow("emoji") << u"🎯 goal.json"_s << u"🎯 goal.json"_s.toUtf8()
                               << QByteArray("application/json");
        QTest::newRow("quote") << u"say \"hi\".txt"_s << QByteArray("say %22hi%22.txt")
                               << QByteArray("text/plain");
    }
    void multipartFileNames()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, written);
        QFETCH(QByteArray, type);
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(fileName), "contents\r\n--not-a-boundary"));
        HttpRequest request;
        RequestDescription d;
        d.body = RequestDescription::Body::Multipart;
        d.baseDirectory = dir.path();
        d.fields = { { u"a"_s, u"1"_s, false }, { u"doc"_s, fileName, true } };
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        const QByteArray b = boundaryOf(request);
        QCOMPARE(request.body,
            "--" + b + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"" + written
                + "\"\r\nContent-Type: " + type + "\r\n\r\ncontents\r\n--not-a-boundary\r\n--" + b
                + "--\r\n");
    }

    void multipartReplacesContentType()
    {
        HttpRequest request;
        request.headers = { { u"content-type"_s, u"text/plain"_s } };
        RequestDescription d;
        d.body = RequestDescription::Body::Multipart;
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        QCOMPARE(headerValues(request.headers, u"Content-Type").size(), 1);
        QVERIFY(
            headerValue(request.headers, u"Content-Type").startsWith(u"multipart/form-data; boundary="_s));
        QCOMPARE(request.body, "--" + boundaryOf(request) + "--\r\n");
    }

    void missingFilesAreClearErrors_data()
    {
        QTest::addColumn<bool>("multipart");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("multipart file") << true << u"missing.png"_s << u"for field 'photo'"_s;
        QTest::newRow("body file") << false << u"missing.bin"_s << u"Cannot read the body file"_s;
        QTest::newRow("no body file") << false << QString() << u"Choose the file to send as the body."_s;
    }
    void missingFilesAreClearErrors()
    {
        QFETCH(bool, multipart);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        HttpRequest request;
        request.body = "kept";
        RequestDescription d;
        d.baseDirectory = dir.path();
        if (multipart) {
            d.body = RequestDescription::Body::Multipart;
            d.fields = { { u"photo"_s, path, true }, { u"title"_s, u"t"_s, false } };
        } else {
            d.body = RequestDescription::Body::File;
            d.bodyFile = path;
        }
        const QStringList errors = RequestBuilder::apply(request, d);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(expected), qPrintable(errors.first()));
        if (!path.isEmpty())
            QVERIFY2(
                errors.first().contains(QDir(dir.path()).absoluteFilePath(path)), qPrintable(errors.first()));
        if (multipart) { // the readable field is still sent, the missing one is left out whole
            QVERIFY(request.body.contains("name=\"title\"\r\n\r\nt\r\n"));
            QVERIFY(!request.body.contains("photo"));
        } else {
            QCOMPARE(request.body, QByteArray("kept"));
        }
    }

    void bodyFile()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"data.json"_s), "{\"a\":1}"));
        HttpRequest request;
        RequestDescription d;
        d.body = RequestDescription::Body::File;
        d.baseDirectory = dir.path();
        d.bodyFile = u"data.json"_s;
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        QCOMPARE(request.body, QByteArray("{\"a\":1}"));
        QCOMPARE(headerValue(request.headers, u"Content-Type"), u"application/json"_s);
    }

    void formUrlEncoded_data()
    {
        QTest::addColumn<QList<RequestField>>("fields");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QList<RequestField> {} << QByteArray();
        QTest::newRow("reserved") << QList<RequestField> { { u"a"_s, u"1 2"_s }, { u"c&"_s, u"="_s } }
                                  << QByteArray("a=1%202&c%26=%3D");
        QTest::newRow("UTF-8") << QList<RequestField> { { u"é"_s, u"€"_s } }
                               << QByteArray("%C3%A9=%E2%82%AC");
    }
    void formUrlEncoded()
    {
        QFETCH(QList<RequestField>, fields);
        QFETCH(QByteArray, body);
        HttpRequest request;
        RequestDescription d;
        d.body = RequestDescription::Body::Form;
        d.fields = fields;
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        QCOMPARE(request.body, body);
        QCOMPARE(headerValue(request.headers, u"Content-Type"), u"application/x-www-form-urlencoded"_s);
    }

    void basicAuth_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QByteArray>("credentials");
        QTest::newRow("plain") << u"ann"_s << u"pw"_s << QByteArray("ann:pw");
        QTest::newRow("colon in password") << u"ann"_s << u"a:b:c"_s << QByteArray("ann:a:b:c");
        QTest::newRow("empty password") << u"ann"_s << QString() << QByteArray("ann:");
        QTest::newRow("UTF-8") << u"zoë"_s << u"pässwörd🔑"_s << u"zoë:pässwörd🔑"_s.toUtf8();
    }
    void basicAuth()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QByteArray, credentials);
        const QString expected = u"Basic "_s + QString::fromLatin1(credentials.toBase64());
        QCOMPARE(RequestBuilder::basicAuthorization(user, password), expected);

        HttpRequest request;
        request.headers = { { u"authorization"_s, u"Bearer old"_s } };
        RequestDescription d;
        d.auth = RequestDescription::Auth::Basic;
        d.user = user;
        d.password = password;
        QVERIFY(RequestBuilder::apply(request, d).isEmpty());
        QCOMPARE(request.headers, HttpHeaders({ { u"Authorization"_s, expected } }));

        // cURL's -u splits at the first ':' and builds the same header.
        const CurlImportResult curl = CurlCommand::parse(
            u"curl -u '"_s + QString::fromUtf8(credentials) + u"' http://127.0.0.1/"_s, QDir::tempPath());
        QVERIFY2(curl.error.isEmpty(), qPrintable(curl.error));
        QCOMPARE(headerValue(curl.request.headers, u"Authorization"), expected);
    }

    void bearerAndApiKey_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<bool>("inQuery");
        QTest::addColumn<QString>("url");
        QTest::addColumn<HttpHeaders>("headers");
        QTest::addColumn<QString>("error");
        const QString url = u"http://h/p?x=1#top"_s;
        QTest::newRow("bearer") << int(RequestDescription::Auth::Bearer) << false << url
                                << HttpHeaders { { u"Authorization"_s, u"Bearer t0k"_s } } << QString();
        QTest::newRow("key header") << int(RequestDescription::Auth::ApiKey) << false << url
                                    << HttpHeaders { { u"X-Key"_s, u"k 1"_s } } << QString();
        QTest::newRow("key query") << int(RequestDescription::Auth::ApiKey) << true
                                   << u"http://h/p?x=1&X-Key=k%201#top"_s << HttpHeaders {} << QString();
        QTest::newRow("key without name") << int(RequestDescription::Auth::None) << false << url
                                          << HttpHeaders {} << u"The API key needs a name."_s;
    }
    void bearerAndApiKey()
    {
        QFETCH(int, auth);
        QFETCH(bool, inQuery);
        QFETCH(QString, url);
        QFETCH(HttpHeaders, headers);
        QFETCH(QString, error);
        HttpRequest request;
        request.url = u"http://h/p?x=1#top"_s;
        RequestDescription d;
        d.auth = error.isEmpty() ? RequestDescription::Auth(auth) : RequestDescription::Auth::ApiKey;
        d.token = u" t0k "_s;
        d.apiKeyName = error.isEmpty() ? u"X-Key"_s : u"  "_s;
        d.apiKeyValue = u"k 1"_s;
        d.apiKeyInQuery = inQuery;
        const QStringList errors = RequestBuilder::apply(request, d);
        QCOMPARE(errors, error.isEmpty() ? QStringList() : QStringList { error });
        QCOMPARE(request.url, url);
        QCOMPARE(request.headers, headers);
    }

    void curlFormNamesAreEscaped()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"a.txt"_s), "A"));
        const CurlImportResult r = CurlCommand::parse(
            u"curl -F 'na\"me=v' -F 'f=@a.txt;filename=x\"y.txt' http://127.0.0.1/up"_s, dir.path());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        const QByteArray b = boundaryOf(r.request);
        QCOMPARE(r.request.body,
            "--" + b + "\r\nContent-Disposition: form-data; name=\"na%22me\"\r\n\r\nv\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x%22y.txt\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\nA\r\n--"
                + b + "--\r\n");
    }

    void jsonValueText_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << u"null"_s;
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << QString();
        QTest::newRow("true") << QJsonValue(true) << u"true"_s;
        QTest::newRow("false") << QJsonValue(false) << u"false"_s;
        QTest::newRow("integer") << QJsonValue(42) << u"42"_s;
        QTest::newRow("integral double") << QJsonValue(3.0) << u"3"_s;
        QTest::newRow("negative") << QJsonValue(-7) << u"-7"_s;
        QTest::newRow("fraction") << QJsonValue(0.1) << u"0.10000000000000001"_s;
        QTest::newRow("string") << QJsonValue(u"a \"b\""_s) << u"a \"b\""_s;
        QTest::newRow("empty string") << QJsonValue(QString()) << QString();
        QTest::newRow("array") << QJsonValue(QJsonArray { 1, u"x"_s, QJsonValue::Null })
                               << u"[1,\"x\",null]"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject { { u"k"_s, true } }) << u"{\"k\":true}"_s;
    }
    void jsonValueText()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, text);
        QCOMPARE(StudyBench::jsonValueText(value), text);
    }

    void environmentValuesUseTheSameRule()
    {
        // The environment file's values become text exactly as jsonValueText() writes them.
        HttpEnvironmentFiles files;
        QVERIFY(files.loadData(R"({"dev": {"n": null, "i": 3, "b": false, "o": {"a": [1]}}})", {}));
        const std::optional<HttpEnvironment> env = files.environment(u"dev"_s);
        QVERIFY(env.has_value());
        QCOMPARE(env->variables.value(u"n"_s), u"null"_s);
        QCOMPARE(env->variables.value(u"i"_s), u"3"_s);
        QCOMPARE(env->variables.value(u"b"_s), u"false"_s);
        QCOMPARE(env->variables.value(u"o"_s), u"{\"a\":[1]}"_s);
    }

    void decodeCharset_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("charset");
        QTest::addColumn<QString>("text");
        QTest::newRow("no charset is UTF-8") << u"é"_s.toUtf8() << QString() << u"é"_s;
        QTest::newRow("latin1") << QByteArray("caf\xe9") << u"iso-8859-1"_s << u"café"_s;
        QTest::newRow("utf-16le") << QByteArray("h\0i\0", 4) << u"utf-16le"_s << u"hi"_s;
        QTest::newRow("unknown is UTF-8") << u"ü"_s.toUtf8() << u"x-no-such-charset"_s << u"ü"_s;
        QTest::newRow("bad UTF-8") << QByteArray("a\xff") << u"utf-8"_s << u"a\uFFFD"_s;
    }
    void decodeCharset()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, charset);
        QFETCH(QString, text);
        QCOMPARE(StudyBench::decodeCharset(bytes, charset), text);
    }

    void handlerSelection_data()
    {
        QTest::addColumn<QString>("inlineScript");
        QTest::addColumn<QString>("scriptFile");
        QTest::addColumn<QString>("expectedLog");
        QTest::newRow("none") << QString() << QString() << QString();
        QTest::newRow("inline") << u"client.log('inline');"_s << QString() << u"inline"_s;
        QTest::newRow("file, relative to the .http file") << QString() << u"scripts/h.js"_s << u"file"_s;
        QTest::newRow("inline wins") << u"client.log('inline');"_s << u"scripts/h.js"_s << u"inline"_s;
    }
    void handlerSelection()
    {
        QFETCH(QString, inlineScript);
        QFETCH(QString, scriptFile);
        QFETCH(QString, expectedLog);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"scripts"_s));
        QVERIFY(writeFile(dir.filePath(u"scripts/h.js"_s), "client.log('file');"));
        HttpRequestTemplate request;
        request.handlerScript = inlineScript;
        request.handlerScriptFile = scriptFile;
        request.handlerLine = 7;
        const QString httpFile = dir.filePath(u"api.http"_s);
        const ResponseHandler handler = ResponseHandler::of(request, dir.path(), httpFile);
        QCOMPARE(handler.isEmpty(), expectedLog.isEmpty());
        if (handler.isEmpty())
            return;
        QCOMPARE(handler.line, 7);
        QCOMPARE(handler.sourceFile, httpFile);
        if (inlineScript.isEmpty())
            QCOMPARE(handler.scriptFile, dir.filePath(u"scripts/h.js"_s));
        HttpResponse response;
        response.status = 200;
        QVariantMap globals;
        const ScriptResult result = handler.run(response, &globals);
        QVERIFY2(result.ok(), qPrintable(result.errorText()));
        QCOMPARE(result.log, QStringList { expectedLog });
    }
};

QTEST_GUILESS_MAIN(TestRequestBuilder)
#include "TestRequestBuilder.moc"
