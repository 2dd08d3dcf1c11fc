#include "editor/scratchpads.h"

#include "util/datalocation.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSaveFile>

namespace StudyBench {

ScratchPads::ScratchPads(QString dataDir)
    : m_dataDir(std::move(dataDir))
{ }

QString ScratchPads::rootPath() const
{
    return QDir(m_dataDir).filePath(DataFile::scratchFolder());
}

bool ScratchPads::isValidNodeId(const QString &nodeId)
{
    if (nodeId.isEmpty() || nodeId.startsWith(QLatin1Char('/')) || nodeId.endsWith(QLatin1Char('/'))
        || nodeId.contains(QLatin1Char('\\')) || nodeId.contains(QLatin1Char(':')))
        return false;
    const QStringList segments = nodeId.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1StringView(".") || segment == QLatin1StringView(".."))
            return false;
    }
    return true;
}

QString ScratchPads::folderFor(const QString &nodeId) const
{
    if (!isValidNodeId(nodeId))
        return {};
    return QDir(rootPath()).filePath(nodeId);
}

QString ScratchPads::practiceFile(const QString &nodeId, const QString &fileName, QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    const QString folder = folderFor(nodeId);
    if (folder.isEmpty())
        return fail(tr("“%1” is not a valid curriculum node id.").arg(nodeId));
    if (fileName.isEmpty() || fileName.contains(QLatin1Char('/')) || fileName.contains(QLatin1Char('\\'))
        || fileName == QLatin1StringView("..") || fileName == QLatin1StringView("."))
        return fail(tr("“%1” is not a valid file name for a scratch pad.").arg(fileName));
    if (!QDir().mkpath(folder))
        return fail(tr("The folder %1 could not be created.").arg(QDir::toNativeSeparators(folder)));
    const QString path = QDir(folder).filePath(fileName);
    if (!QFileInfo::exists(path)) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !file.commit())
            return fail(
                tr("%1 could not be created: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    return path;
}

QStringList ScratchPads::files(const QString &nodeId) const
{
    const QString folder = folderFor(nodeId);
    if (folder.isEmpty())
        return {};
    const QDir dir(folder);
    QStringList paths;
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names)
        paths.append(dir.filePath(name));
    return paths;
}

QStringList ScratchPads::nodesWithFiles() const
{
    const QDir root(rootPath());
    if (!root.exists())
        return {};
    QStringList ids;
    QDirIterator it(
        root.path(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString folder = QFileInfo(it.next()).absolutePath();
        const QString id = root.relativeFilePath(folder);
        if (id != QLatin1StringView(".") && !ids.contains(id))
            ids.append(id);
    }
    ids.sort();
    return ids;
}

} // namespace StudyBench
