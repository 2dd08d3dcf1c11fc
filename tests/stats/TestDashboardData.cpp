#include "curriculum/curriculum.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillcatalog.h"
#include "drill/drillstore.h"
#include "progress/progressstore.h"
#include "review/reviewstore.h"
#include "stats/dashboarddata.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kCourse = R"(# Course

## APIs

### HTTP

- **Idempotency**: the same request twice has the effect of once.
- **Status codes**: what the first digit says.
- **Caching**: who may keep a response, for how long.

### Checklist

- [ ] Read RFC 9110
- [ ] Write a client by hand

### Practical Projects

- A retrying HTTP client
- A caching proxy

## Data

### SQL

- **Index**: a sorted copy of some columns.

### Practical Projects

- A query planner
)";

const QByteArray kDrills = "apis/practical-projects/a-retrying-http-client\tapis/http\n"
                           "data/practical-projects/a-query-planner\tdata/sql\n";

const QString kIdempotency = u"apis/http/idempotency"_s;
const QString kStatus = u"apis/http/status-codes"_s;
const QString kCaching = u"apis/http/caching"_s;
const QString kRfc = u"apis/checklist/read-rfc-9110"_s;
const QString kClient = u"apis/practical-projects/a-retrying-http-client"_s;
const QString kIndex = u"data/sql/index"_s;
const QString kPlanner = u"data/practical-projects/a-query-planner"_s;

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeZone(QTimeZone::UTC);
    return t;
}

const QDateTime kNow = utc("2026-06-01T09:00:00");
const QTimeZone kBerlin("Europe/Berlin");

struct Grade
{
    const char *at;
    int rating;
    int stateBefore;
    int elapsed;
    int scheduled;
};

} // namespace

class TestDashboardData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_course;
    std::optional<DrillSourceTable> m_table;
    QString m_seeded;
    int m_files = 0;

    QString freshFile() { return m_dir.filePath(u"progress-%1.sqlite"_s.arg(++m_files)); }

    static bool grade(ReviewStore &store, const QString &id, const Grade &g, const QDateTime &due)
    {
        ReviewLogEntry e;
        e.rating = static_cast<Rating>(g.rating);
        e.reviewedAt = utc(g.at);
        e.stateBefore = static_cast<CardState>(g.stateBefore);
        e.elapsedDays = g.elapsed;
        e.scheduledDays = g.scheduled;
        FsrsCard after;
        after.state = CardState::Review;
        after.lastReview = e.reviewedAt;
        after.due = due.isValid() ? due : e.reviewedAt.addDays(g.scheduled);
        return store.recordGrade(id, after, e);
    }

    // States, confidence, a note, three cards' reviews, three more cards and three drill attempts,
    // each at a fixed moment (UTC; the test reads them in Berlin, UTC+1 in winter, +2 in summer).
    void seed(const QString &file)
    {
        ProgressStore progress;
        QVERIFY(progress.open(file));
        const auto state = [&](const QString &id, ItemState s, const char *at) {
            QVERIFY(progress.setState(id, s, m_course->find(id)->title, u"test"_s, utc(at)));
        };
        state(kIdempotency, ItemState::InProgress, "2026-05-29T10:00:00");
        state(kIdempotency, ItemState::Done, "2026-05-30T10:00:00");
        state(kStatus, ItemState::InProgress, "2026-05-30T11:00:00");
        state(kCaching, ItemState::Skipped, "2026-05-31T10:00:00");
        state(kRfc, ItemState::Done, "2026-05-31T12:00:00");
        state(kClient, ItemState::InProgress, "2026-06-01T08:00:00");
        state(kIndex, ItemState::Done, "2025-12-01T10:00:00");
        const std::pair<QString, int> ratings[]
            = { { kIdempotency, 5 }, { kStatus, 2 }, { kCaching, 1 }, { kIndex, 4 } };
        for (const auto &[id, confidence] : ratings)
            QVERIFY(progress.setConfidence(id, confidence, m_course->find(id)->title));
        QVERIFY(progress.setNote(kIdempotency, u"PUT twice, same state."_s));
        progress.close();
        // A note keeps the time of its last edit, which setNote() takes from the clock: set it.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"note-time"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                u"UPDATE note SET updated_at = %1"_s.arg(utc("2026-05-28T10:00:00").toMSecsSinceEpoch())));
        }
        QSqlDatabase::removeDatabase(u"note-time"_s);
        seedReviews(file);
        seedDrills(file);
    }

    void seedReviews(const QString &file)
    {
        ReviewStore review;
        QVERIFY(review.open(file));
        // Idempotency: young. One review not in Review, two the same day (only the first counts).
        QVERIFY(review.addCard(kIdempotency, u"Idempotency"_s, utc("2026-05-10T07:00:00")));
        for (const Grade &g :
            { Grade { "2026-05-10T08:00:00", 3, 0, 0, 3 }, Grade { "2026-05-13T08:00:00", 1, 2, 3, 0 },
                Grade { "2026-05-13T08:10:00", 3, 3, 0, 5 }, Grade { "2026-05-18T08:00:00", 3, 2, 5, 12 } })
            QVERIFY(grade(review, kIdempotency, g, {}));
        QVERIFY(
            grade(review, kIdempotency, { "2026-05-18T09:00:00", 1, 2, 0, 2 }, utc("2026-05-20T08:00:00")));
        // Status codes: mature for a year, then young; 22:30 UTC on 25 May is 26 May in Berlin.
        QVERIFY(review.addCard(kStatus, u"Status codes"_s, utc("2025-01-10T07:00:00")));
        for (const Grade &g :
            { Grade { "2025-01-10T08:00:00", 3, 0, 0, 30 }, Grade { "2025-02-09T08:00:00", 3, 2, 30, 60 },
                Grade { "2025-08-01T08:00:00", 2, 2, 173, 20 },
                Grade { "2026-05-25T08:00:00", 1, 2, 297, 0 } })
            QVERIFY(grade(review, kStatus, g, {}));
        QVERIFY(grade(review, kStatus, { "2026-05-25T22:30:00", 3, 2, 0, 1 }, utc("2026-06-01T21:30:00")));
        // Caching: its first logged review is already in Review, 21 days after the last (mature).
        QVERIFY(review.addCard(kCaching, u"Caching"_s, utc("2026-02-01T07:00:00")));
        QVERIFY(grade(review, kCaching, { "2026-03-01T08:00:00", 4, 2, 21, 45 }, {}));
        QVERIFY(grade(review, kCaching, { "2026-05-20T08:00:00", 1, 2, 80, 0 }, utc("2026-06-01T22:30:00")));
        // New cards due in 9, 29 and 30 days (the last outside the forecast).
        QVERIFY(review.addCard(kRfc, u"Read RFC 9110"_s, utc("2026-06-10T10:00:00")));
        QVERIFY(review.addCard(kIndex, u"Index"_s, utc("2026-06-30T10:00:00")));
        QVERIFY(review.addCard(kPlanner, u"A query planner"_s, utc("2026-07-01T10:00:00")));
        FsrsSettings settings;
        settings.desiredRetention = 0.85;
        QVERIFY(review.saveSettings(settings));
    }

    void seedDrills(const QString &file)
    {
        DrillStore drills;
        QVERIFY(drills.open(file));
        const DrillCatalog catalog(*m_course, *m_table);
        const auto attempt = [&](const QString &id, const char *at, std::array<int, 4> scores) {
            DrillAttempt a;
            a.nodeId = id;
            a.startedAt = utc(at);
            a.secondsUsed = 1800;
            a.scores = scores;
            const DrillRecordOutcome outcome = drills.record(catalog, a, kNow);
            QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        };
        attempt(kPlanner, "2026-04-01T10:00:00", { 3, 3, 3, 3 });
        attempt(kClient, "2026-05-27T10:00:00", { 3, 3, 4, 4 });
        attempt(kClient, "2026-05-31T15:00:00", { 4, 4, 4, 3 });
    }

    static int state(const SectionStats &s, ItemState which)
    {
        switch (which) {
        case ItemState::Done:
            return s.tally.done;
        case ItemState::InProgress:
            return s.tally.inProgress;
        case ItemState::Skipped:
            return s.tally.skipped;
        case ItemState::NotStarted:
            return s.tally.total - s.tally.done - s.tally.inProgress - s.tally.skipped;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(kBerlin.isValid());
        CurriculumParseResult parsed = CurriculumParser::parse(kCourse, u"course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_course = std::move(parsed.curriculum);
        QString error;
        m_table = DrillSourceTable::parse(kDrills, u"drills.tsv"_s, &error);
        QVERIFY2(m_table, qPrintable(error));
        for (const QString &id : { kIdempotency, kStatus, kCaching, kRfc, kClient, kIndex, kPlanner })
            QVERIFY2(m_course->contains(id), qPrintable(id));
        m_seeded = freshFile();
        seed(m_seeded);
    }

    void sectionsCountStatesAndConfidence()
    {
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
        QCOMPARE(data.sections.size(), 2);
        const SectionStats &apis = data.sections.at(0);
        QCOMPARE(apis.title, u"APIs"_s);
        QCOMPARE(apis.tally.total, 7);
        QCOMPARE(state(apis, ItemState::Done), 2);
        QCOMPARE(state(apis, ItemState::InProgress), 2);
        QCOMPARE(state(apis, ItemState::Skipped), 1);
        QCOMPARE(state(apis, ItemState::NotStarted), 2);
        QCOMPARE(apis.confidence, (std::array<int, 6> { 4, 1, 1, 0, 0, 1 }));
        const SectionStats &dataSection = data.sections.at(1);
        QCOMPARE(dataSection.title, u"Data"_s);
        QCOMPARE(dataSection.tally.total, 2);
        QCOMPARE(dataSection.tally.done, 1);
        QCOMPARE(dataSection.confidence, (std::array<int, 6> { 1, 0, 0, 0, 1, 0 }));
    }

    void kindsCountStates()
    {
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QCOMPARE(data.kinds.keys(),
            (QList<NodeKind> { NodeKind::Concept, NodeKind::ChecklistItem, NodeKind::Project }));
        const Tally concepts = data.kinds.value(NodeKind::Concept);
        QCOMPARE(concepts.total, 4);
        QCOMPARE(concepts.done, 2);
        QCOMPARE(concepts.inProgress, 1);
        QCOMPARE(concepts.skipped, 1);
        QCOMPARE(data.kinds.value(NodeKind::ChecklistItem).total, 2);
        QCOMPARE(data.kinds.value(NodeKind::ChecklistItem).done, 1);
        QCOMPARE(data.kinds.value(NodeKind::Project).total, 3);
        QCOMPARE(data.kinds.value(NodeKind::Project).inProgress, 1);
    }

    void activityPerDay()
    {
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QCOMPARE(data.today, QDate(2026, 6, 1));
        QCOMPARE(data.days.size(), 365);
        QCOMPARE(data.days.first().date, QDate(2025, 6, 2));
        QCOMPARE(data.days.last().date, QDate(2026, 6, 1));
        // date -> state changes, reviews, drills, notes
        const QMap<QDate, std::array<int, 4>> expected {
            { QDate(2025, 8, 1), { 0, 1, 0, 0 } },
            { QDate(2025, 12, 1), { 1, 0, 0, 0 } },
            { QDate(2026, 3, 1), { 0, 1, 0, 0 } },
            { QDate(2026, 4, 1), { 0, 0, 1, 0 } },
            { QDate(2026, 5, 10), { 0, 1, 0, 0 } },
            { QDate(2026, 5, 13), { 0, 2, 0, 0 } },
            { QDate(2026, 5, 18), { 0, 2, 0, 0 } },
            { QDate(2026, 5, 20), { 0, 1, 0, 0 } },
            { QDate(2026, 5, 25), { 0, 1, 0, 0 } },
            { QDate(2026, 5, 26), { 0, 1, 0, 0 } },
            { QDate(2026, 5, 27), { 0, 0, 1, 0 } },
            { QDate(2026, 5, 28), { 0, 0, 0, 1 } },
            { QDate(2026, 5, 29), { 1, 0, 0, 0 } },
            { QDate(2026, 5, 30), { 2, 0, 0, 0 } },
            { QDate(2026, 5, 31), { 2, 0, 1, 0 } },
            { QDate(2026, 6, 1), { 1, 0, 0, 0 } },
        };
        for (const DayActivity &d : data.days) {
            const std::array<int, 4> want = expected.value(d.date, { 0, 0, 0, 0 });
            const std::array<int, 4> got { d.stateChanges, d.reviews, d.drills, d.notes };
            QVERIFY2(got == want, qPrintable(d.date.toString(Qt::ISODate)));
        }
        // Twelve days with 1, three with 2, one with 3: every quartile is 1.
        QCOMPARE(data.quartiles, (std::array<int, 3> { 1, 1, 1 }));
        QCOMPARE(data.shade(0), 0);
        QCOMPARE(data.shade(1), 1);
        QCOMPARE(data.shade(3), 4);
        QVERIFY(data.hasActivity());
    }

    void activityCountsInTheLearnersTimeZone_data()
    {
        QTest::addColumn<QDateTime>("change");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QTimeZone>("zone");
        QTest::addColumn<QDate>("day");
        QTest::addColumn<QDate>("today");
        const QDateTime now = kNow;
        QTest::newRow("Berlin, a second before midnight")
            << utc("2026-05-31T21:59:59") << now << kBerlin << QDate(2026, 5, 31) << QDate(2026, 6, 1);
        QTest::newRow("Berlin, midnight")
            << utc("2026-05-31T22:00:00") << now << kBerlin << QDate(2026, 6, 1) << QDate(2026, 6, 1);
        QTest::newRow("UTC, the same moment")
            << utc("2026-05-31T22:00:00") << now << QTimeZone(QTimeZone::UTC) << QDate(2026, 5, 31)
            << QDate(2026, 6, 1);
        QTest::newRow("New York, 3:00 UTC is the evening before")
            << utc("2026-06-01T03:00:00") << now << QTimeZone("America/New_York") << QDate(2026, 5, 31)
            << QDate(2026, 6, 1);
        QTest::newRow("India, +5:30")
            << utc("2026-05-31T18:30:00") << now << QTimeZone::fromSecondsAheadOfUtc(19800)
            << QDate(2026, 6, 1) << QDate(2026, 6, 1);
        QTest::newRow("Berlin, the night clocks go forward")
            << utc("2026-03-28T23:30:00") << now << kBerlin << QDate(2026, 3, 29) << QDate(2026, 6, 1);
        QTest::newRow("Berlin, the night after")
            << utc("2026-03-29T22:30:00") << now << kBerlin << QDate(2026, 3, 30) << QDate(2026, 6, 1);
        QTest::newRow("now is past midnight in Berlin, not in UTC")
            << utc("2026-05-31T21:00:00") << utc("2026-05-31T22:30:00") << kBerlin << QDate(2026, 5, 31)
            << QDate(2026, 6, 1);
        QTest::newRow("the same now in UTC")
            << utc("2026-05-31T21:00:00") << utc("2026-05-31T22:30:00") << QTimeZone(QTimeZone::UTC)
            << QDate(2026, 5, 31) << QDate(2026, 5, 31);
    }

    void activityCountsInTheLearnersTimeZone()
    {
        QFETCH(QDateTime, change);
        QFETCH(QDateTime, now);
        QFETCH(QTimeZone, zone);
        QFETCH(QDate, day);
        QFETCH(QDate, today);
        QVERIFY(zone.isValid());
        const QString file = freshFile();
        {
            ProgressStore progress;
            QVERIFY(progress.open(file));
            QVERIFY(progress.setState(kIndex, ItemState::Done, u"Index"_s, u"test"_s, change));
        }
        const DashboardData data = DashboardData::load(file, *m_course, now, zone);
        QCOMPARE(data.today, today);
        QVERIFY(data.day(day));
        QCOMPARE(data.day(day)->stateChanges, 1);
        int total = 0;
        for (const DayActivity &d : data.days)
            total += d.total();
        QCOMPARE(total, 1);
        QCOMPARE(DashboardData::dayEntries(file, *m_course, day, zone).size(), 1);
        QCOMPARE(DashboardData::dayEntries(file, *m_course, day.addDays(1), zone).size(), 0);
        QCOMPARE(DashboardData::dayEntries(file, *m_course, day.addDays(-1), zone).size(), 0);
    }

    void quartilesShadeAsGitHubDoes_data()
    {
        QTest::addColumn<QList<int>>("counts");
        QTest::addColumn<QList<int>>("quartiles");
        QTest::addColumn<QList<int>>("shades"); // of 1, 2, ... 10
        QTest::newRow("no activity") << QList<int> { 0, 0 } << QList<int> { 0, 0, 0 }
                                     << QList<int> { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
        QTest::newRow("one day") << QList<int> { 0, 5 } << QList<int> { 5, 5, 5 }
                                 << QList<int> { 1, 1, 1, 1, 1, 4, 4, 4, 4, 4 };
        QTest::newRow("one to eight") << QList<int> { 8, 1, 7, 2, 6, 3, 5, 4 } << QList<int> { 2, 4, 6 }
                                      << QList<int> { 1, 1, 2, 2, 3, 3, 4, 4, 4, 4 };
        QTest::newRow("zeros left out") << QList<int> { 0, 0, 3, 1, 0, 2, 4 } << QList<int> { 1, 2, 3 }
                                        << QList<int> { 1, 2, 3, 4, 4, 4, 4, 4, 4, 4 };
        QTest::newRow("five days") << QList<int> { 2, 4, 6, 8, 10 } << QList<int> { 4, 6, 8 }
                                   << QList<int> { 1, 1, 1, 1, 2, 2, 3, 3, 4, 4 };
        QTest::newRow("one busy day") << QList<int> { 1, 1, 1, 10 } << QList<int> { 1, 1, 1 }
                                      << QList<int> { 1, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
    }

    void quartilesShadeAsGitHubDoes()
    {
        QFETCH(QList<int>, counts);
        QFETCH(QList<int>, quartiles);
        QFETCH(QList<int>, shades);
        DashboardData data;
        data.quartiles = DashboardData::quartilesOf(counts);
        QCOMPARE((QList<int> { data.quartiles[0], data.quartiles[1], data.quartiles[2] }), quartiles);
        QCOMPARE(data.shade(0), 0);
        QList<int> got;
        for (int c = 1; c <= 10; ++c)
            got.append(data.shade(c));
        QCOMPARE(got, shades);
    }

    void forecastCountsOverdueToday()
    {
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QCOMPARE(data.cardCount, 6);
        QList<int> expected(30, 0);
        expected[0] = 2; // idempotency (overdue since 20 May) and status codes (23:30 in Berlin)
        expected[1] = 1; // caching: 00:30 on 2 June in Berlin
        expected[9] = 1; // RFC 9110
        expected[29] = 1; // index; the query planner (30 days) is past the forecast
        QCOMPARE(data.forecast, expected);
    }

    void trueRetentionCountsTheFirstReviewOfEachDay_data()
    {
        QTest::addColumn<int>("period");
        QTest::addColumn<QList<int>>("counts"); // young passed, young total, mature passed, mature total
        // Young: 13 May fail and 18 May pass (idempotency; its second review that day is left
        // out), 25 May fail and 26 May pass (status codes). Mature: caching fails on 20 May.
        QTest::newRow("last 30 days") << int(DashboardData::Last30Days) << QList<int> { 2, 4, 0, 1 };
        // ... and status codes passes on 1 August (Hard), caching on 1 March (21 days: mature).
        QTest::newRow("last year") << int(DashboardData::LastYear) << QList<int> { 2, 4, 2, 3 };
        // ... and status codes passes on 9 February 2025.
        QTest::newRow("all") << int(DashboardData::AllTime) << QList<int> { 2, 4, 3, 4 };
    }

    void trueRetentionCountsTheFirstReviewOfEachDay()
    {
        QFETCH(int, period);
        QFETCH(QList<int>, counts);
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QCOMPARE(data.reviewCount, 12);
        const RetentionPeriod &r = data.retention[size_t(period)];
        QCOMPARE((QList<int> { r.young.passed, r.young.total, r.mature.passed, r.mature.total }), counts);
        QCOMPARE(r.overall().total, counts[1] + counts[3]);
        QCOMPARE(data.desiredRetention, 0.85);
    }

    void retentionInUtcJoinsTheLateReviewToItsDay()
    {
        // In UTC, status codes' 22:30 review is on 25 May, the same day as its failure: left out.
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, QTimeZone(QTimeZone::UTC));
        const RetentionPeriod &r = data.retention[DashboardData::Last30Days];
        QCOMPARE(r.young.passed, 1);
        QCOMPARE(r.young.total, 3);
    }

    // A log merged from another profile may hold a card's reviews out of time order in the table:
    // they count as if recorded in order.
    void reviewsStoredOutOfOrderCountAsInOrder()
    {
        const Grade grades[]
            = { { "2026-05-01T08:00:00", 3, 0, 0, 25 }, { "2026-05-26T08:00:00", 1, 2, 25, 0 },
                  { "2026-05-26T09:00:00", 3, 3, 0, 3 }, { "2026-05-29T08:00:00", 3, 2, 3, 9 } };
        QList<int> counts;
        for (const bool reversed : { false, true }) {
            const QString file = freshFile();
            ReviewStore review;
            QVERIFY(review.open(file));
            QVERIFY(review.addCard(kIndex, u"Index"_s, utc("2026-04-30T08:00:00")));
            for (int i = 0; i < 4; ++i)
                QVERIFY(grade(review, kIndex, grades[reversed ? 3 - i : i], {}));
            review.close();
            const DashboardData data = DashboardData::load(file, *m_course, kNow, kBerlin);
            const RetentionPeriod &r = data.retention[DashboardData::Last30Days];
            counts = { r.young.passed, r.young.total, r.mature.passed, r.mature.total };
            // 26 May: mature (25 days) and failed; its relearning step that day is not counted.
            // 29 May: young (3 days), passed.
            QCOMPARE(counts, (QList<int> { 1, 1, 0, 1 }));
            QCOMPARE(data.day(QDate(2026, 5, 26))->reviews, 2);
        }
    }

    void drillScoresOverTime()
    {
        const DashboardData data = DashboardData::load(m_seeded, *m_course, kNow, kBerlin);
        QCOMPARE(data.drillScores.size(), 3);
        QCOMPARE(data.drillScores.at(0).nodeId, kPlanner);
        QCOMPARE(data.drillScores.at(0).title, u"A query planner"_s);
        QCOMPARE(data.drillScores.at(0).mean, 3.0);
        QCOMPARE(data.drillScores.at(0).at.toUTC(), utc("2026-04-01T10:00:00"));
        QCOMPARE(data.drillScores.at(1).mean, 3.5);
        QCOMPARE(data.drillScores.at(2).nodeId, kClient);
        QCOMPARE(data.drillScores.at(2).mean, 3.75);
    }

    void streaks_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("current");
        QTest::addColumn<int>("longest");
        // 25 May to 1 June: eight days in a row.
        QTest::newRow("today active") << kNow << 8 << 8;
        QTest::newRow("today not yet") << utc("2026-06-02T09:00:00") << 8 << 8;
        QTest::newRow("a day missed") << utc("2026-06-03T09:00:00") << 0 << 8;
        // Before the run: 20 May alone, after the 18th.
        QTest::newRow("earlier") << utc("2026-05-20T12:00:00") << 1 << 1;
    }

    void streaks()
    {
        QFETCH(QDateTime, now);
        QFETCH(int, current);
        QFETCH(int, longest);
        const DashboardData data = DashboardData::load(m_seeded, *m_course, now, kBerlin);
        QCOMPARE(data.currentStreak, current);
        QCOMPARE(data.longestStreak, longest);
    }

    void aDaysChangesInOrder()
    {
        const QList<ActivityEntry> entries
            = DashboardData::dayEntries(m_seeded, *m_course, QDate(2026, 5, 31), kBerlin);
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).kind, ActivityEntry::Kind::StateChange);
        QCOMPARE(entries.at(0).title, u"Caching"_s);
        QCOMPARE(entries.at(0).detail, u"Not started → Skipped"_s);
        QCOMPARE(entries.at(0).at, utc("2026-05-31T10:00:00"));
        QCOMPARE(entries.at(0).at.time(), QTime(12, 0));
        QCOMPARE(entries.at(1).title, u"Read RFC 9110"_s);
        QCOMPARE(entries.at(2).kind, ActivityEntry::Kind::Drill);
        QCOMPARE(entries.at(2).title, u"A retrying HTTP client"_s);
        QCOMPARE(entries.at(2).detail, u"Drill attempt, mean score 3.75"_s);
        const QList<ActivityEntry> late
            = DashboardData::dayEntries(m_seeded, *m_course, QDate(2026, 5, 26), kBerlin);
        QCOMPARE(late.size(), 1);
        QCOMPARE(late.at(0).kind, ActivityEntry::Kind::Review);
        QCOMPARE(late.at(0).title, u"Status codes"_s);
        QCOMPARE(late.at(0).detail, u"Reviewed: Good"_s);
        const QList<ActivityEntry> note
            = DashboardData::dayEntries(m_seeded, *m_course, QDate(2026, 5, 28), kBerlin);
        QCOMPARE(note.size(), 1);
        QCOMPARE(note.at(0).kind, ActivityEntry::Kind::Note);
    }

    void anEmptyProfileHasNothingToShow()
    {
        const QString file = freshFile();
        const DashboardData data = DashboardData::load(file, *m_course, kNow, kBerlin);
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
        QCOMPARE(data.sections.size(), 2);
        QCOMPARE(data.sections.at(0).tally.total, 7);
        QCOMPARE(data.sections.at(0).tally.done, 0);
        QCOMPARE(data.sections.at(0).confidence[0], 7);
        QVERIFY(!data.hasActivity());
        QCOMPARE(data.quartiles, (std::array<int, 3> {}));
        QCOMPARE(data.forecast, QList<int>(30, 0));
        QCOMPARE(data.reviewCount, 0);
        QCOMPARE(data.retention[DashboardData::AllTime].overall().total, 0);
        QCOMPARE(data.retention[DashboardData::AllTime].overall().rate(), -1.0);
        QCOMPARE(data.desiredRetention, 0.9);
        QVERIFY(data.drillScores.isEmpty());
        QCOMPARE(data.currentStreak, 0);
        QCOMPARE(data.longestStreak, 0);
    }

    void anUnreadableFileSaysWhy()
    {
        const QString file = m_dir.filePath(u"not-a-database.sqlite"_s);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        const DashboardData data = DashboardData::load(file, *m_course, kNow, kBerlin);
        QVERIFY(!data.error.isEmpty());
        QVERIFY(data.sections.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDashboardData)
#include "TestDashboardData.moc"
