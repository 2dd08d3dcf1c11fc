#pragma once

#include "progress/itemstate.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace StudyBench {

using ItemRecords = QHash<QString, ItemRecord>;

/// The learner's progress in one SQLite file: item states with their full history, confidence
/// and notes. Every write is one transaction, committed with synchronous=FULL in WAL mode, so it
/// is on disk when the call returns true.
///
/// Blocking: use it from the CLI or from ProgressService's worker thread, never the GUI thread.
/// One instance belongs to the thread that opened it.
class ProgressStore
{
    Q_DECLARE_TR_FUNCTIONS(ProgressStore)

public:
    static constexpr int kSchemaVersion = 6;
    /// The device of every change made before schema 5 (its ordering key: its own time), alike on
    /// every device, so history merged under schema 4 keeps one key everywhere.
    static constexpr QLatin1StringView kLegacyDevice { "legacy" };
    /// Step i takes the file from schema version i to i + 1. Version 2 adds spaced review's
    /// tables (review_card, review_log, review_setting), which ReviewStore opens on the same file;
    /// version 3 the interview drills' attempts (drill_attempt), which DrillStore opens; version 4
    /// sync's own tables; version 5 the device and ordering key of each change that sync orders
    /// by (see SyncEngine) and the flag of a note a merge appended to.
    static const QList<QStringList> &migrations();

    ProgressStore();
    ~ProgressStore();
    ProgressStore(const ProgressStore &) = delete;
    ProgressStore &operator=(const ProgressStore &) = delete;

    /// Opens (creating when missing) the database and migrates it to kSchemaVersion.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_db.errorString(); }
    int schemaVersion();

    ItemRecords items();
    std::optional<ItemRecord> item(const QString &nodeId);
    /// Records a state change and its history entry. Unchanged states write nothing.
    bool setState(const QString &nodeId, ItemState state, const QString &title, const QString &source,
        const QDateTime &at = QDateTime::currentDateTimeUtc());
    bool setConfidence(const QString &nodeId, int confidence, const QString &title,
        const QDateTime &at = QDateTime::currentDateTimeUtc());
    QList<HistoryEntry> history(const QString &nodeId = {});

    /// Moves progress, history and notes from one ID to another, all in one transaction. A move
    /// whose target already has progress is refused (nothing is changed).
    bool moveIds(const QList<QPair<QString, QString>> &moves);

    QString note(const QString &nodeId);
    /// The note on @p nodeId in @p db, a progress database another store has open (review cards).
    static QString noteIn(SqliteDatabase &db, const QString &nodeId);
    QHash<QString, QString> notes();
    /// Stores a note; an empty text removes it.
    bool setNote(const QString &nodeId, const QString &text);
    /// When a sync merge last appended another device's text to the note on @p nodeId (it keeps
    /// both texts and flags the note for tidying); invalid when it is not flagged. Saving the
    /// note or clearNoteMerged() clears the flag.
    QDateTime noteMergedAt(const QString &nodeId);
    bool clearNoteMerged(const QString &nodeId);

    /// SQLite's data_version: it changes when another connection (the CLI) commits.
    qint64 dataVersion();

private:
    SqliteDatabase m_db;
};

} // namespace StudyBench
