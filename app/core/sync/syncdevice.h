#pragma once

#include <QCoreApplication>
#include <QString>

namespace StudyBench {

/// What a data directory knows about syncing: its device ID and the sync folder.
struct SyncSettings
{
    QString deviceId;
    QString folder; ///< empty: not syncing
    /// Set when the directory turned out to be a copy of another one and got a new device ID.
    QString message;
    QString error;
};

/// The device ID of a data directory and its sync folder, kept in DATADIR/sync.json.
///
/// The ID is random. The file also records the directory's path and inode: a data directory
/// copied to another computer (or folder) no longer matches them and gets a new ID, so two
/// devices never append to the same logs.
class SyncDevice
{
    Q_DECLARE_TR_FUNCTIONS(SyncDevice)

public:
    /// The settings of @p dataDir, making (and storing) a device ID when it has none or was copied.
    static SyncSettings load(const QString &dataDir);
    /// Stores @p folder (made absolute) as @p dataDir's sync folder; false with @p error set.
    static bool setFolder(const QString &dataDir, const QString &folder, QString *error);
    /// The folder where @p deviceId writes its logs inside the sync folder @p folder.
    static QString deviceFolder(const QString &folder, const QString &deviceId);
};

} // namespace StudyBench
