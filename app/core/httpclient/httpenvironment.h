#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace StudyBench {

/// Hides secret values in text that leaves the process: exports, logs, history, --dry-run.
///
/// Masking is by value: every occurrence of a secret's value (and of its percent-encoded form)
/// is replaced, so a secret stays hidden however it was combined into a URL, header or body.
class SecretMasker
{
public:
    static QString maskText() { return QStringLiteral("\u2022\u2022\u2022\u2022"); }

    void addSecret(const QString &name, const QString &value);
    bool isEmpty() const { return m_secrets.isEmpty(); }
    QStringList names() const;

    /// @p text with every secret value replaced by "••••".
    QString mask(const QString &text) const;
    QByteArray mask(const QByteArray &bytes) const;
    /// @p text with every secret value replaced by "{{name}}", so it can be resolved again later.
    QString toVariableReferences(const QString &text) const;
    QByteArray toVariableReferences(const QByteArray &bytes) const;
    /// The inverse of toVariableReferences(): "{{name}}" of each secret replaced by its value.
    QString fromVariableReferences(const QString &text) const;
    QByteArray fromVariableReferences(const QByteArray &bytes) const;

private:
    struct Secret
    {
        QString name;
        QString value;
    };
    QList<Secret> m_secrets; ///< longest value first
};

/// One named environment: its variables, with the private file's values merged over the public.
struct HttpEnvironment
{
    QString name;
    QMap<QString, QString> variables;
    QSet<QString> secretNames; ///< the variables that came from the private file

    bool isSecret(const QString &variable) const { return secretNames.contains(variable); }
    SecretMasker masker() const;
};

/// The environment files of a .http file's directory, in the JetBrains format:
/// http-client.env.json, and http-client.private.env.json for secrets (kept out of version
/// control). Both map environment names to objects of variables; "$shared" applies to all.
class HttpEnvironmentFiles
{
    Q_DECLARE_TR_FUNCTIONS(HttpEnvironmentFiles)

public:
    static QString publicFileName() { return QStringLiteral("http-client.env.json"); }
    static QString privateFileName() { return QStringLiteral("http-client.private.env.json"); }

    /// Reads the files in @p directory; missing files are fine, malformed ones are errors.
    bool load(const QString &directory);
    /// The same from the files' contents (empty: no such file), as if they were in @p directory.
    bool loadData(const QByteArray &publicJson, const QByteArray &privateJson, const QString &directory = {});
    QString errorString() const { return m_error; }

    QStringList environmentNames() const;
    /// The environment @p name; nullopt (and an error message) when neither file defines it.
    std::optional<HttpEnvironment> environment(const QString &name, QString *error = nullptr) const;

    QString publicPath() const { return m_publicPath; }
    QString privatePath() const { return m_privatePath; }

private:
    bool readFile(const QString &path, QJsonObject *into);
    bool parseJson(const QByteArray &bytes, const QString &path, QJsonObject *into);

    QString m_publicPath;
    QString m_privatePath;
    QJsonObject m_public;
    QJsonObject m_private;
    QString m_error;
};

} // namespace StudyBench
