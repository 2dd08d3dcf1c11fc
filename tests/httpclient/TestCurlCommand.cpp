#include "httpclient/curlcommand.h"
#include "httpclient/httpenvironment.h"

#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

static QString headerList(const HttpHeaders &headers)
{
    QStringList out;
    for (const HttpHeader &h : headers)
        out.append(h.name + u": "_s + h.value);
    return out.join(u'\n');
}

class TestCurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsBrowserCommands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("flags"); // compressed, insecure, follow

        QTest::newRow("chrome GET document")
            << u"curl 'https://developer.mozilla.org/en-US/docs/Web/HTTP' \\\n"
               "  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \\\n"
               "  -H 'accept-language: en-US,en;q=0.9' \\\n"
               "  -H 'cache-control: no-cache' \\\n"
               "  -H 'sec-ch-ua: \"Chromium\";v=\"128\", \"Not;A=Brand\";v=\"24\"' \\\n"
               "  -H 'sec-ch-ua-platform: \"Linux\"' \\\n"
               "  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36'"_s
            << u"GET"_s << u"https://developer.mozilla.org/en-US/docs/Web/HTTP"_s
            << u"accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\n"
               "accept-language: en-US,en;q=0.9\ncache-control: no-cache\n"
               "sec-ch-ua: \"Chromium\";v=\"128\", \"Not;A=Brand\";v=\"24\"\nsec-ch-ua-platform: \"Linux\"\n"
               "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36"_s
            << QByteArray() << QString();
        QTest::newRow("chrome POST JSON with $'' and cookies")
            << u"curl 'https://api.example.com/graphql' \\\n"
               "  -H 'accept: application/json' \\\n"
               "  -H 'content-type: application/json' \\\n"
               "  -b 'logged_in=yes; _octo=GH1.1.1' \\\n"
               "  -H 'origin: https://example.com' \\\n"
               "  --data-raw $'{\"query\":\"{ viewer { login } }\",\"note\":\"it\\'s\\\\n ok\"}'"_s
            << u"POST"_s << u"https://api.example.com/graphql"_s
            << u"Cookie: logged_in=yes; _octo=GH1.1.1\naccept: application/json\ncontent-type: "
               u"application/json\norigin: https://example.com"_s
            << QByteArray("{\"query\":\"{ viewer { login } }\",\"note\":\"it's\\n ok\"}") << QString();
        QTest::newRow("chrome multipart upload")
            << u"curl 'https://upload.example.com/files' \\\n"
               "  -H 'content-type: multipart/form-data; boundary=----WebKitFormBoundaryx8Zq' \\\n"
               "  --data-raw $'------WebKitFormBoundaryx8Zq\\r\\nContent-Disposition: form-data; "
               "name=\"file\"; "
               "filename=\"a.txt\"\\r\\nContent-Type: text/plain\\r\\n\\r\\nhello\\r\\n------WebKitFormBoundaryx8Zq--\\r\\n'"_s
            << u"POST"_s << u"https://upload.example.com/files"_s
            << u"content-type: multipart/form-data; boundary=----WebKitFormBoundaryx8Zq"_s
            << QByteArray("------WebKitFormBoundaryx8Zq\r\nContent-Disposition: form-data; name=\"file\"; "
                          "filename=\"a.txt\"\r\nContent-Type: "
                          "text/plain\r\n\r\nhello\r\n------WebKitFormBoundaryx8Zq--\r\n")
            << QString();
        QTest::newRow("chrome PUT") << u"curl 'https://api.example.com/items/7' \\\n  -X 'PUT' \\\n  -H "
                                       u"'content-type: application/json' \\\n"
                                       "  --data-raw '{\"name\":\"seven\"}'"_s
                                    << u"PUT"_s << u"https://api.example.com/items/7"_s
                                    << u"content-type: application/json"_s
                                    << QByteArray("{\"name\":\"seven\"}") << QString();
        QTest::newRow("chrome DELETE without body")
            << u"curl 'https://api.example.com/items/7' \\\n  -X 'DELETE' \\\n  -H 'authorization: Bearer abc.def'"_s
            << u"DELETE"_s << u"https://api.example.com/items/7"_s << u"authorization: Bearer abc.def"_s
            << QByteArray() << QString();
        QTest::newRow("chrome form post") << u"curl 'https://login.example.com/session' \\\n"
                                             "  -H 'content-type: application/x-www-form-urlencoded' \\\n"
                                             "  --data-raw 'user=ann&password=p%40ss&remember=on'"_s
                                          << u"POST"_s << u"https://login.example.com/session"_s
                                          << u"content-type: application/x-www-form-urlencoded"_s
                                          << QByteArray("user=ann&password=p%40ss&remember=on") << QString();
        QTest::newRow("firefox GET compressed")
            << u"curl 'https://www.example.org/search?q=qt&lang=en' --compressed -H 'User-Agent: Mozilla/5.0 "
               u"(X11; "
               "Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' -H 'Accept: text/html' -H "
               "'Accept-Language: "
               "en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Connection: keep-alive' -H "
               "'Upgrade-Insecure-Requests: 1' -H 'Sec-Fetch-Dest: document'"_s
            << u"GET"_s << u"https://www.example.org/search?q=qt&lang=en"_s
            << u"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\n"
               "Accept: text/html\nAccept-Language: en-US,en;q=0.5\nAccept-Encoding: gzip, deflate, br, "
               "zstd\n"
               "Connection: keep-alive\nUpgrade-Insecure-Requests: 1\nSec-Fetch-Dest: document"_s
            << QByteArray() << u"compressed"_s;
        QTest::newRow("firefox POST JSON")
            << u"curl 'https://api.example.net/v1/events' -X POST -H 'Accept: */*' -H 'Content-Type: "
               u"application/json' "
               "-H 'Origin: https://example.net' -H 'Cookie: sid=42; theme=dark' --data-raw "
               "'{\"type\":\"click\",\"x\":10,\"label\":\"O\\u2019Brien\"}'"_s
            << u"POST"_s << u"https://api.example.net/v1/events"_s
            << u"Accept: */*\nContent-Type: application/json\nOrigin: https://example.net\nCookie: sid=42; theme=dark"_s
            << QByteArray("{\"type\":\"click\",\"x\":10,\"label\":\"O\\u2019Brien\"}") << QString();
        QTest::newRow("firefox PATCH with single quote in body")
            << u"curl 'https://api.example.net/notes/3' -X PATCH -H 'Content-Type: text/plain;charset=UTF-8' "
               "--data-raw 'it'\"'\"'s done'"_s
            << u"PATCH"_s << u"https://api.example.net/notes/3"_s
            << u"Content-Type: text/plain;charset=UTF-8"_s << QByteArray("it's done") << QString();
        QTest::newRow("firefox OPTIONS preflight")
            << u"curl 'https://api.example.net/v1/events' -X OPTIONS -H 'Access-Control-Request-Method: "
               u"POST' -H "
               "'Access-Control-Request-Headers: content-type' -H 'Origin: https://example.net'"_s
            << u"OPTIONS"_s << u"https://api.example.net/v1/events"_s
            << u"Access-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type\nOrigin: https://example.net"_s
            << QByteArray() << QString();
        QTest::newRow("hand-written: -u, -k, -L, -A, -e, --url")
            << u"curl -sSkL -u 'ann:pa ss' -A \"probe/1.0\" -e https://ref.example --url https://secure.example/admin"_s
            << u"GET"_s << u"https://secure.example/admin"_s
            << u"Authorization: Basic YW5uOnBhIHNz\nUser-Agent: probe/1.0\nReferer: https://ref.example"_s
            << QByteArray() << u"insecure,follow"_s;
        QTest::newRow("hand-written: -G with --data-urlencode")
            << u"curl -G https://search.example/q --data-urlencode 'q=a b&c' -d page=2"_s << u"GET"_s
            << u"https://search.example/q?q=a+b%26c&page=2"_s << QString() << QByteArray() << QString();
        QTest::newRow("hand-written: -d defaults to form POST")
            << u"curl example.com/api -d a=1 -d b=2"_s << u"POST"_s << u"http://example.com/api"_s
            << u"Content-Type: application/x-www-form-urlencoded"_s << QByteArray("a=1&b=2") << QString();
        QTest::newRow("hand-written: -I and -XPOST attached")
            << u"curl -I https://h.example/"_s << u"HEAD"_s << u"https://h.example/"_s << QString()
            << QByteArray() << QString();
        QTest::newRow("hand-written: ANSI-C bytes and double quotes")
            << u"curl -XPOST \"https://h.example/\\$x\" -H \"X-Q: \\\"q\\\"\" --data-binary $'\\x00\\xff\\u00e9\\t'"_s
            << u"POST"_s << u"https://h.example/$x"_s
            << u"X-Q: \"q\"\nContent-Type: application/x-www-form-urlencoded"_s
            << QByteArray("\x00\xff\xc3\xa9\t", 5) << QString();
        QTest::newRow("hand-written: removed header and empty header")
            << u"curl https://h.example/ -H 'Accept:' -H 'X-Empty;' --data-raw x -H 'Content-Type:'"_s
            << u"POST"_s << u"https://h.example/"_s << u"X-Empty: "_s << QByteArray("x") << QString();
    }

    void importsBrowserCommands()
    {
        QFETCH(QString, command);
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, headers);
        QFETCH(QByteArray, body);
        QFETCH(QString, flags);
        const CurlImportResult imported = CurlCommand::parse(command);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        const HttpRequest &r = imported.request;
        QCOMPARE(r.method, method);
        QCOMPARE(r.url, url);
        QCOMPARE(headerList(r.headers), headers);
        QCOMPARE(r.body, body);
        QCOMPARE(r.compressed, flags.contains(u"compressed"_s));
        QCOMPARE(!r.verifyTls, flags.contains(u"insecure"_s));
        QCOMPARE(r.followRedirects, flags.contains(u"follow"_s));

        // Round trip: exporting and importing again gives the same request, on one line or several.
        for (const bool multiline : { true, false }) {
            const QString exported = CurlCommand::toCurl(r, nullptr, multiline);
            const CurlImportResult again = CurlCommand::parse(exported);
            QVERIFY2(again.ok(), qPrintable(again.error + u"\n"_s + exported));
            QVERIFY2(again.request == r, qPrintable(exported));
            QCOMPARE(CurlCommand::toCurl(again.request, nullptr, multiline), exported);
        }
    }

    void multipartForm()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSaveFile f(dir.filePath(u"photo.png"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x89PNG\r\n", 6));
        QVERIFY(f.commit());
        const CurlImportResult imported = CurlCommand::parse(
            u"curl https://h.example/up -F 'title=Hi there' -F 'img=@photo.png;type=image/png'"_s,
            dir.path());
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        const HttpRequest &r = imported.request;
        QCOMPARE(r.method, u"POST"_s);
        const ContentType type = ContentType::parse(headerValue(r.headers, u"Content-Type"));
        QCOMPARE(type.mimeType, u"multipart/form-data"_s);
        QVERIFY(!type.boundary.isEmpty());
        const QByteArray b = type.boundary.toLatin1();
        QCOMPARE(r.body,
            "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHi there\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"img\"; filename=\"photo.png\"\r\nContent-Type: "
                  "image/png\r\n\r\n\x89PNG\r\n\r\n--"
                + b + "--\r\n");
        const CurlImportResult again = CurlCommand::parse(CurlCommand::toCurl(r));
        QVERIFY(again.ok());
        QVERIFY(again.request == r);
    }

    void exportsExactly()
    {
        HttpRequest r;
        r.method = u"POST"_s;
        r.url = u"https://api.example.com/login?key=k3y"_s;
        r.headers = { { u"Content-Type"_s, u"application/json"_s }, { u"Authorization"_s, u"Bearer k3y"_s } };
        r.body = "{\"user\":\"o'neil\"}";
        r.verifyTls = false;
        QCOMPARE(CurlCommand::toCurl(r),
            u"curl 'https://api.example.com/login?key=k3y' \\\n  -H 'Content-Type: application/json' \\\n"
            "  -H 'Authorization: Bearer k3y' \\\n  --data-raw $'{\"user\":\"o\\'neil\"}' \\\n  -k \\\n"
            "  -L \\\n  --max-redirs 10"_s);
        SecretMasker masker;
        masker.addSecret(u"key"_s, u"k3y"_s);
        const QString masked = CurlCommand::toCurl(r, &masker, false);
        QVERIFY2(!masked.contains(u"k3y"_s), qPrintable(masked));
        QCOMPARE(masked.count(u"\u2022\u2022\u2022\u2022"_s), 2);
    }

    void rejectsBadCommands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("error");
        QTest::newRow("not curl") << u"wget https://x"_s << u"starts with 'curl'"_s;
        QTest::newRow("unclosed single quote") << u"curl 'https://x"_s << u"single quote"_s;
        QTest::newRow("unclosed double quote") << u"curl \"https://x"_s << u"double quote"_s;
        QTest::newRow("unclosed ANSI-C") << u"curl $'https://x"_s << u"not closed"_s;
        QTest::newRow("no URL") << u"curl -H 'A: b'"_s << u"no URL"_s;
        QTest::newRow("missing argument") << u"curl https://x -H"_s << u"needs an argument"_s;
        QTest::newRow("user without password") << u"curl -u ann https://x"_s << u"no password"_s;
        QTest::newRow("bad header") << u"curl -H nonsense https://x"_s << u"not a header"_s;
        // Found by fuzzing: these imported, then exported to commands that did not import again.
        QTest::newRow("empty header name") << u"curl -H ' : v' https://x"_s << u"not a header"_s;
        QTest::newRow("space in header name") << u"curl -H 'a b: v' https://x"_s << u"not a header"_s;
        QTest::newRow("line break in header value")
            << u"curl -H $'A: b\\r\\nInjected: 1' https://x"_s << u"line break"_s;
        QTest::newRow("line break in referer") << u"curl -e $'a\\nb' https://x"_s << u"line break"_s;
        QTest::newRow("NUL in a header") << u"curl -A $'a\\x01b' https://x"_s << u"control character"_s;
        QTest::newRow("missing data file") << u"curl -d @/nonexistent/file https://x"_s << u"Cannot read"_s;
        QTest::newRow("--digest") << u"curl --digest -u a:b https://x"_s << u"'--digest' is not supported."_s;
        QTest::newRow("--ntlm") << u"curl --ntlm -u a:b https://x"_s << u"'--ntlm' is not supported."_s;
        QTest::newRow("-x is --proxy")
            << u"curl -sx http://proxy:3128 https://x"_s << u"'--proxy' is not supported."_s;
        QTest::newRow("--http1.0") << u"curl --http1.0 https://x"_s << u"'--http1.0' is not supported."_s;
        QTest::newRow("unknown long option")
            << u"curl --frobnicate https://x"_s << u"'--frobnicate' is not supported."_s;
        QTest::newRow("unknown short option")
            << u"curl -z yesterday https://x"_s << u"'-z' is not supported."_s;
        QTest::newRow("-T and -d") << u"curl -T /dev/null -d x https://x/"_s << u"either a file with -T"_s;
        QTest::newRow("-d and -I") << u"curl -I -d x https://x/"_s << u"with -I"_s;
        QTest::newRow("missing upload file") << u"curl -T /nonexistent/file https://x/"_s << u"Cannot read"_s;
        QTest::newRow("prompt without curl") << u"$ wget https://x"_s << u"starts with 'curl'"_s;
    }

    void rejectsBadCommands()
    {
        QFETCH(QString, command);
        QFETCH(QString, error);
        const CurlImportResult r = CurlCommand::parse(command);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
    }

    void httpVersionRoundTrips_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("version");
        QTest::newRow("--http1.1") << u"--http1.1"_s << u"HTTP/1.1"_s;
        QTest::newRow("--http2") << u"--http2"_s << u"HTTP/2"_s;
        QTest::newRow("none") << QString() << QString();
    }

    void httpVersionRoundTrips()
    {
        QFETCH(QString, flag);
        QFETCH(QString, version);
        const CurlImportResult r = CurlCommand::parse(u"curl %1 https://example.com/"_s.arg(flag));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.warnings.isEmpty());
        QCOMPARE(r.request.httpVersion, version);
        const QString exported = CurlCommand::toCurl(r.request);
        QVERIFY2(
            flag.isEmpty() ? !exported.contains(u"--http"_s) : exported.contains(flag), qPrintable(exported));
        QCOMPARE(CurlCommand::parse(exported).request.httpVersion, version);
    }

    void timeLimitsRoundTrip_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<int>("maxTimeMs");
        QTest::addColumn<int>("connectTimeoutMs");
        QTest::addColumn<int>("idleTimeoutMs");
        const int idle = HttpRequest().timeoutMs;
        const int total = HttpRequest::kDefaultMaxTimeMs;
        QTest::newRow("--max-time is the total deadline") << u"--max-time 5"_s << 5000 << 0 << idle;
        QTest::newRow("-m with a fraction") << u"-m 0.3"_s << 300 << 0 << idle;
        QTest::newRow("--connect-timeout is the connect phase")
            << u"--connect-timeout 2.5"_s << total << 2500 << idle;
        QTest::newRow("both") << u"--connect-timeout 1 --max-time 60"_s << 60000 << 1000 << idle;
        QTest::newRow("neither") << QString() << total << 0 << idle;
    }

    void timeLimitsRoundTrip()
    {
        QFETCH(QString, options);
        QFETCH(int, maxTimeMs);
        QFETCH(int, connectTimeoutMs);
        QFETCH(int, idleTimeoutMs);
        const CurlImportResult r = CurlCommand::parse(u"curl %1 https://example.com/"_s.arg(options));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
        QCOMPARE(r.request.maxTimeMs, maxTimeMs);
        QCOMPARE(r.request.connectTimeoutMs, connectTimeoutMs);
        QCOMPARE(r.request.timeoutMs, idleTimeoutMs);
        const CurlImportResult again = CurlCommand::parse(CurlCommand::toCurl(r.request));
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.request.maxTimeMs, maxTimeMs);
        QCOMPARE(again.request.connectTimeoutMs, connectTimeoutMs);
    }

    void badTimeLimits_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("negative") << u"--max-time -1"_s;
        QTest::newRow("not a number") << u"--connect-timeout soon"_s;
        QTest::newRow("beyond what an int of ms holds") << u"-m 99999999999"_s;
    }

    void badTimeLimits()
    {
        QFETCH(QString, option);
        const CurlImportResult r = CurlCommand::parse(u"curl %1 https://example.com/"_s.arg(option));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"needs a number of seconds"_s), qPrintable(r.error));
    }

    void warnsAboutWhatCurlWouldSkip()
    {
        // curl sends no cookies from a file it cannot read, and reads "-r 500" as "-r 500-".
        const CurlImportResult r
            = CurlCommand::parse(u"curl -s -o out.html -b no-cookies.txt -r 500 https://x/"_s);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.warnings.size(), 2);
        QVERIFY(r.warnings.at(0).contains(u"no-cookies.txt"_s));
        QVERIFY(r.warnings.at(1).contains(u"500-"_s));
        QCOMPARE(headerList(r.request.headers), u"Range: bytes=500-"_s);
    }

    // Each row's request is what curl 8.14 itself sent for the command (seen with a listener on
    // loopback: method, target, headers and body), less the headers every request has.
    void importsCurlForms_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("headers");
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("comment lines before")
            << u"# from the issue tracker\n# (works on 8.x)\ncurl https://h.example/a -H 'X-A: 1'"_s
            << u"GET"_s << u"https://h.example/a"_s << u"X-A: 1"_s << QByteArray();
        QTest::newRow("shell prompt") << u"$ curl https://h.example/a"_s << u"GET"_s
                                      << u"https://h.example/a"_s << QString() << QByteArray();
        QTest::newRow("comment, prompt and trailing comment")
            << u"# list them\n$ curl -s https://h.example/items \\\n  -H 'X-A: #1' # all of them"_s
            << u"GET"_s << u"https://h.example/items"_s << u"X-A: #1"_s << QByteArray();
        QTest::newRow("--json repeated concatenates")
            << u"curl https://h.example/j --json '{\"a\":1}' --json '{\"b\":2}'"_s << u"POST"_s
            << u"https://h.example/j"_s << u"Content-Type: application/json\nAccept: application/json"_s
            << QByteArray("{\"a\":1}{\"b\":2}");
        QTest::newRow("-d then --json")
            << u"curl https://h.example/j -d a --json b"_s << u"POST"_s << u"https://h.example/j"_s
            << u"Content-Type: application/json\nAccept: application/json"_s << QByteArray("ab");
        QTest::newRow("--json then -d")
            << u"curl https://h.example/j --json a -d b"_s << u"POST"_s << u"https://h.example/j"_s
            << u"Content-Type: application/json\nAccept: application/json"_s << QByteArray("a&b");
        QTest::newRow("--json @file, own Accept")
            << u"curl https://h.example/j --json @j.json -H 'Accept: text/plain'"_s << u"POST"_s
            << u"https://h.example/j"_s << u"Accept: text/plain\nContent-Type: application/json"_s
            << QByteArray("{\"k\":\n1}");
        QTest::newRow("--json, own Content-Type")
            << u"curl https://h.example/j -H 'X-A: 1' --json c -H 'Content-Type: text/x'"_s << u"POST"_s
            << u"https://h.example/j"_s << u"X-A: 1\nContent-Type: text/x\nAccept: application/json"_s
            << QByteArray("c");
        QTest::newRow("--url-query forms")
            << u"curl 'https://h.example/q?x=1' --url-query 'n=a b' --url-query '+c=d%20e' --url-query "
               u"@data.txt --url-query 'f@data.txt' --url-query '=x y' --url-query 'plain&x'"_s
            << u"GET"_s
            << u"https://h.example/q?x=1&n=a+b&c=d%20e&a%3d1%0ab%3d2%0a&f=a%3d1%0ab%3d2%0a&x+y&plain%26x"_s
            << QString() << QByteArray();
        QTest::newRow("--url-query before a fragment")
            << u"curl 'https://h.example/q#top' --url-query 'k=a b~*.-_!\u00e9/?'"_s << u"GET"_s
            << u"https://h.example/q?k=a+b~%2a.-_%21%c3%a9%2f%3f#top"_s << QString() << QByteArray();
        QTest::newRow("-G with data")
            << u"curl -G 'https://h.example/g?z=0' -d a=1 --data-urlencode 'b=c d'"_s << u"GET"_s
            << u"https://h.example/g?z=0&a=1&b=c+d"_s << QString() << QByteArray();
        QTest::newRow("--get with -I") << u"curl --get -I https://h.example/g -d a=1"_s << u"HEAD"_s
                                       << u"https://h.example/g?a=1"_s << QString() << QByteArray();
        QTest::newRow("--data-urlencode encodes as curl does")
            << u"curl https://h.example/p --data-urlencode 'k=a b~*.-_!\u00e9/?' --data-urlencode noeq"_s
            << u"POST"_s << u"https://h.example/p"_s << u"Content-Type: application/x-www-form-urlencoded"_s
            << QByteArray("k=a+b~%2A.-_%21%C3%A9%2F%3F&noeq");
        QTest::newRow("-T into a folder")
            << u"curl -T 'up load.txt' https://h.example/dir/"_s << u"PUT"_s
            << u"https://h.example/dir/up%20load.txt"_s << QString() << QByteArray("hello upload");
        QTest::newRow("-T to a host")
            << u"curl --upload-file 'up load.txt' https://h.example"_s << u"PUT"_s
            << u"https://h.example/up%20load.txt"_s << QString() << QByteArray("hello upload");
        QTest::newRow("-T to a file name")
            << u"curl -T 'up load.txt' 'https://h.example/file?v=1'"_s << u"PUT"_s
            << u"https://h.example/file?v=1"_s << QString() << QByteArray("hello upload");
        QTest::newRow("-T with -X POST and a type")
            << u"curl -T data.txt -X POST -H 'Content-Type: text/plain' https://h.example/file"_s << u"POST"_s
            << u"https://h.example/file"_s << u"Content-Type: text/plain"_s << QByteArray("a=1\nb=2\n");
        QTest::newRow("-r") << u"curl -r 0-499 https://h.example/r"_s << u"GET"_s << u"https://h.example/r"_s
                            << u"Range: bytes=0-499"_s << QByteArray();
        QTest::newRow("--range given again with -H")
            << u"curl --range 0-1 -H 'Range: bytes=5-' https://h.example/r"_s << u"GET"_s
            << u"https://h.example/r"_s << u"Range: bytes=5-"_s << QByteArray();
        QTest::newRow("--oauth2-bearer")
            << u"curl --oauth2-bearer tok https://h.example/o"_s << u"GET"_s << u"https://h.example/o"_s
            << u"Authorization: Bearer tok"_s << QByteArray();
        QTest::newRow("--oauth2-bearer wins over -u")
            << u"curl --oauth2-bearer tok -u a:b https://h.example/o"_s << u"GET"_s
            << u"https://h.example/o"_s << u"Authorization: Bearer tok"_s << QByteArray();
        QTest::newRow("-H Authorization wins over -u")
            << u"curl -H 'Authorization: x' -u a:b https://h.example/o"_s << u"GET"_s
            << u"https://h.example/o"_s << u"Authorization: x"_s << QByteArray();
        QTest::newRow("-b name=value twice")
            << u"curl -b a=1 -b b=2 https://h.example/c"_s << u"GET"_s << u"https://h.example/c"_s
            << u"Cookie: a=1;b=2"_s << QByteArray();
        QTest::newRow("-b a cookie file")
            << u"curl -b cookies.txt http://127.0.0.1:8787/p/x"_s << u"GET"_s
            << u"http://127.0.0.1:8787/p/x"_s << u"Cookie: cc=3; sec=4; bbb=2; ho=6; a=1"_s << QByteArray();
        QTest::newRow("-b a file and strings")
            << u"curl -b cookies.txt -b lit=1 -b 'lit2=2; z=3' http://127.0.0.1:8787/p/x"_s << u"GET"_s
            << u"http://127.0.0.1:8787/p/x"_s << u"Cookie: cc=3; sec=4; bbb=2; ho=6; a=1; lit=1;lit2=2; z=3"_s
            << QByteArray();
        QTest::newRow("-b a file, another domain")
            << u"curl --cookie cookies.txt https://api.example.com/"_s << u"GET"_s
            << u"https://api.example.com/"_s << u"Cookie: other=7"_s << QByteArray();
        QTest::newRow("-H Cookie wins over -b")
            << u"curl -b lit=1 -H 'Cookie: h=1' https://h.example/c"_s << u"GET"_s << u"https://h.example/c"_s
            << u"Cookie: h=1"_s << QByteArray();
        QTest::newRow("-A taken back with -H")
            << u"curl -A ua -H 'User-Agent:' https://h.example/"_s << u"GET"_s << u"https://h.example/"_s
            << QString() << QByteArray();
        QTest::newRow("an empty -d adds no '&'")
            << u"curl https://h.example/d -d '' -d b"_s << u"POST"_s << u"https://h.example/d"_s
            << u"Content-Type: application/x-www-form-urlencoded"_s << QByteArray("b");
        QTest::newRow("-d @file drops line breaks")
            << u"curl -d @data.txt https://h.example/d"_s << u"POST"_s << u"https://h.example/d"_s
            << u"Content-Type: application/x-www-form-urlencoded"_s << QByteArray("a=1b=2");
        QTest::newRow("--data-binary @file keeps them")
            << u"curl --data-binary @data.txt https://h.example/d"_s << u"POST"_s << u"https://h.example/d"_s
            << u"Content-Type: application/x-www-form-urlencoded"_s << QByteArray("a=1\nb=2\n");
    }

    void importsCurlForms()
    {
        QFETCH(QString, command);
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, headers);
        QFETCH(QByteArray, body);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<std::pair<QString, QByteArray>> files { { u"data.txt"_s, "a=1\nb=2\n" },
            { u"j.json"_s, "{\"k\":\n1}" }, { u"up load.txt"_s, "hello upload" },
            { u"cookies.txt"_s,
                "# Netscape HTTP Cookie File\n"
                "127.0.0.1\tFALSE\t/\tFALSE\t0\ta\t1\n"
                "127.0.0.1\tFALSE\t/\tFALSE\t0\tbbb\t2\n"
                "127.0.0.1\tFALSE\t/p\tFALSE\t0\tcc\t3\n"
                "127.0.0.1\tFALSE\t/\tTRUE\t0\tsec\t4\n"
                "127.0.0.1\tFALSE\t/\tFALSE\t1\told\t5\n"
                "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tho\t6\n"
                ".example.com\tTRUE\t/\tFALSE\t0\tother\t7\n"
                "127.0.0.1\tFALSE\t/other\tFALSE\t0\tnotthere\t8\n" } };
        for (const auto &[name, content] : files) {
            QSaveFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
            QVERIFY(f.commit());
        }
        const CurlImportResult imported = CurlCommand::parse(command, dir.path());
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QVERIFY2(imported.warnings.isEmpty(), qPrintable(imported.warnings.join(u'\n')));
        const HttpRequest &r = imported.request;
        QCOMPARE(r.method, method);
        QCOMPARE(r.url, url);
        QCOMPARE(headerList(r.headers), headers);
        QCOMPARE(r.body, body);
        // Exported and imported again, it is the same request.
        const CurlImportResult again = CurlCommand::parse(CurlCommand::toCurl(r));
        QVERIFY2(again.ok(), qPrintable(again.error));
        QVERIFY2(again.request == r, qPrintable(CurlCommand::toCurl(r)));
    }

    // "-d @-": standard input where there is one (studybench-cli), a clear refusal where there is
    // none (the GUI's Import cURL).
    void standardInput_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("-d @-") << u"curl https://h.example/in -d @-"_s << QByteArray("a=1b=2");
        QTest::newRow("--data-binary @-")
            << u"curl https://h.example/in --data-binary @-"_s << QByteArray("a=1\nb=2\n");
        QTest::newRow("--json @-") << u"curl https://h.example/in --json @-"_s << QByteArray("a=1\nb=2\n");
        QTest::newRow("read once") << u"curl https://h.example/in --data-binary @- --data-binary @-"_s
                                   << QByteArray("a=1\nb=2\n&");
    }

    void standardInput()
    {
        QFETCH(QString, command);
        QFETCH(QByteArray, body);
        int reads = 0;
        const CurlImportResult r = CurlCommand::parse(command, QString(), [&reads] {
            ++reads;
            return std::optional(QByteArray("a=1\nb=2\n"));
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.request.body, body);
        QCOMPARE(reads, 1);

        const CurlImportResult gui = CurlCommand::parse(command);
        QVERIFY(!gui.ok());
        QVERIFY2(
            gui.error.contains(u"standard input, which only studybench-cli has"_s), qPrintable(gui.error));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "TestCurlCommand.moc"
