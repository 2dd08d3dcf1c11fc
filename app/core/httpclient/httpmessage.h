#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

class QTemporaryFile;

namespace StudyBench {

/// One header field, kept in the order it was written.
struct HttpHeader
{
    QString name;
    QString value;

    bool operator==(const HttpHeader &other) const = default;
};

using HttpHeaders = QList<HttpHeader>;

/// The first value of header @p name (case-insensitive), or a null string.
QString headerValue(const HttpHeaders &headers, QStringView name);
/// Every value of header @p name, in order.
QStringList headerValues(const HttpHeaders &headers, QStringView name);
bool hasHeader(const HttpHeaders &headers, QStringView name);
/// Removes every header named @p name; returns how many were removed.
qsizetype removeHeader(HttpHeaders &headers, QStringView name);

/// @p text with control characters (C0 but tab, DEL, C1) written as \xNN, so that what a server sends
/// cannot drive the terminal it is printed on.
QString escapeControls(QStringView text);

/// The media type and charset of a Content-Type value ("application/json; charset=utf-8").
struct ContentType
{
    QString mimeType; ///< lower case, without parameters
    QString charset; ///< lower case; empty when not given
    QString boundary; ///< for multipart types

    static ContentType parse(const QString &headerValue);
    bool isJson() const;
    /// Text a person can read: text/*, JSON, XML, JavaScript, form data.
    bool isText() const;
};

/// A request ready to send: every variable substituted, the body as bytes.
struct HttpRequest
{
    static constexpr int kDefaultMaxTimeMs = 5 * 60 * 1000;

    QString method = QStringLiteral("GET");
    QString url;
    HttpHeaders headers;
    QByteArray body;

    // Transfer options; the defaults are those of the .http dialects.
    int timeoutMs = 30000; ///< idle timeout: how long the transfer may go without progress; 0 disables
    /// The total deadline of the whole request, redirects included (cURL --max-time, "# @max-time");
    /// 0 disables.
    int maxTimeMs = kDefaultMaxTimeMs;
    /// How long each connection may take to be set up: DNS, TCP and TLS (cURL --connect-timeout,
    /// "# @connection-timeout"); 0: only the idle timeout and the total deadline apply.
    int connectTimeoutMs = 0;
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true; ///< turned off only explicitly (cURL -k, "# @insecure")
    bool compressed = false; ///< cURL --compressed; the engine always accepts compressed bodies
    bool useCookieJar = true;
    qint64 maxBodyBytes = qint64(1) << 30; ///< decoded body limit (gzip bomb protection)
    /// "HTTP/1.1" sends https:// requests through StudyBench's strict HTTP/1.1 client too (the
    /// version on a .http request line, cURL --http1.1). Empty or "HTTP/2": https:// goes through
    /// QNetworkAccessManager, which uses HTTP/2 when the server offers it. http:// is always HTTP/1.1.
    QString httpVersion;

    // Where it came from, for messages and history.
    QString name;
    QString sourceFile;
    int line = 0;

    bool operator==(const HttpRequest &other) const = default;
};

/// A time limit for messages: "300 ms", "5 s", "2.5 s", "5 min".
QString timeLimitText(qint64 ms);
/// What a transfer that ended at each of the three time limits says, on either transport.
QString idleTimeoutMessage(const QString &host, qint64 ms);
QString connectTimeoutMessage(const QString &host, qint64 ms);
QString totalTimeoutMessage(qint64 ms, qint64 bodyBytes);

/// {"method", "url", "headers": [{"name", "value"}...], and "body" (UTF-8 text) or "bodyBase64"}, plus
/// the transfer options and origin when @p withOptions.
QJsonObject requestToJson(const HttpRequest &request, bool withOptions = false);
/// The inverse of requestToJson(); missing options keep their defaults.
HttpRequest requestFromJson(const QJsonObject &json);

/// What went wrong with a transfer, when something did.
enum class HttpErrorKind
{
    None,
    ConnectionRefused,
    UnknownHost,
    Tls,
    Timeout,
    TooManyRedirects,
    RedirectLoop,
    InvalidChunkedEncoding,
    Protocol,
    BodyTooLarge,
    Cancelled,
    InvalidRequest,
    Io,
    Other,
};

/// Where the time went. Phases are in ms; -1 means not measured or did not happen. Requests sent by
/// StudyBench's HTTP/1.1 client measure every phase; those sent by QNetworkAccessManager (https://
/// unless HTTP/1.1 is asked for) only first byte and total.
struct HttpTimings
{
    qint64 totalMs = -1; ///< always set once the transfer ends
    qint64 firstByteMs = -1; ///< from the start to the first byte of the (final) response
    qint64 dnsMs = -1; ///< looking up the host name
    qint64 connectMs = -1; ///< the TCP handshake
    qint64 tlsMs = -1; ///< the TLS handshake
    qint64 waitMs = -1; ///< from the request's last byte to the response's first byte
    bool reusedConnection = false; ///< a kept-alive connection was used: no DNS, no connect
    bool detailed = false; ///< sent by StudyBench's HTTP/1.1 client, which measures every phase
};

/// A response. The body lives in a temporary file (deleted with the last copy of the response).
struct HttpResponse
{
    Q_DECLARE_TR_FUNCTIONS(HttpResponse)

public:
    HttpErrorKind error = HttpErrorKind::None;
    QString errorString;
    QStringList warnings; ///< e.g. a text body that is not valid UTF-8

    int status = 0; ///< 0 when no response arrived
    QString reason;
    QString httpVersion;
    QString finalUrl;
    HttpHeaders headers;
    std::shared_ptr<QTemporaryFile> bodyFile;
    qint64 bodySize = 0; ///< decoded bytes written to bodyFile
    HttpTimings timings;

    bool ok() const { return error == HttpErrorKind::None; }
    ContentType contentType() const;
    /// The body's path on disk; empty when there is no body file.
    QString bodyPath() const;
    /// Reads up to @p maxBytes of the body (all of it when negative). Only call for small bodies.
    QByteArray readBody(qint64 maxBytes = -1) const;
};

} // namespace StudyBench
