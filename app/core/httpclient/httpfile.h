#pragma once

#include "httpclient/httpmessage.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// Where and why a .http file (or something it refers to) could not be used.
struct HttpFileError
{
    QString file;
    int line = 0; ///< 1-based; 0 when about the file as a whole
    QString message;

    /// "file:line: message", the form compilers use.
    QString toString() const;
};

/// `@name = value`, a file variable. Its value may use other variables.
struct HttpFileVariable
{
    QString name;
    QString value;
    int line = 0;
};

/// One piece of a request body: literal text, or the contents of a file (`< ./file`, or `<@ ./file`
/// to substitute variables inside it).
struct HttpBodyPart
{
    enum Kind
    {
        Text,
        File,
        FileWithVariables
    };
    Kind kind = Text;
    QString text; ///< the text, or the file path as written
    int line = 0;
};

/// A request as written in a .http file, before variables are substituted.
struct HttpRequestTemplate
{
    QString name; ///< "# @name x", else the "###" title; may be empty
    QString title; ///< the "###" separator's title
    int line = 0; ///< the request line
    QString method;
    QString url;
    QString httpVersion; ///< "HTTP/1.1" when given
    QList<HttpHeader> headers;
    QList<int> headerLines;
    QList<HttpBodyPart> body;
    QString bodySeparator; ///< how body text lines are joined: "\n", "\r\n" for multipart, "" for forms

    QString handlerScript; ///< inline "> {% ... %}" script
    QString handlerScriptFile; ///< "> ./file.js", as written
    int handlerLine = 0; ///< line of the script's first line of code

    // Per-request directives ("# @no-redirect", "# @timeout 5", "# @connection-timeout 2",
    // "# @max-time 1 m", "# @insecure", "# @no-cookie-jar").
    bool noRedirect = false;
    bool insecure = false;
    bool noCookieJar = false;
    int timeoutMs
        = -1; ///< "@timeout": the idle (read) timeout, as in the JetBrains HTTP Client; -1: the default
    int connectTimeoutMs = -1; ///< "@connection-timeout", as in the JetBrains HTTP Client; -1: the default
    int maxTimeMs = -1; ///< "@max-time" (StudyBench's, after cURL): the total deadline; -1: the default

    QString displayName() const;
};

/// A parsed .http / .rest file.
struct HttpFile
{
    QString path; ///< absolute path, or the name given to parse()
    QList<HttpFileVariable> variables;
    QList<HttpRequestTemplate> requests;
    QList<HttpFileError> errors;

    bool ok() const { return errors.isEmpty(); }
    /// The directory relative paths (`< ./body.json`, `> ./handler.js`) start from.
    QString baseDirectory() const;
    /// The index of the request named @p name, or -1.
    qsizetype indexOf(const QString &name) const;
};

/// Parses the .http dialects of VS Code REST Client and the JetBrains HTTP Client.
///
/// Requests are separated by lines starting with "###" (the rest of the line is a title). Before
/// the request line come comments ("#" or "//"), "@name = value" file variables, and directives
/// ("# @name login", "# @no-redirect", "# @timeout 10", "# @connection-timeout 5", "# @max-time 2 m",
/// "# @insecure", "# @no-cookie-jar"). The request
/// line is "METHOD URL [HTTP/x]" or a bare URL (GET); lines that start with "?" or "&" continue the
/// URL. Header lines follow, then a blank line and the body, which may include "< ./file"
/// lines. "> {% ... %}" or "> ./handler.js" ends the request with a response handler script.
class HttpFileParser
{
    Q_DECLARE_TR_FUNCTIONS(HttpFileParser)

public:
    static HttpFile parse(const QString &text, const QString &fileName);
    static HttpFile parseFile(const QString &path);
};

} // namespace StudyBench
