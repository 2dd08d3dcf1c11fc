#include "curlcommand.h"

#include "httpenvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace StudyBench {

namespace {

// An HTTP header name: a token (RFC 9110, section 5.6.2).
bool isHeaderName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

constexpr int kCurlDefaultMaxRedirects = 50;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads a $'…' string starting after the opening quote; returns the index after the closing one, or -1.
qsizetype readAnsiC(const QByteArray &in, qsizetype i, QByteArray *out)
{
    while (i < in.size()) {
        const char c = in.at(i);
        if (c == '\'')
            return i + 1;
        if (c != '\\' || i + 1 >= in.size()) {
            out->append(c);
            ++i;
            continue;
        }
        const char e = in.at(i + 1);
        i += 2;
        switch (e) {
        case 'a':
            out->append('\a');
            break;
        case 'b':
            out->append('\b');
            break;
        case 'e':
        case 'E':
            out->append('\x1b');
            break;
        case 'f':
            out->append('\f');
            break;
        case 'n':
            out->append('\n');
            break;
        case 'r':
            out->append('\r');
            break;
        case 't':
            out->append('\t');
            break;
        case 'v':
            out->append('\v');
            break;
        case '\\':
            out->append('\\');
            break;
        case '\'':
            out->append('\'');
            break;
        case '"':
            out->append('"');
            break;
        case '?':
            out->append('?');
            break;
        case 'c':
            if (i < in.size())
                out->append(char(in.at(i++) & 0x1f));
            break;
        case 'x': {
            int value = 0;
            int digits = 0;
            while (digits < 2 && i < in.size() && hexValue(in.at(i)) >= 0) {
                value = value * 16 + hexValue(in.at(i++));
                ++digits;
            }
            if (digits == 0)
                out->append("\\x");
            else
                out->append(char(value));
            break;
        }
        case 'u':
        case 'U': {
            const int maxDigits = e == 'u' ? 4 : 8;
            char32_t value = 0;
            int digits = 0;
            while (digits < maxDigits && i < in.size() && hexValue(in.at(i)) >= 0) {
                value = value * 16 + char32_t(hexValue(in.at(i++)));
                ++digits;
            }
            if (digits == 0)
                out->append('\\').append(e);
            else
                out->append(QString::fromUcs4(&value, 1).toUtf8());
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                int digits = 1;
                while (digits < 3 && i < in.size() && in.at(i) >= '0' && in.at(i) <= '7') {
                    value = value * 8 + (in.at(i++) - '0');
                    ++digits;
                }
                out->append(char(value & 0xff));
            } else {
                out->append('\\').append(e);
            }
        }
    }
    return -1;
}

QByteArray basicAuth(const QByteArray &userAndPassword)
{
    return "Basic " + userAndPassword.toBase64();
}

struct FormPart
{
    QByteArray name;
    QByteArray value;
    QByteArray fileName;
    QByteArray type;
    bool isFile = false;
};

} // namespace

bool CurlCommand::splitShellWords(const QString &command, QList<QByteArray> *words, QString *error)
{
    const QByteArray in = command.toUtf8();
    words->clear();
    QByteArray word;
    bool inWord = false;
    qsizetype i = 0;
    while (i < in.size()) {
        const char c = in.at(i);
        if (isSpace(c)) {
            if (inWord)
                words->append(word);
            word.clear();
            inWord = false;
            ++i;
            continue;
        }
        if (c == '\\') {
            if (i + 1 < in.size() && in.at(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (i + 2 < in.size() && in.at(i + 1) == '\r' && in.at(i + 2) == '\n') {
                i += 3;
                continue;
            }
            inWord = true;
            if (i + 1 < in.size())
                word.append(in.at(i + 1));
            i += 2;
            continue;
        }
        if (c == '\'') {
            const qsizetype end = in.indexOf('\'', i + 1);
            if (end < 0) {
                *error = tr("A single quote (') is not closed.");
                return false;
            }
            word.append(in.mid(i + 1, end - i - 1));
            inWord = true;
            i = end + 1;
            continue;
        }
        if (c == '$' && i + 1 < in.size() && in.at(i + 1) == '\'') {
            const qsizetype end = readAnsiC(in, i + 2, &word);
            if (end < 0) {
                *error = tr("A $'…' string is not closed.");
                return false;
            }
            inWord = true;
            i = end;
            continue;
        }
        if (c == '"') {
            ++i;
            bool closed = false;
            while (i < in.size()) {
                const char d = in.at(i);
                if (d == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\' && i + 1 < in.size()) {
                    const char e = in.at(i + 1);
                    if (e == '\n') {
                        i += 2;
                        continue;
                    }
                    if (e == '"' || e == '\\' || e == '$' || e == '`') {
                        word.append(e);
                        i += 2;
                        continue;
                    }
                }
                word.append(d);
                ++i;
            }
            if (!closed) {
                *error = tr("A double quote (\") is not closed.");
                return false;
            }
            inWord = true;
            continue;
        }
        word.append(c);
        inWord = true;
        ++i;
    }
    if (inWord)
        words->append(word);
    return true;
}

QString CurlCommand::quote(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    const bool validUtf8 = !decoder.hasError();
    bool needsAnsiC = !validUtf8;
    for (const char c : bytes) {
        if ((uchar(c) < 0x20) || c == 0x7f)
            needsAnsiC = true;
    }
    if (!needsAnsiC && !bytes.contains('\''))
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    QByteArray out("$'");
    for (const char c : bytes) {
        const uchar u = uchar(c);
        switch (c) {
        case '\\':
            out.append("\\\\");
            continue;
        case '\'':
            out.append("\\'");
            continue;
        case '\n':
            out.append("\\n");
            continue;
        case '\r':
            out.append("\\r");
            continue;
        case '\t':
            out.append("\\t");
            continue;
        default:
            break;
        }
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && !validUtf8))
            out.append("\\x").append(QByteArray::number(u, 16).rightJustified(2, '0'));
        else
            out.append(c);
    }
    out.append('\'');
    return QString::fromUtf8(out);
}

CurlImportResult CurlCommand::parse(const QString &command, const QString &workingDirectory)
{
    CurlImportResult result;
    HttpRequest &request = result.request;
    request.followRedirects = false;
    request.maxRedirects = kCurlDefaultMaxRedirects;
    QList<QByteArray> words;
    if (!splitShellWords(command.trimmed(), &words, &result.error))
        return result;
    if (words.isEmpty() || !(words.first() == "curl" || words.first().endsWith("/curl"))) {
        result.error = tr("A cURL command starts with 'curl'.");
        return result;
    }
    words.removeFirst();

    static const QHash<char, QByteArray> shortNames { { 'X', "request" }, { 'H', "header" }, { 'd', "data" },
        { 'F', "form" }, { 'u', "user" }, { 'b', "cookie" }, { 'A', "user-agent" }, { 'e', "referer" },
        { 'm', "max-time" }, { 'o', "output" }, { 'c', "cookie-jar" }, { 'x', "proxy" }, { 'E', "cert" },
        { 'w', "write-out" }, { 'T', "upload-file" }, { 'k', "insecure" }, { 'L', "location" },
        { 'I', "head" }, { 'G', "get" }, { 's', "silent" }, { 'S', "show-error" }, { 'v', "verbose" },
        { 'i', "include" }, { 'f', "fail" }, { '0', "http1.0" }, { 'N', "no-buffer" }, { 'O', "remote-name" },
        { '4', "ipv4" }, { '6', "ipv6" }, { 'J', "remote-header-name" }, { 'K', "config" }, { 'r', "range" },
        { 'Z', "parallel" }, { 'q', "disable" }, { '#', "progress-bar" } };
    static const QSet<QByteArray> withArgument { "request", "header", "data", "data-raw", "data-binary",
        "data-ascii", "data-urlencode", "json", "form", "form-string", "user", "url", "cookie", "user-agent",
        "referer", "max-time", "max-redirs", "connect-timeout", "output", "cookie-jar", "proxy", "cert",
        "cacert", "key", "write-out", "upload-file", "config", "range", "resolve", "interface", "retry",
        "limit-rate", "proxy-user", "oauth2-bearer", "unix-socket", "connect-to", "trace", "trace-ascii",
        "stderr", "dump-header", "keepalive-time", "retry-delay", "retry-max-time", "speed-limit",
        "speed-time", "expect100-timeout" };
    static const QSet<QByteArray> ignoredFlags { "silent", "show-error", "verbose", "include", "fail",
        "no-buffer", "http2-prior-knowledge", "http3", "ipv4", "ipv6", "progress-bar", "disable", "globoff",
        "no-progress-meter", "path-as-is", "tr-encoding", "no-keepalive", "raw", "fail-with-body",
        "http1.0" };
    static const QSet<QByteArray> ignoredWithArgument { "output", "cookie-jar", "proxy", "cert", "cacert",
        "key", "write-out", "connect-timeout", "resolve", "interface", "retry", "limit-rate", "proxy-user",
        "connect-to", "trace", "trace-ascii", "stderr", "dump-header", "keepalive-time", "retry-delay",
        "retry-max-time", "speed-limit", "speed-time", "range", "expect100-timeout" };

    const QDir base(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory);
    auto readFile = [&](const QByteArray &name, QByteArray *out) {
        QFile f(base.absoluteFilePath(QString::fromUtf8(name)));
        if (!f.open(QIODevice::ReadOnly)) {
            result.error = tr("Cannot read %1: %2").arg(f.fileName(), f.errorString());
            return false;
        }
        *out = f.readAll();
        return true;
    };

    QByteArray url;
    QByteArray method;
    bool head = false;
    bool get = false;
    bool hasData = false;
    QList<QByteArray> dataParts;
    QList<FormPart> formParts;
    QSet<QString> removedHeaders;
    QByteArray userAgent;
    QByteArray referer;

    QList<QPair<QByteArray, QByteArray>> options; // (long name, argument)
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QByteArray &w = words.at(i);
        if (w.startsWith("--") && w.size() > 2) {
            const QByteArray name = w.mid(2);
            if (withArgument.contains(name)) {
                if (i + 1 >= words.size()) {
                    result.error = tr("'%1' needs an argument.").arg(QString::fromUtf8(w));
                    return result;
                }
                options.append({ name, words.at(++i) });
            } else {
                options.append({ name, {} });
            }
        } else if (w.startsWith('-') && w.size() > 1) {
            for (qsizetype j = 1; j < w.size(); ++j) {
                const QByteArray name = shortNames.value(w.at(j));
                if (name.isEmpty()) {
                    result.warnings.append(tr("Ignored the unknown option '-%1'.").arg(QLatin1Char(w.at(j))));
                    continue;
                }
                if (withArgument.contains(name)) {
                    QByteArray argument = w.mid(j + 1);
                    if (argument.isEmpty()) {
                        if (i + 1 >= words.size()) {
                            result.error = tr("'-%1' needs an argument.").arg(QLatin1Char(w.at(j)));
                            return result;
                        }
                        argument = words.at(++i);
                    }
                    options.append({ name, argument });
                    break;
                }
                options.append({ name, {} });
            }
        } else {
            options.append({ "url", w });
        }
    }

    for (const auto &[name, arg] : std::as_const(options)) {
        if (name == "url") {
            if (!url.isEmpty()) {
                result.warnings.append(
                    tr("Only the first URL is used; ignored '%1'.").arg(QString::fromUtf8(arg)));
                continue;
            }
            url = arg;
        } else if (name == "request") {
            method = arg;
        } else if (name == "header") {
            const qsizetype colon = arg.indexOf(':');
            QString headerName;
            QString value;
            if (colon <= 0 && arg.endsWith(';')) {
                headerName = QString::fromUtf8(arg.chopped(1)).trimmed(); // "Name;": an empty header
            } else if (colon > 0) {
                headerName = QString::fromUtf8(arg.left(colon)).trimmed();
                value = QString::fromUtf8(arg.mid(colon + 1)).trimmed();
            }
            if (!isHeaderName(headerName)) {
                result.error = tr("'%1' is not a header; write 'Name: value' (a name is letters, digits and "
                                  "!#$%&'*+-.^_`|~).")
                                   .arg(QString::fromUtf8(arg));
                return result;
            }
            if (colon <= 0)
                request.headers.append({ headerName, QString() });
            else if (value.isEmpty()) {
                removeHeader(request.headers, headerName);
                removedHeaders.insert(headerName.toLower());
            } else {
                request.headers.append({ headerName, value });
            }
        } else if (name == "data" || name == "data-ascii" || name == "data-binary" || name == "data-raw"
            || name == "json") {
            QByteArray value = arg;
            if (name != "data-raw" && name != "json" && value.startsWith('@')) {
                if (!readFile(value.mid(1), &value))
                    return result;
                if (name != "data-binary")
                    value.replace("\r", "").replace("\n", "");
            }
            dataParts.append(value);
            hasData = true;
            if (name == "json") {
                if (!hasHeader(request.headers, u"Content-Type"))
                    request.headers.append(
                        { QStringLiteral("Content-Type"), QStringLiteral("application/json") });
                if (!hasHeader(request.headers, u"Accept"))
                    request.headers.append({ QStringLiteral("Accept"), QStringLiteral("application/json") });
            }
        } else if (name == "data-urlencode") {
            QByteArray content = arg;
            QByteArray prefix;
            const qsizetype eq = arg.indexOf('=');
            const qsizetype at = arg.indexOf('@');
            if (eq >= 0 && (at < 0 || eq < at)) {
                prefix = arg.left(eq);
                content = arg.mid(eq + 1);
            } else if (at >= 0) {
                prefix = arg.left(at);
                if (!readFile(arg.mid(at + 1), &content))
                    return result;
            }
            const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(content));
            dataParts.append(prefix.isEmpty() ? encoded : prefix + '=' + encoded);
            hasData = true;
        } else if (name == "form" || name == "form-string") {
            const qsizetype eq = arg.indexOf('=');
            if (eq <= 0) {
                result.error = tr("'%1' is not a form field; write 'name=value' or 'name=@file'.")
                                   .arg(QString::fromUtf8(arg));
                return result;
            }
            FormPart part;
            part.name = arg.left(eq);
            QByteArray value = arg.mid(eq + 1);
            if (name == "form" && (value.startsWith('@') || value.startsWith('<'))) {
                const bool attach = value.startsWith('@');
                QList<QByteArray> fields = value.mid(1).split(';');
                const QByteArray path = fields.takeFirst();
                for (const QByteArray &field : std::as_const(fields)) {
                    if (field.startsWith("type="))
                        part.type = field.mid(5);
                    else if (field.startsWith("filename="))
                        part.fileName = field.mid(9);
                }
                if (!readFile(path, &part.value))
                    return result;
                if (attach) {
                    part.isFile = true;
                    if (part.fileName.isEmpty())
                        part.fileName = QFileInfo(QString::fromUtf8(path)).fileName().toUtf8();
                    if (part.type.isEmpty())
                        part.type = "application/octet-stream";
                }
            } else {
                part.value = value;
            }
            formParts.append(part);
        } else if (name == "user") {
            if (!arg.contains(':')) {
                result.error = tr("'-u %1' has no password; cURL would ask for one. Write 'user:password'.")
                                   .arg(QString::fromUtf8(arg));
                return result;
            }
            removeHeader(request.headers, u"Authorization");
            request.headers.append({ QStringLiteral("Authorization"), QString::fromLatin1(basicAuth(arg)) });
        } else if (name == "cookie") {
            if (!arg.contains('=')) {
                result.warnings.append(tr("Ignored the cookie file '%1'; only literal cookies are imported.")
                        .arg(QString::fromUtf8(arg)));
                continue;
            }
            request.headers.append({ QStringLiteral("Cookie"), QString::fromUtf8(arg) });
        } else if (name == "user-agent") {
            userAgent = arg;
        } else if (name == "referer") {
            referer = arg;
        } else if (name == "compressed") {
            request.compressed = true;
        } else if (name == "insecure") {
            request.verifyTls = false;
        } else if (name == "http1.1") {
            request.httpVersion = QStringLiteral("HTTP/1.1");
        } else if (name == "http2") {
            request.httpVersion = QStringLiteral("HTTP/2");
        } else if (name == "location") {
            request.followRedirects = true;
        } else if (name == "max-redirs") {
            bool ok = false;
            const int n = arg.toInt(&ok);
            if (!ok) {
                result.error = tr("'--max-redirs' needs a number.");
                return result;
            }
            request.maxRedirects = n < 0 ? std::numeric_limits<int>::max() : n;
        } else if (name == "max-time" || name == "connect-timeout") {
            bool ok = false;
            const double seconds = arg.toDouble(&ok);
            if (!ok || seconds < 0 || seconds > std::numeric_limits<int>::max() / 1000) {
                result.error = tr("'--%1' needs a number of seconds.").arg(QString::fromUtf8(name));
                return result;
            }
            // As in cURL: --max-time bounds the whole transfer, --connect-timeout the connection phase.
            (name == "max-time" ? request.maxTimeMs : request.connectTimeoutMs) = int(seconds * 1000);
        } else if (name == "head") {
            head = true;
        } else if (name == "get") {
            get = true;
        } else if (name == "upload-file" || name == "config") {
            result.error = tr("'--%1' is not supported.").arg(QString::fromUtf8(name));
            return result;
        } else if (name == "oauth2-bearer") {
            request.headers.append(
                { QStringLiteral("Authorization"), QStringLiteral("Bearer ") + QString::fromUtf8(arg) });
        } else if (ignoredFlags.contains(name) || ignoredWithArgument.contains(name)) {
            continue;
        } else {
            result.warnings.append(tr("Ignored the unknown option '--%1'.").arg(QString::fromUtf8(name)));
        }
    }

    if (url.isEmpty()) {
        result.error = tr("The cURL command has no URL.");
        return result;
    }
    if (!QRegularExpression(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"))
            .match(QString::fromUtf8(url))
            .hasMatch())
        url.prepend("http://");
    if (!userAgent.isEmpty() && !hasHeader(request.headers, u"User-Agent"))
        request.headers.append({ QStringLiteral("User-Agent"), QString::fromUtf8(userAgent) });
    if (!referer.isEmpty() && !hasHeader(request.headers, u"Referer"))
        request.headers.append({ QStringLiteral("Referer"), QString::fromUtf8(referer) });

    const QByteArray data = dataParts.join('&');
    if (!formParts.isEmpty()) {
        if (hasData) {
            result.error = tr("cURL cannot send -d data and -F form fields together.");
            return result;
        }
        const QByteArray boundary
            = "------------------------StudyBench" + QUuid::createUuid().toByteArray(QUuid::Id128).left(16);
        QByteArray body;
        for (const FormPart &part : std::as_const(formParts)) {
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + '"';
            if (part.isFile)
                body += "; filename=\"" + part.fileName + '"';
            body += "\r\n";
            if (!part.type.isEmpty())
                body += "Content-Type: " + part.type + "\r\n";
            body += "\r\n" + part.value + "\r\n";
        }
        body += "--" + boundary + "--\r\n";
        request.body = body;
        removeHeader(request.headers, u"Content-Type");
        request.headers.append({ QStringLiteral("Content-Type"),
            QStringLiteral("multipart/form-data; boundary=") + QString::fromLatin1(boundary) });
        request.method = QStringLiteral("POST");
    } else if (hasData && get) {
        url += (url.contains('?') ? "&" : "?") + data;
        request.method = QStringLiteral("GET");
    } else if (hasData) {
        request.body = data;
        request.method = QStringLiteral("POST");
        if (!hasHeader(request.headers, u"Content-Type")
            && !removedHeaders.contains(QStringLiteral("content-type")))
            request.headers.append(
                { QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded") });
    } else if (head) {
        request.method = QStringLiteral("HEAD");
    } else {
        request.method = QStringLiteral("GET");
    }
    if (!method.isEmpty())
        request.method = QString::fromUtf8(method);
    request.url = QString::fromUtf8(url);
    // Every option that makes a header (-H, -A, -e, -b, -u) makes one line.
    for (const HttpHeader &h : std::as_const(request.headers)) {
        const bool control = std::any_of(h.value.cbegin(), h.value.cend(),
            [](QChar c) { return (c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7F; });
        if (control) {
            result.error = tr("The header '%1' has a line break or another control character in its value; a "
                              "header is one line of text.")
                               .arg(h.name);
            return result;
        }
    }
    return result;
}

QString CurlCommand::toCurl(const HttpRequest &request, const SecretMasker *masker, bool multiline)
{
    auto maskText = [masker](const QString &text) {
        return masker ? masker->mask(text) : text;
    };
    QStringList parts;
    parts.append(QStringLiteral("curl ") + quote(maskText(request.url).toUtf8()));
    const bool hasBody = !request.body.isEmpty();
    if (request.method == QLatin1StringView("HEAD") && !hasBody)
        parts.append(QStringLiteral("-I"));
    else if (request.method != (hasBody ? QLatin1StringView("POST") : QLatin1StringView("GET")))
        parts.append(QStringLiteral("-X ") + quote(request.method.toUtf8()));
    for (const HttpHeader &h : request.headers) {
        if (h.value.isEmpty())
            parts.append(QStringLiteral("-H ") + quote(h.name.toUtf8() + ';'));
        else
            parts.append(
                QStringLiteral("-H ") + quote((h.name + QStringLiteral(": ") + maskText(h.value)).toUtf8()));
    }
    if (hasBody) {
        if (!hasHeader(request.headers, u"Content-Type"))
            parts.append(QStringLiteral("-H 'Content-Type:'"));
        parts.append(
            QStringLiteral("--data-raw ") + quote(masker ? masker->mask(request.body) : request.body));
    }
    if (request.compressed)
        parts.append(QStringLiteral("--compressed"));
    if (!request.verifyTls)
        parts.append(QStringLiteral("-k"));
    if (request.httpVersion == QLatin1StringView("HTTP/1.1"))
        parts.append(QStringLiteral("--http1.1"));
    else if (request.httpVersion == QLatin1StringView("HTTP/2"))
        parts.append(QStringLiteral("--http2"));
    if (request.followRedirects) {
        parts.append(QStringLiteral("-L"));
        if (request.maxRedirects != kCurlDefaultMaxRedirects)
            parts.append(QStringLiteral("--max-redirs %1").arg(request.maxRedirects));
    }
    const auto seconds = [](int ms) {
        return QLocale::c().toString(ms / 1000.0, 'g', QLocale::FloatingPointShortest);
    };
    if (request.connectTimeoutMs > 0)
        parts.append(QStringLiteral("--connect-timeout %1").arg(seconds(request.connectTimeoutMs)));
    if (request.maxTimeMs >= 0 && request.maxTimeMs != HttpRequest::kDefaultMaxTimeMs)
        parts.append(QStringLiteral("--max-time %1").arg(seconds(request.maxTimeMs)));
    return parts.join(multiline ? QStringLiteral(" \\\n  ") : QStringLiteral(" "));
}

} // namespace StudyBench
