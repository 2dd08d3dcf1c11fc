#pragma once

// A learner's history over months or years, for the dashboard's screenshots and benchmark: items
// worked through in the curriculum's order on most weekdays and fewer weekend days (with a couple
// of breaks), items revisited, confidence rated, notes written, every done concept reviewed on a
// growing interval with some lapses, and drill attempts whose scores improve. It is written with
// SQL in one transaction (a progress file made by ProgressStore), as years of clicks would be too
// slow to replay one commit at a time. Seeded: the same arguments give the same file.

#include "curriculum/curriculum.h"
#include "drill/drillcatalog.h"
#include "progress/progressstore.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace StudyBench::TestSupport {

struct HistoryShape
{
    int days = 365;
    /// Revisits (an item back to in progress, then done again) per active day, on average.
    int revisitsPerDay = 2;
    /// The chance, on an active day, of starting the next item (and of finishing one).
    double startChance = 0.5;
    /// Review intervals grow by this factor after a pass (smaller: more reviews).
    double intervalGrowth = 2.2;
    int maxIntervalDays = 180;
    /// A drill attempt every this many days, on average.
    int daysPerDrill = 9;
    /// The drills' source table (curriculum/drills.tsv's format); empty for the built-in one.
    QByteArray drillTable;
    quint32 seed = 15;
};

struct HistoryCounts
{
    int stateChanges = 0;
    int reviews = 0;
    int drillAttempts = 0;
    int cards = 0;
    int notes = 0;
};

class HistoryWriter
{
public:
    HistoryWriter(
        QSqlDatabase db, const Curriculum &curriculum, const HistoryShape &shape, const QDateTime &now)
        : m_db(std::move(db))
        , m_curriculum(curriculum)
        , m_shape(shape)
        , m_now(now)
        , m_random(shape.seed)
    {
        for (const CurriculumNode *node : curriculum.checkableNodes())
            m_items.append(node);
        m_states.fill(0, m_items.size());
        m_dueAt.fill(-1, m_items.size());
        m_interval.fill(0, m_items.size());
        m_reviews.fill(0, m_items.size());
    }

    HistoryCounts write()
    {
        const QDateTime start = QDateTime(m_now.date().addDays(-m_shape.days), QTime(0, 0), QTimeZone::UTC);
        QString ignored;
        const std::optional<DrillSourceTable> table = m_shape.drillTable.isEmpty()
            ? std::optional<DrillSourceTable>(DrillSourceTable::builtin())
            : DrillSourceTable::parse(m_shape.drillTable, QStringLiteral("drills.tsv"), &ignored);
        const DrillCatalog catalog(m_curriculum, table.value_or(DrillSourceTable::builtin()));
        for (int d = 0; d <= m_shape.days; ++d) {
            const QDateTime day = start.addDays(d);
            const bool weekend = day.date().dayOfWeek() >= 6;
            const bool onBreak = (d % 173) > 160; // a couple of weeks off, twice a year
            const double chance = onBreak ? 0.05 : (weekend ? 0.35 : 0.8);
            const bool active = m_random.generateDouble() < chance;
            if (active)
                studyDay(day, d);
            reviewDay(day, active);
            if (!catalog.drills().isEmpty() && active && m_random.bounded(m_shape.daysPerDrill) == 0)
                drill(catalog, day, double(d) / m_shape.days);
        }
        finish();
        return m_counts;
    }

private:
    qint64 at(const QDateTime &day, int hourFrom, int hourTo)
    {
        return day.addSecs(m_random.bounded(hourFrom * 3600, hourTo * 3600)).toMSecsSinceEpoch();
    }

    void change(int item, int to, qint64 ms)
    {
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("INSERT INTO state_change (node_id, from_state, to_state, changed_at, source) "
                           "VALUES (?, ?, ?, ?, 'gui')"));
        q.addBindValue(m_items.at(item)->id);
        q.addBindValue(
            m_states.at(item) == 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(m_states.at(item)));
        q.addBindValue(to);
        q.addBindValue(ms);
        q.exec();
        m_states[item] = to;
        ++m_counts.stateChanges;
        if (to == 2 && m_dueAt.at(item) < 0 && m_items.at(item)->kind == NodeKind::Concept) {
            m_dueAt[item] = ms + 86'400'000;
            m_interval[item] = 1;
            ++m_counts.cards;
        }
    }

    void studyDay(const QDateTime &day, int d)
    {
        // Start the next item about every other active day, finish the oldest one started as often.
        if (m_next < m_items.size() && m_random.generateDouble() < m_shape.startChance) {
            const bool skip = m_random.bounded(20) == 0;
            change(m_next, skip ? 3 : 1, at(day, 18, 20));
            if (!skip)
                m_started.append(m_next);
            ++m_next;
        }
        if (!m_started.isEmpty() && m_random.generateDouble() < m_shape.startChance)
            change(m_started.takeFirst(), 2, at(day, 20, 22));
        for (int i = 0; m_next > 0 && i < int(m_random.bounded(2 * m_shape.revisitsPerDay + 1)); ++i) {
            const int item = int(m_random.bounded(m_next));
            if (m_states.at(item) == 2) {
                change(item, 1, at(day, 12, 14));
                change(item, 2, at(day, 14, 16));
            }
        }
        if (d % 11 == 0 && m_next > 0)
            note(int(m_random.bounded(m_next)), at(day, 21, 23));
    }

    void reviewDay(const QDateTime &day, bool active)
    {
        const qint64 end = day.addDays(1).toMSecsSinceEpoch();
        if (!active && m_random.bounded(3) != 0)
            return; // due cards wait for a day the learner comes back
        for (int item = 0; item < m_items.size(); ++item) {
            if (m_dueAt.at(item) < 0 || m_dueAt.at(item) >= end)
                continue;
            review(item, at(day, 7, 9));
        }
    }

    void review(int item, qint64 ms)
    {
        const int interval = m_interval.at(item);
        const bool first = m_reviews.at(item) == 0;
        const double recall = interval >= 21 ? 0.92 : 0.86;
        const int rating = m_random.generateDouble() < recall ? (m_random.bounded(5) == 0 ? 4 : 3) : 1;
        const int next = rating == 1
            ? 1
            : std::min(m_shape.maxIntervalDays, std::max(2, int(interval * m_shape.intervalGrowth)));
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "INSERT INTO review_log (node_id, reviewed_at, rating, elapsed_days, scheduled_days,"
            " state_before, stability_before, difficulty_before, state_after, step_after,"
            " stability_after, difficulty_after, due_after) VALUES (?, ?, ?, ?, ?, ?, ?, 5, 2, 0, ?, 5, ?)"));
        const qint64 due = ms + qint64(next) * 86'400'000;
        for (const QVariant &v : { QVariant(m_items.at(item)->id), QVariant(ms), QVariant(rating),
                 QVariant(interval), QVariant(next), QVariant(first ? 0 : (m_lapsed.contains(item) ? 3 : 2)),
                 QVariant(double(interval)), QVariant(double(next)), QVariant(due) })
            q.addBindValue(v);
        q.exec();
        rating == 1 ? void(m_lapsed.insert(item)) : void(m_lapsed.remove(item));
        m_interval[item] = next;
        m_dueAt[item] = due;
        ++m_reviews[item];
        ++m_counts.reviews;
    }

    void drill(const DrillCatalog &catalog, const QDateTime &day, double progress)
    {
        const Drill &d = catalog.drills().at(int(m_random.bounded(catalog.drills().size())));
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication,"
                           " problem_solving, technical_depth, verification) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(d.id);
        q.addBindValue(at(day, 10, 12));
        q.addBindValue(int(m_random.bounded(1200, 3600)));
        for (int i = 0; i < 4; ++i) {
            const double score = 1.6 + 2.0 * progress + (m_random.generateDouble() - 0.5) * 1.6;
            q.addBindValue(std::clamp(int(std::lround(score)), 1, 4));
        }
        q.exec();
        ++m_counts.drillAttempts;
    }

    void note(int item, qint64 ms)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "INSERT INTO note (node_id, body, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (node_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"));
        q.addBindValue(m_items.at(item)->id);
        q.addBindValue(QStringLiteral("What I want to remember about %1.").arg(m_items.at(item)->title));
        q.addBindValue(ms);
        q.exec();
        ++m_counts.notes;
    }

    void finish()
    {
        QSqlQuery item(m_db);
        item.prepare(QStringLiteral(
            "INSERT INTO item (node_id, state, confidence, title, updated_at) VALUES (?, ?, ?, ?, ?)"));
        QSqlQuery card(m_db);
        card.prepare(
            QStringLiteral("INSERT INTO review_card (node_id, added_at, title, state, stability, difficulty,"
                           " due_at, reps) VALUES (?, ?, ?, 2, ?, 5, ?, ?)"));
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_states.at(i) != 0) {
                const int confidence
                    = m_states.at(i) == 2 ? int(m_random.bounded(1, 6)) : int(m_random.bounded(0, 3));
                for (const QVariant &v :
                    { QVariant(m_items.at(i)->id), QVariant(m_states.at(i)), QVariant(confidence),
                        QVariant(m_items.at(i)->title), QVariant(m_now.toMSecsSinceEpoch()) })
                    item.addBindValue(v);
                item.exec();
            }
            if (m_dueAt.at(i) >= 0) {
                for (const QVariant &v : { QVariant(m_items.at(i)->id), QVariant(m_now.toMSecsSinceEpoch()),
                         QVariant(m_items.at(i)->title), QVariant(double(m_interval.at(i))),
                         QVariant(m_dueAt.at(i)), QVariant(m_reviews.at(i)) })
                    card.addBindValue(v);
                card.exec();
            }
        }
    }

    QSqlDatabase m_db;
    const Curriculum &m_curriculum;
    HistoryShape m_shape;
    QDateTime m_now;
    QRandomGenerator m_random;
    QList<const CurriculumNode *> m_items;
    QList<int> m_states;
    QList<qint64> m_dueAt;
    QList<int> m_interval;
    QList<int> m_reviews;
    QSet<int> m_lapsed;
    QList<int> m_started;
    int m_next = 0;
    HistoryCounts m_counts;
};

/// Creates the progress file @p path (through ProgressStore, so the schema is the real one) and
/// fills it with @p shape's history up to @p now. Counts what it wrote; stateChanges -1 on failure.
inline HistoryCounts writeHistory(
    const QString &path, const Curriculum &curriculum, const HistoryShape &shape, const QDateTime &now)
{
    {
        ProgressStore store;
        if (!store.open(path))
            return { -1 };
    }
    const QString name = QStringLiteral("history-writer");
    HistoryCounts counts { -1 };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open() && db.transaction()) {
            counts = HistoryWriter(db, curriculum, shape, now).write();
            if (!db.commit())
                counts.stateChanges = -1;
        }
    }
    QSqlDatabase::removeDatabase(name);
    return counts;
}

} // namespace StudyBench::TestSupport
