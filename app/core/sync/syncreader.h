#pragma once

#include "review/progressmerge.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <tuple>

namespace StudyBench {

/// The log format: version of the header line, the kinds of record.
namespace SyncFormat {
constexpr int kVersion = 1;
inline QString header()
{
    return QStringLiteral("header");
}
inline QString row()
{
    return QStringLiteral("row");
}
inline QString note()
{
    return QStringLiteral("note");
}
/// Ends the records one export wrote: a reader merges only up to the last one it sees.
inline QString commit()
{
    return QStringLiteral("commit");
}
} // namespace SyncFormat

/// One saved text of a note: its full text and the versions it replaced (their hashes).
struct NoteVersion
{
    QString hash;
    QString nodeId;
    QString body; ///< empty: the note was removed
    qint64 at = 0; ///< ms since the epoch
    QString device;
    QStringList replaces;

    static QString hashOf(const QString &nodeId, const QString &body, qint64 at, const QString &device);
    QJsonObject toJson() const;
    static NoteVersion fromJson(const QJsonObject &o);
};

/// How far one log file is read: the place after its last line merged (and that line's number),
/// so the next pass reads on from there.
struct SyncFileMark
{
    qint64 offset = 0; ///< 0: from the start
    int line = 0;
    /// While reading: each line's sequence number (0: none), end and number.
    QList<std::tuple<qint64, qint64, int>> ends;
    /// Moves the mark past the lines up to the first one not merged (@p merged: the last merged
    /// sequence number).
    void advance(qint64 merged);
};

/// The records of another device not merged yet, up to its last complete export.
struct SyncBatch
{
    ProgressSnapshot rows; ///< the last version of each record (by its table's key)
    QList<NoteVersion> notes;
    qint64 lastSeq = 0; ///< the sequence number of the last commit taken; 0: nothing new
    int records = 0;
    QString deviceId; ///< the device that wrote the logs
};

/// Reads the logs another device wrote into its folder (every *.jsonl, its `.sync-conflict-*`
/// copies included: records are told apart by their sequence number, so copies just repeat
/// them). Tolerates what a sync engine delivers:
///  - a partial last line (being written or synced): not read, until it is complete;
///  - records after a gap in the sequence, or after the last commit: waited for;
///  - a file of a newer format or another curriculum: skipped, with a message;
///  - a line that is no record (garbage bytes): skipped, with a message.
class SyncReader
{
    Q_DECLARE_TR_FUNCTIONS(SyncReader)

public:
    /// @p marks (file name -> mark; may be null): where to read each file on from, moved on to
    /// where the next read is to start once the batch is merged.
    static SyncBatch read(const QString &deviceFolder, const QString &deviceId, qint64 afterSeq,
        const QString &curriculumId, QStringList *messages, QHash<QString, SyncFileMark> *marks = nullptr);
    /// The greatest sequence number in the logs of @p deviceFolder (0: none), read from each
    /// file's end: logs only grow, so a file's last complete record has its greatest number.
    static qint64 lastSeqIn(const QString &deviceFolder);

private:
    static void readFile(const QString &path, const QString &deviceId, const QString &curriculumId,
        SyncFileMark &mark, QMap<qint64, QJsonObject> &records, QStringList *messages);
    static bool headerFits(const QJsonObject &header, const QString &path, const QString &deviceId,
        const QString &curriculumId, QStringList *messages);
    static void add(
        SyncBatch &batch, const QJsonObject &record, QMap<QString, QMap<QString, QVariantMap>> &rows);
};

} // namespace StudyBench
