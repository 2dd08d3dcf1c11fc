#include "curriculum/curriculum.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillcatalog.h"
#include "drill/drillstore.h"
#include "progress/progressstore.h"
#include "review/reviewstore.h"
#include "support/sqliteprobe.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kCurriculum = R"(# Course

## APIs

### HTTP

- **Idempotency**: the same request twice has the effect of once.
- **Status codes**: what the first digit says.
- **Caching**: who may keep a response, for how long.

### Practical Projects

- A retrying HTTP client
- A caching proxy

## Data

### SQL

- **Index**: a sorted copy of some columns.

### Practical Projects

- A query planner
)";

const QByteArray kTable = "apis/practical-projects/a-retrying-http-client\tapis/http\n"
                          "apis/practical-projects/a-caching-proxy\tapis/http\n"
                          "data/practical-projects/a-query-planner\tdata/sql\n";

const QString kClient = u"apis/practical-projects/a-retrying-http-client"_s;
const QString kProxy = u"apis/practical-projects/a-caching-proxy"_s;
const QString kPlanner = u"data/practical-projects/a-query-planner"_s;
const QString kIdempotency = u"apis/http/idempotency"_s;
const QString kStatus = u"apis/http/status-codes"_s;
const QString kCaching = u"apis/http/caching"_s;

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

DrillAttempt attempt(const QString &id, const char *started, std::array<int, 4> scores, int seconds = 2400)
{
    DrillAttempt a;
    a.nodeId = id;
    a.startedAt = at(started);
    a.secondsUsed = seconds;
    a.scores = scores;
    return a;
}

using Scores = std::array<int, 4>;

} // namespace

class TestDrillStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_course;
    std::optional<DrillSourceTable> m_table;
    int m_files = 0;

    QString freshFile() { return m_dir.filePath(u"progress-%1.sqlite"_s.arg(++m_files)); }

    static QStringList dueCards(const QString &file, const QDateTime &now)
    {
        ReviewStore review;
        if (!review.open(file))
            return { u"cannot open"_s };
        QStringList due;
        for (const ReviewCardRecord &c : review.cards()) {
            if (c.card.due <= now)
                due.append(c.nodeId);
        }
        due.sort();
        return due;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CurriculumParseResult parsed = CurriculumParser::parse(kCurriculum, u"course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_course = std::move(parsed.curriculum);
        QString error;
        m_table = DrillSourceTable::parse(kTable, u"drills.tsv"_s, &error);
        QVERIFY2(m_table, qPrintable(error));
        QVERIFY(m_course->contains(kIdempotency));
        QCOMPARE(DrillCatalog(*m_course, *m_table).drills().size(), 3);
    }

    void migratesASchemaTwoFileAndKeepsItsReviewData()
    {
        const QString file = freshFile();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (int step = 0; step < 2; ++step) {
                for (const QString &sql : ProgressStore::migrations().at(step))
                    QVERIFY2(q.exec(sql), qPrintable(sql));
            }
            QVERIFY(q.exec(u"INSERT INTO item VALUES ('a', 2, 3, 'A', 1)"_s));
            QVERIFY(
                q.exec(u"INSERT INTO review_card (node_id, added_at, title, state, stability, due_at, reps) "
                       "VALUES ('a', 5, 'A', 2, 3.5, 99, 4)"_s));
            QVERIFY(
                q.exec(u"INSERT INTO review_log (node_id, reviewed_at, rating, elapsed_days, scheduled_days,"
                       " state_before, stability_before, difficulty_before, state_after, step_after,"
                       " stability_after, difficulty_after, due_after) "
                       "VALUES ('a', 7, 3, 0, 1, 0, 0, 0, 2, 0, 3.5, 5.0, 99)"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 2"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v2"_s);
        DrillStore store;
        QVERIFY2(store.open(file), qPrintable(store.errorString()));
        QCOMPARE(sqliteValue(file, u"PRAGMA user_version"_s).toInt(), ProgressStore::kSchemaVersion);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM drill_attempt"_s).toInt(), 0);
        QCOMPARE(sqliteValue(file, u"SELECT name FROM sqlite_master WHERE name = 'drill_attempt_by_node'"_s)
                     .toString(),
            u"drill_attempt_by_node"_s);
        QCOMPARE(sqliteValue(file, u"SELECT confidence FROM item WHERE node_id = 'a'"_s).toInt(), 3);
        QCOMPARE(
            sqliteValue(file, u"SELECT stability FROM review_card WHERE node_id = 'a'"_s).toDouble(), 3.5);
        QCOMPARE(sqliteValue(file, u"SELECT reps FROM review_card WHERE node_id = 'a'"_s).toInt(), 4);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_log"_s).toInt(), 1);
    }

    void attemptsAreStoredOldestFirstWithATrend()
    {
        const QString file = freshFile();
        const DrillCatalog catalog(*m_course, *m_table);
        {
            DrillStore store;
            QVERIFY(store.open(file));
            DrillAttempt first = attempt(kClient, "2026-03-01T09:00:00Z", { 2, 3, 3, 3 }, 2700);
            first.toFix = u"Ask about retry budgets first"_s;
            QVERIFY(store.record(catalog, first, first.startedAt.addSecs(2700)).ok());
            const DrillRecordOutcome second = store.record(catalog,
                attempt(kClient, "2026-03-03T09:00:00Z", { 4, 4, 3, 4 }), at("2026-03-03T10:00:00Z"));
            QVERIFY2(second.ok(), qPrintable(second.error));
            QVERIFY(second.madeDue.isEmpty());
            QVERIFY(store
                    .record(catalog, attempt(kPlanner, "2026-03-02T09:00:00Z", { 3, 3, 3, 3 }),
                        at("2026-03-02T10:00:00Z"))
                    .ok());
        }
        DrillStore reopened;
        QVERIFY(reopened.open(file));
        const QList<DrillAttempt> attempts = reopened.attempts(kClient);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).startedAt, at("2026-03-01T09:00:00Z"));
        QCOMPARE(attempts.at(0).secondsUsed, 2700);
        QCOMPARE(attempts.at(0).scores, (std::array<int, 4> { 2, 3, 3, 3 }));
        QCOMPARE(attempts.at(0).toFix, u"Ask about retry budgets first"_s);
        QCOMPARE(DrillStore::trend(attempts), (QList<double> { 2.75, 3.75 }));
        const QHash<QString, DrillSummary> summaries = reopened.summaries();
        QCOMPARE(summaries.size(), 2);
        QCOMPARE(summaries.value(kClient).attempts, 2);
        QCOMPARE(summaries.value(kClient).lastMean, 3.75);
        QCOMPARE(summaries.value(kPlanner).lastMean, 3.0);
        QVERIFY(!summaries.contains(kProxy));
    }

    void badAttemptsAreRefusedAndWriteNothing_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("score");
        QTest::addColumn<QString>("started");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("expected");
        const QString ok = u"2026-03-05T09:00:00Z"_s;
        QTest::newRow("not a drill") << kIdempotency << 3 << ok << QString() << u"is not a drill"_s;
        QTest::newRow("score 0") << kClient << 0 << ok << QString() << u"score 0 is not between 1 and 4"_s;
        QTest::newRow("score 5") << kClient << 5 << ok << QString() << u"score 5 is not between 1 and 4"_s;
        QTest::newRow("before the last attempt")
            << kClient << 1 << u"2026-03-01T08:00:00Z"_s << QString() << u"before it"_s;
        QTest::newRow("missing answer file")
            << kClient << 1 << ok << u"no-such-answer.md"_s << u"does not exist"_s;
    }

    void badAttemptsAreRefusedAndWriteNothing()
    {
        QFETCH(QString, id);
        QFETCH(int, score);
        QFETCH(QString, started);
        QFETCH(QString, answer);
        QFETCH(QString, expected);
        const QString file = freshFile();
        const DrillCatalog catalog(*m_course, *m_table);
        DrillStore store;
        QVERIFY(store.open(file));
        QVERIFY(store
                .record(catalog, attempt(kClient, "2026-03-01T09:00:00Z", { 3, 3, 3, 3 }),
                    at("2026-03-01T10:00:00Z"))
                .ok());
        DrillAttempt bad = attempt(id, "2026-03-05T09:00:00Z", { score, 3, 3, 3 });
        bad.startedAt = QDateTime::fromString(started, Qt::ISODate);
        bad.answerPath = answer.isEmpty() ? QString() : m_dir.filePath(answer);
        const DrillRecordOutcome outcome = store.record(catalog, bad, bad.startedAt.addSecs(3600));
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.contains(expected), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(u"nothing was recorded"_s, Qt::CaseInsensitive),
            qPrintable(outcome.error));
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM drill_attempt"_s).toInt(), 1);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_card"_s).toInt(), 0);
    }

    void anAnswerFileThatExistsIsKept()
    {
        const QString file = freshFile();
        const QString answer = m_dir.filePath(u"answer.md"_s);
        QFile out(answer);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("# Retrying client\n");
        out.close();
        const DrillCatalog catalog(*m_course, *m_table);
        DrillStore store;
        QVERIFY(store.open(file));
        DrillAttempt a = attempt(kProxy, "2026-03-01T09:00:00Z", { 3, 3, 4, 3 });
        a.answerPath = answer;
        QVERIFY(store.record(catalog, a, at("2026-03-01T10:00:00Z")).ok());
        QCOMPARE(sqliteValue(file, u"SELECT answer_path FROM drill_attempt"_s).toString(), answer);
    }

    // A dimension scored 1 or 2 makes the drill's least confident concepts due, adding cards where
    // missing and bringing later due times forward; unrated counts as lowest.
    void aWeakScoreMakesTheLeastConfidentConceptsDue_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<QList<int>>("confidence"); // idempotency, status codes, caching; 0 = unrated
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all 3 or more: nothing")
            << Scores { 3, 4, 3, 3 } << QList<int> { 2, 4, 0 } << QStringList {};
        QTest::newRow("verification 2, one unrated")
            << Scores { 3, 4, 3, 2 } << QList<int> { 2, 4, 0 } << QStringList { kCaching };
        QTest::newRow("communication 1, two rated lowest")
            << Scores { 1, 4, 4, 4 } << QList<int> { 2, 5, 2 } << QStringList { kIdempotency, kCaching };
        QTest::newRow("all unrated: all") << Scores { 2, 2, 2, 2 } << QList<int> { 0, 0, 0 }
                                          << QStringList { kIdempotency, kStatus, kCaching };
    }

    void aWeakScoreMakesTheLeastConfidentConceptsDue()
    {
        QFETCH(Scores, scores);
        QFETCH(QList<int>, confidence);
        QFETCH(QStringList, expected);
        const QString file = freshFile();
        const QDateTime added = at("2026-03-01T08:00:00Z");
        const QDateTime now = at("2026-03-02T10:00:00Z");
        {
            ProgressStore progress;
            QVERIFY(progress.open(file));
            const QStringList concepts { kIdempotency, kStatus, kCaching };
            for (qsizetype i = 0; i < concepts.size(); ++i) {
                if (confidence.at(i) > 0)
                    QVERIFY(progress.setConfidence(concepts.at(i), confidence.at(i), concepts.at(i)));
            }
            // Caching is already a card, due next month: a weak attempt brings it forward.
            ReviewStore review;
            QVERIFY(review.open(file));
            QVERIFY(review.addCard(kCaching, u"Caching"_s, added.addDays(30)));
        }
        const DrillCatalog catalog(*m_course, *m_table);
        DrillStore store;
        QVERIFY(store.open(file));
        const DrillRecordOutcome outcome
            = store.record(catalog, attempt(kClient, "2026-03-02T09:00:00Z", scores), now);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QCOMPARE(outcome.madeDue, expected);
        QStringList sorted = expected;
        sorted.sort();
        QCOMPARE(dueCards(file, now), sorted);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_card"_s).toInt(),
            1 + int(expected.size() - expected.contains(kCaching)));
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM drill_attempt"_s).toInt(), 1);
    }

    void surpriseWeighsNeverTriedAndWeakDrillsMore()
    {
        QCOMPARE(DrillStore::surpriseWeight(nullptr), 4.0);
        DrillSummary weak { 1, 1.0, {} };
        DrillSummary strong { 3, 4.0, {} };
        QCOMPARE(DrillStore::surpriseWeight(&weak), 3.5);
        QCOMPARE(DrillStore::surpriseWeight(&strong), 0.5);

        const QString file = freshFile();
        const DrillCatalog catalog(*m_course, *m_table);
        DrillStore store;
        QVERIFY(store.open(file));
        // The client is strong (weight 0.5), the planner weak (3.5), the proxy never tried (4).
        QVERIFY(store
                .record(catalog, attempt(kClient, "2026-03-01T09:00:00Z", { 4, 4, 4, 4 }),
                    at("2026-03-01T10:00:00Z"))
                .ok());
        QVERIFY(store
                .record(catalog, attempt(kPlanner, "2026-03-01T09:00:00Z", { 1, 1, 1, 1 }),
                    at("2026-03-01T10:00:00Z"))
                .ok());
        QRandomGenerator random(20260301);
        QHash<QString, int> picks;
        const int draws = 8000;
        for (int i = 0; i < draws; ++i) {
            const Drill *d = store.surprise(catalog, random);
            QVERIFY(d);
            ++picks[d->id];
        }
        // Expected shares 4/8, 3.5/8 and 0.5/8 of the draws: 4000, 3500 and 500.
        QVERIFY2(qAbs(picks.value(kProxy) - 4000) < 250, qPrintable(QString::number(picks.value(kProxy))));
        QVERIFY2(
            qAbs(picks.value(kPlanner) - 3500) < 250, qPrintable(QString::number(picks.value(kPlanner))));
        QVERIFY2(qAbs(picks.value(kClient) - 500) < 120, qPrintable(QString::number(picks.value(kClient))));
        // The same seed picks the same drill.
        QRandomGenerator a(7);
        QRandomGenerator b(7);
        QCOMPARE(store.surprise(catalog, a)->id, store.surprise(catalog, b)->id);
    }
};

QTEST_GUILESS_MAIN(TestDrillStore)
#include "TestDrillStore.moc"
