#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "review/reviewdeck.h"
#include "review/reviewstore.h"
#include "support/sqliteprobe.h"

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

- [ ] Write a client that retries
- [ ] Read RFC 9110

## Data

### SQL

- **Index**: a sorted copy of some columns.
)";

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

class TestReviewStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_curriculum;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString id(const QString &title) const
    {
        for (const CurriculumNode *n : m_curriculum->allNodes()) {
            if (n->title == title)
                return n->id;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CurriculumParseResult parsed = CurriculumParser::parse(kCurriculum, u"course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_curriculum = std::move(parsed.curriculum);
        QVERIFY(!id(u"Idempotency"_s).isEmpty());
        QVERIFY(!id(u"Write a client that retries"_s).isEmpty());
    }

    void migratesAVersionOneFileAndKeepsItsProgress()
    {
        const QString file = path(u"v1.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &sql : ProgressStore::migrations().first())
                QVERIFY2(q.exec(sql), qPrintable(sql));
            QVERIFY(q.exec(u"INSERT INTO item VALUES ('a', 2, 0, 'A', 1)"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        ReviewStore store;
        QVERIFY2(store.open(file), qPrintable(store.errorString()));
        QCOMPARE(sqliteValue(file, u"PRAGMA user_version"_s).toInt(), ProgressStore::kSchemaVersion);
        QCOMPARE(sqliteValue(file, u"SELECT state FROM item WHERE node_id = 'a'"_s).toInt(), 2);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_card"_s).toInt(), 0);
    }

    void conceptsAndChecklistItemsInProgressOrDoneBecomeCards()
    {
        const QString file = path(u"sync.sqlite"_s);
        ProgressStore progress;
        QVERIFY(progress.open(file));
        const QDateTime now = at("2026-01-01T10:00:00Z");
        QVERIFY(progress.setState(id(u"Idempotency"_s), ItemState::Done, u"Idempotency"_s, u"test"_s, now));
        QVERIFY(progress.setState(
            id(u"Write a client that retries"_s), ItemState::InProgress, u"W"_s, u"test"_s, now));
        QVERIFY(progress.setState(id(u"Index"_s), ItemState::Skipped, u"Index"_s, u"test"_s, now));
        QVERIFY(progress.setState(id(u"HTTP"_s), ItemState::Done, u"HTTP"_s, u"test"_s, now));
        ReviewStore store;
        QVERIFY(store.open(file));
        ReviewDeck deck(store, m_curriculum.get());
        const QStringList made = deck.addFromProgress(progress.items(), now);
        QStringList expected { id(u"Idempotency"_s), id(u"Write a client that retries"_s) };
        expected.sort();
        QCOMPARE(made, expected);
        QVERIFY(deck.addFromProgress(progress.items(), now.addDays(1)).isEmpty());
        const auto card = store.card(id(u"Idempotency"_s));
        QVERIFY(card);
        QCOMPARE(card->added, now);
        QCOMPARE(card->card.state, CardState::New);
        QCOMPARE(deck.due(now).size(), 2);
        QCOMPARE(deck.due(now, id(u"Data"_s)).size(), 0);
        QCOMPARE(deck.due(now, id(u"APIs"_s)).size(), 2);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_card"_s).toInt(), 2);
    }

    void cardTextHasTermPlaceExplanationAndNote()
    {
        const QString file = path(u"text.sqlite"_s);
        ProgressStore progress;
        QVERIFY(progress.open(file));
        QVERIFY(progress.setNote(id(u"Idempotency"_s), u"PUT and DELETE are."_s));
        ReviewStore store;
        QVERIFY(store.open(file));
        ReviewDeck deck(store, m_curriculum.get());
        QVERIFY(deck.add(id(u"Idempotency"_s), at("2026-01-01T10:00:00Z")).ok());
        const ReviewCardText text = deck.text(*store.card(id(u"Idempotency"_s)));
        QCOMPARE(text.term, u"Idempotency"_s);
        QCOMPARE(text.place, u"APIs \u203a HTTP"_s);
        QVERIFY2(text.explanation.contains(u"effect of once"_s), qPrintable(text.explanation));
        QCOMPARE(text.note, u"PUT and DELETE are."_s);
    }

    void aGradeIsOnDiskWhenItReturnsAndReplayRecomputesTheCard()
    {
        const QString file = path(u"grade.sqlite"_s);
        const QString card = id(u"Status codes"_s);
        const QDateTime t0 = at("2026-02-01T09:00:00Z");
        FsrsCard afterAll;
        {
            ReviewStore store;
            QVERIFY(store.open(file));
            ReviewDeck deck(store, m_curriculum.get());
            deck.setFuzz(false);
            QVERIFY(deck.add(card, t0).ok());
            const ReviewOutcome first = deck.grade(card, Rating::Good, t0);
            QVERIFY2(first.ok(), qPrintable(first.error));
            QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_log"_s).toInt(), 1);
            QCOMPARE(sqliteValue(file, u"SELECT rating FROM review_log"_s).toInt(), 3);
            QVERIFY(deck.grade(card, Rating::Good, t0.addSecs(600)).ok());
            QVERIFY(deck.grade(card, Rating::Again, t0.addDays(3)).ok());
            const ReviewOutcome last = deck.grade(card, Rating::Easy, t0.addDays(4));
            QVERIFY(last.ok());
            afterAll = last.card.card;
            QCOMPARE(store.card(card)->card, afterAll);
        }
        ReviewStore reopened;
        QVERIFY(reopened.open(file));
        QCOMPARE(reopened.log(card).size(), 4);
        QCOMPARE(reopened.log(card).at(2).entry.rating, Rating::Again);
        QCOMPARE(reopened.log(card).at(2).entry.elapsedDays, 2);
        QCOMPARE(reopened.card(card)->card, afterAll);
        ReviewDeck deck(reopened, m_curriculum.get());
        deck.setFuzz(false);
        const std::optional<FsrsCard> replayed = deck.replayed(card);
        QVERIFY(replayed);
        QCOMPARE(*replayed, afterAll);
        QCOMPARE(afterAll.reps, 4);
        QCOMPARE(afterAll.lapses, 1);
        QCOMPARE(sqliteValue(file, u"SELECT due_at FROM review_card"_s).toLongLong(),
            afterAll.due.toMSecsSinceEpoch());
    }

    void badInputIsRefusedAndLosesNothing()
    {
        const QString file = path(u"bad.sqlite"_s);
        ReviewStore store;
        QVERIFY(store.open(file));
        ReviewDeck deck(store, m_curriculum.get());
        deck.setFuzz(false);
        const QString card = id(u"Index"_s);
        const QDateTime t0 = at("2026-03-01T09:00:00Z");
        const ReviewOutcome notACard = deck.grade(card, Rating::Good, t0);
        QVERIFY(!notACard.ok());
        QVERIFY2(notACard.error.contains(card) && notACard.error.contains(u"review add"_s),
            qPrintable(notACard.error));
        const ReviewOutcome unknown = deck.add(u"no/such/item"_s, t0);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error.contains(u"no/such/item"_s));
        QVERIFY(deck.add(card, t0).ok());
        QVERIFY(deck.grade(card, Rating::Good, t0.addDays(1)).ok());
        const FsrsCard before = store.card(card)->card;
        const ReviewOutcome early = deck.grade(card, Rating::Easy, t0);
        QVERIFY(!early.ok());
        QVERIFY2(early.error.contains(card), qPrintable(early.error));
        QCOMPARE(store.card(card)->card, before);
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_log"_s).toInt(), 1);
        QVERIFY(!store.recordGrade(u"ghost"_s, before, ReviewLogEntry {}));
        QCOMPARE(sqliteValue(file, u"SELECT count(*) FROM review_log"_s).toInt(), 1);
    }

    void settingsRoundTripAndInvalidOnesAreRefused()
    {
        ReviewStore store;
        QVERIFY(store.open(path(u"settings.sqlite"_s)));
        FsrsSettings s;
        s.desiredRetention = 0.85;
        s.learningSteps = { 300 };
        s.maximumIntervalDays = 3650;
        s.weights[0] = 0.5;
        QVERIFY2(store.saveSettings(s), qPrintable(store.errorString()));
        QCOMPARE(store.settings().desiredRetention, 0.85);
        QCOMPARE(store.settings().learningSteps, QList<qint64> { 300 });
        QCOMPARE(store.settings().maximumIntervalDays, 3650);
        QCOMPARE(store.settings().weights, s.weights);
        FsrsSettings bad = s;
        bad.desiredRetention = 1.5;
        QVERIFY(!store.saveSettings(bad));
        QCOMPARE(store.settings().desiredRetention, 0.85);
    }

    void optimizerRefusesGapsOneReviewPerCardAndShortLogs()
    {
        const QString file = path(u"optimizer.sqlite"_s);
        ReviewStore store;
        QVERIFY(store.open(file));
        ReviewDeck deck(store, m_curriculum.get());
        deck.setFuzz(false);
        const QDateTime t0 = at("2026-04-01T09:00:00Z");
        for (const QString &title : { u"Idempotency"_s, u"Index"_s }) {
            QVERIFY(deck.add(id(title), t0).ok());
            QVERIFY(deck.grade(id(title), Rating::Good, t0).ok());
        }
        QString error;
        QVERIFY(deck.optimizerLogs(&error).isEmpty());
        QVERIFY2(error.contains(u"one review only"_s), qPrintable(error));
        QVERIFY(deck.grade(id(u"Index"_s), Rating::Good, t0.addDays(2)).ok());
        QVERIFY(deck.grade(id(u"Index"_s), Rating::Hard, t0.addDays(9)).ok());
        error.clear();
        QVERIFY(deck.optimizerLogs(&error).isEmpty());
        QVERIFY2(error.contains(u"at least 400"_s), qPrintable(error));
        QVERIFY(sqliteValue(file,
            u"DELETE FROM review_log WHERE reviewed_at = %1 RETURNING id"_s.arg(
                t0.addDays(2).toMSecsSinceEpoch()))
                .isValid());
        error.clear();
        QVERIFY(deck.optimizerLogs(&error).isEmpty());
        QVERIFY2(error.contains(u"gap"_s) && error.contains(id(u"Index"_s)), qPrintable(error));
        const FsrsOptimizerResult result = deck.optimize();
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(store.settings().weights, fsrsDefaultWeights());
    }
};

QTEST_GUILESS_MAIN(TestReviewStore)
#include "TestReviewStore.moc"
