#include "stats/dashboarddata.h"

#include "drill/drillstore.h"
#include "progress/progressstore.h"
#include "review/fsrs.h"
#include "review/reviewstore.h"
#include "util/sqliteutil.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace StudyBench {

RetentionCount &RetentionCount::operator+=(const RetentionCount &other)
{
    passed += other.passed;
    total += other.total;
    return *this;
}

RetentionCount RetentionPeriod::overall() const
{
    RetentionCount sum = young;
    sum += mature;
    return sum;
}

namespace {

QDate dateIn(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).date();
}

constexpr qint64 kDayMs = 24 * 3600 * 1000;

/// The local day of a moment, by binary search over the starts of the days from first to last.
/// Most days are 24 hours long: the starts are computed in the zone at the ends of 8-day blocks,
/// and day by day only in a block that is not 8 * 24 hours long (the clocks changed in it).
class DayGrid
{
public:
    DayGrid(QDate first, QDate last, const QTimeZone &zone)
        : m_first(first)
        , m_zone(zone)
        , m_starts(size_t(first.daysTo(last) + 2))
    {
        constexpr qint64 kBlock = 8;
        const qint64 lastIndex = qint64(m_starts.size()) - 1;
        qint64 from = 0;
        m_starts[0] = startOf(0);
        while (from < lastIndex) {
            const qint64 to = std::min(from + kBlock, lastIndex);
            m_starts[size_t(to)] = startOf(to);
            const bool regular = m_starts[size_t(to)] - m_starts[size_t(from)] == (to - from) * kDayMs;
            for (qint64 i = from + 1; i < to; ++i)
                m_starts[size_t(i)] = regular ? m_starts[size_t(from)] + (i - from) * kDayMs : startOf(i);
            from = to;
        }
    }

    QDate first() const { return m_first; }
    /// Days covered.
    qint64 size() const { return qint64(m_starts.size()) - 1; }
    /// The index (from first) of the day @p ms falls on, or -1 outside the grid.
    qint64 indexOf(qint64 ms) const
    {
        if (ms < m_starts.front() || ms >= m_starts.back())
            return -1;
        // Days are 24 hours but for a clock change or two: start from that guess and step.
        qint64 index = std::min<qint64>((ms - m_starts.front()) / kDayMs, size() - 1);
        while (m_starts[size_t(index)] > ms)
            --index;
        while (m_starts[size_t(index) + 1] <= ms)
            ++index;
        return index;
    }
    QDate dateOf(qint64 ms) const
    {
        const qint64 index = indexOf(ms);
        return index >= 0 ? m_first.addDays(index) : dateIn(ms, m_zone);
    }

private:
    qint64 startOf(qint64 index) const
    {
        return m_first.addDays(index).startOfDay(m_zone).toMSecsSinceEpoch();
    }

    QDate m_first;
    QTimeZone m_zone;
    std::vector<qint64> m_starts;
};

/// One review, with what true retention needs to know about it.
struct ReviewRow
{
    enum Flag
    {
        Passed = 1, ///< rated Hard or better
        InReview = 2, ///< the card was in Review (not new, learning or relearning)
        Mature = 4, ///< its interval before this review was kMatureDays or more
    };
    qint64 at = 0;
    qint64 previousAt = -1; ///< the card's review before, or -1
    int flags = 0;
};

struct DrillRow
{
    QString nodeId;
    qint64 at = 0;
    double mean = 0;
};

/// The raw rows, read once.
struct History
{
    ItemRecords items;
    std::vector<qint64> stateChanges;
    std::vector<ReviewRow> reviews; ///< by card, then time
    std::vector<DrillRow> drills; ///< by time
    std::vector<qint64> notes;
    std::vector<qint64> dues;
};

bool query(SqliteDatabase &db, QSqlQuery &q, const QString &sql)
{
    q.setForwardOnly(true);
    q.prepare(sql);
    return db.exec(q);
}

bool readTimes(SqliteDatabase &db, const QString &sql, std::vector<qint64> *out)
{
    QSqlQuery q(db.database());
    if (!query(db, q, sql))
        return false;
    while (q.next())
        out->push_back(q.value(0).toLongLong());
    return true;
}

bool readItems(SqliteDatabase &db, ItemRecords *items)
{
    QSqlQuery q(db.database());
    if (!query(db, q, QStringLiteral("SELECT node_id, state, confidence FROM item")))
        return false;
    while (q.next()) {
        ItemRecord r;
        r.nodeId = q.value(0).toString();
        r.state = static_cast<ItemState>(q.value(1).toInt());
        r.confidence = q.value(2).toInt();
        items->insert(r.nodeId, r);
    }
    return true;
}

/// The Qt connection's SQLite handle, or null.
sqlite3 *handleOf(SqliteDatabase &db)
{
    const QVariant handle = db.database().driver()->handle();
    return handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
        ? *static_cast<sqlite3 *const *>(handle.constData())
        : nullptr;
}

struct TextHash
{
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view> {}(text); }
};

/// Reads review_log with SQLite's own API on the Qt connection's handle (Qt's driver makes a
/// QVariant of every column of every row, which for tens of thousands of reviews took most of the
/// dashboard's time) and works out each review's place in its card's history.
class ReviewReader
{
public:
    explicit ReviewReader(SqliteDatabase &db)
        : m_db(db)
        , m_raw(handleOf(db))
    { }

    /// In the table's order (no sorting, no lookups): the reviews were recorded as they happened,
    /// so each card's come in time order. If one does not (an imported log), in card order.
    bool read(std::vector<ReviewRow> *out)
    {
        if (run("SELECT node_id, reviewed_at, rating, state_before, scheduled_days, elapsed_days FROM "
                "review_log "
                "ORDER BY id",
                out))
            return true;
        if (!m_outOfOrder)
            return false;
        out->clear();
        m_cards.clear();
        m_outOfOrder = false;
        return run(
            "SELECT node_id, reviewed_at, rating, state_before, scheduled_days, elapsed_days FROM review_log "
            "ORDER BY node_id, reviewed_at, id",
            out);
    }

private:
    struct Card
    {
        qint64 lastAt = -1;
        int lastScheduled = 0;
    };

    bool run(const char *sql, std::vector<ReviewRow> *out)
    {
        sqlite3_stmt *statement = nullptr;
        if (!m_raw || sqlite3_prepare_v2(m_raw, sql, -1, &statement, nullptr) != SQLITE_OK) {
            return m_db.fail(DashboardData::tr("Cannot read the review log"),
                m_raw ? QString::fromUtf8(sqlite3_errmsg(m_raw))
                      : DashboardData::tr("not an SQLite connection"));
        }
        int step = SQLITE_ROW;
        while (!m_outOfOrder && (step = sqlite3_step(statement)) == SQLITE_ROW)
            add(statement, out);
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_raw));
        sqlite3_finalize(statement);
        if (m_outOfOrder)
            return false;
        return step == SQLITE_DONE || m_db.fail(DashboardData::tr("Cannot read the review log"), message);
    }

    void add(sqlite3_stmt *statement, std::vector<ReviewRow> *out)
    {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
        const std::string_view id(text ? text : "", size_t(sqlite3_column_bytes(statement, 0)));
        auto it = m_cards.find(id);
        if (it == m_cards.end())
            it = m_cards.emplace(std::string(id), Card {}).first;
        Card &card = it->second;
        const qint64 at = sqlite3_column_int64(statement, 1);
        if (at < card.lastAt) {
            m_outOfOrder = true;
            return;
        }
        // The interval the card had: what the review before scheduled, or for a card's first
        // logged review, the days since the one before it.
        const int interval = card.lastAt >= 0 ? card.lastScheduled : sqlite3_column_int(statement, 5);
        int flags = sqlite3_column_int(statement, 2) >= int(Rating::Hard) ? ReviewRow::Passed : 0;
        flags |= sqlite3_column_int(statement, 3) == int(CardState::Review) ? ReviewRow::InReview : 0;
        flags |= interval >= DashboardData::kMatureDays ? ReviewRow::Mature : 0;
        out->push_back({ at, card.lastAt, flags });
        card.lastAt = at;
        card.lastScheduled = sqlite3_column_int(statement, 4);
    }

    SqliteDatabase &m_db;
    sqlite3 *m_raw;
    std::unordered_map<std::string, Card, TextHash, std::equal_to<>> m_cards;
    bool m_outOfOrder = false;
};

bool readReviews(SqliteDatabase &db, std::vector<ReviewRow> *out)
{
    return ReviewReader(db).read(out);
}

bool readDrills(SqliteDatabase &db, std::vector<DrillRow> *out)
{
    QSqlQuery q(db.database());
    if (!query(db, q,
            QStringLiteral("SELECT node_id, started_at, communication, problem_solving, technical_depth, "
                           "verification FROM drill_attempt ORDER BY started_at, id")))
        return false;
    while (q.next()) {
        DrillAttempt a;
        for (int i = 0; i < kDrillDimensionCount; ++i)
            a.scores[size_t(i)] = q.value(2 + i).toInt();
        out->push_back({ q.value(0).toString(), q.value(1).toLongLong(), a.meanScore() });
    }
    return true;
}

bool readHistory(SqliteDatabase &db, History *h)
{
    return readItems(db, &h->items)
        && readTimes(db, QStringLiteral("SELECT changed_at FROM state_change"), &h->stateChanges)
        && readReviews(db, &h->reviews) && readDrills(db, &h->drills)
        && readTimes(db, QStringLiteral("SELECT updated_at FROM note"), &h->notes)
        && readTimes(db, QStringLiteral("SELECT due_at FROM review_card"), &h->dues);
}

/// The grid's range: the activity window, the forecast and every recorded moment.
DayGrid gridFor(const History &h, QDate today, const QTimeZone &zone)
{
    qint64 lo = std::numeric_limits<qint64>::max();
    qint64 hi = std::numeric_limits<qint64>::min();
    const auto widen = [&](qint64 ms) {
        lo = std::min(lo, ms);
        hi = std::max(hi, ms);
    };
    std::for_each(h.stateChanges.begin(), h.stateChanges.end(), widen);
    std::for_each(h.notes.begin(), h.notes.end(), widen);
    for (const ReviewRow &r : h.reviews)
        widen(r.at);
    for (const DrillRow &d : h.drills)
        widen(d.at);
    QDate first = today.addDays(1 - DashboardData::kActivityDays);
    QDate last = today.addDays(DashboardData::kForecastDays);
    if (lo <= hi) {
        first = std::min(first, dateIn(lo, zone));
        last = std::max(last, dateIn(hi, zone));
    }
    return DayGrid(first, last, zone);
}

/// What was done on each day of @p grid.
std::vector<DayActivity> activityByDay(const History &h, const DayGrid &grid)
{
    std::vector<DayActivity> days(size_t(grid.size()));
    DayActivity outside; // never used: the grid covers every moment recorded (gridFor)
    const auto on = [&](qint64 ms) -> DayActivity & {
        const qint64 index = grid.indexOf(ms);
        return index >= 0 ? days[size_t(index)] : outside;
    };
    for (qint64 ms : h.stateChanges)
        ++on(ms).stateChanges;
    for (const ReviewRow &r : h.reviews)
        ++on(r.at).reviews;
    for (const DrillRow &d : h.drills)
        ++on(d.at).drills;
    for (qint64 ms : h.notes)
        ++on(ms).notes;
    return days;
}

void fillActivity(DashboardData &data, const std::vector<DayActivity> &byDay, QDate first)
{
    const qint64 today = first.daysTo(data.today);
    QList<int> counts;
    for (qint64 i = today - DashboardData::kActivityDays + 1; i <= today; ++i) {
        DayActivity day = byDay[size_t(i)];
        day.date = first.addDays(i);
        data.days.append(day);
        counts.append(day.total());
    }
    data.quartiles = DashboardData::quartilesOf(counts);
    // Streaks over the whole history, not only the window.
    int run = 0;
    for (qint64 i = 0; i <= today; ++i) {
        run = byDay[size_t(i)].total() > 0 ? run + 1 : 0;
        data.longestStreak = std::max(data.longestStreak, run);
    }
    // The current streak counts back from today, or from yesterday while today has nothing yet.
    for (qint64 i = byDay[size_t(today)].total() > 0 ? today : today - 1;
        i >= 0 && byDay[size_t(i)].total() > 0; --i)
        ++data.currentStreak;
}

void fillSections(DashboardData &data, const Curriculum &curriculum, const ItemRecords &items)
{
    const StateMap states = statesOf(items);
    for (const CurriculumNode *section : curriculum.sections()) {
        SectionStats s { section->id, section->title, tallyOf(section, states), {} };
        for (const CurriculumNode *node : curriculum.checkableNodes()) {
            const CurriculumNode *top = node;
            while (top->parent && top->parent->kind != NodeKind::Curriculum)
                top = top->parent;
            if (top == section)
                ++s.confidence[size_t(std::clamp(items.value(node->id).confidence, 0, 5))];
        }
        data.sections.append(s);
    }
    data.kinds = tallyByKind(curriculum, states);
}

void fillForecast(DashboardData &data, const History &h, const DayGrid &grid)
{
    data.forecast = QList<int>(DashboardData::kForecastDays, 0);
    data.cardCount = int(h.dues.size());
    for (qint64 ms : h.dues) {
        const qint64 day = std::max<qint64>(0, data.today.daysTo(grid.dateOf(ms)));
        if (day < DashboardData::kForecastDays)
            ++data.forecast[day];
    }
}

void fillRetention(DashboardData &data, const History &h, const DayGrid &grid)
{
    const qint64 today = grid.first().daysTo(data.today);
    const qint64 since[]
        = { today - 29, today + 1 - DashboardData::kActivityDays, std::numeric_limits<qint64>::min() };
    data.reviewCount = int(h.reviews.size());
    for (const ReviewRow &r : h.reviews) {
        // Only the first review of a card on a day, when the card was in Review.
        const qint64 day = grid.indexOf(r.at);
        if (!(r.flags & ReviewRow::InReview) || (r.previousAt >= 0 && grid.indexOf(r.previousAt) == day))
            continue;
        for (int p = 0; p < DashboardData::PeriodCount; ++p) {
            if (day < since[p] || day > today)
                continue;
            RetentionPeriod &period = data.retention[size_t(p)];
            RetentionCount &count = r.flags & ReviewRow::Mature ? period.mature : period.young;
            ++count.total;
            count.passed += r.flags & ReviewRow::Passed ? 1 : 0;
        }
    }
}

QString titleOf(const Curriculum &curriculum, const QString &nodeId, const QString &stored = {})
{
    if (const CurriculumNode *node = curriculum.find(nodeId))
        return node->title;
    return stored.isEmpty() ? nodeId : stored;
}

} // namespace

bool DashboardData::hasActivity() const
{
    return std::any_of(days.cbegin(), days.cend(), [](const DayActivity &d) { return d.total() > 0; });
}

int DashboardData::shade(int count) const
{
    if (count <= 0)
        return 0;
    for (int i = 0; i < 3; ++i) {
        if (count <= quartiles[size_t(i)])
            return i + 1;
    }
    return 4;
}

const DayActivity *DashboardData::day(QDate date) const
{
    if (days.isEmpty())
        return nullptr;
    const qint64 index = days.first().date.daysTo(date);
    return index >= 0 && index < days.size() ? &days.at(index) : nullptr;
}

std::array<int, 3> DashboardData::quartilesOf(QList<int> counts)
{
    counts.removeIf([](int c) { return c <= 0; });
    std::sort(counts.begin(), counts.end());
    std::array<int, 3> q {};
    if (counts.isEmpty())
        return q;
    // Nearest rank: the smallest count with at least k quarters of the days at or below it.
    for (int k = 1; k <= 3; ++k)
        q[size_t(k - 1)] = counts.at((k * counts.size() + 3) / 4 - 1);
    return q;
}

DashboardData DashboardData::load(
    const QString &path, const Curriculum &curriculum, const QDateTime &now, const QTimeZone &zone)
{
    DashboardData data;
    data.today = now.toTimeZone(zone).date();
    SqliteDatabase db(QStringLiteral("studybench-stats"));
    History h;
    if (!db.open(path, ProgressStore::migrations()) || !readHistory(db, &h)) {
        data.error = db.errorString();
        data.today = now.toTimeZone(zone).date();
        return data;
    }
    db.close();
    const DayGrid grid = gridFor(h, data.today, zone);
    fillSections(data, curriculum, h.items);
    fillActivity(data, activityByDay(h, grid), grid.first());
    fillForecast(data, h, grid);
    fillRetention(data, h, grid);
    // The scheduler's settings as spaced review reads them (defaults for what was never saved).
    ReviewStore review;
    if (review.open(path))
        data.desiredRetention = review.settings().desiredRetention;
    for (const DrillRow &d : h.drills) {
        data.drillScores.append(
            { QDateTime::fromMSecsSinceEpoch(d.at, zone), d.nodeId, titleOf(curriculum, d.nodeId), d.mean });
    }
    return data;
}

namespace {

using Entries = QList<ActivityEntry>;

bool dayQuery(SqliteDatabase &db, QSqlQuery &q, const QString &sql, qint64 from, qint64 to)
{
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(from);
    q.addBindValue(to);
    return db.exec(q);
}

void addStateChanges(SqliteDatabase &db, const Curriculum &c, qint64 from, qint64 to, Entries *out)
{
    QSqlQuery q(db.database());
    if (!dayQuery(db, q,
            QStringLiteral(
                "SELECT s.changed_at, s.node_id, s.from_state, s.to_state, i.title FROM state_change s "
                "LEFT JOIN item i ON i.node_id = s.node_id "
                "WHERE s.changed_at >= ? AND s.changed_at < ? ORDER BY s.changed_at, s.id"),
            from, to))
        return;
    while (q.next()) {
        const QString fromLabel = q.isNull(2) ? stateLabel(ItemState::NotStarted)
                                              : stateLabel(static_cast<ItemState>(q.value(2).toInt()));
        out->append(
            { QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong()), ActivityEntry::Kind::StateChange,
                q.value(1).toString(), titleOf(c, q.value(1).toString(), q.value(4).toString()),
                DashboardData::tr("%1 → %2").arg(
                    fromLabel, stateLabel(static_cast<ItemState>(q.value(3).toInt()))) });
    }
}

void addReviews(SqliteDatabase &db, const Curriculum &c, qint64 from, qint64 to, Entries *out)
{
    QSqlQuery q(db.database());
    if (!dayQuery(db, q,
            QStringLiteral("SELECT l.reviewed_at, l.node_id, l.rating, r.title FROM review_log l "
                           "LEFT JOIN review_card r ON r.node_id = l.node_id "
                           "WHERE l.reviewed_at >= ? AND l.reviewed_at < ?"),
            from, to))
        return;
    while (q.next()) {
        out->append({ QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong()), ActivityEntry::Kind::Review,
            q.value(1).toString(), titleOf(c, q.value(1).toString(), q.value(3).toString()),
            DashboardData::tr("Reviewed: %1").arg(ratingName(static_cast<Rating>(q.value(2).toInt()))) });
    }
}

void addDrillsAndNotes(SqliteDatabase &db, const Curriculum &c, qint64 from, qint64 to, Entries *out)
{
    QSqlQuery q(db.database());
    if (dayQuery(db, q,
            QStringLiteral("SELECT started_at, node_id, communication, problem_solving, technical_depth, "
                           "verification FROM drill_attempt WHERE started_at >= ? AND started_at < ?"),
            from, to)) {
        while (q.next()) {
            DrillAttempt a;
            for (int i = 0; i < kDrillDimensionCount; ++i)
                a.scores[size_t(i)] = q.value(2 + i).toInt();
            out->append({ QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong()), ActivityEntry::Kind::Drill,
                q.value(1).toString(), titleOf(c, q.value(1).toString()),
                DashboardData::tr("Drill attempt, mean score %1").arg(a.meanScore(), 0, 'f', 2) });
        }
    }
    QSqlQuery n(db.database());
    if (!dayQuery(db, n,
            QStringLiteral("SELECT updated_at, node_id FROM note WHERE updated_at >= ? AND updated_at < ?"),
            from, to))
        return;
    while (n.next()) {
        out->append({ QDateTime::fromMSecsSinceEpoch(n.value(0).toLongLong()), ActivityEntry::Kind::Note,
            n.value(1).toString(), titleOf(c, n.value(1).toString()), DashboardData::tr("Note edited") });
    }
}

} // namespace

QList<ActivityEntry> DashboardData::dayEntries(
    const QString &path, const Curriculum &curriculum, QDate day, const QTimeZone &zone)
{
    Entries entries;
    SqliteDatabase db(QStringLiteral("studybench-stats-day"));
    if (!db.open(path, ProgressStore::migrations()))
        return entries;
    const qint64 from = day.startOfDay(zone).toMSecsSinceEpoch();
    const qint64 to = day.addDays(1).startOfDay(zone).toMSecsSinceEpoch();
    addStateChanges(db, curriculum, from, to, &entries);
    addReviews(db, curriculum, from, to, &entries);
    addDrillsAndNotes(db, curriculum, from, to, &entries);
    std::stable_sort(entries.begin(), entries.end(),
        [](const ActivityEntry &a, const ActivityEntry &b) { return a.at < b.at; });
    for (ActivityEntry &e : entries)
        e.at = e.at.toTimeZone(zone);
    return entries;
}

} // namespace StudyBench
