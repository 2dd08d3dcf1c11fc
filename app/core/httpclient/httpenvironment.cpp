#include "httpclient/httpenvironment.h"

#include "util/jsontext.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace StudyBench {

void SecretMasker::addSecret(const QString &name, const QString &value)
{
    if (value.isEmpty())
        return;
    m_secrets.append({ name, value });
    std::stable_sort(m_secrets.begin(), m_secrets.end(),
        [](const Secret &a, const Secret &b) { return a.value.size() > b.value.size(); });
}

QStringList SecretMasker::names() const
{
    QStringList list;
    for (const Secret &s : m_secrets)
        list.append(s.name);
    return list;
}

QString SecretMasker::mask(const QString &text) const
{
    QString result = text;
    for (const Secret &s : m_secrets) {
        result.replace(s.value, maskText());
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(s.value));
        if (encoded != s.value)
            result.replace(encoded, maskText());
    }
    return result;
}

QByteArray SecretMasker::mask(const QByteArray &bytes) const
{
    QByteArray result = bytes;
    const QByteArray replacement = maskText().toUtf8();
    for (const Secret &s : m_secrets) {
        result.replace(s.value.toUtf8(), replacement);
        const QByteArray encoded = QUrl::toPercentEncoding(s.value);
        if (encoded != s.value.toUtf8())
            result.replace(encoded, replacement);
    }
    return result;
}

QString SecretMasker::toVariableReferences(const QString &text) const
{
    QString result = text;
    for (const Secret &s : m_secrets)
        result.replace(s.value, QStringLiteral("{{%1}}").arg(s.name));
    return result;
}

QByteArray SecretMasker::toVariableReferences(const QByteArray &bytes) const
{
    QByteArray result = bytes;
    for (const Secret &s : m_secrets)
        result.replace(s.value.toUtf8(), QByteArray("{{" + s.name.toUtf8() + "}}"));
    return result;
}

QString SecretMasker::fromVariableReferences(const QString &text) const
{
    QString result = text;
    for (const Secret &s : m_secrets)
        result.replace(QStringLiteral("{{%1}}").arg(s.name), s.value);
    return result;
}

QByteArray SecretMasker::fromVariableReferences(const QByteArray &bytes) const
{
    QByteArray result = bytes;
    for (const Secret &s : m_secrets)
        result.replace(QByteArray("{{" + s.name.toUtf8() + "}}"), s.value.toUtf8());
    return result;
}

SecretMasker HttpEnvironment::masker() const
{
    SecretMasker masker;
    for (const QString &secret : secretNames)
        masker.addSecret(secret, variables.value(secret));
    return masker;
}

bool HttpEnvironmentFiles::readFile(const QString &path, QJsonObject *into)
{
    *into = QJsonObject();
    QFile f(path);
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    return parseJson(f.readAll(), path, into);
}

bool HttpEnvironmentFiles::parseJson(const QByteArray &bytes, const QString &path, QJsonObject *into)
{
    *into = QJsonObject();
    if (bytes.trimmed().isEmpty())
        return true;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(parseError.offset).count('\n')) + 1;
        m_error = tr("%1:%2: not valid JSON: %3").arg(path).arg(line).arg(parseError.errorString());
        return false;
    }
    if (!doc.isObject()) {
        m_error = tr("%1: expected an object of environments, such as {\"dev\": {\"host\": \"localhost\"}}.")
                      .arg(path);
        return false;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!it.value().isObject()) {
            m_error = tr("%1: environment '%2' must be an object of variables.").arg(path, it.key());
            return false;
        }
    }
    *into = root;
    return true;
}

bool HttpEnvironmentFiles::loadData(
    const QByteArray &publicJson, const QByteArray &privateJson, const QString &directory)
{
    m_error.clear();
    const QDir dir(directory);
    m_publicPath = dir.absoluteFilePath(publicFileName());
    m_privatePath = dir.absoluteFilePath(privateFileName());
    return parseJson(publicJson, m_publicPath, &m_public)
        && parseJson(privateJson, m_privatePath, &m_private);
}

bool HttpEnvironmentFiles::load(const QString &directory)
{
    m_error.clear();
    const QDir dir(directory);
    m_publicPath = dir.absoluteFilePath(publicFileName());
    m_privatePath = dir.absoluteFilePath(privateFileName());
    return readFile(m_publicPath, &m_public) && readFile(m_privatePath, &m_private);
}

QStringList HttpEnvironmentFiles::environmentNames() const
{
    QStringList names = m_public.keys();
    for (const QString &k : m_private.keys()) {
        if (!names.contains(k))
            names.append(k);
    }
    names.removeAll(QStringLiteral("$shared"));
    names.sort();
    return names;
}

std::optional<HttpEnvironment> HttpEnvironmentFiles::environment(const QString &name, QString *error) const
{
    if (!m_public.contains(name) && !m_private.contains(name)) {
        if (error) {
            const QStringList names = environmentNames();
            *error = names.isEmpty()
                ? tr("No environment '%1': there is no %2 beside the file.").arg(name, publicFileName())
                : tr("No environment '%1'; the environments are: %2.")
                      .arg(name, names.join(QStringLiteral(", ")));
        }
        return std::nullopt;
    }
    HttpEnvironment env;
    env.name = name;
    const QString shared = QStringLiteral("$shared");
    for (const QJsonObject *file : { &m_public, &m_private }) {
        for (const QString &scope : { shared, name }) {
            const QJsonObject vars = file->value(scope).toObject();
            for (auto it = vars.begin(); it != vars.end(); ++it) {
                env.variables.insert(it.key(), jsonValueText(it.value()));
                if (file == &m_private)
                    env.secretNames.insert(it.key());
            }
        }
    }
    return env;
}

} // namespace StudyBench
