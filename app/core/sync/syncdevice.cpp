#include "sync/syncdevice.h"

#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

#include <sys/stat.h>

namespace StudyBench {

namespace {

const QString kId = QStringLiteral("deviceId");
const QString kDir = QStringLiteral("dataDir");
const QString kInode = QStringLiteral("inode");
const QString kFolder = QStringLiteral("folder");

QString settingsPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(DataFile::syncSettings());
}

// The inode of @p dir as text (empty when it cannot be read).
QString inodeOf(const QString &dir)
{
    struct stat info {};
    if (::stat(QFile::encodeName(dir).constData(), &info) != 0)
        return {};
    return QString::number(quint64(info.st_ino));
}

QString newDeviceId()
{
    QString id;
    for (int i = 0; i < 4; ++i)
        id += QString::number(QRandomGenerator::system()->generate(), 36).rightJustified(7, u'0').right(7);
    return id.toUpper();
}

QJsonObject readSettings(const QString &dataDir)
{
    QFile file(settingsPath(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeSettings(const QString &dataDir, const QJsonObject &o, QString *error)
{
    if (!makePrivateFolder(dataDir)) {
        *error = SyncDevice::tr("Cannot create the data directory %1").arg(dataDir);
        return false;
    }
    QSaveFile file(settingsPath(dataDir));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0 || !file.commit()) {
        *error = SyncDevice::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    makePrivateFile(file.fileName());
    return true;
}

} // namespace

SyncSettings SyncDevice::load(const QString &dataDir)
{
    SyncSettings settings;
    QJsonObject o = readSettings(dataDir);
    const QString dir = QFileInfo(dataDir).absoluteFilePath();
    settings.folder = o.value(kFolder).toString();
    settings.deviceId = o.value(kId).toString();
    const bool copied = !settings.deviceId.isEmpty()
        && (o.value(kDir).toString() != dir || o.value(kInode).toString() != inodeOf(dir));
    if (!settings.deviceId.isEmpty() && !copied)
        return settings;
    if (copied) {
        settings.message = tr("%1 is a copy of the data directory of device %2: it syncs as a new device")
                               .arg(dir, settings.deviceId);
    }
    settings.deviceId = newDeviceId();
    o.insert(kId, settings.deviceId);
    o.insert(kDir, dir);
    o.insert(kInode, inodeOf(dir));
    writeSettings(dataDir, o, &settings.error);
    return settings;
}

bool SyncDevice::setFolder(const QString &dataDir, const QString &folder, QString *error)
{
    load(dataDir); // gives the directory its device ID first
    QJsonObject o = readSettings(dataDir);
    o.insert(kFolder, QFileInfo(folder).absoluteFilePath());
    return writeSettings(dataDir, o, error);
}

QString SyncDevice::deviceFolder(const QString &folder, const QString &deviceId)
{
    return QDir(folder).filePath(QStringLiteral("devices/") + deviceId);
}

} // namespace StudyBench
