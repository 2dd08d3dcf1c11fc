#include "review/progressmerge.h"

#include "progress/progressstore.h"
#include "review/fsrs.h"
#include "review/reviewstore.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <limits>
#include <tuple>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

using C = ProgressColumn;

const QString kItem = QStringLiteral("item");
const QString kHistory = QStringLiteral("state_change");
const QString kNote = QStringLiteral("note");
const QString kCard = QStringLiteral("review_card");
const QString kLog = QStringLiteral("review_log");
const QString kSetting = QStringLiteral("review_setting");
const QString kDue = QStringLiteral("review_due");

const ProgressTable &tableNamed(const QString &name)
{
    return *progressTable(name);
}

QVariant columnValue(const QVariant &v, ProgressColumn type)
{
    switch (type) {
    case C::Text:
        return v.toString();
    case C::Integer:
    case C::Time:
        return v.toLongLong();
    case C::Real:
        return v.toDouble();
    case C::OptionalInteger:
    case C::OptionalTime:
        return v.isNull() ? QVariant() : QVariant(v.toLongLong());
    }
    return v;
}

QHash<QString, QVariantMap> indexed(const ProgressTable &table, const ProgressSnapshot &snapshot)
{
    QHash<QString, QVariantMap> result;
    for (const QVariantMap &row : snapshot.rows.value(table.name))
        result.insert(progressKey(table, row), row);
    return result;
}

// Each node's latest state change in @p snapshot, in milliseconds.
QHash<QString, qint64> lastStateChange(const ProgressSnapshot &snapshot)
{
    QHash<QString, qint64> result;
    for (const QVariantMap &row : snapshot.rows.value(kHistory)) {
        const QString node = row.value(QStringLiteral("node_id")).toString();
        const qint64 at = row.value(QStringLiteral("changed_at")).toLongLong();
        result.insert(node, std::max(result.value(node, at), at));
    }
    return result;
}

// Sync's order of changes: a change's ordering key (its clock), then the device that made it.
using Order = std::pair<qint64, QString>;

Order orderOf(const QVariantMap &row)
{
    return { row.value(QStringLiteral("clock")).toLongLong(),
        row.value(QStringLiteral("device")).toString() };
}

const Order kNoChange { std::numeric_limits<qint64>::min(), QString() };

// Each node's latest state change in @p snapshot, in sync's order.
QHash<QString, Order> latestInOrder(const ProgressSnapshot &snapshot)
{
    QHash<QString, Order> result;
    for (const QVariantMap &row : snapshot.rows.value(kHistory)) {
        const QString node = row.value(QStringLiteral("node_id")).toString();
        result.insert(node, std::max(result.value(node, kNoChange), orderOf(row)));
    }
    return result;
}

/// One merge: the local records read inside the transaction, the other's, and what changed.
class Merger
{
public:
    Merger(SqliteDatabase &db, const ProgressSnapshot &other, const MergeOptions &options)
        : m_db(db)
        , m_other(other)
        , m_options(options)
    { }

    bool run(MergeReport &report)
    {
        QString error;
        const bool ok = (!m_options.beforeMerge || m_options.beforeMerge(m_db)) && reread(error)
            && mergeItems() && unite(kHistory) && (m_options.syncRules || mergeNotes()) && mergeSettings()
            && mergeCards() && unite(kLog) && unite(kDue) && recomputeCards()
            && unite(QStringLiteral("drill_attempt"))
            && (!m_options.afterMerge || m_options.afterMerge(m_db));
        report.counts = m_counts;
        return ok;
    }

private:
    // The local records: sync reads only those about the other's nodes and settings.
    bool reread(QString &error)
    {
        if (!m_options.syncRules)
            return ProgressSnapshot::read(m_db, m_local, &error) || m_db.fail(error);
        QSet<QString> nodes;
        QSet<QString> settings;
        for (auto t = m_other.rows.cbegin(); t != m_other.rows.cend(); ++t) {
            for (const QVariantMap &row : *t) {
                if (t.key() == kSetting)
                    settings.insert(row.value(QStringLiteral("key")).toString());
                else
                    nodes.insert(row.value(QStringLiteral("node_id")).toString());
            }
        }
        return ProgressSnapshot::readNodes(m_db, nodes, settings, m_local, &error) || m_db.fail(error);
    }

    static void take(QVariantMap &merged, const QVariantMap &theirs, const QStringList &columns)
    {
        for (const QString &column : columns)
            merged[column] = theirs.value(column);
    }

    // The columns of an item's last change of any kind (its title), and of its last confidence
    // change (schema 6 on; before, the confidence went with the row's last change).
    static QStringList rowColumns() { return { u"title"_s, u"updated_at"_s, u"device"_s, u"clock"_s }; }
    static QStringList confidenceColumns()
    {
        return { u"confidence"_s, u"confidence_device"_s, u"confidence_clock"_s };
    }

    static Order confidenceOrderOf(const QVariantMap &row)
    {
        return { row.value(QStringLiteral("confidence_clock")).toLongLong(),
            row.value(QStringLiteral("confidence_device")).toString() };
    }

    // Sync: the state of the latest state change (in sync's order: ordering key, then device; an
    // item without history never wins over one with), the confidence of the latest confidence
    // change and the title of the latest change of the item: each decided on its own, so a change
    // of one never carries an older value of another.
    QVariantMap syncItem(const QString &node, QVariantMap merged, const QVariantMap &theirs)
    {
        if (m_otherOrder.value(node, kNoChange) > m_localOrder.value(node, kNoChange))
            merged[QStringLiteral("state")] = theirs.value(QStringLiteral("state"));
        if (confidenceOrderOf(theirs) > confidenceOrderOf(merged))
            take(merged, theirs, confidenceColumns());
        if (orderOf(theirs) > orderOf(merged))
            take(merged, theirs, rowColumns());
        return merged;
    }

    // Import: the state of the newer state change (or updated_at without history), the
    // confidence and title of the newer updated_at.
    QVariantMap importedItem(const QString &node, QVariantMap merged, const QVariantMap &theirs)
    {
        const QString updatedAt = QStringLiteral("updated_at");
        const qint64 ourTime = merged.value(updatedAt).toLongLong();
        const qint64 theirTime = theirs.value(updatedAt).toLongLong();
        if (m_otherTime.value(node, theirTime) > m_localTime.value(node, ourTime))
            merged[QStringLiteral("state")] = theirs.value(QStringLiteral("state"));
        if (theirTime > ourTime)
            take(merged, theirs, rowColumns() + confidenceColumns());
        return merged;
    }

    bool insert(const ProgressTable &table, const QVariantMap &row)
    {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                .arg(table.name, table.columns.join(QStringLiteral(", ")),
                    QStringList(table.columns.size(), QStringLiteral("?")).join(QStringLiteral(", "))));
        for (qsizetype i = 0; i < table.columns.size(); ++i)
            q.addBindValue(columnValue(row.value(table.columns.at(i)), table.types.at(i)));
        return m_db.exec(q, ProgressMerge::tr("Cannot add a record to %1").arg(table.name));
    }

    bool update(const ProgressTable &table, const QVariantMap &row, const QStringList &columns)
    {
        QStringList set;
        QStringList where;
        for (const QString &c : columns)
            set.append(c + QStringLiteral(" = ?"));
        for (const QString &c : table.key)
            where.append(c + QStringLiteral(" = ?"));
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                .arg(table.name, set.join(QStringLiteral(", ")), where.join(QStringLiteral(" AND "))));
        for (const QString &c : columns + table.key)
            q.addBindValue(columnValue(row.value(c), table.types.at(table.columns.indexOf(c))));
        return m_db.exec(q, ProgressMerge::tr("Cannot update a record of %1").arg(table.name));
    }

    // Adds the other's rows the local table lacks; rows it has are left as they are.
    bool unite(const QString &name)
    {
        const ProgressTable &table = tableNamed(name);
        const QHash<QString, QVariantMap> local = indexed(table, m_local);
        MergeCount &count = m_counts[name];
        QSet<QString> seen;
        for (const QVariantMap &row : m_other.rows.value(name)) {
            const QString key = progressKey(table, row);
            if (local.contains(key) || seen.contains(key)) {
                ++count.unchanged;
                continue;
            }
            seen.insert(key);
            if (!insert(table, row))
                return false;
            ++count.added;
            const QString node = row.value(QStringLiteral("node_id")).toString();
            if (name == kCard)
                m_addedCards.insert(node);
            else if ((name == kLog && (m_options.syncRules || !m_addedCards.contains(node)))
                || (name == kDue && m_options.syncRules))
                m_recompute.insert(node);
        }
        return true;
    }

    bool mergeItems()
    {
        const ProgressTable &table = tableNamed(kItem);
        const QHash<QString, QVariantMap> local = indexed(table, m_local);
        m_localOrder = latestInOrder(m_local);
        m_otherOrder = latestInOrder(m_other);
        m_localTime = lastStateChange(m_local);
        m_otherTime = lastStateChange(m_other);
        MergeCount &count = m_counts[kItem];
        for (const QVariantMap &theirs : m_other.rows.value(kItem)) {
            const QString node = theirs.value(QStringLiteral("node_id")).toString();
            if (!local.contains(node)) {
                if (!insert(table, theirs))
                    return false;
                ++count.added;
                continue;
            }
            const QVariantMap ours = local.value(node);
            const QVariantMap merged
                = m_options.syncRules ? syncItem(node, ours, theirs) : importedItem(node, ours, theirs);
            if (merged == ours) {
                ++count.unchanged;
                continue;
            }
            if (!update(table, merged, table.columns.mid(1)))
                return false;
            ++count.updated;
        }
        return true;
    }

    // Sync: each review setting takes the value of its latest change (sync's order), and the
    // cards are regraded with the settings that result. Import: the local ones win.
    bool mergeSettings()
    {
        if (!m_options.syncRules)
            return unite(kSetting);
        const ProgressTable &table = tableNamed(kSetting);
        const QHash<QString, QVariantMap> local = indexed(table, m_local);
        MergeCount &count = m_counts[kSetting];
        for (const QVariantMap &theirs : m_other.rows.value(kSetting)) {
            const QString key = theirs.value(QStringLiteral("key")).toString();
            const bool known = local.contains(key);
            if (known && orderOf(theirs) <= orderOf(local.value(key))) {
                ++count.unchanged;
                continue;
            }
            if (!(known ? update(table, theirs, table.columns.mid(1)) : insert(table, theirs)))
                return false;
            ++(known ? count.updated : count.added);
            m_regradeAll = true;
        }
        return true;
    }

    // Sync: a card added on several devices is one card (its identity is the item): it keeps the
    // earliest added_at (and that one's title) and is regraded from the merged log, as is every
    // card the other changed. Import: cards only the other has are added as they are.
    bool mergeCards()
    {
        if (!m_options.syncRules)
            return unite(kCard);
        const ProgressTable &table = tableNamed(kCard);
        const QHash<QString, QVariantMap> local = indexed(table, m_local);
        MergeCount &count = m_counts[kCard];
        const auto first = [](const QVariantMap &r) {
            return std::make_pair(r.value(QStringLiteral("added_at")).toLongLong(),
                r.value(QStringLiteral("title")).toString());
        };
        for (const QVariantMap &theirs : m_other.rows.value(kCard)) {
            const QString node = theirs.value(QStringLiteral("node_id")).toString();
            const QVariantMap ours = local.value(node);
            if (ours.isEmpty()) {
                if (!insert(table, theirs))
                    return false;
                ++count.added;
                m_addedCards.insert(node);
            } else if (first(theirs) < first(ours)
                && !update(table, theirs, { QStringLiteral("added_at"), QStringLiteral("title") })) {
                return false;
            } else if (ours == theirs) {
                ++count.unchanged;
                continue;
            } else {
                ++count.unchanged; // recomputeCards() counts it as updated
            }
            m_recompute.insert(node);
        }
        return true;
    }

    // Flags a note both texts of which were kept (ProgressStore::noteMergedAt()).
    bool flagMerged(const QString &node)
    {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("UPDATE note SET merged_at = ? WHERE node_id = ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(node);
        return m_db.exec(q, ProgressMerge::tr("Cannot flag the merged note on %1").arg(node));
    }

    bool mergeNotes()
    {
        const ProgressTable &table = tableNamed(kNote);
        const QHash<QString, QVariantMap> local = indexed(table, m_local);
        MergeCount &count = m_counts[kNote];
        const QString body = QStringLiteral("body");
        const QString updatedAt = QStringLiteral("updated_at");
        for (const QVariantMap &theirs : m_other.rows.value(kNote)) {
            const QString node = theirs.value(QStringLiteral("node_id")).toString();
            if (!local.contains(node)) {
                if (!insert(table, theirs))
                    return false;
                ++count.added;
                continue;
            }
            QVariantMap merged = local.value(node);
            const QString ours = merged.value(body).toString();
            const QString other = theirs.value(body).toString();
            if (ours.contains(other)) {
                ++count.unchanged;
                continue;
            }
            const qint64 theirTime = theirs.value(updatedAt).toLongLong();
            if (other.contains(ours)) {
                merged[body] = other;
            } else {
                const QDateTime at = QDateTime::fromMSecsSinceEpoch(theirTime, QTimeZone::UTC);
                merged[body] = QString(ours.trimmed() + QStringLiteral("\n\n")
                    + ProgressMerge::noteHeading(m_options.sourceName, at) + QStringLiteral("\n\n") + other);
            }
            merged[updatedAt] = std::max(merged.value(updatedAt).toLongLong(), theirTime);
            if (!update(table, merged, { body, updatedAt }) || (!other.contains(ours) && !flagMerged(node)))
                return false;
            ++count.updated;
        }
        return true;
    }

    // A side's due time is kept when that side saw every review of the card and it is earlier
    // than the replay's: a drill brought it forward there.
    QDateTime broughtForward(const QString &node, const ProgressSnapshot &side, const FsrsCard &card)
    {
        const ProgressTable &table = tableNamed(kCard);
        const QVariantMap row = indexed(table, side).value(node);
        const QVariant last = row.value(QStringLiteral("last_review_at"));
        const bool sawEveryReview = !row.isEmpty() && !last.isNull()
            && last.toLongLong() == card.lastReview.toMSecsSinceEpoch()
            && row.value(QStringLiteral("reps")).toInt() == card.reps;
        if (!sawEveryReview)
            return card.due;
        const qint64 due = row.value(QStringLiteral("due_at")).toLongLong();
        return std::min(card.due, QDateTime::fromMSecsSinceEpoch(due, QTimeZone::UTC));
    }

    // Sync: the earliest time a drill made the card due at since its last review (review_due),
    // when that is earlier than the replay's due time.
    bool dueFromFacts(const QString &node, FsrsCard &card)
    {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("SELECT min(at) FROM review_due WHERE node_id = ? AND at >= ?"));
        q.addBindValue(node);
        q.addBindValue(card.lastReview.isValid() ? card.lastReview.toMSecsSinceEpoch() : 0);
        if (!m_db.exec(q, ProgressMerge::tr("Cannot recompute the card %1").arg(node)))
            return false;
        if (q.next() && !q.isNull(0))
            card.due
                = std::min(card.due, QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), QTimeZone::UTC));
        return true;
    }

    // Writes what regrading did to one log row (the columns recordGrade() derives).
    bool rewriteLogRow(qint64 id, const GradeResult &step)
    {
        QSqlQuery q(m_db.database());
        q.prepare(
            QStringLiteral("UPDATE review_log SET elapsed_days = ?, scheduled_days = ?, state_before = ?,"
                           " stability_before = ?, difficulty_before = ?, state_after = ?, step_after = ?,"
                           " stability_after = ?, difficulty_after = ?, due_after = ? WHERE id = ?"));
        const ReviewLogEntry &e = step.log;
        for (const QVariant &v : { QVariant(e.elapsedDays), QVariant(e.scheduledDays),
                 QVariant(int(e.stateBefore)), QVariant(e.stabilityBefore), QVariant(e.difficultyBefore),
                 QVariant(int(step.card.state)), QVariant(step.card.step), QVariant(e.stabilityAfter),
                 QVariant(e.difficultyAfter), QVariant(step.card.due.toMSecsSinceEpoch()), QVariant(id) })
            q.addBindValue(v);
        return m_db.exec(q, ProgressMerge::tr("Cannot rewrite a review of the merged log"));
    }

    // Regrades @p node's united log from New (Fsrs::replaySteps, as replay() does): each row's
    // derived columns and the card become what grading them here, in time order, gives.
    bool recomputeCard(const QString &node, const Fsrs &scheduler)
    {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("SELECT id, reviewed_at, rating FROM review_log WHERE node_id = ?"
                                 " ORDER BY reviewed_at, rating, id"));
        q.addBindValue(node);
        QSqlQuery added(m_db.database());
        added.prepare(QStringLiteral("SELECT added_at FROM review_card WHERE node_id = ?"));
        added.addBindValue(node);
        if (!m_db.exec(q) || !m_db.exec(added) || !added.next())
            return m_db.fail(ProgressMerge::tr("Cannot recompute the card %1").arg(node), m_db.errorString());
        QList<qint64> ids;
        QList<ReviewLogEntry> log;
        while (q.next()) {
            ids.append(q.value(0).toLongLong());
            ReviewLogEntry e;
            e.reviewedAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), QTimeZone::UTC);
            e.rating = static_cast<Rating>(q.value(2).toInt());
            log.append(e);
        }
        const QDateTime addedAt = QDateTime::fromMSecsSinceEpoch(added.value(0).toLongLong(), QTimeZone::UTC);
        const QList<GradeResult> steps = scheduler.replaySteps(log, addedAt, ReviewStore::fuzzSeedOf(node));
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (!rewriteLogRow(ids.at(i), steps.at(i)))
                return false;
        }
        FsrsCard card = scheduler.replay(log, addedAt, ReviewStore::fuzzSeedOf(node));
        if (m_options.syncRules && !dueFromFacts(node, card))
            return false;
        if (!m_options.syncRules)
            card.due = std::min(broughtForward(node, m_local, card), broughtForward(node, m_other, card));
        return ReviewStore::storeCardIn(m_db, node, card);
    }

    bool recomputeCards()
    {
        if (m_regradeAll) {
            QSqlQuery q(m_db.database());
            q.prepare(QStringLiteral("SELECT node_id FROM review_card"));
            if (!m_db.exec(q))
                return false;
            while (q.next())
                m_recompute.insert(q.value(0).toString());
        }
        const Fsrs scheduler(ReviewStore::settingsIn(m_db));
        MergeCount &count = m_counts[kCard];
        for (const QString &node : std::as_const(m_recompute)) {
            if (!recomputeCard(node, scheduler))
                return false;
            if (m_addedCards.contains(node))
                continue;
            count.unchanged = std::max(0, count.unchanged - 1);
            ++count.updated;
        }
        return true;
    }

public:
    // Regrades every card with the settings in the database (after they changed here).
    bool regradeAll()
    {
        QString error;
        m_regradeAll = true;
        return reread(error) && recomputeCards();
    }

private:
    SqliteDatabase &m_db;
    const ProgressSnapshot &m_other;
    MergeOptions m_options;
    ProgressSnapshot m_local;
    QMap<QString, MergeCount> m_counts;
    QSet<QString> m_addedCards;
    QSet<QString> m_recompute;
    bool m_regradeAll = false;
    QHash<QString, Order> m_localOrder;
    QHash<QString, Order> m_otherOrder;
    QHash<QString, qint64> m_localTime;
    QHash<QString, qint64> m_otherTime;
};

} // namespace

const QList<ProgressTable> &progressTables()
{
    // Columns after the first requiredColumns came with schema version 5: an older export lacks them.
    static const QList<ProgressTable> tables {
        { kItem,
            { u"node_id"_s, u"state"_s, u"confidence"_s, u"title"_s, u"updated_at"_s, u"device"_s, u"clock"_s,
                u"confidence_device"_s, u"confidence_clock"_s },
            { C::Text, C::Integer, C::Integer, C::Text, C::Time, C::Text, C::Integer, C::Text, C::Integer },
            { u"node_id"_s }, 5 },
        { kHistory,
            { u"node_id"_s, u"from_state"_s, u"to_state"_s, u"changed_at"_s, u"source"_s, u"device"_s,
                u"clock"_s },
            { C::Text, C::OptionalInteger, C::Integer, C::Time, C::Text, C::Text, C::Integer },
            { u"node_id"_s, u"changed_at"_s, u"to_state"_s, u"device"_s, u"clock"_s }, 5 },
        { kNote, { u"node_id"_s, u"body"_s, u"updated_at"_s }, { C::Text, C::Text, C::Time },
            { u"node_id"_s } },
        { kSetting, { u"key"_s, u"value"_s, u"changed_at"_s, u"device"_s, u"clock"_s },
            { C::Text, C::Text, C::Time, C::Text, C::Integer }, { u"key"_s }, 2 },
        { kCard,
            { u"node_id"_s, u"added_at"_s, u"title"_s, u"state"_s, u"step"_s, u"stability"_s, u"difficulty"_s,
                u"due_at"_s, u"last_review_at"_s, u"reps"_s, u"lapses"_s },
            { C::Text, C::Time, C::Text, C::Integer, C::Integer, C::Real, C::Real, C::Time, C::OptionalTime,
                C::Integer, C::Integer },
            { u"node_id"_s } },
        { kLog,
            { u"node_id"_s, u"reviewed_at"_s, u"rating"_s, u"elapsed_days"_s, u"scheduled_days"_s,
                u"state_before"_s, u"stability_before"_s, u"difficulty_before"_s, u"state_after"_s,
                u"step_after"_s, u"stability_after"_s, u"difficulty_after"_s, u"due_after"_s },
            { C::Text, C::Time, C::Integer, C::Integer, C::Integer, C::Integer, C::Real, C::Real, C::Integer,
                C::Integer, C::Real, C::Real, C::Time },
            { u"node_id"_s, u"reviewed_at"_s, u"rating"_s } },
        { kDue, { u"node_id"_s, u"at"_s }, { C::Text, C::Time }, { u"node_id"_s, u"at"_s }, 0 },
        { u"drill_attempt"_s,
            { u"node_id"_s, u"started_at"_s, u"seconds_used"_s, u"communication"_s, u"problem_solving"_s,
                u"technical_depth"_s, u"verification"_s, u"to_fix"_s, u"answer_path"_s },
            { C::Text, C::Time, C::Integer, C::Integer, C::Integer, C::Integer, C::Integer, C::Text,
                C::Text },
            { u"node_id"_s, u"started_at"_s } },
    };
    return tables;
}

QString progressKey(const ProgressTable &table, const QVariantMap &row)
{
    QStringList parts;
    for (const QString &column : table.key)
        parts.append(row.value(column).toString());
    return parts.join(QChar(0x1f));
}

const ProgressTable *progressTable(const QString &name)
{
    for (const ProgressTable &t : progressTables()) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

namespace {

// Appends the rows of @p table where @p columns equal each of @p values (every row without
// columns), in key order.
bool readRows(SqliteDatabase &db, const ProgressTable &table, const QStringList &columns,
    const QList<QStringList> &values, QList<QVariantMap> &rows, QString *error)
{
    QStringList where;
    for (const QString &c : columns)
        where.append(c + QStringLiteral(" = ?"));
    QSqlQuery q(db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM %2 %3 ORDER BY %4")
            .arg(table.columns.join(QStringLiteral(", ")), table.name,
                where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                table.key.join(QStringLiteral(", "))));
    for (const QStringList &value : values) {
        for (const QString &v : value)
            q.addBindValue(v);
        if (!q.exec()) {
            if (error)
                *error = ProgressMerge::tr("Cannot read %1: %2").arg(table.name, q.lastError().text());
            return false;
        }
        while (q.next()) {
            QVariantMap row;
            for (qsizetype i = 0; i < table.columns.size(); ++i)
                row.insert(table.columns.at(i), columnValue(q.value(int(i)), table.types.at(i)));
            rows.append(row);
        }
    }
    return true;
}

} // namespace

bool ProgressSnapshot::read(SqliteDatabase &db, ProgressSnapshot &snapshot, QString *error)
{
    snapshot.rows.clear();
    for (const ProgressTable &table : progressTables()) {
        if (!readRows(db, table, {}, { {} }, snapshot.rows[table.name], error))
            return false;
    }
    return true;
}

bool ProgressSnapshot::readKeys(
    SqliteDatabase &db, const QHash<QString, QStringList> &keys, ProgressSnapshot &snapshot, QString *error)
{
    snapshot.rows.clear();
    for (const ProgressTable &table : progressTables()) {
        QList<QStringList> values;
        for (const QString &key : keys.value(table.name))
            values.append(key.split(QChar(0x1f)));
        if (!values.isEmpty() && !readRows(db, table, table.key, values, snapshot.rows[table.name], error))
            return false;
    }
    return true;
}

bool ProgressSnapshot::readNodes(SqliteDatabase &db, const QSet<QString> &nodes,
    const QSet<QString> &settingKeys, ProgressSnapshot &snapshot, QString *error, const QStringList &tables)
{
    snapshot.rows.clear();
    QList<QStringList> nodeValues;
    for (const QString &node : nodes)
        nodeValues.append({ node });
    QList<QStringList> settingValues;
    for (const QString &key : settingKeys)
        settingValues.append({ key });
    for (const ProgressTable &table : progressTables()) {
        if (!tables.isEmpty() && !tables.contains(table.name))
            continue;
        const bool setting = table.name == kSetting;
        const QList<QStringList> &values = setting ? settingValues : nodeValues;
        if (!values.isEmpty()
            && !readRows(db, table, { setting ? QStringLiteral("key") : QStringLiteral("node_id") }, values,
                snapshot.rows[table.name], error))
            return false;
    }
    return true;
}

bool ProgressSnapshot::readFile(const QString &path, ProgressSnapshot &snapshot, QString *error)
{
    SqliteDatabase db(QStringLiteral("studybench-snapshot"));
    if (!db.open(path, ProgressStore::migrations())) {
        if (error)
            *error = db.errorString();
        return false;
    }
    return read(db, snapshot, error);
}

bool MergeReport::changedAnything() const
{
    for (const MergeCount &c : counts) {
        if (c.added > 0 || c.updated > 0)
            return true;
    }
    return false;
}

QString MergeReport::kindLabel(const QString &table)
{
    if (table == kItem)
        return tr("Items");
    if (table == kHistory)
        return tr("State changes");
    if (table == kNote)
        return tr("Notes");
    if (table == kSetting)
        return tr("Review settings");
    if (table == kCard)
        return tr("Review cards");
    if (table == kLog)
        return tr("Reviews");
    if (table == kDue)
        return tr("Reviews brought forward");
    return tr("Drill attempts");
}

QString MergeReport::text() const
{
    if (!ok())
        return error;
    QStringList lines;
    for (const ProgressTable &table : progressTables()) {
        const MergeCount c = counts.value(table.name);
        lines.append(tr("%1: %2 added, %3 updated, %4 left unchanged")
                .arg(kindLabel(table.name))
                .arg(c.added)
                .arg(c.updated)
                .arg(c.unchanged));
    }
    return lines.join(u'\n');
}

bool ProgressMerge::regradeCards(SqliteDatabase &db)
{
    MergeOptions options;
    options.syncRules = true;
    const ProgressSnapshot none;
    return Merger(db, none, options).regradeAll();
}

QString ProgressMerge::noteHeading(const QString &source, const QDateTime &at)
{
    return tr("## From %1, %2").arg(source, at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

MergeReport ProgressMerge::merge(
    SqliteDatabase &db, const ProgressSnapshot &other, const MergeOptions &options)
{
    MergeReport report;
    report.dryRun = options.dryRun;
    if (!db.begin()) {
        report.error = db.errorString();
        return report;
    }
    Merger merger(db, other, options);
    if (!merger.run(report)) {
        report.error = db.errorString();
        db.rollback();
        return report;
    }
    if (options.dryRun) {
        db.rollback();
    } else if (!db.commit()) {
        report.error = db.errorString();
        db.rollback();
    }
    return report;
}

MergeReport ProgressMerge::merge(
    const QString &databasePath, const ProgressSnapshot &other, const MergeOptions &options)
{
    SqliteDatabase db(QStringLiteral("studybench-merge"));
    if (!db.open(databasePath, ProgressStore::migrations())) {
        MergeReport report;
        report.error = db.errorString();
        return report;
    }
    return merge(db, other, options);
}

} // namespace StudyBench
