// studybench-cli cohort as learners and an instructor run it: two data directories share into one
// cohort folder, then the instructor's view as a table, JSON and CSV; bad input and bad files.
#include "support/cliprocess.h"
#include "support/folderlisting.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QString kMethods = u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s;
const QString kRest
    = u"backend-basics/essential-skills-checklist/build-restful-endpoints-with-proper-http-semantics"_s;

} // namespace

class TestCohortCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // A week and a day from now: what is in progress today is stuck by then, and everyone inactive.
    const QString m_later = QDateTime::currentDateTimeUtc().addDays(8).addSecs(3600).toString(Qt::ISODate);
    const QString m_today = QDateTime::currentDateTimeUtc().addSecs(60).toString(Qt::ISODate);

    QString dataDir(const QString &learner) const { return m_dir.filePath(learner); }
    QString cohort() const { return m_dir.filePath(u"Cohort"_s); }

    ProcessRun cli(const QString &learner, QStringList args)
    {
        args << u"--data-dir"_s << dataDir(learner);
        return runCli(args);
    }

    QJsonObject learner(const QJsonObject &view, const QString &name)
    {
        for (const QJsonValue &v : view.value(u"learners"_s).toArray()) {
            if (v.toObject().value(u"name"_s).toString() == name)
                return v.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void twoLearnersShare()
    {
        QCOMPARE(cli(u"ada"_s, { u"progress"_s, u"set"_s, kMethods, u"in-progress"_s }).exitCode, 0);
        QCOMPARE(cli(u"ada"_s, { u"progress"_s, u"set"_s, kRest, u"done"_s }).exitCode, 0);
        QCOMPARE(cli(u"bob"_s, { u"progress"_s, u"set"_s, kRest, u"done"_s }).exitCode, 0);
        QCOMPARE(cli(u"bob"_s, { u"progress"_s, u"set"_s, kMethods, u"skipped"_s }).exitCode, 0);
        const ProcessRun ada
            = cli(u"ada"_s, { u"cohort"_s, u"share"_s, cohort(), u"--name"_s, u"Ada"_s, u"--notes"_s });
        QVERIFY2(ada.exitCode == 0, qPrintable(ada.errText()));
        QVERIFY2(ada.outText().contains(u"Shared as 'Ada' into "_s + cohort() + u"/learners/"_s),
            qPrintable(ada.outText()));
        QVERIFY(ada.outText().contains(u"Items: 2, drills: 0, notes: 0"_s));
        const ProcessRun bob = cli(u"bob"_s, { u"cohort"_s, u"share"_s, cohort(), u"--name"_s, u"Bob"_s });
        QVERIFY2(bob.exitCode == 0, qPrintable(bob.errText()));
        QVERIFY(bob.outText().contains(u"notes: not shared"_s));
        QCOMPARE(QDir(cohort() + u"/learners"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2);
        // Sharing again uses the remembered folder and name.
        QCOMPARE(cli(u"bob"_s, { u"progress"_s, u"set"_s, kMethods, u"done"_s }).exitCode, 0);
        const ProcessRun again = cli(u"bob"_s, { u"cohort"_s, u"share"_s });
        QVERIFY2(
            again.outText().contains(u"Shared as 'Bob'"_s), qPrintable(again.outText() + again.errText()));
    }

    void theInstructorsViewAsJson()
    {
        const QStringList before = folderListing(cohort());
        const ProcessRun r = runCli({ u"cohort"_s, cohort(), u"--json"_s, u"--now"_s, m_later });
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QCOMPARE(r.errText(), QString());
        QCOMPARE(folderListing(cohort()), before); // nothing written
        const QJsonObject view = r.json();
        QCOMPARE(view.value(u"curriculum"_s).toString(), u"backend-mastery"_s);
        QCOMPARE(view.value(u"learners"_s).toArray().size(), 2);
        const QJsonObject ada = learner(view, u"Ada"_s);
        const QJsonObject bob = learner(view, u"Bob"_s);
        // Backend Basics: Ada has one item done and one in progress, Bob two done.
        const QJsonObject adaBasics = ada.value(u"sections"_s).toArray().at(0).toObject();
        const QJsonObject bobBasics = bob.value(u"sections"_s).toArray().at(0).toObject();
        QCOMPARE(adaBasics.value(u"section"_s).toString(), u"backend-basics"_s);
        const int total = adaBasics.value(u"total"_s).toInt();
        QVERIFY(total > 10);
        QCOMPARE(adaBasics.value(u"done"_s).toInt(), 1);
        QCOMPARE(adaBasics.value(u"inProgress"_s).toInt(), 1);
        QCOMPARE(adaBasics.value(u"percent"_s).toDouble(), qRound(1000.0 / total) / 10.0);
        QCOMPARE(bobBasics.value(u"done"_s).toInt(), 2);
        QCOMPARE(bobBasics.value(u"percent"_s).toDouble(), qRound(2000.0 / total) / 10.0);
        QVERIFY(adaBasics.value(u"averageConfidence"_s).isNull());
        QVERIFY(ada.value(u"inactive"_s).toBool());
        // Ada's HTTP methods has been in progress for 8 days: the one stuck item.
        const QJsonArray stuck = view.value(u"stuck"_s).toArray();
        QCOMPARE(stuck.size(), 1);
        QCOMPARE(stuck.at(0).toObject().value(u"id"_s).toString(), kMethods);
        QCOMPARE(stuck.at(0).toObject().value(u"count"_s).toInt(), 1);
        const QJsonObject who = stuck.at(0).toObject().value(u"learners"_s).toArray().at(0).toObject();
        QCOMPARE(who.value(u"name"_s).toString(), u"Ada"_s);
        QCOMPARE(who.value(u"days"_s).toInt(), 8);
        QCOMPARE(view.value(u"inactive"_s).toArray().size(), 2);
        QVERIFY(view.value(u"stuckRule"_s).toString().contains(u"7 days"_s));
    }

    void theInstructorsViewAsCsvAndTable()
    {
        const ProcessRun csv = runCli({ u"cohort"_s, cohort(), u"--csv"_s, u"--now"_s, m_today });
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.errText()));
        const QStringList lines = csv.outText().split(u"\r\n"_s, Qt::SkipEmptyParts);
        const int sections = int(
            runCli({ u"cohort"_s, cohort(), u"--json"_s }).json().value(u"sections"_s).toArray().size());
        QCOMPARE(lines.size(), 1 + 2 * (sections + 1));
        QVERIFY(lines.first().startsWith(u"learner,device,section_id,section,done,counted,percent"_s));
        QVERIFY2(lines.at(1).startsWith(u"Ada,"_s), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(1).contains(u",backend-basics,"_s), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(1).endsWith(u",no"_s), qPrintable(lines.at(1))); // active today
        QVERIFY(lines.at(sections + 1).contains(u",,All sections,1,"_s));

        const ProcessRun table = runCli({ u"cohort"_s, cohort(), u"--now"_s, m_later });
        QVERIFY2(table.exitCode == 0, qPrintable(table.errText()));
        QVERIFY2(table.outText().contains(u"2 learners, curriculum backend-mastery"_s),
            qPrintable(table.outText()));
        QVERIFY(table.outText().contains(u"1 of 2: HTTP Methods"_s));
        QVERIFY(table.outText().contains(u"Ada (in progress 8 days)"_s));
        QVERIFY(table.outText().contains(u"Bob: last active 8 days ago"_s));
    }

    void aBadFileIsNamedAndSkipped()
    {
        const QString bad = cohort() + u"/learners/BROKEN/summary.json"_s;
        writeTestFile(bad, "{\"format\": \"studybench-cohort-summary\", \"version\": 1, ");
        const ProcessRun r = runCli({ u"cohort"_s, cohort(), u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.errText().contains(u"learners/BROKEN/summary.json: it ends too early"_s),
            qPrintable(r.errText()));
        QCOMPARE(r.json().value(u"learners"_s).toArray().size(), 2);
        QVERIFY(QFile::remove(bad));
        QVERIFY(QDir().rmdir(QFileInfo(bad).path()));
    }

    void misuse_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no folder") << QStringList { u"cohort"_s } << 2 << u"Name the cohort folder"_s;
        QTest::newRow("json and csv") << QStringList { u"cohort"_s, u"x"_s, u"--json"_s, u"--csv"_s } << 2
                                      << u"Choose one of --json and --csv"_s;
        QTest::newRow("name without share")
            << QStringList { u"cohort"_s, u"x"_s, u"--name"_s, u"A"_s } << 2 << u"go with 'cohort share'"_s;
        QTest::newRow("stop with a folder")
            << QStringList { u"cohort"_s, u"share"_s, u"x"_s, u"--stop"_s } << 2 << u"takes no folder"_s;
        QTest::newRow("notes both ways") << QStringList { u"cohort"_s, u"share"_s, u"x"_s, u"--notes"_s,
            u"--no-notes"_s } << 2 << u"Choose one of --notes and --no-notes"_s;
        QTest::newRow("first share without folder")
            << QStringList { u"cohort"_s, u"share"_s } << 2 << u"Name the cohort folder the first time"_s;
        QTest::newRow("bad time") << QStringList { u"cohort"_s, u"x"_s, u"--now"_s, u"soon"_s } << 2
                                  << u"soon"_s;
        QTest::newRow("missing folder") << QStringList { u"cohort"_s, u"/nonexistent/cohort"_s } << 1
                                        << u"/nonexistent/cohort is not a folder"_s;
    }

    void misuse()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const ProcessRun r = cli(u"carol"_s, args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
    }

    void stoppingSharingRemovesOnlyOwnSummary()
    {
        const ProcessRun r = cli(u"bob"_s, { u"cohort"_s, u"share"_s, u"--stop"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QVERIFY2(r.outText().contains(u"Stopped sharing: removed "_s), qPrintable(r.outText()));
        const QJsonObject view = runCli({ u"cohort"_s, cohort(), u"--json"_s }).json();
        QCOMPARE(view.value(u"learners"_s).toArray().size(), 1);
        QCOMPARE(view.value(u"learners"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"Ada"_s);
        QVERIFY(cli(u"bob"_s, { u"cohort"_s, u"share"_s, u"--stop"_s })
                .outText()
                .contains(u"nothing to remove"_s));
    }

    // A desktop and a laptop that sync with each other share as one learner: one row, the
    // laptop's (the later summary), naming both devices.
    void devicesThatSyncAreOneLearner()
    {
        const QString syncFolder = m_dir.filePath(u"Sync"_s);
        const QString folder = m_dir.filePath(u"OneLearner"_s);
        QCOMPARE(cli(u"desk"_s, { u"progress"_s, u"set"_s, kMethods, u"in-progress"_s }).exitCode, 0);
        for (const QString &device : { u"desk"_s, u"laptop"_s, u"desk"_s }) {
            const ProcessRun r = cli(device, { u"sync"_s, u"--folder"_s, syncFolder });
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        }
        QStringList devices;
        for (const QString &device : { u"desk"_s, u"laptop"_s }) {
            devices.append(
                cli(device, { u"sync"_s, u"status"_s, u"--json"_s }).json().value(u"device"_s).toString());
            const ProcessRun r = cli(device, { u"cohort"_s, u"share"_s, folder, u"--name"_s, device });
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        }
        devices.sort();
        const QJsonArray learners
            = runCli({ u"cohort"_s, folder, u"--json"_s }).json().value(u"learners"_s).toArray();
        QCOMPARE(learners.size(), 1);
        const QJsonObject one = learners.at(0).toObject();
        QCOMPARE(one.value(u"name"_s).toString(), u"laptop"_s);
        QCOMPARE(one.value(u"devices"_s).toArray(), QJsonArray::fromStringList(devices));
        QCOMPARE(one.value(u"sections"_s).toArray().at(0).toObject().value(u"inProgress"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCohortCli)
#include "TestCohortCli.moc"
