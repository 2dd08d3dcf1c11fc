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

#include <cerrno>
#include <sys/file.h>
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

// Holds a lock on DATADIR/sync.json.lock (flock) while sync.json is read and changed: two callers on a new
// data directory (a sync pass and the cohort share, in two threads or processes) that both found no ID would
// each make one, and the one whose file was written first would go on under an ID that no longer exists.
// Under the lock the second finds the first's.
class SettingsLock
{
public:
    explicit SettingsLock(const QString &dataDir)
        : m_file(settingsPath(dataDir) + QStringLiteral(".lock"))
    {
        if (!makePrivateFolder(dataDir) || !m_file.open(QIODevice::ReadWrite))
            return;
        makePrivateFile(m_file.fileName());
        int rc = 0;
        while ((rc = ::flock(m_file.handle(), LOCK_EX)) != 0 && errno == EINTR) { }
        m_locked = rc == 0;
    }
    ~SettingsLock()
    {
        if (m_locked)
            ::flock(m_file.handle(), LOCK_UN);
    }
    SettingsLock(const SettingsLock &) = delete;
    SettingsLock &operator=(const SettingsLock &) = delete;

    bool locked() const { return m_locked; }

private:
    QFile m_file; // every open of it has its own lock: threads of one process wait for each other too
    bool m_locked = false;
};

// The settings in @p o, with a new device ID made (and stored) when it has none or was copied.
SyncSettings loadLocked(const QString &dataDir, QJsonObject &o)
{
    SyncSettings settings;
    const QString dir = QFileInfo(dataDir).absoluteFilePath();
    settings.folder = o.value(kFolder).toString();
    settings.deviceId = o.value(kId).toString();
    const bool copied = !settings.deviceId.isEmpty()
        && (o.value(kDir).toString() != dir || o.value(kInode).toString() != inodeOf(dir));
    if (!settings.deviceId.isEmpty() && !copied)
        return settings;
    if (copied) {
        settings.message
            = SyncDevice::tr("%1 is a copy of the data directory of device %2: it syncs as a new device")
                  .arg(dir, settings.deviceId);
    }
    settings.deviceId = newDeviceId();
    o.insert(kId, settings.deviceId);
    o.insert(kDir, dir);
    o.insert(kInode, inodeOf(dir));
    writeSettings(dataDir, o, &settings.error);
    return settings;
}

QString lockError(const QString &dataDir)
{
    return SyncDevice::tr("Cannot lock %1: is the data directory writable?")
        .arg(QDir::toNativeSeparators(settingsPath(dataDir) + QStringLiteral(".lock")));
}

} // namespace

SyncSettings SyncDevice::load(const QString &dataDir)
{
    QJsonObject o = readSettings(dataDir);
    const QString dir = QFileInfo(dataDir).absoluteFilePath();
    if (!o.value(kId).toString().isEmpty() && o.value(kDir).toString() == dir
        && o.value(kInode).toString() == inodeOf(dir))
        return { o.value(kId).toString(), o.value(kFolder).toString(), {}, {} };
    const SettingsLock lock(dataDir);
    if (!lock.locked())
        return { {}, {}, {}, lockError(dataDir) };
    o = readSettings(dataDir); // another caller may have made the ID meanwhile
    return loadLocked(dataDir, o);
}

bool SyncDevice::setFolder(const QString &dataDir, const QString &folder, QString *error)
{
    const SettingsLock lock(dataDir);
    if (!lock.locked()) {
        *error = lockError(dataDir);
        return false;
    }
    QJsonObject o = readSettings(dataDir);
    const SyncSettings settings = loadLocked(dataDir, o); // gives the directory its device ID first
    if (!settings.error.isEmpty()) {
        *error = settings.error;
        return false;
    }
    o.insert(kFolder, QFileInfo(folder).absoluteFilePath());
    return writeSettings(dataDir, o, error);
}

QString SyncDevice::deviceFolder(const QString &folder, const QString &deviceId)
{
    return QDir(folder).filePath(QStringLiteral("devices/") + deviceId);
}

} // namespace StudyBench
