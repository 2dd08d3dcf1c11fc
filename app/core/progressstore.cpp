#include "progressstore.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {

QAtomicInt connectionCounter;

// Each entry brings the schema from version (index) to version (index + 1), in one transaction.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        {
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
        },
    };
    return steps;
}

QDateTime fromMs(const QVariant &v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

} // namespace

ProgressStore::ProgressStore()
    : m_connection(QStringLiteral("studybench-progress-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{
}

ProgressStore::~ProgressStore()
{
    close();
}

bool ProgressStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

void ProgressStore::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool ProgressStore::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : tr("%1: %2").arg(what, detail);
    return false;
}

bool ProgressStore::open(const QString &path)
{
    close();
    m_path = path;
    m_error.clear();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("Cannot create the data folder %1").arg(info.absolutePath()), {});
    if (info.exists() && !info.isFile())
        return fail(tr("Cannot open %1").arg(path), tr("it is not a file"));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return fail(tr("Cannot open %1").arg(path), db.lastError().text());

    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return fail(tr("Cannot read %1 as a StudyBench database").arg(path), q.lastError().text());
        if (q.value(0).toString().compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0)
            return fail(tr("Cannot switch %1 to write-ahead logging").arg(path), q.value(0).toString());
    }
    if (!exec(QStringLiteral("PRAGMA synchronous=FULL")) || !exec(QStringLiteral("PRAGMA foreign_keys=ON")))
        return false;
    return migrate();
}

int ProgressStore::schemaVersion()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    const int version = q.value(0).toInt();
    q.finish();
    return version;
}

bool ProgressStore::migrate()
{
    const int current = schemaVersion();
    if (current < 0)
        return fail(tr("Cannot read the schema version of %1").arg(m_path),
                    QSqlDatabase::database(m_connection, false).lastError().text());
    if (current > kSchemaVersion)
        return fail(tr("%1 was made by a newer StudyBench (schema %2; this version knows up to %3). "
                       "Update StudyBench to open it; the file was left untouched.")
                        .arg(m_path)
                        .arg(current)
                        .arg(kSchemaVersion),
                    {});
    const auto &steps = migrations();
    for (int version = current; version < kSchemaVersion; ++version) {
        if (!begin())
            return false;
        for (const QString &sql : steps.at(version)) {
            if (!exec(sql)) {
                rollback();
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) || !commit()) {
            rollback();
            return false;
        }
    }
    return true;
}

bool ProgressStore::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    return fail(tr("Database error in %1").arg(m_path), query.lastError().text());
}

bool ProgressStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(sql))
        return true;
    return fail(tr("Database error in %1").arg(m_path), q.lastError().text());
}

bool ProgressStore::begin()
{
    // IMMEDIATE takes the write lock up front, so two writers (GUI and CLI) wait for each other
    // instead of failing half-way.
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool ProgressStore::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

void ProgressStore::rollback()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.exec(QStringLiteral("ROLLBACK"));
}

ItemRecords ProgressStore::items()
{
    ItemRecords result;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT node_id, state, confidence, title, updated_at FROM item"));
    if (!exec(q))
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
    return result;
}

std::optional<ItemRecord> ProgressStore::item(const QString &nodeId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT state, confidence, title, updated_at FROM item WHERE node_id = ?"));
    q.addBindValue(nodeId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    ItemRecord r;
    r.nodeId = nodeId;
    r.state = static_cast<ItemState>(q.value(0).toInt());
    r.confidence = q.value(1).toInt();
    r.title = q.value(2).toString();
    r.updatedAt = fromMs(q.value(3));
    return r;
}

bool ProgressStore::setState(const QString &nodeId, ItemState state, const QString &title, const QString &source,
                             const QDateTime &at)
{
    if (nodeId.isEmpty())
        return fail(tr("Cannot record progress"), tr("the item has no ID"));
    if (!begin())
        return false;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery read(db);
    read.prepare(QStringLiteral("SELECT state FROM item WHERE node_id = ?"));
    read.addBindValue(nodeId);
    if (!exec(read)) {
        rollback();
        return false;
    }
    std::optional<ItemState> previous;
    if (read.next())
        previous = static_cast<ItemState>(read.value(0).toInt());
    read.finish();
    if (previous == state || (!previous && state == ItemState::NotStarted)) {
        rollback();
        return true;
    }
    const qint64 ms = at.toMSecsSinceEpoch();
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral("INSERT INTO item (node_id, state, title, updated_at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, "
                                  "title = excluded.title, updated_at = excluded.updated_at"));
    upsert.addBindValue(nodeId);
    upsert.addBindValue(int(state));
    upsert.addBindValue(title);
    upsert.addBindValue(ms);
    QSqlQuery log(db);
    log.prepare(QStringLiteral("INSERT INTO state_change (node_id, from_state, to_state, changed_at, source) "
                               "VALUES (?, ?, ?, ?, ?)"));
    log.addBindValue(nodeId);
    log.addBindValue(previous ? QVariant(int(*previous)) : QVariant(QMetaType::fromType<int>()));
    log.addBindValue(int(state));
    log.addBindValue(ms);
    log.addBindValue(source);
    if (!exec(upsert) || !exec(log) || !commit()) {
        rollback();
        return false;
    }
    return true;
}

bool ProgressStore::setConfidence(const QString &nodeId, int confidence, const QString &title)
{
    if (confidence < 0 || confidence > 5)
        return fail(tr("Cannot record confidence"), tr("%1 is not between 0 and 5").arg(confidence));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO item (node_id, confidence, title, updated_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (node_id) DO UPDATE SET confidence = excluded.confidence, "
                             "title = excluded.title, updated_at = excluded.updated_at"));
    q.addBindValue(nodeId);
    q.addBindValue(confidence);
    q.addBindValue(title);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return exec(q);
}

QList<HistoryEntry> ProgressStore::history(const QString &nodeId)
{
    QList<HistoryEntry> result;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (nodeId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT node_id, from_state, to_state, changed_at, source FROM state_change "
                                 "ORDER BY changed_at, id"));
    } else {
        q.prepare(QStringLiteral("SELECT node_id, from_state, to_state, changed_at, source FROM state_change "
                                 "WHERE node_id = ? ORDER BY changed_at, id"));
        q.addBindValue(nodeId);
    }
    if (!exec(q))
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
    if (!begin())
        return false;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    for (const auto &[from, to] : moves) {
        QSqlQuery taken(db);
        taken.prepare(QStringLiteral("SELECT 1 FROM item WHERE node_id = ?"));
        taken.addBindValue(to);
        if (!exec(taken)) {
            rollback();
            return false;
        }
        if (taken.next()) {
            taken.finish();
            rollback();
            return fail(tr("Cannot move the progress of %1").arg(from), tr("%1 has progress of its own").arg(to));
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
            if (!exec(q)) {
                rollback();
                return false;
            }
        }
    }
    return commit();
}

QString ProgressStore::note(const QString &nodeId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT body FROM note WHERE node_id = ?"));
    q.addBindValue(nodeId);
    if (!exec(q) || !q.next())
        return {};
    return q.value(0).toString();
}

QHash<QString, QString> ProgressStore::notes()
{
    QHash<QString, QString> result;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT node_id, body FROM note"));
    if (!exec(q))
        return result;
    while (q.next())
        result.insert(q.value(0).toString(), q.value(1).toString());
    return result;
}

bool ProgressStore::setNote(const QString &nodeId, const QString &text)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (text.trimmed().isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM note WHERE node_id = ?"));
        q.addBindValue(nodeId);
    } else {
        q.prepare(QStringLiteral("INSERT INTO note (node_id, body, updated_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (node_id) DO UPDATE SET body = excluded.body, "
                                 "updated_at = excluded.updated_at"));
        q.addBindValue(nodeId);
        q.addBindValue(text);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    }
    return exec(q);
}

qint64 ProgressStore::dataVersion()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace StudyBench
