// studybench-cli as a user runs it: a real process, real files.
#include "progressstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    QProcessEnvironment e = env;
    // The CLI must work with no display at all.
    e.remove(u"DISPLAY"_s);
    e.remove(u"WAYLAND_DISPLAY"_s);
    e.remove(u"QT_QPA_PLATFORM"_s);
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(STUDYBENCH_CLI_PATH), args);
    if (!p.waitForFinished(30000))
        qFatal("studybench-cli did not finish");
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

QJsonObject json(const Run &r)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("not JSON: %s", qPrintable(e.errorString()));
    return doc.object();
}

const QString kItem = u"databases/sql-mastery/transaction-management/isolation-levels"_s;
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curriculumJson()
    {
        const Run r = cli({ u"curriculum"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = json(r);
        QCOMPARE(root.value(u"kind"_s).toString(), u"curriculum"_s);
        const QJsonObject counts = root.value(u"counts"_s).toObject();
        QCOMPARE(counts.value(u"section"_s).toInt(), 11);
        QCOMPARE(counts.value(u"concept"_s).toInt(), 245);
        QCOMPARE(counts.value(u"checklist-item"_s).toInt() + counts.value(u"milestone"_s).toInt(), 71);
        const QJsonObject first = root.value(u"children"_s).toArray().first().toObject();
        QCOMPARE(first.value(u"id"_s).toString(), u"backend-basics"_s);
        const QJsonObject firstConcept = first.value(u"children"_s)
                                             .toArray()
                                             .first()
                                             .toObject()
                                             .value(u"children"_s)
                                             .toArray()
                                             .first()
                                             .toObject()
                                             .value(u"children"_s)
                                             .toArray()
                                             .first()
                                             .toObject();
        QCOMPARE(firstConcept.value(u"kind"_s).toString(), u"concept"_s);
        QCOMPARE(firstConcept.value(u"title"_s).toString(), u"Request/Response Cycle"_s);
        QCOMPARE(firstConcept.value(u"text"_s).toString(), u"Understanding client-server communication"_s);
    }

    void curriculumFromTheMisencodedSeed()
    {
        const Run r = cli({ u"curriculum"_s,
            QStringLiteral(STUDYBENCH_TESTDATA_DIR "/backend-mastery-curriculum.seed.txt") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("[section] 1. \xF0\x9F\x8F\x97\xEF\xB8\x8F Backend Basics"));
        QVERIFY(r.out.contains("Repaired 17 run"));
        QVERIFY(r.out.contains("concept:         245"));
    }

    void malformedCurriculum()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.md"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# T\n## S\n##### Too deep\n");
        f.close();
        const Run r = cli({ u"curriculum"_s, bad });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith((bad + u":3: "_s).toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void setAndSummarise()
    {
        QTemporaryDir dir;
        const QStringList dd { u"--data-dir"_s, dir.path() };
        Run r = cli(QStringList { u"progress"_s, u"set"_s, kItem, u"done"_s } + dd);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), (kItem + u": done"_s).toUtf8());
        r = cli(
            QStringList { u"progress"_s, u"set"_s,
                u"databases/essential-skills-checklist/design-efficient-database-schemas-with-proper-indexing"_s,
                u"skipped"_s }
            + dd);
        QCOMPARE(r.exitCode, 0);

        r = cli(QStringList { u"progress"_s, u"--json"_s } + dd);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = json(r);
        const QJsonObject overall = root.value(u"overall"_s).toObject();
        QCOMPARE(overall.value(u"done"_s).toInt(), 1);
        QCOMPARE(overall.value(u"skipped"_s).toInt(), 1);
        QCOMPARE(overall.value(u"total"_s).toInt(), 360);
        const QJsonArray sections = root.value(u"sections"_s).toArray();
        QCOMPARE(sections.size(), 11);
        const QJsonObject databases = sections.at(2).toObject();
        QCOMPARE(databases.value(u"id"_s).toString(), u"databases"_s);
        QCOMPARE(databases.value(u"done"_s).toInt(), 1);
        QCOMPARE(databases.value(u"skipped"_s).toInt(), 1);
        QCOMPARE(databases.value(u"percent"_s).toDouble(), 2.5); // 1 of 41 - 1 skipped
        QCOMPARE(
            root.value(u"kinds"_s).toObject().value(u"concept"_s).toObject().value(u"done"_s).toInt(), 1);

        r = cli(QStringList { u"progress"_s } + dd);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Overall: 1 done of 360 (0 in progress, 1 skipped), 0.3%"));

        r = cli(QStringList { u"progress"_s, u"history"_s, kItem } + dd);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("not-started -> done") || r.out.contains("- -> done"));
    }

    void environmentVariableChoosesTheDataDir()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"STUDYBENCH_DATA_DIR"_s, dir.path());
        QCOMPARE(cli({ u"progress"_s, u"set"_s, kItem, u"in-progress"_s }, env).exitCode, 0);
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(u"progress.sqlite"_s)));
        QCOMPARE(store.items().value(kItem).state, ItemState::InProgress);
        QCOMPARE(store.history(kItem).first().source, u"cli"_s);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown id") << QStringList { u"progress"_s, u"set"_s, u"isolation-levels"_s,
            u"done"_s } << 1 << u"Did you mean"_s;
        QTest::newRow("heading") << QStringList { u"progress"_s, u"set"_s, u"databases"_s, u"done"_s } << 1
                                 << u"is a section"_s;
        QTest::newRow("bad state") << QStringList { u"progress"_s, u"set"_s, kItem, u"finished"_s } << 2
                                   << u"is not a state"_s;
        QTest::newRow("no command") << QStringList {} << 2 << u"No command"_s;
        QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << 2 << u"Unknown command"_s;
        QTest::newRow("unknown option") << QStringList { u"--frob"_s } << 2 << u"Unknown option"_s;
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Run r = cli(args + QStringList { u"--data-dir"_s, dir.path() });
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void orphansAreKeptAndReported()
    {
        QTemporaryDir dir;
        {
            ProgressStore store;
            QVERIFY(store.open(dir.filePath(u"progress.sqlite"_s)));
            QVERIFY(
                store.setState(u"apis/removed-topic/old-item"_s, ItemState::Done, u"Old item"_s, u"gui"_s));
        }
        const Run r = cli({ u"progress"_s, u"--json"_s, u"--data-dir"_s, dir.path() });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray orphans = json(r).value(u"orphaned"_s).toArray();
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.first().toObject().value(u"title"_s).toString(), u"Old item"_s);
        const Run text = cli({ u"progress"_s, u"--data-dir"_s, dir.path() });
        QVERIFY(text.out.contains("Orphaned progress"));
        QVERIFY(text.out.contains("apis/removed-topic/old-item"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
