#include "progress/progressopener.h"

#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace StudyBench {

namespace {

// Copies @p from over @p to so that @p to is either the old file or the whole new one.
bool replaceFile(const QString &from, const QString &to, QString *error)
{
    const QString temporary = to + QStringLiteral(".restoring");
    QFile::remove(temporary);
    if (!QFile::copy(from, temporary)) {
        *error = ProgressOpener::tr("Cannot copy %1.").arg(from);
        return false;
    }
    for (const char *suffix : { "-wal", "-shm" })
        QFile::remove(to + QLatin1StringView(suffix));
    if (QFileInfo::exists(to) && !QFile::remove(to)) {
        *error = ProgressOpener::tr("Cannot replace %1.").arg(to);
        QFile::remove(temporary);
        return false;
    }
    if (!QFile::rename(temporary, to)) {
        *error = ProgressOpener::tr("Cannot move the restored file into place at %1.").arg(to);
        return false;
    }
    return true;
}

QString describe(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::LongFormat);
}

} // namespace

QString OpenReport::recoveryMessage() const
{
    if (!recovered)
        return {};
    QString text = ProgressOpener::tr("Your progress file was damaged (%1), so StudyBench did not use it.")
                       .arg(damage);
    if (!movedAside.isEmpty())
        text += QLatin1Char(' ') + ProgressOpener::tr("It was kept, unchanged, as %1.").arg(movedAside);
    if (restoredFrom) {
        text += QStringLiteral("\n\n")
            + ProgressOpener::tr(
                "StudyBench restored the backup from %1 (%n item(s) with progress). Changes made "
                "after that time could not be recovered.",
                nullptr, restoredFrom->items)
                  .arg(describe(restoredFrom->createdAt));
    } else {
        text += QStringLiteral("\n\n")
            + ProgressOpener::tr("There was no usable backup, so StudyBench starts with empty progress.");
    }
    return text;
}

QString ProgressOpener::moveAside(const QString &databasePath, const QString &label, const QDateTime &now)
{
    const QString stamp = now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = QStringLiteral("%1.%2-%3").arg(databasePath, label, stamp);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = QStringLiteral("%1.%2-%3-%4").arg(databasePath, label, stamp).arg(n);
    if (!QFile::rename(databasePath, target))
        return {};
    for (const char *suffix : { "-wal", "-shm" }) {
        const QString side = databasePath + QLatin1StringView(suffix);
        if (QFileInfo::exists(side))
            QFile::rename(side, target + QLatin1StringView(suffix));
    }
    return target;
}

OpenReport ProgressOpener::open(ProgressStore &store, const QString &dataDir, const QDateTime &now)
{
    OpenReport report;
    const QString path = progressDatabasePath(dataDir);
    BackupManager backups(dataDir);
    int version = 0;

    if (QFileInfo::exists(path) && QFileInfo(path).size() > 0) {
        QString damage;
        {
            SqliteConnection inspect(path, SqliteConnection::ReadOnly);
            damage = inspect.quickCheck();
            version = damage.isEmpty() ? inspect.userVersion() : -1;
            if (damage.isEmpty() && version < 0)
                damage = tr("its schema version cannot be read");
        }
        if (damage.isEmpty() && version > ProgressStore::kSchemaVersion) {
            report.error = tr("%1 was made by a newer StudyBench (schema %2; this version knows up to %3). "
                              "Update StudyBench to open it; the file was left untouched.")
                               .arg(path)
                               .arg(version)
                               .arg(ProgressStore::kSchemaVersion);
            return report;
        }
        if (!damage.isEmpty()) {
            report.recovered = true;
            report.damage = damage;
            report.movedAside = moveAside(path, QStringLiteral("damaged"), now);
            if (report.movedAside.isEmpty()) {
                report.error = tr("%1 is damaged (%2) and cannot be moved aside; nothing was changed. "
                                  "Check the folder's permissions.")
                                   .arg(path, damage);
                return report;
            }
            if (const auto good = backups.newestHealthy()) {
                QString error;
                if (!replaceFile(good->path, path, &error)) {
                    report.error = error;
                    return report;
                }
                report.restoredFrom = good;
                version = ProgressStore::kSchemaVersion;
            } else {
                version = 0;
            }
        } else if (version > 0 && version < ProgressStore::kSchemaVersion) {
            if (auto made = backups.backUp(path, QStringLiteral("pre-migration"), now))
                report.backupMade = made;
            else
                report.backupWarnings.append(backups.errorString());
        }
    }

    if (!store.open(path)) {
        report.error = store.errorString();
        return report;
    }
    report.ok = true;
    if (!report.backupMade && backups.isDue(now)) {
        if (auto made = backups.backUp(path, QStringLiteral("auto"), now)) {
            report.backupMade = made;
            backups.prune();
        } else {
            report.backupWarnings.append(backups.errorString());
        }
    }
    return report;
}

OpenReport ProgressOpener::restore(
    ProgressStore &store, const QString &dataDir, const BackupInfo &backup, const QDateTime &now)
{
    OpenReport report;
    const QString path = progressDatabasePath(dataDir);
    const BackupInfo checked = BackupManager::inspect(backup.path);
    if (!checked.healthy) {
        report.error
            = tr("The backup %1 cannot be read or is damaged; nothing was changed.").arg(backup.path);
        return report;
    }
    store.close();
    BackupManager backups(dataDir);
    if (QFileInfo::exists(path)) {
        // The current state stays recoverable: as a backup when it is healthy, else moved aside.
        if (auto made = backups.backUp(path, QStringLiteral("pre-restore"), now)) {
            report.backupMade = made;
        } else if (moveAside(path, QStringLiteral("replaced"), now).isEmpty()) {
            report.error = tr("Cannot keep a copy of the current progress, so nothing was restored: %1")
                               .arg(backups.errorString());
            store.open(path);
            return report;
        }
    }
    QString error;
    if (!replaceFile(backup.path, path, &error)) {
        report.error = error;
        store.open(path);
        return report;
    }
    report.restoredFrom = checked;
    if (!store.open(path)) {
        report.error = store.errorString();
        return report;
    }
    report.ok = true;
    return report;
}

} // namespace StudyBench
