#include "curriculum/practicecollections.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <utility>
#include <vector>

namespace StudyBench {

namespace {
const QString kResourceDir = QStringLiteral(":/practice");
}

namespace {

// The shipped index, read once (it is compiled in), with the collections by the item IDs they name.
struct CollectionIndex
{
    QList<PracticeCollection> collections;
    /// (item ID, position in collections), sorted by ID.
    std::vector<std::pair<QString, qsizetype>> byNode;
};

CollectionIndex readIndex()
{
    CollectionIndex result;
    QFile index(kResourceDir + QStringLiteral("/index.json"));
    if (!index.open(QIODevice::ReadOnly))
        return result;
    const QJsonObject collections
        = QJsonDocument::fromJson(index.readAll()).object().value(u"collections").toObject();
    for (auto it = collections.begin(); it != collections.end(); ++it) {
        PracticeCollection c;
        c.fileName = it.key();
        c.title = it.value().toObject().value(u"title").toString();
        for (const QJsonValue &v : it.value().toObject().value(u"nodes").toArray()) {
            c.nodeIds.append(v.toString());
            result.byNode.emplace_back(v.toString(), result.collections.size());
        }
        result.collections.append(c);
    }
    std::sort(result.byNode.begin(), result.byNode.end());
    return result;
}

const CollectionIndex &collectionIndex()
{
    static const CollectionIndex index = readIndex();
    return index;
}

} // namespace

QList<PracticeCollection> PracticeCollections::all()
{
    return collectionIndex().collections;
}

QList<PracticeCollection> PracticeCollections::forNode(const QString &nodeId)
{
    QList<PracticeCollection> result;
    if (nodeId.isEmpty())
        return result;
    const CollectionIndex &index = collectionIndex();
    const auto byId = [](const std::pair<QString, qsizetype> &entry, const QString &id) {
        return entry.first < id;
    };
    // The item itself, then the items below it: "a/b" sorts after "a-c", so the two are looked up apart.
    std::vector<qsizetype> found;
    auto it = std::lower_bound(index.byNode.cbegin(), index.byNode.cend(), nodeId, byId);
    for (; it != index.byNode.cend() && it->first == nodeId; ++it)
        found.push_back(it->second);
    const QString below = nodeId + QLatin1Char('/');
    it = std::lower_bound(index.byNode.cbegin(), index.byNode.cend(), below, byId);
    for (; it != index.byNode.cend() && it->first.startsWith(below); ++it)
        found.push_back(it->second);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    for (const qsizetype i : found)
        result.append(index.collections.at(i));
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
