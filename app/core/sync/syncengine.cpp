#include "sync/syncengine.h"

#include "progress/progressstore.h"
#include "review/progressmerge.h"
#include "sync/syncnotes.h"
#include "sync/syncreader.h"
#include "util/datalocation.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

const QString kNote = QStringLiteral("note");
const QString kItem = QStringLiteral("item");
const QString kHistory = QStringLiteral("state_change");

QString digestOf(const QVariantMap &row)
{
    const QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(row)).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex());
}

QString shadowId(const QString &table, const QString &key)
{
    return table + QChar(0x1e) + key;
}

// The keys of the rows written since the last pass (sync_dirty), by table.
bool dirtyKeys(SqliteDatabase &db, QHash<QString, QStringList> &keys)
{
    QSqlQuery q(db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT tbl, key FROM sync_dirty ORDER BY tbl, key"));
    if (!db.exec(q, SyncEngine::tr("Cannot read what changed since the last sync")))
        return false;
    while (q.next())
        keys[q.value(0).toString()].append(q.value(1).toString());
    return true;
}

// What the log last carried of the rows named by @p keys (table -> keys): their digests.
bool readShadows(
    SqliteDatabase &db, const QHash<QString, QStringList> &keys, QHash<QString, QString> &shadows)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("SELECT digest FROM sync_seen WHERE tbl = ? AND key = ?"));
    for (auto t = keys.cbegin(); t != keys.cend(); ++t) {
        for (const QString &key : *t) {
            q.addBindValue(t.key());
            q.addBindValue(key);
            if (!db.exec(q))
                return false;
            if (q.next())
                shadows.insert(shadowId(t.key(), key), q.value(0).toString());
        }
    }
    return true;
}

// The rows written since the last pass, with every state change of each item among them (its
// latest goes with it), and what the log last carried of them and of the rows removed since.
bool readChanged(
    SqliteDatabase &db, ProgressSnapshot &changed, QHash<QString, QString> &shadows, QString *error)
{
    QHash<QString, QStringList> keys;
    if (!dirtyKeys(db, keys) || !ProgressSnapshot::readKeys(db, keys, changed, error))
        return false;
    QSet<QString> items;
    for (const QVariantMap &row : changed.rows.value(kItem))
        items.insert(row.value(QStringLiteral("node_id")).toString());
    ProgressSnapshot history;
    if (!ProgressSnapshot::readNodes(db, items, {}, history, error, { kHistory }))
        return false;
    const ProgressTable &table = *progressTable(kHistory);
    QSet<QString> known(keys.value(kHistory).cbegin(), keys.value(kHistory).cend());
    for (const QVariantMap &row : history.rows.value(kHistory)) {
        const QString key = progressKey(table, row);
        if (!known.contains(key)) {
            changed.rows[kHistory].append(row);
            keys[kHistory].append(key);
        }
    }
    return readShadows(db, keys, shadows);
}

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

/// The records committed here that the log does not carry yet.
struct Pending
{
    QList<QPair<QString, QVariantMap>> rows; ///< table, row
    QList<QVariantMap> notes; ///< note rows; one with only node_id: the note was removed
    int count() const { return int(rows.size() + notes.size()); }
};

// Each node's latest state change in sync's order (ordering key, then device): the change the
// sync rules decide its state by.
QHash<QString, QVariantMap> latestChanges(const ProgressSnapshot &snapshot)
{
    const auto order = [](const QVariantMap &row) {
        return std::pair(
            row.value(QStringLiteral("clock")).toLongLong(), row.value(QStringLiteral("device")).toString());
    };
    QHash<QString, QVariantMap> result;
    for (const QVariantMap &row : snapshot.rows.value(kHistory)) {
        QVariantMap &latest = result[row.value(QStringLiteral("node_id")).toString()];
        if (latest.isEmpty() || order(latest) < order(row))
            latest = row;
    }
    return result;
}

Pending pendingIn(const ProgressSnapshot &snapshot, const QHash<QString, QString> &shadows)
{
    Pending pending;
    QSet<QString> notes;
    const QHash<QString, QVariantMap> latest = latestChanges(snapshot);
    for (const ProgressTable &table : progressTables()) {
        for (const QVariantMap &row : snapshot.rows.value(table.name)) {
            const QString key = progressKey(table, row);
            if (table.name == kNote)
                notes.insert(key);
            if (shadows.value(shadowId(table.name, key)) == digestOf(row))
                continue;
            if (table.name == kNote) {
                pending.notes.append(row);
                continue;
            }
            pending.rows.append({ table.name, row });
        }
    }
    // With an item goes its latest state change: the time the sync rules compare its state by.
    QSet<QString> changes;
    for (const auto &[table, row] : std::as_const(pending.rows)) {
        if (table == kHistory)
            changes.insert(row.value(QStringLiteral("node_id")).toString());
    }
    for (qsizetype i = 0, n = pending.rows.size(); i < n; ++i) {
        const QString node = pending.rows.at(i).second.value(QStringLiteral("node_id")).toString();
        if (pending.rows.at(i).first == kItem && latest.contains(node) && !changes.contains(node))
            pending.rows.append({ kHistory, latest.value(node) });
    }
    const QString prefix = shadowId(kNote, {});
    for (auto s = shadows.cbegin(); s != shadows.cend(); ++s) {
        const QString key = s.key().mid(prefix.size());
        if (s.key().startsWith(prefix) && !notes.contains(key))
            pending.notes.append(QVariantMap { { QStringLiteral("node_id"), key } });
    }
    return pending;
}

// The version a pending note row becomes: it replaces the heads this device showed.
bool noteVersion(SqliteDatabase &db, const QVariantMap &row, const QString &device, NoteVersion &v)
{
    v.nodeId = row.value(QStringLiteral("node_id")).toString();
    v.body = row.value(QStringLiteral("body")).toString();
    v.at = row.contains(QStringLiteral("updated_at")) ? row.value(QStringLiteral("updated_at")).toLongLong()
                                                      : QDateTime::currentMSecsSinceEpoch();
    v.device = device;
    v.hash = NoteVersion::hashOf(v.nodeId, v.body, v.at, device);
    QList<NoteVersion> heads;
    if (!SyncNotes::heads(db, v.nodeId, heads))
        return false;
    for (const NoteVersion &h : std::as_const(heads)) {
        if (h.hash != v.hash)
            v.replaces.append(h.hash);
    }
    return SyncNotes::store(db, v);
}

// The greatest ordering key @p db holds, this device's and every merged one.
qint64 greatestClock(SqliteDatabase &db)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral(
        "SELECT max(m) FROM (SELECT max(clock) AS m FROM item UNION ALL"
        " SELECT max(clock) FROM state_change UNION ALL SELECT max(clock) FROM review_setting)"));
    return db.exec(q) && q.next() ? q.value(0).toLongLong() : 0;
}

// Prepares @p q to stamp the change @p id of @p table with @p device and @p clock. An item's
// confidence is stamped with it when it changed here (confidence_clock -1), or when an import of
// an export older than schema 6 brought a rating without its order.
void stampQuery(QSqlQuery &q, const QString &table, const QVariant &id, const QString &device, qint64 clock)
{
    const bool item = table == u"item";
    const QString column = table == u"state_change" ? QStringLiteral("id")
        : item                                      ? QStringLiteral("node_id")
                                                    : QStringLiteral("key");
    const QString rated = u"confidence_device = '' AND (confidence_clock = -1 OR confidence <> 0)"_s;
    const QString confidence = item
        ? u", confidence_device = CASE WHEN %1 THEN ? ELSE confidence_device END,"
          " confidence_clock = CASE WHEN %1 THEN ? ELSE confidence_clock END"_s.arg(rated)
        : QString();
    q.prepare(u"UPDATE %1 SET device = ?, clock = ?%3 WHERE %2 = ?"_s.arg(table, column, confidence));
    q.addBindValue(device);
    q.addBindValue(clock);
    if (item) {
        q.addBindValue(device);
        q.addBindValue(clock);
    }
    q.addBindValue(id);
}

// Stamps this device's changes that have no device yet (made here since the last export) with
// its ID and their ordering key, a hybrid logical clock: in the order they were made, each takes
// max(its time, the greatest key seen + 1). A change made after merging another device's change
// so comes after it even when this device's clock runs behind; ties go by device ID. @p settings
// tells whether a review setting was among them.
bool stampChanges(SqliteDatabase &db, const QString &device, bool *settings)
{
    QSqlQuery q(db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT changed_at, 'state_change', id FROM state_change WHERE device = ''"
                             " UNION ALL SELECT updated_at, 'item', node_id FROM item WHERE device = ''"
                             " UNION ALL SELECT changed_at, 'review_setting', key FROM review_setting"
                             " WHERE device = '' ORDER BY 1, 2, 3"));
    if (!db.exec(q, SyncEngine::tr("Cannot read the changes to sync")))
        return false;
    QList<std::tuple<qint64, QString, QVariant>> changes;
    while (q.next())
        changes.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2) });
    q.finish();
    if (changes.isEmpty())
        return true;
    qint64 clock = greatestClock(db);
    for (const auto &[at, table, id] : std::as_const(changes)) {
        clock = std::max(at, clock + 1);
        *settings = *settings || table == u"review_setting";
        QSqlQuery stamp(db.database());
        stampQuery(stamp, table, id, device, clock);
        if (!db.exec(stamp, SyncEngine::tr("Cannot stamp a change to sync")))
            return false;
    }
    return true;
}

bool setMeta(SqliteDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    return db.exec(q);
}

// Where each of a device's log files is read on from (sync_meta files/DEVICE): name -> [offset, line].
QHash<QString, SyncFileMark> marksFrom(const QString &text)
{
    QHash<QString, SyncFileMark> marks;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto m = o.begin(); m != o.end(); ++m) {
        const QJsonArray a = m.value().toArray();
        marks.insert(m.key(), { qint64(a.at(0).toDouble()), a.at(1).toInt(), {} });
    }
    return marks;
}

QString marksText(const QHash<QString, SyncFileMark> &marks)
{
    QJsonObject o;
    for (auto m = marks.cbegin(); m != marks.cend(); ++m)
        o.insert(m.key(), QJsonArray { m->offset, m->line });
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The appended records are on disk before the database says they were written.
bool syncToDisk(QFile &file)
{
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return file.flush();
#endif
}

QString meta(SqliteDatabase &db, const QString &key)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("SELECT value FROM sync_meta WHERE key = ?"));
    q.addBindValue(key);
    return db.exec(q) && q.next() ? q.value(0).toString() : QString();
}

// Schema 4 recorded what the log carried of a row by the row's columns then (no device, clock or
// a setting's changed_at) and a state change's key without device and clock. Carries each such
// record that still matches its row over to the row as schema 5 keeps it, so a pass exports only
// what was pending under schema 4, not all history again; once (sync_meta seen_format).
bool adoptSchema4Seen(SqliteDatabase &db)
{
    const QString done = QStringLiteral("seen_format");
    if (meta(db, done) == u"5")
        return true;
    ProgressSnapshot all;
    QString error;
    if (!ProgressSnapshot::read(db, all, &error))
        return db.fail(error);
    QSqlQuery find(db.database());
    find.prepare(QStringLiteral("SELECT digest FROM sync_seen WHERE tbl = ? AND key = ?"));
    QSqlQuery store(db.database());
    store.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_seen (tbl, key, digest) VALUES (?, ?, ?)"));
    for (const QString &name : { kItem, kHistory, QStringLiteral("review_setting") }) {
        const ProgressTable &table = *progressTable(name);
        for (const QVariantMap &row : all.rows.value(name)) {
            QVariantMap old = row;
            for (const QString &c : { u"device"_s, u"clock"_s, u"confidence_device"_s, u"confidence_clock"_s,
                     name == kHistory ? QString() : u"changed_at"_s })
                old.remove(c);
            const QString oldKey = name == kHistory ? QStringList { row.value(u"node_id"_s).toString(),
                row.value(u"changed_at"_s).toString(), row.value(u"to_state"_s).toString() }
                                                          .join(QChar(0x1f))
                                                    : progressKey(table, row);
            find.addBindValue(name);
            find.addBindValue(oldKey);
            if (!db.exec(find) || !find.next() || find.value(0).toString() != digestOf(old))
                continue;
            store.addBindValue(name);
            store.addBindValue(progressKey(table, row));
            store.addBindValue(digestOf(row));
            if (!db.exec(store, SyncEngine::tr("Cannot remember what the sync log carries")))
                return false;
        }
    }
    return setMeta(db, done, QStringLiteral("5"));
}

} // namespace

int SyncPassReport::changed() const
{
    int sum = 0;
    for (int n : changesFrom)
        sum += n;
    return sum;
}

QString SyncEngine::curriculumId(const QString &curriculumFile)
{
    return curriculumFile.isEmpty() ? QStringLiteral("backend-mastery")
                                    : QFileInfo(curriculumFile).completeBaseName();
}

SyncEngine::SyncEngine(const QString &dataDir, const QString &curriculumId)
    : m_dataDir(dataDir)
    , m_curriculumId(curriculumId)
    , m_db(QStringLiteral("studybench-sync"))
{ }

bool SyncEngine::openDatabase(QString *error)
{
    m_settings = SyncDevice::load(m_dataDir);
    if (!m_settings.error.isEmpty()) {
        *error = m_settings.error;
        return false;
    }
    if (!m_db.isOpen() && !m_db.open(progressDatabasePath(m_dataDir), ProgressStore::migrations())) {
        *error = m_db.errorString();
        return false;
    }
    return true; // the sync_* tables come with the progress schema (version 4)
}

// The stored next_seq, or past what this device's log already carries when that is further: an
// export appended before a crash rolled its transaction back (next_seq with it) must not have its
// numbers used again, or a device that merged it would skip the records written under them.
qint64 SyncEngine::nextSeq(SqliteDatabase &db)
{
    const qint64 stored = meta(db, QStringLiteral("next_seq/") + m_settings.deviceId).toLongLong();
    const qint64 logged
        = SyncReader::lastSeqIn(SyncDevice::deviceFolder(m_settings.folder, m_settings.deviceId));
    return std::max({ qint64(1), stored, logged + 1 });
}

// The month's log only grows. A new one is written whole through QSaveFile; an existing one gets
// the export appended, not rewritten (every export rewrote a month of records): readers take a
// partial last line for one still arriving, and a line a crash cut short here is ended first, so
// it stays one line that readers skip (its records were rolled back and are written again).
bool SyncEngine::appendToLog(const QList<QByteArray> &lines)
{
    const QString folder = SyncDevice::deviceFolder(m_settings.folder, m_settings.deviceId);
    const QString path = QDir(folder).filePath(
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM")) + QStringLiteral(".jsonl"));
    QByteArray bytes;
    for (const QByteArray &l : lines)
        bytes += l;
    QFile existing(path);
    if (existing.size() > 0) {
        const bool ok
            = existing.open(QIODevice::ReadWrite | QIODevice::Append) && existing.seek(existing.size() - 1);
        if (ok && existing.read(1) != "\n")
            bytes.prepend('\n');
        if (!ok || existing.write(bytes) != bytes.size() || !existing.flush() || !syncToDisk(existing))
            return m_db.fail(tr("Cannot write the sync log %1").arg(path), existing.errorString());
        return true;
    }
    bytes.prepend(line(QJsonObject { { QStringLiteral("kind"), SyncFormat::header() },
        { QStringLiteral("format"), SyncFormat::kVersion }, { QStringLiteral("device"), m_settings.deviceId },
        { QStringLiteral("curriculum"), m_curriculumId } }));
    QSaveFile file(path);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
        return m_db.fail(tr("Cannot write the sync log %1").arg(path), file.errorString());
    return true;
}

bool SyncEngine::exportPending(SqliteDatabase &db, int *exported)
{
    bool settingsChanged = false;
    if (!adoptSchema4Seen(db) || !stampChanges(db, m_settings.deviceId, &settingsChanged)
        || (settingsChanged && !ProgressMerge::regradeCards(db)))
        return false;
    ProgressSnapshot changed;
    QHash<QString, QString> shadows;
    QString error;
    if (!readChanged(db, changed, shadows, &error))
        return db.fail(error);
    const Pending pending = pendingIn(changed, shadows);
    if (pending.count() == 0)
        return recordShadows(db);
    qint64 seq = nextSeq(db);
    QList<QByteArray> lines;
    for (const auto &[table, row] : pending.rows) {
        lines.append(line(QJsonObject { { QStringLiteral("seq"), seq++ },
            { QStringLiteral("kind"), SyncFormat::row() }, { QStringLiteral("table"), table },
            { QStringLiteral("row"), QJsonObject::fromVariantMap(row) } }));
    }
    for (const QVariantMap &row : pending.notes) {
        NoteVersion v;
        if (!noteVersion(db, row, m_settings.deviceId, v))
            return false;
        QJsonObject o = v.toJson();
        o.insert(QStringLiteral("seq"), seq++);
        o.insert(QStringLiteral("kind"), SyncFormat::note());
        lines.append(line(o));
    }
    lines.append(
        line(QJsonObject { { QStringLiteral("seq"), seq++ }, { QStringLiteral("kind"), SyncFormat::commit() },
            { QStringLiteral("at"), QDateTime::currentMSecsSinceEpoch() } }));
    *exported += pending.count();
    return appendToLog(lines)
        && setMeta(db, QStringLiteral("next_seq/") + m_settings.deviceId, QString::number(seq))
        && recordShadows(db);
}

bool SyncEngine::recordShadows(SqliteDatabase &db)
{
    QHash<QString, QStringList> keys;
    ProgressSnapshot changed;
    QString error;
    if (!dirtyKeys(db, keys) || !ProgressSnapshot::readKeys(db, keys, changed, &error))
        return db.fail(error);
    QSqlQuery forget(db.database());
    forget.prepare(QStringLiteral("DELETE FROM sync_seen WHERE tbl = ? AND key = ?"));
    for (auto t = keys.cbegin(); t != keys.cend(); ++t) {
        for (const QString &key : *t) {
            forget.addBindValue(t.key());
            forget.addBindValue(key);
            if (!db.exec(forget, tr("Cannot remember what the sync log carries")))
                return false;
        }
    }
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral("INSERT INTO sync_seen (tbl, key, digest) VALUES (?, ?, ?)"));
    for (auto t = changed.rows.cbegin(); t != changed.rows.cend(); ++t) {
        const ProgressTable &table = *progressTable(t.key());
        for (const QVariantMap &row : *t) {
            q.addBindValue(table.name);
            q.addBindValue(progressKey(table, row));
            q.addBindValue(digestOf(row));
            if (!db.exec(q, tr("Cannot remember what the sync log carries")))
                return false;
        }
    }
    return keys.isEmpty()
        || db.exec(QStringLiteral("DELETE FROM sync_dirty")); // nothing written: no sync to disk
}

bool SyncEngine::mergePeer(const QString &peer, SyncPassReport &report)
{
    const QList<SyncPeer> known = peers();
    qint64 lastSeq = 0;
    int total = 0;
    for (const SyncPeer &p : known) {
        if (p.deviceId == peer) {
            lastSeq = p.lastSeq;
            total = p.changes;
        }
    }
    const QString marksKey = QStringLiteral("files/") + peer;
    const QString before = meta(m_db, marksKey);
    QHash<QString, SyncFileMark> marks = marksFrom(before);
    const SyncBatch batch = SyncReader::read(SyncDevice::deviceFolder(m_settings.folder, peer), peer, lastSeq,
        m_curriculumId, &report.messages, &marks);
    if (batch.lastSeq == 0)
        return marksText(marks) == before || setMeta(m_db, marksKey, marksText(marks));
    int notesChanged = 0;
    int changes = 0;
    MergeOptions options;
    options.sourceName = peer;
    options.syncRules = true;
    options.beforeMerge = [&](SqliteDatabase &db) {
        return exportPending(db, &report.exported);
    };
    options.afterMerge = [&](SqliteDatabase &db) {
        QSqlQuery q(db.database());
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_peer (device, last_seq, merged_at, changes)"
                                 " VALUES (?, ?, ?, ?)"));
        q.addBindValue(peer);
        q.addBindValue(batch.lastSeq);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(total); // the merge's own count is added below, once it is known
        return SyncNotes::apply(db, batch.notes, &notesChanged) && recordShadows(db) && db.exec(q)
            && setMeta(db, marksKey, marksText(marks));
    };
    const MergeReport merged = ProgressMerge::merge(m_db, batch.rows, options);
    if (!merged.ok()) {
        report.error = tr("Cannot merge the changes of device %1: %2").arg(peer, merged.error);
        return false;
    }
    for (const MergeCount &c : merged.counts)
        changes += c.added + c.updated;
    changes += notesChanged;
    report.changesFrom.insert(peer, changes);
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE sync_peer SET changes = changes + ? WHERE device = ?"));
    q.addBindValue(changes);
    q.addBindValue(peer);
    return m_db.exec(q);
}

SyncPassReport SyncEngine::pass()
{
    SyncPassReport report;
    if (!openDatabase(&report.error))
        return report;
    report.deviceId = m_settings.deviceId;
    if (!m_settings.message.isEmpty())
        report.messages.append(m_settings.message);
    if (m_settings.folder.isEmpty()) {
        report.error = tr("No sync folder is set: choose one with studybench-cli sync --folder DIR");
        return report;
    }
    // The device's folder is there from its first pass on, so the others list it.
    if (!QDir().mkpath(SyncDevice::deviceFolder(m_settings.folder, m_settings.deviceId))) {
        report.error = tr("Cannot create the folder %1: is the sync folder writable?")
                           .arg(SyncDevice::deviceFolder(m_settings.folder, m_settings.deviceId));
        return report;
    }
    if (!m_db.begin() || !exportPending(m_db, &report.exported) || !m_db.commit()) {
        report.error = m_db.errorString();
        m_db.rollback();
        return report;
    }
    const QDir devices(QDir(m_settings.folder).filePath(QStringLiteral("devices")));
    for (const QString &peer : devices.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (peer != m_settings.deviceId && !mergePeer(peer, report))
            return report;
    }
    setMeta(m_db, QStringLiteral("last_pass"), QString::number(QDateTime::currentMSecsSinceEpoch()));
    return report;
}

QList<SyncPeer> SyncEngine::peers()
{
    QList<SyncPeer> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT device, last_seq, merged_at, changes FROM sync_peer ORDER BY device")))
        return result;
    while (q.next())
        result.append(
            { q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt() });
    return result;
}

SyncStatus SyncEngine::status()
{
    SyncStatus status;
    if (!openDatabase(&status.error))
        return status;
    status.deviceId = m_settings.deviceId;
    status.folder = m_settings.folder;
    status.lastPassAt = meta(m_db, QStringLiteral("last_pass")).toLongLong();
    status.peers = peers();
    ProgressSnapshot changed;
    QHash<QString, QString> shadows;
    if (readChanged(m_db, changed, shadows, &status.error))
        status.pending = pendingIn(changed, shadows).count();
    if (!status.folder.isEmpty()) {
        status.devices = QDir(QDir(status.folder).filePath(QStringLiteral("devices")))
                             .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    }
    return status;
}

} // namespace StudyBench
