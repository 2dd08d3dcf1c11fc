// studybench-cli as a user runs it: a real process, real files.
#include "progress/progressstore.h"
#include "support/cliprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {
QJsonObject json(const ProcessRun &r)
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
        const ProcessRun r = runCli({ u"curriculum"_s, u"--json"_s });
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
        const ProcessRun r = runCli({ u"curriculum"_s,
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
        const ProcessRun r = runCli({ u"curriculum"_s, bad });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith((bad + u":3: "_s).toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void setAndSummarise()
    {
        QTemporaryDir dir;
        const QStringList dd { u"--data-dir"_s, dir.path() };
        ProcessRun r = runCli(QStringList { u"progress"_s, u"set"_s, kItem, u"done"_s } + dd);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), (kItem + u": done"_s).toUtf8());
        r = runCli(
            QStringList { u"progress"_s, u"set"_s,
                u"databases/essential-skills-checklist/design-efficient-database-schemas-with-proper-indexing"_s,
                u"skipped"_s }
            + dd);
        QCOMPARE(r.exitCode, 0);

        r = runCli(QStringList { u"progress"_s, u"--json"_s } + dd);
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

        r = runCli(QStringList { u"progress"_s } + dd);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Overall: 1 done of 360 (0 in progress, 1 skipped), 0.3%"));

        r = runCli(QStringList { u"progress"_s, u"history"_s, kItem } + dd);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("not-started -> done") || r.out.contains("- -> done"));
    }

    void environmentVariableChoosesTheDataDir()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"STUDYBENCH_DATA_DIR"_s, dir.path());
        QCOMPARE(
            runCli({ u"progress"_s, u"set"_s, kItem, u"in-progress"_s }, cliEnvironment(env)).exitCode, 0);
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
        const ProcessRun r = runCli(args + QStringList { u"--data-dir"_s, dir.path() });
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    // Global options go before or after the command, as in git and cargo.
    void globalOptionsOnEitherSide_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::newRow("after") << QStringList {} << QStringList { u"--json"_s, u"--data-dir"_s, u"DIR"_s };
        QTest::newRow("before") << QStringList { u"--json"_s, u"--data-dir"_s, u"DIR"_s } << QStringList {};
        QTest::newRow("split") << QStringList { u"--data-dir=DIR"_s } << QStringList { u"--json"_s };
        QTest::newRow("split the other way")
            << QStringList { u"--json"_s } << QStringList { u"--data-dir"_s, u"DIR"_s };
    }

    void globalOptionsOnEitherSide()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QTemporaryDir dir;
        before.replaceInStrings(u"DIR"_s, dir.path());
        after.replaceInStrings(u"DIR"_s, dir.path());
        ProcessRun r = runCli(before + QStringList { u"progress"_s, u"set"_s, kItem, u"done"_s } + after);
        QCOMPARE(r.exitCode, 0);
        r = runCli(before + QStringList { u"progress"_s } + after);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject root = json(r); // --json took effect
        QCOMPARE(
            root.value(u"database"_s).toString(), dir.filePath(u"progress.sqlite"_s)); // so did --data-dir
        QCOMPARE(root.value(u"overall"_s).toObject().value(u"done"_s).toInt(), 1);
    }

    void curriculumOptionBeforeOrAfter()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"mine.md"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Mine\n## Only section\n### Topic\n- **Idea**: text\n");
        f.close();
        for (const QStringList &args :
            { QStringList { u"--curriculum"_s, file, u"curriculum"_s, u"--json"_s },
                QStringList { u"curriculum"_s, u"--curriculum"_s, file, u"--json"_s },
                QStringList { u"--json"_s, u"curriculum"_s, u"--curriculum="_s + file } }) {
            const ProcessRun r = runCli(args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(json(r).value(u"title"_s).toString(), u"Mine"_s);
        }
    }

    // The same options after the command win over those before it, as a repeated option does.
    void optionAfterTheCommandWins()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        const ProcessRun r = runCli(
            { u"--data-dir"_s, first.path(), u"progress"_s, u"--json"_s, u"--data-dir"_s, second.path() });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(json(r).value(u"database"_s).toString(), second.filePath(u"progress.sqlite"_s));
    }

    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("ownOption");
        QTest::newRow("curriculum") << u"curriculum"_s << u"[FILE]"_s;
        QTest::newRow("progress") << u"progress"_s << u"set ID STATE"_s;
        QTest::newRow("backup") << u"backup"_s << u"restore FILE"_s;
        QTest::newRow("http") << u"http"_s << u"--env <NAME>"_s;
        QTest::newRow("serve") << u"serve"_s << u"--port <PORT>"_s;
    }

    void everyCommandHasHelp()
    {
        QFETCH(QString, command);
        QFETCH(QString, ownOption);
        QTemporaryDir dir;
        for (const QStringList &args :
            { QStringList { command, u"--help"_s }, QStringList { u"--help"_s, command } }) {
            const ProcessRun r = runCli(args + QStringList { u"--data-dir"_s, dir.path() });
            if (args.first() == u"--help"_s) {
                // studybench-cli --help COMMAND: the overview, which names every command.
                QCOMPARE(r.exitCode, 0);
                QVERIFY(r.out.contains(command.toUtf8()));
                continue;
            }
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QString help = QString::fromUtf8(r.out);
            QVERIFY2(help.contains(u"studybench-cli "_s + command + u" [options]"_s), qPrintable(help));
            QVERIFY2(help.contains(ownOption), qPrintable(help));
            for (const QString &global : { u"--data-dir <DIR>"_s, u"--json"_s, u"--curriculum <FILE>"_s })
                QVERIFY2(help.contains(global), qPrintable(help));
        }
    }

    void unknownOptionsNameTheirCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("--env is http's") << QStringList { u"progress"_s, u"--env"_s,
            u"local"_s } << u"Unknown option '--env': 'studybench-cli progress' has no such option."_s;
        QTest::newRow("--port is serve's") << QStringList { u"curriculum"_s, u"--port"_s,
            u"1"_s } << u"Unknown option '--port': 'studybench-cli curriculum' has no such option."_s;
        QTest::newRow("short") << QStringList { u"backup"_s, u"list"_s, u"-x"_s }
                               << u"Unknown option '-x': 'studybench-cli backup' has no such option."_s;
        QTest::newRow("http") << QStringList { u"http"_s, u"x.http"_s, u"--port"_s, u"1"_s }
                              << u"Unknown option '--port': 'studybench-cli http' has no such option."_s;
        QTest::newRow("before the command") << QStringList { u"--env"_s, u"local"_s, u"http"_s, u"x.http"_s }
                                            << u"Unknown option '--env' before the command"_s;
        QTest::newRow("missing value")
            << QStringList { u"progress"_s, u"--data-dir"_s } << u"Missing value after '--data-dir'."_s;
    }

    void unknownOptionsNameTheirCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
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
        const ProcessRun r = runCli({ u"progress"_s, u"--json"_s, u"--data-dir"_s, dir.path() });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray orphans = json(r).value(u"orphaned"_s).toArray();
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.first().toObject().value(u"title"_s).toString(), u"Old item"_s);
        const ProcessRun text = runCli({ u"progress"_s, u"--data-dir"_s, dir.path() });
        QVERIFY(text.out.contains("Orphaned progress"));
        QVERIFY(text.out.contains("apis/removed-topic/old-item"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
