// studybench-cli drill as a user runs it: a real process on a real progress database.
#include "support/cliprocess.h"
#include "support/sqliteprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QString kServerless = u"cloud/practical-projects/serverless-api-with-lambda-and-api-gateway"_s;
const QString kTopic = u"cloud/infrastructure-as-code/serverless-architecture"_s;

} // namespace

class TestDrillCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    ProcessRun cli(QStringList args)
    {
        args.prepend(m_dir.path());
        args.prepend(u"--data-dir"_s);
        return runCli(args);
    }

    QVariant sql(const QString &statement)
    {
        return sqliteValue(m_dir.filePath(u"progress.sqlite"_s), statement);
    }

    int count(const QString &table) { return sql(u"SELECT count(*) FROM "_s + table).toInt(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void listShowsEveryDrillWithItsSources()
    {
        const ProcessRun r = cli({ u"drill"_s, u"list"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"count"_s).toInt(), 54);
        QJsonObject serverless;
        for (const QJsonValue &v : o.value(u"drills"_s).toArray()) {
            if (v.toObject().value(u"id"_s).toString() == kServerless)
                serverless = v.toObject();
        }
        QCOMPARE(serverless.value(u"title"_s).toString(), u"Serverless API with Lambda and API Gateway"_s);
        QCOMPARE(serverless.value(u"kind"_s).toString(), u"practical-project"_s);
        QCOMPARE(serverless.value(u"sources"_s).toArray(), QJsonArray { kTopic });
        QCOMPARE(serverless.value(u"attempts"_s).toInt(), 0);
        QVERIFY(serverless.value(u"lastMean"_s).isNull());
        QCOMPARE(count(u"drill_attempt"_s), 0);
    }

    void aWeakAttemptMakesTheLowestRatedConceptsDue()
    {
        // Rate every concept of the topic but one; that one is the lowest (unrated).
        for (const QString &c :
            { u"lambda-functions"_s, u"api-gateway"_s, u"event-sources"_s, u"step-functions"_s })
            sql(u"INSERT INTO item (node_id, confidence, title, updated_at) VALUES ('%1/%2', 4, '', 0)"_s.arg(
                kTopic, c));
        QCOMPARE(count(u"item"_s), 4);
        const QString answer = m_dir.filePath(u"answer.md"_s);
        writeTestFile(answer, "# Serverless API\n\nLambda behind API Gateway.\n");
        ProcessRun r = cli({ u"drill"_s, u"record"_s, kServerless, u"--scores"_s, u"3,2,4,3"_s,
            u"--minutes"_s, u"40"_s, u"--answer"_s, answer, u"--fix"_s, u"Say how cold starts are measured"_s,
            u"--now"_s, u"2026-05-01T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(u"mean score 3.00 in 40 minutes"_s), r.out.constData());
        QVERIFY2(r.outText().contains(u"Serverless Patterns  ("_s + kTopic + u"/serverless-patterns)"_s),
            r.out.constData());
        QCOMPARE(count(u"drill_attempt"_s), 1);
        QCOMPARE(sql(u"SELECT started_at FROM drill_attempt"_s).toLongLong(),
            QDateTime::fromString(u"2026-05-01T09:20:00Z"_s, Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(sql(u"SELECT group_concat(node_id) FROM review_card"_s).toString(),
            kTopic + u"/serverless-patterns"_s);
        r = cli({ u"review"_s, u"due"_s, u"--json"_s, u"--now"_s, u"2026-05-01T10:00:00Z"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(u"count"_s).toInt(), 1);
    }

    void aStrongAttemptMakesNothingDueAndTheTrendShowsIt()
    {
        ProcessRun r = cli({ u"drill"_s, u"record"_s, kServerless, u"--scores"_s, u"4,4,3,4"_s,
            u"--minutes"_s, u"30"_s, u"--now"_s, u"2026-05-03T10:00:00Z"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(u"madeDue"_s).toArray(), QJsonArray {});
        QCOMPARE(count(u"review_card"_s), 1);
        r = cli({ u"drill"_s, u"attempts"_s, kServerless, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"trend"_s).toArray(), (QJsonArray { 3.0, 3.75 }));
        const QJsonObject first = o.value(u"attempts"_s).toArray().first().toObject();
        QCOMPARE(first.value(u"secondsUsed"_s).toInt(), 2400);
        QCOMPARE(first.value(u"scores"_s).toObject().value(u"problem-solving"_s).toInt(), 2);
        QCOMPARE(first.value(u"toFix"_s).toString(), u"Say how cold starts are measured"_s);
        QVERIFY(first.value(u"answerPath"_s).toString().endsWith(u"/answer.md"_s));
        r = cli({ u"drill"_s, u"attempts"_s, kServerless });
        QVERIFY2(r.outText().contains(u"Trend (mean score per attempt): 3.00 → 3.75"_s), r.out.constData());
        r = cli({ u"drill"_s, u"list"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(u"  2  3.75  Serverless API"_s), r.out.constData());
        QVERIFY2(r.outText().contains(u"\n54 drills;"_s), r.out.constData());
    }

    void rubricShowsTheDimensionsAndTheSectionsChecklists()
    {
        ProcessRun r = cli({ u"drill"_s, u"rubric"_s, kServerless, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        const QJsonArray dimensions = o.value(u"dimensions"_s).toArray();
        QCOMPARE(dimensions.size(), 4);
        QCOMPARE(dimensions.at(3).toObject().value(u"key"_s).toString(), u"verification"_s);
        QVERIFY(!dimensions.at(0).toObject().value(u"weak"_s).toString().isEmpty());
        const QJsonArray checklist = o.value(u"checklist"_s).toArray();
        QCOMPARE(checklist.size(), 7); // the Cloud section's Essential Skills Checklist
        for (const QJsonValue &item : checklist)
            QVERIFY(
                item.toObject().value(u"id"_s).toString().startsWith(u"cloud/essential-skills-checklist/"_s));
        r = cli({ u"drill"_s, u"rubric"_s, kServerless });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(u"Verification and testing\n  4, strong: "_s), r.out.constData());
        QVERIFY2(r.outText().contains(u"Skill checklist:\n  [ ] "_s), r.out.constData());
    }

    void surpriseWithASeedIsRepeatable()
    {
        const ProcessRun a = cli({ u"drill"_s, u"surprise"_s, u"--seed"_s, u"42"_s, u"--json"_s });
        const ProcessRun b = cli({ u"drill"_s, u"surprise"_s, u"--seed"_s, u"42"_s, u"--json"_s });
        QCOMPARE(a.exitCode, 0);
        QVERIFY(!a.json().value(u"id"_s).toString().isEmpty());
        QCOMPARE(a.json().value(u"id"_s), b.json().value(u"id"_s));
    }

    void badInputSaysWhatAndWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList ok { u"--minutes"_s, u"30"_s, u"--now"_s, u"2026-06-01T10:00:00Z"_s };
        QTest::newRow("unknown drill")
            << QStringList { u"record"_s, u"no/such/drill"_s, u"--scores"_s, u"3,3,3,3"_s } + ok << 1
            << u"'no/such/drill' is not a drill of this curriculum"_s;
        QTest::newRow("score 5") << QStringList { u"record"_s, kServerless, u"--scores"_s, u"3,5,3,3"_s } + ok
                                 << 2 << u"the problem solving score '5' is not a whole number from 1 to 4"_s;
        QTest::newRow("three scores") << QStringList { u"record"_s, kServerless, u"--scores"_s, u"3,3,3"_s }
                + ok << 2 << u"needs four scores"_s;
        QTest::newRow("no minutes") << QStringList { u"record"_s, kServerless, u"--scores"_s, u"1,1,1,1"_s }
                                    << 2 << u"needs --scores C,P,T,V and --minutes N"_s;
        QTest::newRow("missing answer file") << QStringList {
            u"record"_s, kServerless, u"--scores"_s, u"1,1,1,1"_s, u"--answer"_s, u"gone.md"_s
        } + ok << 1 << u"gone.md does not exist"_s;
        QTest::newRow("before the last attempt") << QStringList { u"record"_s, kServerless, u"--scores"_s,
            u"1,1,1,1"_s, u"--minutes"_s, u"30"_s, u"--now"_s, u"2026-05-02T10:00:00Z"_s }
                                                 << 1 << u"before it"_s;
        QTest::newRow("attempts of no drill")
            << QStringList { u"attempts"_s, u"no/such/drill"_s } << 1 << u"drill list"_s;
        QTest::newRow("rubric of no drill")
            << QStringList { u"rubric"_s, u"no/such/drill"_s } << 1 << u"drill list"_s;
        QTest::newRow("bad time") << QStringList { u"list"_s, u"--now"_s, u"soon"_s } << 2 << u"ISO 8601"_s;
    }

    void badInputSaysWhatAndWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const int attempts = count(u"drill_attempt"_s);
        const int cards = count(u"review_card"_s);
        args.prepend(u"drill"_s);
        const ProcessRun r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QVERIFY2(r.errText().contains(u"studybench-cli"_s) || r.errText().contains(u"Nothing was recorded"_s)
                || r.errText().contains(u"nothing was recorded"_s),
            r.err.constData());
        QCOMPARE(count(u"drill_attempt"_s), attempts);
        QCOMPARE(count(u"review_card"_s), cards);
    }
};

QTEST_GUILESS_MAIN(TestDrillCli)
#include "TestDrillCli.moc"
