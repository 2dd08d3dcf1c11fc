#include "progress/progressstore.h"

#include "util/sqliteutil.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

// Version 1: item states with their history, and notes.
QStringList itemTables()
{
    return {
        QStringLiteral("CREATE TABLE item ("
                       " node_id TEXT PRIMARY KEY NOT NULL,"
                       " state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
                       " confidence INTEGER NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 5),"
                       " title TEXT NOT NULL DEFAULT '',"
                       " updated_at INTEGER NOT NULL"
                       ") WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE state_change ("
                       " id INTEGER PRIMARY KEY,"
                       " node_id TEXT NOT NULL,"
                       " from_state INTEGER,"
                       " to_state INTEGER NOT NULL,"
                       " changed_at INTEGER NOT NULL,"
                       " source TEXT NOT NULL DEFAULT ''"
                       ")"),
        QStringLiteral("CREATE INDEX state_change_by_node ON state_change (node_id, changed_at)"),
        QStringLiteral("CREATE INDEX state_change_by_time ON state_change (changed_at)"),
        QStringLiteral("CREATE TABLE note ("
                       " node_id TEXT PRIMARY KEY NOT NULL,"
                       " body TEXT NOT NULL,"
                       " updated_at INTEGER NOT NULL"
                       ") WITHOUT ROWID"),
    };
}

// Version 2.
QStringList reviewTables()
{
    return {
        // Spaced review (app/core/review): the cards, every grade, and the scheduler's
        // settings. A card's columns after added_at are a cache of Fsrs::replay over its log.
        QStringLiteral("CREATE TABLE review_card ("
                       " node_id TEXT PRIMARY KEY NOT NULL,"
                       " added_at INTEGER NOT NULL,"
                       " title TEXT NOT NULL DEFAULT '',"
                       " state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
                       " step INTEGER NOT NULL DEFAULT 0,"
                       " stability REAL NOT NULL DEFAULT 0,"
                       " difficulty REAL NOT NULL DEFAULT 0,"
                       " due_at INTEGER NOT NULL,"
                       " last_review_at INTEGER,"
                       " reps INTEGER NOT NULL DEFAULT 0,"
                       " lapses INTEGER NOT NULL DEFAULT 0"
                       ") WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX review_card_by_due ON review_card (due_at)"),
        QStringLiteral("CREATE TABLE review_log ("
                       " id INTEGER PRIMARY KEY,"
                       " node_id TEXT NOT NULL REFERENCES review_card (node_id),"
                       " reviewed_at INTEGER NOT NULL,"
                       " rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
                       " elapsed_days INTEGER NOT NULL,"
                       " scheduled_days INTEGER NOT NULL,"
                       " state_before INTEGER NOT NULL,"
                       " stability_before REAL NOT NULL,"
                       " difficulty_before REAL NOT NULL,"
                       " state_after INTEGER NOT NULL,"
                       " step_after INTEGER NOT NULL,"
                       " stability_after REAL NOT NULL,"
                       " difficulty_after REAL NOT NULL,"
                       " due_after INTEGER NOT NULL"
                       ")"),
        QStringLiteral("CREATE INDEX review_log_by_card ON review_log (node_id, reviewed_at)"),
        QStringLiteral("CREATE TABLE review_setting ("
                       " key TEXT PRIMARY KEY NOT NULL,"
                       " value TEXT NOT NULL"
                       ") WITHOUT ROWID"),
    };
}

// Version 3.
QStringList drillTables()
{
    return {
        // Interview drills (app/core/drill): one row per attempt, its four scores 1-4 in the
        // order communication, problem solving, technical depth, verification.
        QStringLiteral("CREATE TABLE drill_attempt ("
                       " id INTEGER PRIMARY KEY,"
                       " node_id TEXT NOT NULL,"
                       " started_at INTEGER NOT NULL,"
                       " seconds_used INTEGER NOT NULL CHECK (seconds_used >= 0),"
                       " communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 4),"
                       " problem_solving INTEGER NOT NULL CHECK (problem_solving BETWEEN 1 AND 4),"
                       " technical_depth INTEGER NOT NULL CHECK (technical_depth BETWEEN 1 AND 4),"
                       " verification INTEGER NOT NULL CHECK (verification BETWEEN 1 AND 4),"
                       " to_fix TEXT NOT NULL DEFAULT '',"
                       " answer_path TEXT NOT NULL DEFAULT ''"
                       ")"),
        QStringLiteral("CREATE INDEX drill_attempt_by_node ON drill_attempt (node_id, started_at)"),
    };
}

// Version 4.
// Sync through a shared folder (app/core/sync): what this device has written to its log (sync_seen:
// a digest per row), how far each other device's log is merged (sync_peer), the device's counters
// (sync_meta), and every note version any device saved, with the versions it replaced.
QStringList syncTables()
{
    return {
        QStringLiteral("CREATE TABLE sync_seen (tbl TEXT NOT NULL, key TEXT NOT NULL,"
                       " digest TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE sync_peer (device TEXT PRIMARY KEY NOT NULL,"
                       " last_seq INTEGER NOT NULL, merged_at INTEGER NOT NULL, changes INTEGER NOT NULL)"
                       " WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE sync_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"
                       " WITHOUT ROWID"),
        QStringLiteral(
            "CREATE TABLE sync_note_version (hash TEXT PRIMARY KEY NOT NULL,"
            " node_id TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL, device TEXT NOT NULL,"
            " replaces TEXT NOT NULL) WITHOUT ROWID"),
    };
}

// Sync's record of what changed since its last pass (sync_dirty: table and key of every row
// written), kept by triggers, so a pass reads only those rows. The keys are ProgressTable::key's
// (app/core/review/progressmerge.cpp), joined by U+001F as the merge joins them; every row there
// at the migration counts as changed once.
QStringList dirtyTracking()
{
    const std::pair<QString, QStringList> tables[] = {
        { u"item"_s, { u"node_id"_s } },
        { u"state_change"_s, { u"node_id"_s, u"changed_at"_s, u"to_state"_s, u"device"_s, u"clock"_s } },
        { u"note"_s, { u"node_id"_s } },
        { u"review_setting"_s, { u"key"_s } },
        { u"review_card"_s, { u"node_id"_s } },
        { u"review_log"_s, { u"node_id"_s, u"reviewed_at"_s, u"rating"_s } },
        { u"review_due"_s, { u"node_id"_s, u"at"_s } },
        { u"drill_attempt"_s, { u"node_id"_s, u"started_at"_s } },
    };
    QStringList steps { u"CREATE TABLE sync_dirty (tbl TEXT NOT NULL, key TEXT NOT NULL,"
                        " PRIMARY KEY (tbl, key)) WITHOUT ROWID"_s };
    const auto key = [](const QStringList &columns, const QString &row) {
        QStringList parts;
        for (const QString &c : columns)
            parts.append(row + c);
        return parts.join(u" || char(31) || "_s);
    };
    // Not INSERT OR IGNORE: a writer's own ON CONFLICT clause (an upsert) would override it.
    const QString mark = u"INSERT INTO sync_dirty (tbl, key) SELECT '%1', %2 WHERE NOT EXISTS"
                         " (SELECT 1 FROM sync_dirty WHERE tbl = '%1' AND key = %2);"_s;
    for (const auto &[table, columns] : tables) {
        const QString oldKey = mark.arg(table, key(columns, u"OLD."_s));
        const QString newKey = mark.arg(table, key(columns, u"NEW."_s));
        steps.append(
            u"CREATE TRIGGER sync_dirty_%1_insert AFTER INSERT ON %1 BEGIN %2 END"_s.arg(table, newKey));
        steps.append(u"CREATE TRIGGER sync_dirty_%1_update AFTER UPDATE ON %1 BEGIN %2 %3 END"_s.arg(
            table, oldKey, newKey));
        steps.append(
            u"CREATE TRIGGER sync_dirty_%1_delete AFTER DELETE ON %1 BEGIN %2 END"_s.arg(table, oldKey));
        steps.append(u"INSERT OR IGNORE INTO sync_dirty (tbl, key) SELECT '%1', %2 FROM %1"_s.arg(
            table, key(columns, QString())));
    }
    return steps;
}

// Version 5.
// Sync's order of changes: each state change, each item's last confidence/title change and each
// review setting records the device that made it and its ordering key (a hybrid logical clock,
// see SyncEngine); '' and 0 until this device's next sync pass stamps them; the changes made
// before are ProgressStore::kLegacyDevice's. A note's merged_at
// flags a note into which a merge appended another device's text (0: not flagged). review_due
// keeps each time a drill made a card due, so every device brings the card forward alike.
QStringList syncOrder()
{
    QStringList steps;
    for (const QString &table : { u"item"_s, u"state_change"_s, u"review_setting"_s }) {
        steps.append(QStringLiteral("ALTER TABLE %1 ADD COLUMN device TEXT NOT NULL DEFAULT ''").arg(table));
        steps.append(QStringLiteral("ALTER TABLE %1 ADD COLUMN clock INTEGER NOT NULL DEFAULT 0").arg(table));
    }
    steps.append(u"ALTER TABLE review_setting ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0"_s);
    // Changes made before: one legacy device and their own time, the same on every device, so
    // history merged under schema 4 keeps one key everywhere and is not exported again as new.
    steps.append(
        u"UPDATE state_change SET device = '%1', clock = changed_at"_s.arg(ProgressStore::kLegacyDevice));
    steps.append(u"UPDATE item SET device = '%1', clock = updated_at"_s.arg(ProgressStore::kLegacyDevice));
    steps.append(u"UPDATE review_setting SET device = '%1'"_s.arg(ProgressStore::kLegacyDevice));
    steps.append(u"ALTER TABLE note ADD COLUMN merged_at INTEGER NOT NULL DEFAULT 0"_s);
    steps.append(u"CREATE INDEX state_change_unstamped ON state_change (device) WHERE device = ''"_s);
    steps.append(u"CREATE INDEX state_change_by_clock ON state_change (clock)"_s);
    steps.append(u"CREATE TABLE review_due (node_id TEXT NOT NULL, at INTEGER NOT NULL,"
                 " PRIMARY KEY (node_id, at)) WITHOUT ROWID"_s);
    steps += dirtyTracking();
    return steps;
}

// Version 6.
// An item's confidence has its own order (confidence_device, confidence_clock), apart from the
// row's (device, clock: its last change of any kind), so a device that changed only the state
// does not carry its older confidence over another device's newer one. (0, ''): never rated;
// confidence_clock -1: rated here, stamped by the next sync pass. Rows take the order their
// confidence had so far, the row's; a row not stamped yet keeps its confidence change pending,
// as before. Rows the migration writes are not counted as changed for sync (their log records
// stay valid: a reader takes a record without the columns as this migration does).
QStringList confidenceOrder()
{
    return {
        u"ALTER TABLE item ADD COLUMN confidence_device TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE item ADD COLUMN confidence_clock INTEGER NOT NULL DEFAULT 0"_s,
        u"CREATE TEMP TABLE item_dirty_before AS SELECT key FROM sync_dirty WHERE tbl = 'item'"_s,
        u"UPDATE item SET confidence_device = device,"
        " confidence_clock = CASE WHEN device = '' THEN -1 ELSE clock END"_s,
        u"DELETE FROM sync_dirty WHERE tbl = 'item' AND key NOT IN (SELECT key FROM item_dirty_before)"_s,
        u"DROP TABLE item_dirty_before"_s,
    };
}

} // namespace

// Each entry brings the schema from version (index) to version (index + 1), in one transaction.
const QList<QStringList> &ProgressStore::migrations()
{
    static const QList<QStringList> steps { itemTables(), reviewTables(), drillTables(), syncTables(),
        syncOrder(), confidenceOrder() };
    return steps;
}

namespace {

QDateTime fromMs(const QVariant &v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

} // namespace

ProgressStore::ProgressStore()
    : m_db(QStringLiteral("studybench-progress"))
{ }

ProgressStore::~ProgressStore() = default;

bool ProgressStore::open(const QString &path)
{
    return m_db.open(path, migrations());
}

void ProgressStore::close()
{
    m_db.close();
}

bool ProgressStore::isOpen() const
{
    return m_db.isOpen();
}

int ProgressStore::schemaVersion()
{
    return m_db.schemaVersion();
}

ItemRecords ProgressStore::items()
{
    ItemRecords result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT node_id, state, confidence, title, updated_at FROM item"));
    if (!m_db.exec(q))
        return result;
    while (q.next()) {
        ItemRecord r;
        r.nodeId = q.value(0).toString();
        r.state = static_cast<ItemState>(q.value(1).toInt());
        r.confidence = q.value(2).toInt();
        r.title = q.value(3).toString();
        r.updatedAt = fromMs(q.value(4));
        result.insert(r.nodeId, r);
    }
    QSqlQuery merged(m_db.database());
    merged.setForwardOnly(true);
    merged.prepare(QStringLiteral("SELECT node_id, merged_at FROM note WHERE merged_at > 0"));
    if (!m_db.exec(merged))
        return result;
    while (merged.next()) {
        ItemRecord &r = result[merged.value(0).toString()];
        r.nodeId = merged.value(0).toString();
        r.noteMergedAt = fromMs(merged.value(1));
    }
    return result;
}

std::optional<ItemRecord> ProgressStore::item(const QString &nodeId)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT state, confidence, title, updated_at FROM item WHERE node_id = ?"));
    q.addBindValue(nodeId);
    if (!m_db.exec(q) || !q.next())
        return std::nullopt;
    ItemRecord r;
    r.nodeId = nodeId;
    r.state = static_cast<ItemState>(q.value(0).toInt());
    r.confidence = q.value(1).toInt();
    r.title = q.value(2).toString();
    r.updatedAt = fromMs(q.value(3));
    return r;
}

bool ProgressStore::setState(
    const QString &nodeId, ItemState state, const QString &title, const QString &source, const QDateTime &at)
{
    if (nodeId.isEmpty())
        return m_db.fail(tr("Cannot record progress"), tr("the item has no ID"));
    if (!m_db.begin())
        return false;
    // The statements of a change are compiled once per connection (SqliteDatabase::cached()):
    // compiling them was most of a change's cost before its fsync.
    std::optional<ItemState> previous;
    {
        const CachedQuery read
            = m_db.cached(QStringLiteral("SELECT state FROM item WHERE node_id = ?"), { nodeId });
        if (!read.ok()) {
            m_db.fail(tr("Database error in %1").arg(m_db.path()), read->lastError().text());
            m_db.rollback();
            return false;
        }
        if (read->next())
            previous = static_cast<ItemState>(read->value(0).toInt());
    }
    if (previous == state || (!previous && state == ItemState::NotStarted)) {
        m_db.rollback();
        return true;
    }
    const qint64 ms = at.toMSecsSinceEpoch();
    const auto run = [this](const QString &sql, const QVariantList &values) {
        const CachedQuery q = m_db.cached(sql, values);
        return q.ok() || m_db.fail(tr("Database error in %1").arg(m_db.path()), q->lastError().text());
    };
    const bool written
        = run(QStringLiteral(
                  "INSERT INTO item (node_id, state, title, updated_at) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, "
                  "title = excluded.title, updated_at = excluded.updated_at, device = '', clock = 0"),
              { nodeId, int(state), title, ms })
        && run(QStringLiteral("INSERT INTO state_change (node_id, from_state, to_state, changed_at, source) "
                              "VALUES (?, ?, ?, ?, ?)"),
            { nodeId, previous ? QVariant(int(*previous)) : QVariant(QMetaType::fromType<int>()), int(state),
                ms, source });
    if (!written || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

bool ProgressStore::setConfidence(
    const QString &nodeId, int confidence, const QString &title, const QDateTime &at)
{
    if (confidence < 0 || confidence > 5)
        return m_db.fail(tr("Cannot record confidence"), tr("%1 is not between 0 and 5").arg(confidence));
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO item (node_id, confidence, title, updated_at, confidence_clock)"
                             " VALUES (?, ?, ?, ?, -1) ON CONFLICT (node_id) DO UPDATE SET"
                             " confidence = excluded.confidence, title = excluded.title,"
                             " updated_at = excluded.updated_at, device = '', clock = 0,"
                             " confidence_device = '', confidence_clock = -1"));
    q.addBindValue(nodeId);
    q.addBindValue(confidence);
    q.addBindValue(title);
    q.addBindValue(at.toMSecsSinceEpoch());
    return m_db.exec(q);
}

QList<HistoryEntry> ProgressStore::history(const QString &nodeId)
{
    QList<HistoryEntry> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    if (nodeId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT node_id, from_state, to_state, changed_at, source FROM state_change "
                                 "ORDER BY changed_at, id"));
    } else {
        q.prepare(QStringLiteral("SELECT node_id, from_state, to_state, changed_at, source FROM state_change "
                                 "WHERE node_id = ? ORDER BY changed_at, id"));
        q.addBindValue(nodeId);
    }
    if (!m_db.exec(q))
        return result;
    while (q.next()) {
        HistoryEntry e;
        e.nodeId = q.value(0).toString();
        if (!q.isNull(1))
            e.from = static_cast<ItemState>(q.value(1).toInt());
        e.to = static_cast<ItemState>(q.value(2).toInt());
        e.at = fromMs(q.value(3));
        e.source = q.value(4).toString();
        result.append(e);
    }
    return result;
}

bool ProgressStore::moveIds(const QList<QPair<QString, QString>> &moves)
{
    if (moves.isEmpty())
        return true;
    if (!m_db.begin())
        return false;
    const QSqlDatabase db = m_db.database();
    for (const auto &[from, to] : moves) {
        QSqlQuery taken(db);
        taken.prepare(QStringLiteral("SELECT 1 FROM item WHERE node_id = ?"));
        taken.addBindValue(to);
        if (!m_db.exec(taken)) {
            m_db.rollback();
            return false;
        }
        if (taken.next()) {
            taken.finish();
            m_db.rollback();
            return m_db.fail(
                tr("Cannot move the progress of %1").arg(from), tr("%1 has progress of its own").arg(to));
        }
        taken.finish();
        const QString statements[] = {
            QStringLiteral("UPDATE item SET node_id = ? WHERE node_id = ?"),
            QStringLiteral("UPDATE state_change SET node_id = ? WHERE node_id = ?"),
            QStringLiteral("UPDATE note SET node_id = ? WHERE node_id = ? "
                           "AND NOT EXISTS (SELECT 1 FROM note AS other WHERE other.node_id = ?)"),
        };
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            q.prepare(sql);
            q.addBindValue(to);
            q.addBindValue(from);
            if (sql.contains(QLatin1StringView("NOT EXISTS")))
                q.addBindValue(to);
            if (!m_db.exec(q)) {
                m_db.rollback();
                return false;
            }
        }
    }
    return m_db.commit();
}

QString ProgressStore::note(const QString &nodeId)
{
    return noteIn(m_db, nodeId);
}

QString ProgressStore::noteIn(SqliteDatabase &db, const QString &nodeId)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("SELECT body FROM note WHERE node_id = ?"));
    q.addBindValue(nodeId);
    if (!db.exec(q) || !q.next())
        return {};
    return q.value(0).toString();
}

QHash<QString, QString> ProgressStore::notes()
{
    QHash<QString, QString> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT node_id, body FROM note"));
    if (!m_db.exec(q))
        return result;
    while (q.next())
        result.insert(q.value(0).toString(), q.value(1).toString());
    return result;
}

bool ProgressStore::setNote(const QString &nodeId, const QString &text)
{
    QSqlQuery q(m_db.database());
    if (text.trimmed().isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM note WHERE node_id = ?"));
        q.addBindValue(nodeId);
    } else {
        q.prepare(QStringLiteral("INSERT INTO note (node_id, body, updated_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (node_id) DO UPDATE SET body = excluded.body, "
                                 "updated_at = excluded.updated_at, merged_at = 0"));
        q.addBindValue(nodeId);
        q.addBindValue(text);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    }
    return m_db.exec(q);
}

QDateTime ProgressStore::noteMergedAt(const QString &nodeId)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT merged_at FROM note WHERE node_id = ? AND merged_at > 0"));
    q.addBindValue(nodeId);
    if (!m_db.exec(q) || !q.next())
        return {};
    return fromMs(q.value(0));
}

bool ProgressStore::clearNoteMerged(const QString &nodeId)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE note SET merged_at = 0 WHERE node_id = ?"));
    q.addBindValue(nodeId);
    return m_db.exec(q);
}

qint64 ProgressStore::dataVersion()
{
    QSqlQuery q(m_db.database());
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace StudyBench
