// studybench-cli review as a user runs it: a real process on a real progress database.
#include "curriculum/curriculumparser.h"
#include "review/fsrssimulator.h"
#include "review/reviewdeck.h"
#include "review/reviewstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QString kItem = u"databases/sql-mastery/transaction-management/isolation-levels"_s;
const QString kOther = u"databases/sql-mastery/transaction-management/acid-properties"_s;

QJsonObject object(const Run &r)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("not JSON: %s\n%s", qPrintable(e.errorString()), r.out.constData());
    return doc.object();
}

} // namespace

class TestReviewCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Run cli(const QStringList &args) { return cliIn(m_dir.path(), args); }

    static Run cliIn(const QString &dataDir, QStringList args)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(u"DISPLAY"_s);
        e.remove(u"QT_QPA_PLATFORM"_s);
        p.setProcessEnvironment(e);
        args.prepend(dataDir);
        args.prepend(u"--data-dir"_s);
        p.start(QStringLiteral(STUDYBENCH_CLI_PATH), args);
        if (!p.waitForFinished(30000))
            qFatal("studybench-cli did not finish");
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError() };
    }

    // Counts rows in the progress database with a separate connection, as another process would.
    int count(const QString &table)
    {
        int result = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            db.setDatabaseName(m_dir.filePath(u"progress.sqlite"_s));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SELECT count(*) FROM "_s + table) && q.next())
                    result = q.value(0).toInt();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void anItemMarkedDoneIsDueAsANewCard()
    {
        QCOMPARE(cli({ u"progress"_s, u"set"_s, kItem, u"done"_s }).exitCode, 0);
        const Run r = cli({ u"review"_s, u"due"_s, u"--json"_s, u"--now"_s, u"2026-05-01T09:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = object(r);
        QCOMPARE(o.value(u"count"_s).toInt(), 1);
        const QJsonObject card = o.value(u"due"_s).toArray().first().toObject();
        QCOMPARE(card.value(u"id"_s).toString(), kItem);
        QCOMPARE(card.value(u"term"_s).toString(), u"Isolation Levels"_s);
        QCOMPARE(card.value(u"state"_s).toString(), u"new"_s);
        QVERIFY(card.value(u"place"_s).toString().contains(u"Transaction Management"_s));
    }

    void gradesFollowTheLearningStepsAndLandOnDisk()
    {
        Run r = cli({ u"review"_s, u"grade"_s, kItem, u"good"_s, u"--json"_s, u"--now"_s,
            u"2026-05-01T09:00:00Z"_s, u"--learning-steps"_s, u"1m 10m"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(object(r).value(u"state"_s).toString(), u"learning"_s);
        QCOMPARE(object(r).value(u"due"_s).toString(), u"2026-05-01T09:10:00Z"_s);
        QCOMPARE(count(u"review_log"_s), 1);
        r = cli({ u"review"_s, u"grade"_s, kItem, u"good"_s, u"--json"_s, u"--now"_s,
            u"2026-05-01T09:10:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject card = object(r);
        QCOMPARE(card.value(u"state"_s).toString(), u"review"_s);
        QVERIFY(card.value(u"stability"_s).toDouble() > 1.0);
        QVERIFY(card.value(u"intervalDays"_s).toDouble() >= 1.0);
        QCOMPARE(count(u"review_log"_s), 2);
        r = cli({ u"review"_s, u"grade"_s, kItem, u"again"_s, u"--json"_s, u"--now"_s,
            u"2026-05-02T09:00:00Z"_s, u"--learning-steps"_s, u"none"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(object(r).value(u"state"_s).toString(), u"relearning"_s);
        QCOMPARE(object(r).value(u"lapses"_s).toInt(), 1);
    }

    void showPrintsTheMemoryStateAndTheLog()
    {
        const Run r
            = cli({ u"review"_s, u"show"_s, kItem, u"--json"_s, u"--now"_s, u"2026-05-02T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = object(r);
        const QJsonArray log = o.value(u"log"_s).toArray();
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).toObject().value(u"grade"_s).toString(), u"good"_s);
        QCOMPARE(log.at(2).toObject().value(u"grade"_s).toString(), u"again"_s);
        QCOMPARE(log.at(2).toObject().value(u"elapsedDays"_s).toInt(), 0);
        QCOMPARE(o.value(u"reps"_s).toInt(), 3);
        const double r10 = o.value(u"retrievability"_s).toDouble();
        QVERIFY2(r10 > 0.0 && r10 <= 1.0, qPrintable(QString::number(r10)));
        QVERIFY(o.value(u"difficulty"_s).toDouble() >= 1.0);
        QVERIFY(!o.value(u"explanation"_s).toString().isEmpty());
    }

    void addAndStats()
    {
        Run r = cli({ u"review"_s, u"add"_s, kOther, u"--now"_s, u"2026-05-02T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        r = cli({ u"review"_s, u"stats"_s, u"--json"_s, u"--now"_s, u"2026-05-02T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = object(r);
        QCOMPARE(o.value(u"cards"_s).toInt(), 2);
        QCOMPARE(o.value(u"reviews"_s).toInt(), 3);
        QCOMPARE(o.value(u"byState"_s).toObject().value(u"new"_s).toInt(), 1);
        QCOMPARE(o.value(u"byState"_s).toObject().value(u"relearning"_s).toInt(), 1);

        // In words, with English plurals (the CLI loads them as the window does).
        r = cli({ u"review"_s, u"stats"_s, u"--now"_s, u"2026-05-02T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.startsWith(u"2 cards ("_s), qPrintable(text));
        QVERIFY2(text.contains(u"\n3 reviews;"_s), qPrintable(text));
        r = cli({ u"review"_s, u"show"_s, kItem, u"--now"_s, u"2026-05-02T10:00:00Z"_s });
        text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(u", 3 reviews, 1 lapse\n"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"(s)"_s), qPrintable(text));
    }

    // 'review optimize' on a learner's own log of more than 400 reviews, in a real progress file:
    // a simulated learner whose memory differs from the default weights reviews the curriculum's
    // concepts for five months; the fitted weights predict that log better and are saved, so the
    // next run starts from them.
    void optimizeFitsTheLearnersOwnLog()
    {
        QTemporaryDir dir;
        const StudyBench::CurriculumParseResult parsed = StudyBench::CurriculumParser::builtin();
        QVERIFY(parsed.ok());
        QStringList concepts;
        for (const StudyBench::CurriculumNode *n : parsed.curriculum->allNodes()) {
            if (n->kind == StudyBench::NodeKind::Concept)
                concepts.append(n->id);
        }
        StudyBench::FsrsSimulation simulation;
        simulation.memoryWeights = { 0.1, 0.6, 1.2, 4.0, 7.0, 0.6, 2.0, 0.01, 1.4, 0.25, 1.1, 1.8, 0.08, 0.3,
            2.0, 0.4, 2.5, 0.6, 0.2, 0.1, 0.35 };
        simulation.cards = int(std::min<qsizetype>(150, concepts.size()));
        simulation.newCardsPerDay = 8;
        simulation.days = 150;
        simulation.seed = 7;
        int reviews = 0;
        {
            StudyBench::ReviewStore store;
            QVERIFY(store.open(dir.filePath(u"progress.sqlite"_s)));
            StudyBench::ReviewDeck deck(store, parsed.curriculum.get());
            deck.setFuzz(false);
            for (const StudyBench::CardReviewLog &log : StudyBench::simulateReviews(simulation)) {
                const QString id = concepts.at(log.cardId - 1);
                QVERIFY(deck.add(id, log.entries.constFirst().reviewedAt).ok());
                for (const StudyBench::ReviewLogEntry &e : log.entries) {
                    const StudyBench::ReviewOutcome graded = deck.grade(id, e.rating, e.reviewedAt);
                    QVERIFY2(graded.ok(), qPrintable(graded.error));
                    ++reviews;
                }
            }
        }
        QVERIFY2(reviews >= 400, qPrintable(QString::number(reviews)));
        const Run first = cliIn(dir.path(), { u"review"_s, u"optimize"_s, u"--json"_s });
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonObject fitted = object(first);
        QCOMPARE(fitted.value(u"reviews"_s).toInt(), reviews);
        const double before = fitted.value(u"before"_s).toObject().value(u"logLoss"_s).toDouble();
        const double after = fitted.value(u"after"_s).toObject().value(u"logLoss"_s).toDouble();
        qInfo("%d reviews of %d cards: log loss %.4f -> %.4f", reviews, simulation.cards, before, after);
        QVERIFY2(after < before, qPrintable(u"%1 -> %2"_s.arg(before).arg(after)));
        QVERIFY(fitted.value(u"kept"_s).toBool());
        const Run second = cliIn(dir.path(), { u"review"_s, u"optimize"_s, u"--json"_s });
        QCOMPARE(second.exitCode, 0);
        const double again = object(second).value(u"before"_s).toObject().value(u"logLoss"_s).toDouble();
        QVERIFY2(
            qAbs(again - after) < 1e-5, qPrintable(u"saved weights give %1, not %2"_s.arg(again).arg(after)));
    }

    void badInputSaysWhatAndChangesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a card") << QStringList { u"grade"_s, u"no/such/card"_s, u"good"_s } << 1
                                    << u"not a review card"_s;
        QTest::newRow("before the last review") << QStringList { u"grade"_s, kItem, u"easy"_s, u"--now"_s,
            u"2026-04-01T00:00:00Z"_s } << 1 << u"before the card's last review"_s;
        QTest::newRow("not a grade") << QStringList { u"grade"_s, kItem, u"perfect"_s } << 2
                                     << u"not a grade"_s;
        QTest::newRow("bad time") << QStringList { u"due"_s, u"--now"_s, u"yesterday"_s } << 2
                                  << u"ISO 8601"_s;
        QTest::newRow("bad steps") << QStringList { u"due"_s, u"--learning-steps"_s, u"soon"_s } << 2
                                   << u"--learning-steps"_s;
        QTest::newRow("unknown item")
            << QStringList { u"add"_s, u"no/such/item"_s } << 1 << u"not an item of the curriculum"_s;
        QTest::newRow("optimizer on a short log") << QStringList { u"optimize"_s } << 1 << u"at least 400"_s;
    }

    void badInputSaysWhatAndChangesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const int reviews = count(u"review_log"_s);
        args.prepend(u"review"_s);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(count(u"review_log"_s), reviews);
    }
};

QTEST_GUILESS_MAIN(TestReviewCli)
#include "TestReviewCli.moc"
