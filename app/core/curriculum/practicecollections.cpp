#include "curriculum/practicecollections.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace StudyBench {

namespace {
const QString kResourceDir = QStringLiteral(":/practice");
}

QList<PracticeCollection> PracticeCollections::all()
{
    QList<PracticeCollection> result;
    QFile index(kResourceDir + QStringLiteral("/index.json"));
    if (!index.open(QIODevice::ReadOnly))
        return result;
    const QJsonObject collections
        = QJsonDocument::fromJson(index.readAll()).object().value(u"collections").toObject();
    for (auto it = collections.begin(); it != collections.end(); ++it) {
        PracticeCollection c;
        c.fileName = it.key();
        c.title = it.value().toObject().value(u"title").toString();
        for (const QJsonValue &v : it.value().toObject().value(u"nodes").toArray())
            c.nodeIds.append(v.toString());
        result.append(c);
    }
    return result;
}

QList<PracticeCollection> PracticeCollections::forNode(const QString &nodeId)
{
    QList<PracticeCollection> result;
    if (nodeId.isEmpty())
        return result;
    const QString below = nodeId + QLatin1Char('/');
    for (const PracticeCollection &c : all()) {
        for (const QString &id : c.nodeIds) {
            if (id == nodeId || id.startsWith(below)) {
                result.append(c);
                break;
            }
        }
    }
    return result;
}

QString PracticeCollections::materialize(
    const QString &dataDir, const QString &fileName, quint16 port, QString *error)
{
    const QString source = kResourceDir + QLatin1Char('/') + fileName;
    if (fileName.contains(QLatin1Char('/')) || !QFileInfo::exists(source)) {
        *error = tr("There is no practice collection named %1.").arg(fileName);
        return {};
    }
    const QDir dir(QDir(dataDir).filePath(QStringLiteral("practice")));
    if (!QDir().mkpath(dir.path())) {
        *error = tr("Cannot create the folder %1.").arg(dir.path());
        return {};
    }
    const QString target = dir.filePath(fileName);
    if (!QFileInfo::exists(target)) {
        QFile in(source);
        QSaveFile out(target);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0
            || !out.commit()) {
            *error = tr("Cannot write %1: %2").arg(target, out.errorString());
            return {};
        }
    }
    // The environment follows the port the practice server uses; other environments the learner
    // added to the file are kept.
    const QString envPath = dir.filePath(QStringLiteral("http-client.env.json"));
    QJsonObject environments;
    if (QFile existing(envPath); existing.open(QIODevice::ReadOnly))
        environments = QJsonDocument::fromJson(existing.readAll()).object();
    QJsonObject local = environments.value(u"local").toObject();
    local.insert(QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    environments.insert(QStringLiteral("local"), local);
    QSaveFile env(envPath);
    if (!env.open(QIODevice::WriteOnly) || env.write(QJsonDocument(environments).toJson()) < 0
        || !env.commit()) {
        *error = tr("Cannot write %1: %2").arg(envPath, env.errorString());
        return {};
    }
    return target;
}

} // namespace StudyBench
