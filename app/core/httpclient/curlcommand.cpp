#include "httpclient/curlcommand.h"

#include "httpclient/httpenvironment.h"

#include <QDateTime>
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
#include <cctype>
#include <tuple>

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

// How an option of curl's is imported.
enum class Use
{
    Request, ///< shapes the request; parse() handles it
    NoEffect, ///< changes what curl prints, saves or retries, never what it sends: accepted and ignored
    Unsupported, ///< changes what curl sends in a way StudyBench cannot: refused
};

struct OptionSpec
{
    const char *name;
    char shortName; ///< 0 when there is none
    bool takesArgument;
    Use use;
};

// curl's options that StudyBench knows. Any other is refused as not supported.
constexpr OptionSpec kOptions[] = {
    { "request", 'X', true, Use::Request },
    { "header", 'H', true, Use::Request },
    { "data", 'd', true, Use::Request },
    { "data-ascii", 0, true, Use::Request },
    { "data-binary", 0, true, Use::Request },
    { "data-raw", 0, true, Use::Request },
    { "data-urlencode", 0, true, Use::Request },
    { "json", 0, true, Use::Request },
    { "form", 'F', true, Use::Request },
    { "form-string", 0, true, Use::Request },
    { "url", 0, true, Use::Request },
    { "url-query", 0, true, Use::Request },
    { "get", 'G', false, Use::Request },
    { "head", 'I', false, Use::Request },
    { "upload-file", 'T', true, Use::Request },
    { "user", 'u', true, Use::Request },
    { "basic", 0, false, Use::NoEffect }, // -u sends Basic credentials anyway
    { "oauth2-bearer", 0, true, Use::Request },
    { "cookie", 'b', true, Use::Request },
    { "user-agent", 'A', true, Use::Request },
    { "referer", 'e', true, Use::Request },
    { "range", 'r', true, Use::Request },
    { "compressed", 0, false, Use::Request },
    { "insecure", 'k', false, Use::Request },
    { "location", 'L', false, Use::Request },
    { "max-redirs", 0, true, Use::Request },
    { "http1.1", 0, false, Use::Request },
    { "http2", 0, false, Use::Request },
    { "max-time", 'm', true, Use::Request },
    { "connect-timeout", 0, true, Use::Request },
    // Output, progress, retries and connection reuse: the request is the same.
    { "silent", 's', false, Use::NoEffect },
    { "show-error", 'S', false, Use::NoEffect },
    { "verbose", 'v', false, Use::NoEffect },
    { "include", 'i', false, Use::NoEffect },
    { "show-headers", 0, false, Use::NoEffect },
    { "fail", 'f', false, Use::NoEffect },
    { "fail-with-body", 0, false, Use::NoEffect },
    { "no-buffer", 'N', false, Use::NoEffect },
    { "progress-bar", '#', false, Use::NoEffect },
    { "no-progress-meter", 0, false, Use::NoEffect },
    { "output", 'o', true, Use::NoEffect },
    { "remote-name", 'O', false, Use::NoEffect },
    { "remote-header-name", 'J', false, Use::NoEffect },
    { "create-dirs", 0, false, Use::NoEffect },
    { "write-out", 'w', true, Use::NoEffect },
    { "dump-header", 'D', true, Use::NoEffect },
    { "cookie-jar", 'c', true, Use::NoEffect },
    { "stderr", 0, true, Use::NoEffect },
    { "trace", 0, true, Use::NoEffect },
    { "trace-ascii", 0, true, Use::NoEffect },
    { "disable", 'q', false, Use::NoEffect },
    { "globoff", 'g', false, Use::NoEffect },
    { "ipv4", '4', false, Use::NoEffect },
    { "ipv6", '6', false, Use::NoEffect },
    { "raw", 0, false, Use::NoEffect },
    { "path-as-is", 0, false, Use::NoEffect },
    { "no-keepalive", 0, false, Use::NoEffect },
    { "keepalive-time", 0, true, Use::NoEffect },
    { "retry", 0, true, Use::NoEffect },
    { "retry-delay", 0, true, Use::NoEffect },
    { "retry-max-time", 0, true, Use::NoEffect },
    { "speed-limit", 'Y', true, Use::NoEffect },
    { "speed-time", 'y', true, Use::NoEffect },
    { "limit-rate", 0, true, Use::NoEffect },
    { "expect100-timeout", 0, true, Use::NoEffect },
    // Authentication schemes, proxies, client certificates, other addresses and protocol versions
    // that StudyBench does not speak, and curl's own configuration.
    { "digest", 0, false, Use::Unsupported },
    { "ntlm", 0, false, Use::Unsupported },
    { "negotiate", 0, false, Use::Unsupported },
    { "anyauth", 0, false, Use::Unsupported },
    { "aws-sigv4", 0, true, Use::Unsupported },
    { "proxy", 'x', true, Use::Unsupported },
    { "proxy-user", 'U', true, Use::Unsupported },
    { "cert", 'E', true, Use::Unsupported },
    { "key", 0, true, Use::Unsupported },
    { "cacert", 0, true, Use::Unsupported },
    { "resolve", 0, true, Use::Unsupported },
    { "connect-to", 0, true, Use::Unsupported },
    { "interface", 0, true, Use::Unsupported },
    { "unix-socket", 0, true, Use::Unsupported },
    { "http1.0", '0', false, Use::Unsupported },
    { "http2-prior-knowledge", 0, false, Use::Unsupported },
    { "http3", 0, false, Use::Unsupported },
    { "tr-encoding", 0, false, Use::Unsupported },
    { "config", 'K', true, Use::Unsupported },
    { "parallel", 'Z', false, Use::Unsupported },
};

const OptionSpec *findOption(QByteArrayView longName, char shortName = 0)
{
    for (const OptionSpec &spec : kOptions) {
        if (shortName ? spec.shortName == shortName : longName == spec.name)
            return &spec;
    }
    return nullptr;
}

// Percent-encodes @p bytes as curl's --data-urlencode and --url-query do: letters, digits and
// "-._~" stay, a space becomes '+'.
QByteArray formEncode(const QByteArray &bytes, bool lowerCaseHex)
{
    QByteArray out = bytes.toPercentEncoding(" ").replace(' ', '+');
    for (qsizetype i = out.indexOf('%'); lowerCaseHex && i >= 0; i = out.indexOf('%', i + 3)) {
        out[i + 1] = char(std::tolower(uchar(out.at(i + 1))));
        out[i + 2] = char(std::tolower(uchar(out.at(i + 2))));
    }
    return out;
}

// Adds @p query to @p url's query, before any fragment.
void appendQuery(QByteArray &url, const QByteArray &query)
{
    const qsizetype hash = url.indexOf('#');
    const qsizetype end = hash < 0 ? url.size() : hash;
    url.insert(end, (url.left(end).contains('?') ? "&" : "?") + query);
}

// Where a URL's path ends: at its query, its fragment or its end. Sets @p pathIsEmpty when the URL
// has no path after the host.
qsizetype pathEnd(const QByteArray &url, bool *pathIsEmpty)
{
    const qsizetype scheme = url.indexOf("://");
    const qsizetype authority = scheme < 0 ? 0 : scheme + 3;
    qsizetype end = url.size();
    for (const char c : { '?', '#' }) {
        const qsizetype at = url.indexOf(c, authority);
        if (at >= 0 && at < end)
            end = at;
    }
    const qsizetype slash = url.indexOf('/', authority);
    *pathIsEmpty = slash < 0 || slash >= end;
    return end;
}

// One line of a Netscape cookie file, as curl's -b FILE reads it.
struct FileCookie
{
    QByteArray domain;
    bool includeSubdomains = false;
    QByteArray path;
    bool secure = false;
    qint64 expires = 0; ///< seconds since the epoch; 0 for a session cookie
    QByteArray name;
    QByteArray value;
};

QList<FileCookie> readCookieFile(const QByteArray &content)
{
    QList<FileCookie> cookies;
    for (QByteArray line : content.split('\n')) {
        line = line.trimmed();
        if (line.startsWith("#HttpOnly_"))
            line = line.mid(10);
        else if (line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split('\t');
        if (f.size() != 7)
            continue;
        FileCookie c { f[0].startsWith('.') ? f[0].mid(1) : f[0], f[1] == "TRUE", f[2], f[3] == "TRUE",
            f[4].toLongLong(), f[5], f[6] };
        cookies.append(c);
    }
    return cookies;
}

// The "name=value; …" curl sends to @p url from @p cookies: domain, path, secure and expiry
// matched as curl's cookie engine does (localhost counts as secure), longest path first, then
// longest domain, longest name, and the later line of the file first.
QByteArray cookieHeaderFor(const QList<FileCookie> &cookies, const QUrl &url)
{
    const QString host = url.host().toLower();
    const QByteArray path
        = url.path(QUrl::FullyEncoded).isEmpty() ? "/" : url.path(QUrl::FullyEncoded).toUtf8();
    const bool secureContext
        = url.scheme() == u"https" || host == u"localhost" || host == u"127.0.0.1" || host == u"::1";
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<FileCookie> sent;
    for (auto it = cookies.crbegin(); it != cookies.crend(); ++it) {
        const QString domain = QString::fromUtf8(it->domain).toLower();
        const bool domainMatches
            = host == domain || (it->includeSubdomains && host.endsWith(QLatin1Char('.') + domain));
        const bool pathMatches = path.startsWith(it->path)
            && (path.size() == it->path.size() || it->path.endsWith('/') || path.at(it->path.size()) == '/');
        if (domainMatches && pathMatches && (!it->secure || secureContext)
            && (it->expires == 0 || it->expires > now))
            sent.append(*it);
    }
    std::stable_sort(sent.begin(), sent.end(), [](const FileCookie &a, const FileCookie &b) {
        return std::tuple(a.path.size(), a.domain.size(), a.name.size())
            > std::tuple(b.path.size(), b.domain.size(), b.name.size());
    });
    QList<QByteArray> pairs;
    for (const FileCookie &c : std::as_const(sent))
        pairs.append(c.name + '=' + c.value);
    return pairs.join("; ");
}

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
        if (c == '#' && !inWord) { // a comment, as in bash: a "# from the docs" line before the command
            const qsizetype newline = in.indexOf('\n', i);
            i = newline < 0 ? in.size() : newline;
            continue;
        }
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

namespace {

// Drops what a pasted command may carry before "curl": a shell prompt ("$ " or "% ").
void dropPrompt(QList<QByteArray> &words)
{
    if (!words.isEmpty() && (words.first() == "$" || words.first() == "%"))
        words.removeFirst();
}

// Reads curl's options from @p words into (long name, argument) pairs; a word that is not an
// option is a URL. Returns an error message, empty when all is well.
QString readOptions(const QList<QByteArray> &words, QList<QPair<QByteArray, QByteArray>> *options)
{
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QByteArray &w = words.at(i);
        if (!w.startsWith('-') || w.size() < 2) {
            options->append({ "url", w });
            continue;
        }
        const bool isLong = w.startsWith("--");
        for (qsizetype j = isLong ? 2 : 1; j < w.size(); ++j) {
            const OptionSpec *spec = isLong ? findOption(QByteArrayView(w).mid(2)) : findOption({}, w.at(j));
            const QString written = QString::fromUtf8(isLong ? w : "-" + w.mid(j, 1));
            if (!spec || spec->use == Use::Unsupported) // "-x" is named as "--proxy"
                return CurlCommand::tr("'%1' is not supported.")
                    .arg(spec ? QStringLiteral("--") + QLatin1StringView(spec->name) : written);
            QByteArray argument;
            if (spec->takesArgument) {
                argument = isLong ? QByteArray() : w.mid(j + 1);
                if (argument.isEmpty()) {
                    if (i + 1 >= words.size())
                        return CurlCommand::tr("'%1' needs an argument.").arg(written);
                    argument = words.at(++i);
                }
            }
            if (spec->use == Use::Request)
                options->append({ spec->name, argument });
            if (isLong || spec->takesArgument)
                break;
        }
    }
    return {};
}

} // namespace

CurlImportResult CurlCommand::parse(
    const QString &command, const QString &workingDirectory, const StandardInput &standardInput)
{
    CurlImportResult result;
    HttpRequest &request = result.request;
    request.followRedirects = false;
    request.maxRedirects = kCurlDefaultMaxRedirects;
    QList<QByteArray> words;
    if (!splitShellWords(command.trimmed(), &words, &result.error))
        return result;
    dropPrompt(words);
    if (words.isEmpty() || !(words.first() == "curl" || words.first().endsWith("/curl"))) {
        result.error = tr("A cURL command starts with 'curl'.");
        return result;
    }
    words.removeFirst();
    QList<QPair<QByteArray, QByteArray>> options; // (long name, argument)
    result.error = readOptions(words, &options);
    if (!result.error.isEmpty())
        return result;

    const QDir base(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory);
    bool stdinRead = false;
    // "@-" (and "-T -") read standard input, once, as curl does; a file name is relative to base.
    auto readFile = [&](const QByteArray &name, QByteArray *out) {
        if (name == "-") {
            if (!standardInput) {
                result.error = tr("'@-' reads standard input, which only studybench-cli has; put the data "
                                  "in the command or in a file (@FILE) instead.");
                return false;
            }
            const std::optional<QByteArray> in = stdinRead ? QByteArray() : standardInput();
            stdinRead = true;
            if (!in) {
                result.error = tr("Cannot read standard input for '@-'.");
                return false;
            }
            *out = *in;
            return true;
        }
        QFile f(base.absoluteFilePath(QString::fromUtf8(name)));
        if (!f.open(QIODevice::ReadOnly)) {
            result.error = tr("Cannot read %1: %2").arg(f.fileName(), f.errorString());
            return false;
        }
        *out = f.readAll();
        return true;
    };
    // --data-urlencode and --url-query: "content", "=content", "name=content", "@file", "name@file".
    auto encodedPiece = [&](const QByteArray &arg, bool lowerCaseHex, QByteArray *out) {
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
                return false;
        }
        const QByteArray encoded = formEncode(content, lowerCaseHex);
        *out = prefix.isEmpty() ? encoded : prefix + '=' + encoded;
        return true;
    };

    QByteArray url;
    QByteArray method;
    bool head = false;
    bool get = false;
    bool hasData = false;
    bool json = false;
    QByteArray data;
    QList<QByteArray> urlQuery;
    QByteArray uploadFile;
    QByteArray upload;
    QList<FormPart> formParts;
    QSet<QString> removedHeaders;
    QByteArray userAgent;
    QByteArray referer;
    QByteArray authorization;
    QByteArray range;
    QList<QByteArray> cookieStrings;
    QList<FileCookie> fileCookies;

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
        } else if (name.startsWith("data") || name == "json") {
            QByteArray value = arg;
            if (name == "data-urlencode") {
                if (!encodedPiece(arg, false, &value))
                    return result;
            } else if (name != "data-raw" && value.startsWith('@')) {
                if (!readFile(value.mid(1), &value))
                    return result;
                if (name == "data" || name == "data-ascii")
                    value.replace("\r", "").replace("\n", "");
            }
            // curl joins the pieces with '&', except that a --json piece continues what came before.
            if (!data.isEmpty() && (name != "json" || value.isEmpty()))
                data += '&';
            data += value;
            hasData = true;
            json = json || name == "json";
        } else if (name == "url-query") {
            QByteArray piece = arg.mid(1); // "+text" goes as it is
            if (!arg.startsWith('+') && !encodedPiece(arg, true, &piece))
                return result;
            urlQuery.append(piece);
        } else if (name == "upload-file") {
            uploadFile = arg;
            if (!readFile(arg, &upload))
                return result;
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
            if (!authorization.startsWith("Bearer "))
                authorization = basicAuth(arg);
        } else if (name == "oauth2-bearer") {
            authorization = "Bearer " + arg; // curl prefers it to -u's Basic credentials
        } else if (name == "cookie") {
            if (arg.contains('=')) {
                cookieStrings.append(arg);
                continue;
            }
            // Without '=' the argument names a cookie file; curl sends nothing from one it cannot read.
            QFile f(base.absoluteFilePath(QString::fromUtf8(arg)));
            if (!f.open(QIODevice::ReadOnly)) {
                result.warnings.append(
                    tr("Cannot read the cookie file %1 (%2); cURL sends no cookies from it.")
                        .arg(f.fileName(), f.errorString()));
                continue;
            }
            fileCookies += readCookieFile(f.readAll());
        } else if (name == "user-agent") {
            userAgent = arg;
        } else if (name == "referer") {
            referer = arg;
        } else if (name == "range") {
            range = arg;
            if (!arg.isEmpty()
                && std::all_of(arg.cbegin(), arg.cend(), [](char c) { return std::isdigit(uchar(c)); })) {
                range += '-';
                result.warnings.append(tr("A range needs a dash; as cURL does, '%1' was read as '%1-'.")
                        .arg(QString::fromUtf8(arg)));
            }
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
    if (!urlQuery.isEmpty())
        appendQuery(url, urlQuery.join('&'));

    // What curl makes of the options, in the order curl sends it; a header given with -H (or
    // removed with -H 'Name:') takes the place of the one curl would make.
    const auto userSet = [&](QStringView name) {
        return hasHeader(request.headers, name) || removedHeaders.contains(name.toString().toLower());
    };
    HttpHeaders before; // curl's own headers come before those of -H
    HttpHeaders after; // --json's and -d's come after them
    const auto make = [&](HttpHeaders &to, const QString &name, const QByteArray &value) {
        if (!value.isEmpty() && !userSet(name))
            to.append({ name, QString::fromUtf8(value) });
    };
    make(before, QStringLiteral("Authorization"), authorization);
    make(before, QStringLiteral("Range"), range.isEmpty() ? QByteArray() : "bytes=" + range);
    make(before, QStringLiteral("User-Agent"), userAgent);
    make(before, QStringLiteral("Referer"), referer);

    if (!uploadFile.isEmpty() && (hasData || !formParts.isEmpty() || head)) {
        result.error = tr("cURL sends either a file with -T or data with -d, -F or -I, not both.");
        return result;
    }
    if (head && hasData && !get) {
        result.error = tr("cURL cannot send -d data with -I (a HEAD request has no body); add -G to send the "
                          "data in the URL.");
        return result;
    }
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
    } else if (!uploadFile.isEmpty()) {
        // -T FILE: a PUT of the file; a URL without a file name gets the file's.
        bool pathIsEmpty = false;
        const qsizetype end = pathEnd(url, &pathIsEmpty);
        if (uploadFile != "-" && (pathIsEmpty || url.at(end - 1) == '/')) {
            const QByteArray fileName = QFileInfo(QString::fromUtf8(uploadFile)).fileName().toUtf8();
            url.insert(end, (pathIsEmpty ? "/" : "") + fileName.toPercentEncoding());
        }
        request.body = upload;
        request.method = QStringLiteral("PUT");
    } else if (hasData && get) {
        appendQuery(url, data);
        request.method = head ? QStringLiteral("HEAD") : QStringLiteral("GET");
    } else if (hasData) {
        request.body = data;
        request.method = QStringLiteral("POST");
    } else if (head) {
        request.method = QStringLiteral("HEAD");
    } else {
        request.method = QStringLiteral("GET");
    }
    if (!method.isEmpty())
        request.method = QString::fromUtf8(method);
    request.url = QString::fromUtf8(url);

    QByteArray cookies = cookieHeaderFor(fileCookies, QUrl(request.url));
    if (!cookieStrings.isEmpty())
        cookies += (cookies.isEmpty() ? "" : "; ") + cookieStrings.join(';');
    make(before, QStringLiteral("Cookie"), cookies);
    if (json) {
        make(after, QStringLiteral("Content-Type"), "application/json");
        make(after, QStringLiteral("Accept"), "application/json");
    } else if (hasData && !get) {
        make(after, QStringLiteral("Content-Type"), "application/x-www-form-urlencoded");
    }
    request.headers = before + request.headers + after;
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
