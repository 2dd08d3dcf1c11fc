#pragma once

#include "httpclient/httpmessage.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace StudyBench {

class SecretMasker;

struct CurlImportResult
{
    HttpRequest request;
    QString error; ///< empty on success
    QStringList warnings; ///< options that were understood but ignored

    bool ok() const { return error.isEmpty(); }
};

/// Reads and writes cURL command lines, as browsers' "Copy as cURL" (bash) produce them.
///
/// Import understands bash quoting ('…', "…", $'…' ANSI-C strings, backslash escapes and
/// backslash-newline continuations, # comments), a leading shell prompt ("$ curl …") and the options
/// -X/--request, -H/--header, -d/--data, --data-raw, --data-binary, --data-ascii, --data-urlencode,
/// --json, -F/--form, --form-string, --url, --url-query, -G/--get, -I/--head, -T/--upload-file,
/// -u/--user, --oauth2-bearer, -b/--cookie (name=value or a Netscape cookie file), -A/--user-agent,
/// -e/--referer, -r/--range, --compressed, -k/--insecure, -L/--location, --max-redirs, -m/--max-time,
/// --http1.1, --http2, making the request curl 8 sends. Options that only change curl's output are
/// ignored; any other is refused as not supported. Export writes a command that sends the same request.
class CurlCommand
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)

public:
    /// Reads all of standard input for "@-"; nullopt when it cannot.
    using StandardInput = std::function<std::optional<QByteArray>()>;

    /// Parses @p command; relative "@file" arguments are read from @p workingDirectory. "@-" (standard
    /// input) is read with @p standardInput, and refused when there is none (as in the GUI).
    static CurlImportResult parse(const QString &command, const QString &workingDirectory = {},
        const StandardInput &standardInput = {});
    /// A bash command line that reproduces @p request. Secret values are replaced with "••••" when
    /// @p masker is given. With @p multiline, options go on continuation lines as browsers write them.
    static QString toCurl(
        const HttpRequest &request, const SecretMasker *masker = nullptr, bool multiline = true);

    /// Splits a bash command line into words (bytes, since $'\xff' need not be UTF-8); returns false
    /// (with @p error) on unbalanced quotes.
    static bool splitShellWords(const QString &command, QList<QByteArray> *words, QString *error);
    /// Quotes @p bytes for bash: '…' when possible, $'…' for control characters and non-UTF-8 bytes.
    static QString quote(const QByteArray &bytes);
};

} // namespace StudyBench
