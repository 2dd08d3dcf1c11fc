#pragma once

#include "progress/backupmanager.h"
#include "progress/progressstore.h"

#include <QCoreApplication>

#include <optional>

namespace StudyBench {

/// What happened when the progress database was opened.
struct OpenReport
{
    bool ok = false;
    QString error; ///< why it could not be opened (nothing was changed)
    bool recovered = false; ///< the file was damaged and has been replaced
    QString damage; ///< what was wrong with it
    QString movedAside; ///< where the damaged file is now
    std::optional<BackupInfo> restoredFrom;
    std::optional<BackupInfo> backupMade;
    QStringList backupWarnings; ///< backups that could not be made (progress itself is fine)

    /// A message for the learner about a recovery: what happened, and what was lost.
    QString recoveryMessage() const;
};

/// Opens the progress database of a data directory the safe way:
///  - inspects it read-only first (PRAGMA quick_check and the schema version);
///  - a file made by a newer StudyBench is refused and left alone;
///  - a damaged file is never written to: it is moved aside with a timestamp, the newest good
///    backup is restored, and the report says what, if anything, was lost;
///  - backs it up before a schema migration, and when the last backup is over 30 minutes old.
class ProgressOpener
{
    Q_DECLARE_TR_FUNCTIONS(ProgressOpener)

public:
    static OpenReport open(
        ProgressStore &store, const QString &dataDir, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Replaces the database with @p backup (after backing up the current one), and reopens it.
    static OpenReport restore(ProgressStore &store, const QString &dataDir, const BackupInfo &backup,
        const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Moves the database and its -wal/-shm files aside; returns the new path of the database.
    static QString moveAside(const QString &databasePath, const QString &label, const QDateTime &now);
};

} // namespace StudyBench
