#include "progress/backupmanager.h"

#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace StudyBench {

namespace {

const QString kStamp = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

bool isRotated(const QString &reason)
{
    return reason == QLatin1StringView("auto") || reason == QLatin1StringView("manual");
}

std::optional<BackupInfo> infoFromName(const QFileInfo &file)
{
    static const QRegularExpression pattern(
        QStringLiteral("^progress-(\\d{8}T\\d{6}Z)(?:-(\\d+))?-([a-z-]+)\\.sqlite$"));
    const auto m = pattern.match(file.fileName());
    if (!m.hasMatch())
        return std::nullopt;
    BackupInfo info;
    info.path = file.absoluteFilePath();
    info.createdAt = QDateTime::fromString(m.captured(1), kStamp);
    info.createdAt.setTimeZone(QTimeZone::UTC);
    info.reason = m.captured(3);
    info.size = file.size();
    if (!info.createdAt.isValid())
        return std::nullopt;
    return info;
}

} // namespace

BackupManager::BackupManager(const QString &dataDir)
    : m_directory(QDir(dataDir).filePath(DataFile::backupsFolder()))
{ }

std::optional<BackupInfo> BackupManager::backUp(
    const QString &databasePath, const QString &reason, const QDateTime &now)
{
    m_error.clear();
    if (!QFileInfo::exists(databasePath)) {
        m_error = tr("There is nothing to back up yet: %1 does not exist.").arg(databasePath);
        return std::nullopt;
    }
    if (!makePrivateFolder(m_directory)) {
        m_error = tr("Cannot create the backup folder %1.").arg(m_directory);
        return std::nullopt;
    }
    const QString stamp = now.toUTC().toString(kStamp);
    QString name = QStringLiteral("progress-%1-%2.sqlite").arg(stamp, reason);
    for (int n = 2; QFileInfo::exists(QDir(m_directory).filePath(name)); ++n)
        name = QStringLiteral("progress-%1-%2-%3.sqlite").arg(stamp).arg(n).arg(reason);
    const QString target = QDir(m_directory).filePath(name);
    // VACUUM INTO writes a complete, consistent copy; a temporary name and a rename make the
    // backup appear whole or not at all.
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    {
        SqliteConnection db(databasePath, SqliteConnection::ReadOnly);
        if (!db.isOpen()) {
            m_error = tr("Cannot read %1 to back it up: %2").arg(databasePath, db.errorString());
            return std::nullopt;
        }
        QSqlQuery q(db.database());
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(partial);
        if (!q.exec()) {
            m_error = tr("Cannot write the backup %1: %2").arg(target, q.lastError().text());
            QFile::remove(partial);
            return std::nullopt;
        }
    }
    if (!makePrivateFile(partial) || !QFile::rename(partial, target)) {
        m_error = tr("Cannot finish the backup %1.").arg(target);
        QFile::remove(partial);
        return std::nullopt;
    }
    BackupInfo info = inspect(target);
    info.createdAt = now.toUTC();
    info.reason = reason;
    return info;
}

BackupInfo BackupManager::inspect(const QString &path)
{
    BackupInfo info = infoFromName(QFileInfo(path)).value_or(BackupInfo {});
    info.path = path;
    info.size = QFileInfo(path).size();
    info.inspected = true;
    SqliteConnection db(path, SqliteConnection::ReadOnly);
    if (!db.isOpen() || !db.quickCheck().isEmpty())
        return info;
    QSqlQuery q(db.database());
    if (q.exec(QStringLiteral("SELECT count(*), coalesce(sum(state = 2), 0) FROM item")) && q.next()) {
        info.items = q.value(0).toInt();
        info.done = q.value(1).toInt();
        info.healthy = true;
    }
    return info;
}

QList<BackupInfo> BackupManager::list(bool inspectFiles) const
{
    QList<BackupInfo> result;
    const QFileInfoList files
        = QDir(m_directory).entryInfoList({ QStringLiteral("progress-*.sqlite") }, QDir::Files);
    for (const QFileInfo &file : files) {
        auto info = infoFromName(file);
        if (!info)
            continue;
        if (inspectFiles) {
            const BackupInfo checked = inspect(info->path);
            info->inspected = true;
            info->healthy = checked.healthy;
            info->items = checked.items;
            info->done = checked.done;
        }
        result.append(*info);
    }
    std::sort(result.begin(), result.end(), [](const BackupInfo &a, const BackupInfo &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.path > b.path;
    });
    return result;
}

std::optional<BackupInfo> BackupManager::newestHealthy() const
{
    for (const BackupInfo &b : list(false)) {
        const BackupInfo checked = inspect(b.path);
        if (checked.healthy) {
            BackupInfo result = b;
            result.inspected = true;
            result.healthy = true;
            result.items = checked.items;
            result.done = checked.done;
            return result;
        }
    }
    return std::nullopt;
}

bool BackupManager::isDue(const QDateTime &now) const
{
    for (const BackupInfo &b : list(false)) {
        if (isRotated(b.reason))
            return b.createdAt.secsTo(now) >= kAutomaticIntervalMinutes * 60;
    }
    return true;
}

QList<BackupInfo> BackupManager::selectToKeep(const QList<BackupInfo> &backups)
{
    QList<BackupInfo> keep;
    QSet<QString> days, weeks, months;
    for (const BackupInfo &b : backups) {
        if (!isRotated(b.reason)) {
            keep.append(b);
            continue;
        }
        const QDate date = b.createdAt.toLocalTime().date();
        int weekYear = 0;
        const int week = date.weekNumber(&weekYear);
        const QString day = date.toString(Qt::ISODate);
        const QString weekKey = QStringLiteral("%1-W%2").arg(weekYear).arg(week);
        const QString month = date.toString(QStringLiteral("yyyy-MM"));
        bool kept = false;
        if (!days.contains(day) && days.size() < kDailyCopies) {
            days.insert(day);
            kept = true;
        }
        if (!weeks.contains(weekKey) && weeks.size() < kWeeklyCopies) {
            weeks.insert(weekKey);
            kept = true;
        }
        if (!months.contains(month) && months.size() < kMonthlyCopies) {
            months.insert(month);
            kept = true;
        }
        if (kept)
            keep.append(b);
    }
    return keep;
}

QStringList BackupManager::prune()
{
    const QList<BackupInfo> all = list(false);
    QSet<QString> keep;
    for (const BackupInfo &b : selectToKeep(all))
        keep.insert(b.path);
    QStringList removed;
    for (const BackupInfo &b : all) {
        if (!keep.contains(b.path) && QFile::remove(b.path))
            removed.append(b.path);
    }
    return removed;
}

} // namespace StudyBench
