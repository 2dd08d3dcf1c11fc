#include "httpclient/curlcommand.h"

#include "httpclient/httpenvironment.h"
#include "httpclient/requestbuilder.h"

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

// The one-character escapes of bash's $'…' strings.
constexpr std::pair<char, char> kSimpleEscapes[] = {
    { 'a', '\a' },
    { 'b', '\b' },
    { 'e', '\x1b' },
    { 'E', '\x1b' },
    { 'f', '\f' },
    { 'n', '\n' },
    { 'r', '\r' },
    { 't', '\t' },
    { 'v', '\v' },
    { '\\', '\\' },
    { '\'', '\'' },
    { '"', '"' },
    { '?', '?' },
};

// Reads up to @p maxDigits digits of @p base (8 or 16) at @p i; returns how many it read.
int readDigits(const QByteArray &in, qsizetype &i, int base, int maxDigits, char32_t *value)
{
    int digits = 0;
    while (digits < maxDigits && i < in.size()) {
        const int d
            = base == 16 ? hexValue(in.at(i)) : (in.at(i) >= '0' && in.at(i) <= '7' ? in.at(i) - '0' : -1);
        if (d < 0)
            break;
        *value = *value * char32_t(base) + char32_t(d);
        ++i;
        ++digits;
    }
    return digits;
}

// Reads the escape \@p e (whose argument, if any, starts at @p i) of a $'…' string into @p out.
void readAnsiCEscape(const QByteArray &in, qsizetype &i, char e, QByteArray *out)
{
    for (const auto &[name, value] : kSimpleEscapes) {
        if (e == name) {
            out->append(value);
            return;
        }
    }
    char32_t value = 0;
    if (e == 'c') {
        if (i < in.size())
            out->append(char(in.at(i++) & 0x1f));
    } else if (e == 'x') {
        if (readDigits(in, i, 16, 2, &value) == 0)
            out->append("\\x");
        else
            out->append(char(value));
    } else if (e == 'u' || e == 'U') {
        if (readDigits(in, i, 16, e == 'u' ? 4 : 8, &value) == 0)
            out->append('\\').append(e);
        else
            out->append(QString::fromUcs4(&value, 1).toUtf8());
    } else if (e >= '0' && e <= '7') {
        value = char32_t(e - '0');
        readDigits(in, i, 8, 2, &value);
        out->append(char(value & 0xff));
    } else {
        out->append('\\').append(e);
    }
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
        readAnsiCEscape(in, i, e, out);
    }
    return -1;
}

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

// A backslash outside quotes at @p i: a line continuation, or the next character as it is.
// Returns the index after it.
qsizetype readBackslash(const QByteArray &in, qsizetype i, QByteArray *word)
{
    if (i + 1 < in.size() && in.at(i + 1) == '\n')
        return i + 2;
    if (i + 2 < in.size() && in.at(i + 1) == '\r' && in.at(i + 2) == '\n')
        return i + 3;
    if (i + 1 < in.size())
        word->append(in.at(i + 1));
    return i + 2;
}

// A '…' string whose opening quote is at @p i; returns the index after the closing one, or -1.
qsizetype readSingleQuoted(const QByteArray &in, qsizetype i, QByteArray *word)
{
    const qsizetype end = in.indexOf('\'', i + 1);
    if (end < 0)
        return -1;
    word->append(in.mid(i + 1, end - i - 1));
    return end + 1;
}

// A "…" string whose opening quote is at @p i; returns the index after the closing one, or -1.
qsizetype readDoubleQuoted(const QByteArray &in, qsizetype i, QByteArray *word)
{
    ++i;
    while (i < in.size()) {
        const char d = in.at(i);
        if (d == '"')
            return i + 1;
        const char e = i + 1 < in.size() ? in.at(i + 1) : '\0';
        if (d == '\\' && e == '\n') {
            i += 2;
        } else if (d == '\\' && (e == '"' || e == '\\' || e == '$' || e == '`')) {
            word->append(e);
            i += 2;
        } else {
            word->append(d);
            ++i;
        }
    }
    return -1;
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
            const bool continuation = in.mid(i + 1, 1) == "\n" || in.mid(i + 1, 2) == "\r\n";
            inWord = inWord || !continuation;
            i = readBackslash(in, i, &word);
            continue;
        }
        qsizetype next = i + 1;
        if (c == '\'')
            next = readSingleQuoted(in, i, &word);
        else if (c == '$' && i + 1 < in.size() && in.at(i + 1) == '\'')
            next = readAnsiC(in, i + 2, &word);
        else if (c == '"')
            next = readDoubleQuoted(in, i, &word);
        else
            word.append(c);
        if (next < 0) {
            *error = c == '\'' ? tr("A single quote (') is not closed.")
                : c == '$'     ? tr("A $'…' string is not closed.")
                               : tr("A double quote (\") is not closed.");
            return false;
        }
        inWord = true;
        i = next;
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

/// One import of a cURL command: what its options say, gathered option by option, then made into
/// the request curl would send.
class CurlImport
{
public:
    CurlImport(CurlImportResult &result, const QDir &base, const CurlCommand::StandardInput &standardInput)
        : m_result(result)
        , m_request(result.request)
        , m_base(base)
        , m_standardInput(standardInput)
    { }

    /// Takes one option in; false (with the result's error set) stops the import.
    bool take(const QByteArray &name, const QByteArray &arg);
    /// Makes the request from the options taken; false (with the result's error set) when it cannot.
    bool finish();

private:
    using Handler = bool (CurlImport::*)(const QByteArray &name, const QByteArray &arg);
    struct OptionHandler
    {
        const char *name;
        Handler handler;
    };
    static const OptionHandler kHandlers[];

    bool fail(const QString &error)
    {
        m_result.error = error;
        return false;
    }
    bool readFile(const QByteArray &name, QByteArray *out);
    bool readStandardInput(QByteArray *out);
    bool encodedPiece(const QByteArray &arg, bool lowerCaseHex, QByteArray *out);

    bool takeUrl(const QByteArray &, const QByteArray &arg);
    bool takeMethod(const QByteArray &, const QByteArray &arg);
    bool takeHeader(const QByteArray &, const QByteArray &arg);
    bool takeData(const QByteArray &name, const QByteArray &arg);
    bool takeUrlQuery(const QByteArray &, const QByteArray &arg);
    bool takeUploadFile(const QByteArray &, const QByteArray &arg);
    bool takeForm(const QByteArray &name, const QByteArray &arg);
    bool takeFormFile(const QByteArray &value, MultipartPart *part);
    bool takeUser(const QByteArray &, const QByteArray &arg);
    bool takeBearer(const QByteArray &, const QByteArray &arg);
    bool takeCookie(const QByteArray &, const QByteArray &arg);
    bool takeUserAgent(const QByteArray &, const QByteArray &arg);
    bool takeReferer(const QByteArray &, const QByteArray &arg);
    bool takeRange(const QByteArray &, const QByteArray &arg);
    bool takeFlag(const QByteArray &name, const QByteArray &);
    bool takeMaxRedirects(const QByteArray &, const QByteArray &arg);
    bool takeSeconds(const QByteArray &name, const QByteArray &arg);

    bool makeUrl();
    bool makeBody();
    void makeUpload();
    void makeHeaders();
    bool checkHeaders();
    bool userSet(QStringView name) const;
    void make(HttpHeaders &to, const QString &name, const QByteArray &value) const;

    CurlImportResult &m_result;
    HttpRequest &m_request;
    const QDir m_base;
    const CurlCommand::StandardInput &m_standardInput;
    bool m_stdinRead = false;

    QByteArray m_url;
    QByteArray m_method;
    bool m_head = false;
    bool m_get = false;
    bool m_hasData = false;
    bool m_json = false;
    QByteArray m_data;
    QList<QByteArray> m_urlQuery;
    QByteArray m_uploadFile;
    QByteArray m_upload;
    QList<MultipartPart> m_formParts;
    QSet<QString> m_removedHeaders;
    QByteArray m_userAgent;
    QByteArray m_referer;
    QByteArray m_authorization;
    QByteArray m_range;
    QList<QByteArray> m_cookieStrings;
    QList<FileCookie> m_fileCookies;
    HttpHeaders m_before; ///< curl's own headers come before those of -H
    HttpHeaders m_after; ///< --json's and -d's come after them
};

const CurlImport::OptionHandler CurlImport::kHandlers[] = {
    { "url", &CurlImport::takeUrl },
    { "request", &CurlImport::takeMethod },
    { "header", &CurlImport::takeHeader },
    { "data", &CurlImport::takeData },
    { "data-ascii", &CurlImport::takeData },
    { "data-binary", &CurlImport::takeData },
    { "data-raw", &CurlImport::takeData },
    { "data-urlencode", &CurlImport::takeData },
    { "json", &CurlImport::takeData },
    { "url-query", &CurlImport::takeUrlQuery },
    { "upload-file", &CurlImport::takeUploadFile },
    { "form", &CurlImport::takeForm },
    { "form-string", &CurlImport::takeForm },
    { "user", &CurlImport::takeUser },
    { "oauth2-bearer", &CurlImport::takeBearer },
    { "cookie", &CurlImport::takeCookie },
    { "user-agent", &CurlImport::takeUserAgent },
    { "referer", &CurlImport::takeReferer },
    { "range", &CurlImport::takeRange },
    { "compressed", &CurlImport::takeFlag },
    { "insecure", &CurlImport::takeFlag },
    { "http1.1", &CurlImport::takeFlag },
    { "http2", &CurlImport::takeFlag },
    { "location", &CurlImport::takeFlag },
    { "head", &CurlImport::takeFlag },
    { "get", &CurlImport::takeFlag },
    { "max-redirs", &CurlImport::takeMaxRedirects },
    { "max-time", &CurlImport::takeSeconds },
    { "connect-timeout", &CurlImport::takeSeconds },
};

bool CurlImport::take(const QByteArray &name, const QByteArray &arg)
{
    for (const OptionHandler &h : kHandlers) {
        if (name == h.name)
            return (this->*h.handler)(name, arg);
    }
    return true;
}

// "@-" (and "-T -") read standard input, once, as curl does; a file name is relative to the base.
bool CurlImport::readFile(const QByteArray &name, QByteArray *out)
{
    if (name == "-")
        return readStandardInput(out);
    QFile f(m_base.absoluteFilePath(QString::fromUtf8(name)));
    if (!f.open(QIODevice::ReadOnly))
        return fail(CurlCommand::tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
    *out = f.readAll();
    return true;
}

bool CurlImport::readStandardInput(QByteArray *out)
{
    if (!m_standardInput)
        return fail(CurlCommand::tr("'@-' reads standard input, which only studybench-cli has; put the data "
                                    "in the command or in a file (@FILE) instead."));
    const std::optional<QByteArray> in = m_stdinRead ? QByteArray() : m_standardInput();
    m_stdinRead = true;
    if (!in)
        return fail(CurlCommand::tr("Cannot read standard input for '@-'."));
    *out = *in;
    return true;
}

// --data-urlencode and --url-query: "content", "=content", "name=content", "@file", "name@file".
bool CurlImport::encodedPiece(const QByteArray &arg, bool lowerCaseHex, QByteArray *out)
{
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
}

bool CurlImport::takeUrl(const QByteArray &, const QByteArray &arg)
{
    if (m_url.isEmpty())
        m_url = arg;
    else
        m_result.warnings.append(
            CurlCommand::tr("Only the first URL is used; ignored '%1'.").arg(QString::fromUtf8(arg)));
    return true;
}

bool CurlImport::takeMethod(const QByteArray &, const QByteArray &arg)
{
    m_method = arg;
    return true;
}

bool CurlImport::takeHeader(const QByteArray &, const QByteArray &arg)
{
    const qsizetype colon = arg.indexOf(':');
    QString headerName;
    QString value;
    if (colon <= 0 && arg.endsWith(';')) {
        headerName = QString::fromUtf8(arg.chopped(1)).trimmed(); // "Name;": an empty header
    } else if (colon > 0) {
        headerName = QString::fromUtf8(arg.left(colon)).trimmed();
        value = QString::fromUtf8(arg.mid(colon + 1)).trimmed();
    }
    if (!isHeaderName(headerName))
        return fail(
            CurlCommand::tr("'%1' is not a header; write 'Name: value' (a name is letters, digits and "
                            "!#$%&'*+-.^_`|~).")
                .arg(QString::fromUtf8(arg)));
    if (colon <= 0) {
        m_request.headers.append({ headerName, QString() });
    } else if (value.isEmpty()) {
        removeHeader(m_request.headers, headerName);
        m_removedHeaders.insert(headerName.toLower());
    } else {
        m_request.headers.append({ headerName, value });
    }
    return true;
}

bool CurlImport::takeData(const QByteArray &name, const QByteArray &arg)
{
    QByteArray value = arg;
    if (name == "data-urlencode") {
        if (!encodedPiece(arg, false, &value))
            return false;
    } else if (name != "data-raw" && value.startsWith('@')) {
        if (!readFile(value.mid(1), &value))
            return false;
        if (name == "data" || name == "data-ascii")
            value.replace("\r", "").replace("\n", "");
    }
    // curl joins the pieces with '&', except that a --json piece continues what came before.
    if (!m_data.isEmpty() && (name != "json" || value.isEmpty()))
        m_data += '&';
    m_data += value;
    m_hasData = true;
    m_json = m_json || name == "json";
    return true;
}

bool CurlImport::takeUrlQuery(const QByteArray &, const QByteArray &arg)
{
    QByteArray piece = arg.mid(1); // "+text" goes as it is
    if (!arg.startsWith('+') && !encodedPiece(arg, true, &piece))
        return false;
    m_urlQuery.append(piece);
    return true;
}

bool CurlImport::takeUploadFile(const QByteArray &, const QByteArray &arg)
{
    m_uploadFile = arg;
    return readFile(arg, &m_upload);
}

bool CurlImport::takeForm(const QByteArray &name, const QByteArray &arg)
{
    const qsizetype eq = arg.indexOf('=');
    if (eq <= 0)
        return fail(CurlCommand::tr("'%1' is not a form field; write 'name=value' or 'name=@file'.")
                .arg(QString::fromUtf8(arg)));
    MultipartPart part;
    part.name = arg.left(eq);
    const QByteArray value = arg.mid(eq + 1);
    if (name == "form" && (value.startsWith('@') || value.startsWith('<'))) {
        if (!takeFormFile(value, &part))
            return false;
    } else {
        part.value = value;
    }
    m_formParts.append(part);
    return true;
}

// "@file;type=...;filename=..." attaches the file; "<file" sends its content as the field's value.
bool CurlImport::takeFormFile(const QByteArray &value, MultipartPart *part)
{
    QList<QByteArray> fields = value.mid(1).split(';');
    const QByteArray path = fields.takeFirst();
    for (const QByteArray &field : std::as_const(fields)) {
        if (field.startsWith("type="))
            part->contentType = field.mid(5);
        else if (field.startsWith("filename="))
            part->fileName = field.mid(9);
    }
    if (!readFile(path, &part->value))
        return false;
    if (value.startsWith('@')) {
        part->isFile = true;
        if (part->fileName.isEmpty())
            part->fileName = QFileInfo(QString::fromUtf8(path)).fileName().toUtf8();
        if (part->contentType.isEmpty())
            part->contentType = "application/octet-stream";
    }
    return true;
}

bool CurlImport::takeUser(const QByteArray &, const QByteArray &arg)
{
    const qsizetype colon = arg.indexOf(':');
    if (colon < 0)
        return fail(CurlCommand::tr("'-u %1' has no password; cURL would ask for one. Write 'user:password'.")
                .arg(QString::fromUtf8(arg)));
    if (!m_authorization.startsWith("Bearer "))
        m_authorization = RequestBuilder::basicAuthorization(
            QString::fromUtf8(arg.left(colon)), QString::fromUtf8(arg.mid(colon + 1)))
                              .toUtf8();
    return true;
}

bool CurlImport::takeBearer(const QByteArray &, const QByteArray &arg)
{
    m_authorization = "Bearer " + arg; // curl prefers it to -u's Basic credentials
    return true;
}

bool CurlImport::takeCookie(const QByteArray &, const QByteArray &arg)
{
    if (arg.contains('=')) {
        m_cookieStrings.append(arg);
        return true;
    }
    // Without '=' the argument names a cookie file; curl sends nothing from one it cannot read.
    QFile f(m_base.absoluteFilePath(QString::fromUtf8(arg)));
    if (!f.open(QIODevice::ReadOnly)) {
        m_result.warnings.append(
            CurlCommand::tr("Cannot read the cookie file %1 (%2); cURL sends no cookies from it.")
                .arg(f.fileName(), f.errorString()));
        return true;
    }
    m_fileCookies += readCookieFile(f.readAll());
    return true;
}

bool CurlImport::takeUserAgent(const QByteArray &, const QByteArray &arg)
{
    m_userAgent = arg;
    return true;
}

bool CurlImport::takeReferer(const QByteArray &, const QByteArray &arg)
{
    m_referer = arg;
    return true;
}

bool CurlImport::takeRange(const QByteArray &, const QByteArray &arg)
{
    m_range = arg;
    if (!arg.isEmpty()
        && std::all_of(arg.cbegin(), arg.cend(), [](char c) { return std::isdigit(uchar(c)); })) {
        m_range += '-';
        m_result.warnings.append(
            CurlCommand::tr("A range needs a dash; as cURL does, '%1' was read as '%1-'.")
                .arg(QString::fromUtf8(arg)));
    }
    return true;
}

bool CurlImport::takeFlag(const QByteArray &name, const QByteArray &)
{
    if (name == "compressed")
        m_request.compressed = true;
    else if (name == "insecure")
        m_request.verifyTls = false;
    else if (name == "http1.1")
        m_request.httpVersion = QStringLiteral("HTTP/1.1");
    else if (name == "http2")
        m_request.httpVersion = QStringLiteral("HTTP/2");
    else if (name == "location")
        m_request.followRedirects = true;
    else if (name == "head")
        m_head = true;
    else if (name == "get")
        m_get = true;
    return true;
}

bool CurlImport::takeMaxRedirects(const QByteArray &, const QByteArray &arg)
{
    bool ok = false;
    const int n = arg.toInt(&ok);
    if (!ok)
        return fail(CurlCommand::tr("'--max-redirs' needs a number."));
    m_request.maxRedirects = n < 0 ? std::numeric_limits<int>::max() : n;
    return true;
}

bool CurlImport::takeSeconds(const QByteArray &name, const QByteArray &arg)
{
    bool ok = false;
    const double seconds = arg.toDouble(&ok);
    if (!ok || seconds < 0 || seconds > std::numeric_limits<int>::max() / 1000)
        return fail(CurlCommand::tr("'--%1' needs a number of seconds.").arg(QString::fromUtf8(name)));
    // As in cURL: --max-time bounds the whole transfer, --connect-timeout the connection phase.
    (name == "max-time" ? m_request.maxTimeMs : m_request.connectTimeoutMs) = int(seconds * 1000);
    return true;
}

bool CurlImport::finish()
{
    if (!makeUrl())
        return false;
    // What curl makes of the options, in the order curl sends it.
    make(m_before, QStringLiteral("Authorization"), m_authorization);
    make(m_before, QStringLiteral("Range"), m_range.isEmpty() ? QByteArray() : "bytes=" + m_range);
    make(m_before, QStringLiteral("User-Agent"), m_userAgent);
    make(m_before, QStringLiteral("Referer"), m_referer);
    if (!makeBody())
        return false;
    if (!m_method.isEmpty())
        m_request.method = QString::fromUtf8(m_method);
    m_request.url = QString::fromUtf8(m_url);
    makeHeaders();
    return checkHeaders();
}

bool CurlImport::makeUrl()
{
    if (m_url.isEmpty())
        return fail(CurlCommand::tr("The cURL command has no URL."));
    if (!QRegularExpression(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"))
            .match(QString::fromUtf8(m_url))
            .hasMatch())
        m_url.prepend("http://");
    if (!m_urlQuery.isEmpty())
        appendQuery(m_url, m_urlQuery.join('&'));
    return true;
}

bool CurlImport::makeBody()
{
    if (!m_uploadFile.isEmpty() && (m_hasData || !m_formParts.isEmpty() || m_head))
        return fail(CurlCommand::tr("cURL sends either a file with -T or data with -d, -F or -I, not both."));
    if (m_head && m_hasData && !m_get)
        return fail(
            CurlCommand::tr("cURL cannot send -d data with -I (a HEAD request has no body); add -G to "
                            "send the data in the URL."));
    if (!m_formParts.isEmpty() && m_hasData)
        return fail(CurlCommand::tr("cURL cannot send -d data and -F form fields together."));
    if (!m_formParts.isEmpty()) {
        const QByteArray boundary = RequestBuilder::newBoundary("------------------------StudyBench");
        m_request.body = RequestBuilder::multipartBody(m_formParts, boundary);
        RequestBuilder::setContentType(
            m_request.headers, RequestBuilder::multipartContentType(boundary), true);
        m_request.method = QStringLiteral("POST");
    } else if (!m_uploadFile.isEmpty()) {
        makeUpload();
    } else if (m_hasData && m_get) {
        appendQuery(m_url, m_data);
        m_request.method = m_head ? QStringLiteral("HEAD") : QStringLiteral("GET");
    } else if (m_hasData) {
        m_request.body = m_data;
        m_request.method = QStringLiteral("POST");
    } else {
        m_request.method = m_head ? QStringLiteral("HEAD") : QStringLiteral("GET");
    }
    return true;
}

// -T FILE: a PUT of the file; a URL without a file name gets the file's.
void CurlImport::makeUpload()
{
    bool pathIsEmpty = false;
    const qsizetype end = pathEnd(m_url, &pathIsEmpty);
    if (m_uploadFile != "-" && (pathIsEmpty || m_url.at(end - 1) == '/')) {
        const QByteArray fileName = QFileInfo(QString::fromUtf8(m_uploadFile)).fileName().toUtf8();
        m_url.insert(end, (pathIsEmpty ? "/" : "") + fileName.toPercentEncoding());
    }
    m_request.body = m_upload;
    m_request.method = QStringLiteral("PUT");
}

void CurlImport::makeHeaders()
{
    QByteArray cookies = cookieHeaderFor(m_fileCookies, QUrl(m_request.url));
    if (!m_cookieStrings.isEmpty())
        cookies += (cookies.isEmpty() ? "" : "; ") + m_cookieStrings.join(';');
    make(m_before, QStringLiteral("Cookie"), cookies);
    if (m_json) {
        make(m_after, QStringLiteral("Content-Type"), "application/json");
        make(m_after, QStringLiteral("Accept"), "application/json");
    } else if (m_hasData && !m_get) {
        make(m_after, QStringLiteral("Content-Type"), "application/x-www-form-urlencoded");
    }
    m_request.headers = m_before + m_request.headers + m_after;
}

// Every option that makes a header (-H, -A, -e, -b, -u) makes one line.
bool CurlImport::checkHeaders()
{
    for (const HttpHeader &h : std::as_const(m_request.headers)) {
        const bool control = std::any_of(h.value.cbegin(), h.value.cend(),
            [](QChar c) { return (c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7F; });
        if (control)
            return fail(
                CurlCommand::tr("The header '%1' has a line break or another control character in its "
                                "value; a header is one line of text.")
                    .arg(h.name));
    }
    return true;
}

// A header given with -H (or removed with -H 'Name:') takes the place of the one curl would make.
bool CurlImport::userSet(QStringView name) const
{
    return hasHeader(m_request.headers, name) || m_removedHeaders.contains(name.toString().toLower());
}

void CurlImport::make(HttpHeaders &to, const QString &name, const QByteArray &value) const
{
    if (!value.isEmpty() && !userSet(name))
        to.append({ name, QString::fromUtf8(value) });
}

} // namespace

CurlImportResult CurlCommand::parse(
    const QString &command, const QString &workingDirectory, const StandardInput &standardInput)
{
    CurlImportResult result;
    result.request.followRedirects = false;
    result.request.maxRedirects = kCurlDefaultMaxRedirects;
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
    CurlImport import(
        result, QDir(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory), standardInput);
    for (const auto &[name, arg] : std::as_const(options)) {
        if (!import.take(name, arg))
            return result;
    }
    import.finish();
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
