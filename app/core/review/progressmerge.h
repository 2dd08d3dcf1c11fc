#pragma once

#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>

namespace StudyBench {

/// How a column of a progress table is carried outside SQLite (JSON export, merge).
enum class ProgressColumn
{
    Text,
    Integer,
    OptionalInteger, ///< NULL allowed (state_change.from_state)
    Real,
    Time, ///< milliseconds since the epoch in SQLite, ISO 8601 UTC with milliseconds outside
    OptionalTime, ///< a Time that may be NULL (review_card.last_review_at)
};

/// One table of the progress database as the merge, the export and the import see it: its
/// columns (the row id left out: it means nothing on another device) and the columns that say
/// two rows are the same record.
struct ProgressTable
{
    QString name;
    QStringList columns;
    QList<ProgressColumn> types;
    QStringList key;
    /// How many columns (from the first) a JSON export must carry; the ones after came later and
    /// take their default ('' or 0) when an older export lacks them. -1: all; 0: an older export
    /// lacks the whole table.
    qsizetype requiredColumns = -1;
};

/// The learner's records in a progress database: the tables of progressTables(), each a list of
/// rows (column name -> value), in a stable order.
struct ProgressSnapshot
{
    QHash<QString, QList<QVariantMap>> rows;

    /// Reads only the rows named by @p keys (table name -> keys, see progressKey()).
    static bool readKeys(SqliteDatabase &db, const QHash<QString, QStringList> &keys,
        ProgressSnapshot &snapshot, QString *error = nullptr);
    /// Reads only the rows about @p nodes (every table with a node_id; only @p tables when given)
    /// and the review settings named in @p settingKeys: what a sync merge of records about them
    /// compares with.
    static bool readNodes(SqliteDatabase &db, const QSet<QString> &nodes, const QSet<QString> &settingKeys,
        ProgressSnapshot &snapshot, QString *error = nullptr, const QStringList &tables = {});

    /// Reads every table of @p db (through its connection, so inside its transaction). False,
    /// with @p error set, when a query fails.
    static bool read(SqliteDatabase &db, ProgressSnapshot &snapshot, QString *error = nullptr);
    /// Opens the progress database at @p path as the app does (migrating an older schema) and reads it.
    static bool readFile(const QString &path, ProgressSnapshot &snapshot, QString *error = nullptr);
};

/// The key of @p row in @p table: its key columns as text, joined by U+001F.
QString progressKey(const ProgressTable &table, const QVariantMap &row);
/// The table called @p name, or null.
const ProgressTable *progressTable(const QString &name);

/// The tables in the order a merge applies them: item, state_change, note, review_setting,
/// review_card, review_log, review_due, drill_attempt.
const QList<ProgressTable> &progressTables();

/// Added, updated and unchanged records of one kind.
struct MergeCount
{
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    bool operator==(const MergeCount &) const = default;
};

/// What a merge did (or, dry run, would do), per table name.
struct MergeReport
{
    Q_DECLARE_TR_FUNCTIONS(MergeReport)

public:
    QMap<QString, MergeCount> counts;
    QString error; ///< why nothing was merged; empty when it went through
    bool dryRun = false;

    bool ok() const { return error.isEmpty(); }
    /// True when the merge added or updated anything.
    bool changedAnything() const;
    /// One line per kind: "Items: 3 added, 1 updated, 40 left unchanged".
    QString text() const;
    /// The translated name of a table's records ("Review log entries").
    static QString kindLabel(const QString &table);
};

/// What a merge is told besides the other profile's records.
struct MergeOptions
{
    /// Names the other profile in the heading of a note appended from it ("laptop", a file name).
    QString sourceName;
    /// Works out the report inside a transaction and rolls it back: nothing is written.
    bool dryRun = false;
    /// Sync between devices (app/core/sync): the rules must give every device the same answer
    /// whatever order the records arrive in. Changes are ordered by their ordering key (the
    /// columns clock, a hybrid logical clock, see SyncEngine), ties by the id of the device that
    /// made them (column device). A state is decided by the latest state change only (an item
    /// without history never wins over one with); confidence and title by their latest change;
    /// each review setting by its latest change; a card added on several devices is one card (the
    /// earliest added_at) regraded from the merged log, and every card is regraded when the
    /// settings changed. Notes are left to the caller (merged from their versions, see SyncNotes).
    bool syncRules = false;
    /// Runs inside the merge's transaction before anything is merged, and after it (the
    /// caller's own bookkeeping, committed with the merge or not at all). False rolls back.
    std::function<bool(SqliteDatabase &)> beforeMerge;
    std::function<bool(SqliteDatabase &)> afterMerge;
};

/// The rules that merge another profile's records into the local progress database by item ID.
/// The import of a JSON export uses them, and syncing between devices is to reuse exactly them:
///
///  - Items: an item only the other has is added. For one both have, the state with the newer
///    timestamp wins (its last state_change, or the item's updated_at when it has no history),
///    and so does the confidence (confidence has no timestamp of its own: the item's updated_at,
///    its last change of state or confidence, stands for it); updated_at becomes the newer one.
///  - State history: rows are united; a row is the same when node, time and new state agree.
///  - Notes: a note only the other has is added; identical notes are left alone; a note that
///    already contains the other's text is left alone; one the other's text contains (it was
///    merged there already) is replaced by it; otherwise the other's text is appended under
///    "## From SOURCE, yyyy-MM-dd HH:mm" (its updated_at, UTC). No text is ever dropped.
///  - Review settings: the local ones win; keys only the other has are added.
///  - Review cards and log: cards only the other has are added as they are; logs are united (the
///    same review: node, time and rating); every card that gained reviews is regraded from New
///    over its merged log with the merged settings (Fsrs::replaySteps, replay's steps): the card
///    columns (a cache of Fsrs::replay) and each review's derived columns (elapsed days, state,
///    stability and difficulty before and after, due) become what grading the united log here
///    gives, so the log has no gap for the optimizer. A due time that a drill brought forward on
///    either side is kept when that side saw every review of the card. (Sync instead keeps the
///    earliest time a drill made the card due at since its last review, review_due: a fact
///    every device has once the logs are merged.)
///  - Drill attempts: united; the same attempt: node and start time.
///
/// It lives in core/review, not core/progress, because recomputing a card needs the FSRS
/// scheduler, and progress may not include from review (review builds on progress).
///
/// Everything is one transaction on the local file: it all goes in, or nothing does.
/// Blocking: call it from the CLI or a worker thread.
class ProgressMerge
{
    Q_DECLARE_TR_FUNCTIONS(ProgressMerge)

public:
    /// Merges @p other into the progress database at @p databasePath.
    static MergeReport merge(
        const QString &databasePath, const ProgressSnapshot &other, const MergeOptions &options);
    /// The same on a database already open (the caller's connection, outside a transaction).
    static MergeReport merge(SqliteDatabase &db, const ProgressSnapshot &other, const MergeOptions &options);
    /// Regrades every card of @p db from New over its log with the settings saved there (inside the
    /// caller's transaction): sync does it once the review settings changed on this device.
    static bool regradeCards(SqliteDatabase &db);
    /// The heading a note merged from @p source at @p at is appended under.
    static QString noteHeading(const QString &source, const QDateTime &at);
};

} // namespace StudyBench
