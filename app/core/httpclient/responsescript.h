#pragma once

#include "httpclient/httpfile.h"
#include "httpclient/httpmessage.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace StudyBench {

/// One client.test() (or a failed client.assert() outside a test).
struct ScriptTestResult
{
    QString name;
    bool passed = false;
    QString message; ///< why it failed; empty when it passed
};

struct ScriptResult
{
    QList<ScriptTestResult> tests;
    QStringList log; ///< client.log() lines
    QStringList warnings; ///< what the script could not see (a body cut at kMaxBodyBytes)
    QString error; ///< a script error (syntax, exception, endless loop); empty when it ran to the end
    QString errorFile;
    int errorLine = 0; ///< the error's line in errorFile (the .http file for inline scripts)

    bool ok() const { return error.isEmpty(); }
    bool allPassed() const;
    /// "file:line: error"
    QString errorText() const;
};

/// Runs JetBrains-style response handler scripts in a QJSEngine.
///
/// The script sees `client` (test(name, fn), assert(condition, message), log(...), and global:
/// set/get/clear/clearAll/isEmpty, kept in @p globals across scripts) and `response` (status,
/// body: parsed JSON when the content type is JSON, else text; headers.valueOf(name) and
/// headers.valuesOf(name); contentType.mimeType and contentType.charset). A script that runs longer
/// than @p timeoutMs is interrupted from a watchdog thread and reported as an error.
class ResponseScript
{
    Q_DECLARE_TR_FUNCTIONS(ResponseScript)

public:
    static constexpr int kDefaultTimeoutMs = 5000;
    static constexpr qint64 kMaxBodyBytes = qint64(64)
        << 20; ///< larger bodies are given to scripts truncated

    /// Runs @p script; @p fileName and @p firstLine place its line 1 (for inline scripts in a .http file).
    static ScriptResult run(const QString &script, const HttpResponse &response, QVariantMap *globals,
        const QString &fileName = {}, int firstLine = 1, int timeoutMs = kDefaultTimeoutMs);
    static ScriptResult runFile(const QString &path, const HttpResponse &response, QVariantMap *globals,
        int timeoutMs = kDefaultTimeoutMs);
};

/// The response handler of a .http request: its inline "> {% ... %}" script, or else its
/// "> file.js", whose path starts from the .http file's folder. The CLI and the HTTP client widget
/// both pick and run handlers through it.
struct ResponseHandler
{
    QString script; ///< the inline script; empty when the handler is a file
    QString scriptFile; ///< the absolute path of the handler file; empty for an inline script
    QString sourceFile; ///< the .http file, for the inline script's messages
    int line = 0; ///< the inline script's first line in sourceFile

    /// The handler of @p request, from the .http file @p sourceFile in @p baseDirectory.
    static ResponseHandler of(
        const HttpRequestTemplate &request, const QString &baseDirectory, const QString &sourceFile);
    bool isEmpty() const { return script.isEmpty() && scriptFile.isEmpty(); }
    /// Runs the handler (ResponseScript::run or runFile). Call only when !isEmpty().
    ScriptResult run(const HttpResponse &response, QVariantMap *globals) const;
};

} // namespace StudyBench
