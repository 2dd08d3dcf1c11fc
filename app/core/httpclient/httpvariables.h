#pragma once

#include "httpclient/httpenvironment.h"
#include "httpclient/httpfile.h"
#include "httpclient/httpmessage.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QVariantMap>

namespace StudyBench {

/// Substitutes "{{...}}" in .http requests.
///
/// A name is looked up in the file's variables, then in client.global (set by handler scripts),
/// then in the environment. "{{$uuid}}", "{{$timestamp}}" (with an optional offset such as
/// "{{$timestamp -1 d}}"), "{{$isoTimestamp}}", "{{$randomInt MIN MAX}}" (MAX excluded),
/// "{{$random.uuid}}", "{{$processEnv NAME}}" are generated. "{{login.response.body.$.a.b[0]}}"
/// (a JSONPath subset: names, ['quoted names'], [indexes]; "*" for the whole body) and
/// "{{login.response.headers.Location}}" refer to the response of the request named "login".
class HttpVariables
{
    Q_DECLARE_TR_FUNCTIONS(HttpVariables)

public:
    void setFileVariables(const QList<HttpFileVariable> &variables);
    void setEnvironment(const HttpEnvironment &environment);
    const HttpEnvironment &environment() const { return m_environment; }

    QVariantMap &globals() { return m_globals; }
    const QVariantMap &globals() const { return m_globals; }

    /// Remembers @p response for references to @p requestName. The body stays in its file; a
    /// reference reads at most the first 64 MB of it.
    void setResponse(const QString &requestName, const HttpResponse &response);
    bool hasResponse(const QString &requestName) const { return m_responses.contains(requestName); }

    /// When set, references to responses that have not arrived stay as written instead of being
    /// errors (for --dry-run, which sends nothing).
    void setKeepUnresolvedReferences(bool keep) { m_keepUnresolvedReferences = keep; }

    /// @p text with every "{{...}}" replaced; problems are appended to @p errors.
    QString resolve(const QString &text, QStringList *errors) const;
    /// A request ready to send; problems, with the line they are on in @p sourceFile, are appended
    /// to @p errors.
    HttpRequest resolveRequest(const HttpRequestTemplate &request, const QString &baseDirectory,
        const QString &sourceFile, QList<HttpFileError> *errors) const;

    /// Masks the environment's secret values.
    SecretMasker masker() const { return m_environment.masker(); }

    /// Evaluates JSONPath subset @p path ("$.a.b[0].c") in @p root; false when it does not match.
    static bool evaluateJsonPath(
        const QJsonValue &root, const QString &path, QJsonValue *result, QString *error = nullptr);

private:
    /// The variables being expanded (to catch cycles) and a budget (to stop exponential growth
    /// such as @a = {{b}}{{b}}, @b = {{c}}{{c}}, …).
    struct Expansion
    {
        QStringList active;
        qsizetype budget = 0;
        bool exhausted = false;
    };
    QString resolveExpression(
        const QString &expression, QStringList *errors, Expansion *expansion, bool *resolved) const;
    QString resolveText(const QString &text, QStringList *errors, Expansion *expansion) const;
    QString expandVariable(const QString &name, const QString &value, QStringList *errors,
        Expansion *expansion, bool *resolved) const;
    QString dynamicValue(const QString &expression, QStringList *errors) const;
    QString responseReference(const QString &expression, QStringList *errors, bool *resolved) const;

    QHash<QString, QString> m_fileVariables;
    HttpEnvironment m_environment;
    QVariantMap m_globals;
    QHash<QString, HttpResponse> m_responses; ///< bodies stay in their files until referenced
    bool m_keepUnresolvedReferences = false;
};

} // namespace StudyBench
