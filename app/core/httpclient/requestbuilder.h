#pragma once

#include "httpclient/httpmessage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// One field of a form or multipart body. For a multipart file part, value is the file's path
/// (relative to RequestDescription::baseDirectory) until RequestBuilder reads it.
struct RequestField
{
    QString name;
    QString value;
    bool isFile = false;

    bool operator==(const RequestField &other) const = default;
};

/// A part of a multipart/form-data body, with its bytes already read.
struct MultipartPart
{
    QByteArray name; ///< UTF-8
    QByteArray value;
    QByteArray fileName; ///< UTF-8; with isFile, written as filename="..."
    QByteArray contentType; ///< written as the part's Content-Type when not empty
    bool isFile = false;
};

/// What a request is made of, with its variables already resolved by the caller: the request
/// editor maps its widgets onto it, the cURL importer and the CLI use its pieces.
struct RequestDescription
{
    enum class Body
    {
        None,
        Raw, ///< request.body is sent as it is; rawContentType is added unless the request has one
        Form, ///< fields, application/x-www-form-urlencoded
        Multipart, ///< fields, multipart/form-data
        File ///< the file bodyFile
    };
    enum class Auth
    {
        None,
        Basic,
        Bearer,
        ApiKey
    };

    Body body = Body::None;
    QString rawContentType;
    QList<RequestField> fields;
    QString bodyFile;
    QString baseDirectory; ///< relative file paths are read from here

    Auth auth = Auth::None;
    QString user;
    QString password;
    QString token;
    QString apiKeyName;
    QString apiKeyValue;
    bool apiKeyInQuery = false;
};

/// Builds request bodies and authentication: the one place that knows how multipart bodies, form
/// bodies, file bodies and Authorization headers are written.
class RequestBuilder
{
    Q_DECLARE_TR_FUNCTIONS(RequestBuilder)

public:
    /// Applies @p description's body and authentication to @p request (its method, URL and headers
    /// already set). Returns what went wrong, one message per problem; the request keeps everything
    /// that could be built.
    static QStringList apply(HttpRequest &request, const RequestDescription &description);

    /// "Basic " and the Base64 of the UTF-8 "user:password" (RFC 7617). A ':' in the user name
    /// cannot be told from the separator by a server, but is sent as given.
    static QString basicAuthorization(const QString &user, const QString &password);
    /// Sets the Authorization header, replacing any that was there.
    static void setAuthorization(HttpHeaders &headers, const QString &value);

    /// name=value pairs joined by '&', both percent-encoded as UTF-8.
    static QByteArray formUrlEncoded(const QList<RequestField> &fields);

    /// A fresh boundary: @p prefix and 24 random hexadecimal digits.
    static QByteArray newBoundary(const QByteArray &prefix = "----StudyBench");
    /// A name or file name as written in Content-Disposition: '"', CR and LF percent-encoded as
    /// browsers do (WHATWG HTML, multipart/form-data encoding), so a name cannot end the quoted string.
    static QByteArray escapeDispositionValue(const QByteArray &utf8);
    /// The multipart/form-data body of @p parts, ended with the closing boundary.
    static QByteArray multipartBody(const QList<MultipartPart> &parts, const QByteArray &boundary);
    /// "multipart/form-data; boundary=..."
    static QString multipartContentType(const QByteArray &boundary);

    /// Reads @p path as a part of a multipart body: its bytes, file name and MIME type. Returns an
    /// error message (empty on success) naming the file and the field.
    static QString readFilePart(const QString &path, const QString &fieldName, MultipartPart *part);
    /// Reads @p path, the whole body of a request; returns an error message, empty on success.
    static QString readBodyFile(const QString &path, QByteArray *body, QString *mimeType);

    /// Sets Content-Type to @p value: with @p replace always, else only when there is none.
    static void setContentType(HttpHeaders &headers, const QString &value, bool replace);
    /// @p url with "name=value" (percent-encoded) added to its query, before any fragment.
    static QString withQueryItem(const QString &url, const QString &name, const QString &value);

private:
    static void applyBody(HttpRequest &request, const RequestDescription &d, QStringList *errors);
    static void applyMultipart(HttpRequest &request, const RequestDescription &d, QStringList *errors);
    static void applyFile(HttpRequest &request, const RequestDescription &d, QStringList *errors);
    static void applyAuth(HttpRequest &request, const RequestDescription &d, QStringList *errors);
};

} // namespace StudyBench
