#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace StudyBench {

/// One backup file of the progress database.
struct BackupInfo
{
    QString path;
    QDateTime createdAt; ///< UTC, from the file name
    QString reason; ///< "auto", "manual", "pre-migration", "pre-restore", "pre-import", "pre-reset"
    qint64 size = 0;
    bool inspected = false;
    bool healthy = false; ///< opens and passes quick_check
    int items = 0; ///< items with recorded progress
    int done = 0;
};

/// Consistent copies of the progress database, made with VACUUM INTO (safe while the app runs),
/// kept in <data dir>/backups with a grandfather-father-son rotation: the newest backup of each of
/// the last 12 days, 10 weeks and 9 months. Backups made before a migration, an import or a
/// restore are kept outside the rotation.
class BackupManager
{
    Q_DECLARE_TR_FUNCTIONS(BackupManager)

public:
    static constexpr int kDailyCopies = 12;
    static constexpr int kWeeklyCopies = 10;
    static constexpr int kMonthlyCopies = 9;
    static constexpr int kAutomaticIntervalMinutes = 30;

    explicit BackupManager(const QString &dataDir);

    QString directory() const { return m_directory; }
    QString errorString() const { return m_error; }

    /// Writes a backup of @p databasePath. Never modifies the database.
    std::optional<BackupInfo> backUp(const QString &databasePath, const QString &reason,
        const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Backups, newest first; with @p inspect, each is opened read-only and checked.
    QList<BackupInfo> list(bool inspect = true) const;
    /// The newest backup that passes quick_check.
    std::optional<BackupInfo> newestHealthy() const;
    /// True when the newest automatic or manual backup is older than the interval (or none exists).
    bool isDue(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    /// Deletes the backups the rotation does not keep; returns their paths.
    QStringList prune();
    /// Of @p backups (newest first), the ones the rotation keeps.
    static QList<BackupInfo> selectToKeep(const QList<BackupInfo> &backups);

    /// Reads a backup's health and counts.
    static BackupInfo inspect(const QString &path);

private:
    QString m_directory;
    QString m_error;
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::BackupInfo)
