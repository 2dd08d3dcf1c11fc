#pragma once

#include "sync/syncdevice.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace StudyBench {

struct ProgressSnapshot;

/// What one sync pass did.
struct SyncPassReport
{
    QString deviceId;
    QString error; ///< why the pass stopped; what was merged before stays merged
    QStringList messages; ///< files or lines skipped, a copied data directory
    int exported = 0; ///< records this device wrote to its log
    QMap<QString, int> changesFrom; ///< device ID -> records added or changed here from it
    int changed() const;
    bool ok() const { return error.isEmpty(); }
};

/// Another device as this one has merged it.
struct SyncPeer
{
    QString deviceId;
    qint64 lastSeq = 0; ///< its last record merged here
    qint64 mergedAt = 0; ///< ms since the epoch; 0: never
    int changes = 0; ///< records it changed here, in all
};

struct SyncStatus
{
    QString deviceId;
    QString folder;
    qint64 lastPassAt = 0; ///< ms since the epoch; 0: never
    int pending = 0; ///< local records not written to the log yet
    QStringList devices; ///< every device with logs in the folder, this one included
    QList<SyncPeer> peers;
    QString error;
};

/// Syncs the progress database of a data directory through its sync folder (see SyncDevice):
///
///  - Export: every record committed here and not yet in this device's log (a record is pending
///    while its content differs from what the log last carried; side table sync_seen) is
///    appended to DIR/devices/ID/YYYY-MM.jsonl: a header line (format, device, curriculum), then
///    one JSON object per record with the device's next sequence number, then a commit record.
///    A note is written as a version (NoteVersion) with the versions it replaced.
///  - Merge: each other device's complete new records (SyncReader) go through ProgressMerge with
///    its sync rules, in one transaction that also exports what is pending here first, keeps the
///    note versions, and remembers the device's last sequence number: the database has all of it
///    or none. Records merged from others are not written to this device's log again.
///
/// Blocking: use it from the CLI or a worker thread.
class SyncEngine
{
    Q_DECLARE_TR_FUNCTIONS(SyncEngine)

public:
    /// @p curriculumId names the curriculum in the logs; logs of another one are skipped.
    SyncEngine(const QString &dataDir, const QString &curriculumId);

    /// The name logs give the curriculum in @p curriculumFile (empty: the built-in one): its file
    /// name without .md, which is also what keeps curricula apart in a data directory.
    static QString curriculumId(const QString &curriculumFile);

    /// Exports what is pending, then merges every other device's new records.
    SyncPassReport pass();
    SyncStatus status();

private:
    bool openDatabase(QString *error);
    bool exportPending(SqliteDatabase &db, int *exported);
    bool appendToLog(const QList<QByteArray> &lines);
    /// Records what the log now carries of the rows written since the last pass (this device's
    /// just exported, or another's just merged: neither is pending) and forgets them.
    bool recordShadows(SqliteDatabase &db);
    bool mergePeer(const QString &peer, SyncPassReport &report);
    QList<SyncPeer> peers();
    qint64 nextSeq(SqliteDatabase &db);

    QString m_dataDir;
    QString m_curriculumId;
    SyncSettings m_settings;
    SqliteDatabase m_db;
};

} // namespace StudyBench
