#include "sync/syncnotes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace StudyBench {

bool SyncNotes::heads(SqliteDatabase &db, const QString &nodeId, QList<NoteVersion> &result)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral(
        "SELECT hash, body, at, device, replaces FROM sync_note_version WHERE node_id = ? ORDER BY hash"));
    q.addBindValue(nodeId);
    if (!db.exec(q, tr("Cannot read the versions of the note on %1").arg(nodeId)))
        return false;
    QList<NoteVersion> all;
    QSet<QString> replaced;
    while (q.next()) {
        NoteVersion v;
        v.hash = q.value(0).toString();
        v.nodeId = nodeId;
        v.body = q.value(1).toString();
        v.at = q.value(2).toLongLong();
        v.device = q.value(3).toString();
        for (const QJsonValue &r : QJsonDocument::fromJson(q.value(4).toByteArray()).array())
            v.replaces.append(r.toString());
        replaced.unite(QSet<QString>(v.replaces.cbegin(), v.replaces.cend()));
        all.append(v);
    }
    result.clear();
    for (const NoteVersion &v : std::as_const(all)) {
        if (!replaced.contains(v.hash))
            result.append(v);
    }
    return true;
}

bool SyncNotes::store(SqliteDatabase &db, const NoteVersion &v)
{
    QSqlQuery q(db.database());
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO sync_note_version (hash, node_id, body, at, device, replaces)"
                       " VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
        { QVariant(v.hash), QVariant(v.nodeId), QVariant(v.body), QVariant(v.at), QVariant(v.device),
            QVariant(QJsonDocument(QJsonArray::fromStringList(v.replaces)).toJson(QJsonDocument::Compact)) })
        q.addBindValue(value);
    return db.exec(q, tr("Cannot keep a version of the note on %1").arg(v.nodeId));
}

QString SyncNotes::render(QList<NoteVersion> heads)
{
    std::sort(heads.begin(), heads.end(), [](const NoteVersion &a, const NoteVersion &b) {
        return std::tie(a.at, a.device, a.hash) < std::tie(b.at, b.device, b.hash);
    });
    QString text;
    for (const NoteVersion &v : std::as_const(heads)) {
        if (v.body.trimmed().isEmpty())
            continue;
        if (text.isEmpty()) {
            text = v.body;
            continue;
        }
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(v.at, QTimeZone::UTC);
        text = text.trimmed() + QStringLiteral("\n\n") + ProgressMerge::noteHeading(v.device, at)
            + QStringLiteral("\n\n") + v.body;
    }
    return text;
}

bool SyncNotes::renderInto(SqliteDatabase &db, const QString &nodeId, bool *changed)
{
    QList<NoteVersion> current;
    if (!heads(db, nodeId, current))
        return false;
    const QString text = render(current);
    qint64 at = 0;
    int texts = 0;
    for (const NoteVersion &v : std::as_const(current)) {
        at = std::max(at, v.at);
        texts += v.body.trimmed().isEmpty() ? 0 : 1;
    }
    QSqlQuery old(db.database());
    old.prepare(QStringLiteral("SELECT body, updated_at FROM note WHERE node_id = ?"));
    old.addBindValue(nodeId);
    if (!db.exec(old))
        return false;
    const bool had = old.next();
    *changed
        = text.isEmpty() ? had : (!had || old.value(0).toString() != text || old.value(1).toLongLong() != at);
    if (!*changed)
        return true;
    QSqlQuery q(db.database());
    if (text.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM note WHERE node_id = ?"));
        q.addBindValue(nodeId);
    } else {
        // Several texts kept side by side flag the note until the learner has seen it.
        q.prepare(QStringLiteral("INSERT INTO note (node_id, body, updated_at, merged_at) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT (node_id) DO UPDATE SET body = excluded.body,"
                                 " updated_at = excluded.updated_at, merged_at = excluded.merged_at"));
        q.addBindValue(nodeId);
        q.addBindValue(text);
        q.addBindValue(at);
        q.addBindValue(texts > 1 ? QDateTime::currentMSecsSinceEpoch() : 0);
    }
    return db.exec(q, tr("Cannot write the merged note on %1").arg(nodeId));
}

bool SyncNotes::apply(SqliteDatabase &db, const QList<NoteVersion> &versions, int *changed)
{
    QSet<QString> touched;
    for (const NoteVersion &v : versions) {
        if (!store(db, v))
            return false;
        touched.insert(v.nodeId);
    }
    for (const QString &node : std::as_const(touched)) {
        bool noteChanged = false;
        if (!renderInto(db, node, &noteChanged))
            return false;
        *changed += noteChanged ? 1 : 0;
    }
    return true;
}

} // namespace StudyBench
