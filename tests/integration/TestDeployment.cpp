// Installs for one learner and for a bootcamp (issue #10): curricula installed for everyone, each
// with its own progress; administrator defaults and locks; --help and --version with no display.
#include "curriculum/curriculumparser.h"
#include "support/cliprocess.h"
#include "util/datalocation.h"
#include "util/preferences.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAdminConf = "[General]\n"
                              "Locked=HttpClient/LoopbackOnly, HttpClient/AllowInsecureTls\n"
                              "[Curriculum]\n"
                              "Default=@CURRICULUM@\n"
                              "[PracticeServer]\n"
                              "Port=@PORT@\n"
                              "[HttpClient]\n"
                              "AllowInsecureTls=false\n"
                              "LoopbackOnly=true\n";
const QByteArray kUserConf = "[HttpClient]\nLoopbackOnly=false\nAllowInsecureTls=true\n";

const QByteArray kBootcamp = "# Bootcamp Week One\n\n## Foundations\n\n#### HTTP\n\n"
                             "- [ ] Send a GET request\n- [ ] Read a status code\n";
const QString kBootcampItem = u"foundations/http/send-a-get-request"_s;
const QString kBuiltinItem = u"databases/sql-mastery/transaction-management/isolation-levels"_s;

} // namespace

class TestDeployment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_adminCurriculum; ///< installed for everyone, the administrator's default
    quint16 m_adminPort = 0;

    QString path(const QString &relative) const { return m_root.filePath(relative); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment e = cliEnvironment();
        e.remove(u"STUDYBENCH_DATA_DIR"_s);
        e.insert(u"HOME"_s, path(u"home"_s));
        e.insert(u"XDG_CONFIG_HOME"_s, path(u"home/.config"_s));
        e.insert(u"XDG_DATA_HOME"_s, path(u"home/.local/share"_s));
        e.insert(u"XDG_CONFIG_DIRS"_s, path(u"etc/xdg"_s));
        e.insert(u"XDG_DATA_DIRS"_s, path(u"usr/local/share"_s) + u':' + path(u"usr/share"_s));
        return e;
    }

    ProcessRun run(const QString &program, const QStringList &args) const
    {
        return runProcess(program, args, environment());
    }
    ProcessRun cli(const QStringList &args) const { return run(cliPath(), args); }

    int doneIn(const QStringList &globalArgs)
    {
        const ProcessRun r = cli(globalArgs + QStringList { u"progress"_s, u"--json"_s });
        if (r.exitCode != 0)
            qFatal("progress failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object()[u"overall"_s][u"done"_s].toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        // This process reads its settings where the processes it starts do.
        const QProcessEnvironment e = environment();
        for (const QString &name : e.keys()) {
            if (name.startsWith(u"XDG_"_s) || name == u"HOME"_s)
                qputenv(name.toLatin1().constData(), e.value(name).toLocal8Bit());
        }
        m_adminPort = freeLoopbackPort();
        m_adminCurriculum = path(u"usr/share/studybench/curricula/bootcamp-week1.md"_s);
        writeTestFile(m_adminCurriculum, kBootcamp);
        // The same name lower in $XDG_DATA_DIRS is hidden by this one; the built-in one as a
        // package installs it is offered once, as the built-in curriculum.
        writeTestFile(path(u"usr/local/share/studybench/curricula/bootcamp-week1.md"_s), kBootcamp);
        writeTestFile(path(u"usr/local/share/studybench/curricula/backend-mastery.md"_s), "# Copy\n");
        writeTestFile(
            path(u"usr/share/studybench/curricula/advanced.md"_s), "# Advanced\n\n## A\n\n- [ ] B\n");
        writeTestFile(path(u"usr/share/studybench/curricula/notes.txt"_s), "not a curriculum");
        QByteArray admin = kAdminConf;
        admin.replace("@CURRICULUM@", m_adminCurriculum.toUtf8())
            .replace("@PORT@", QByteArray::number(m_adminPort));
        writeTestFile(path(u"etc/xdg/StudyBench/StudyBench.conf"_s), admin);
        writeTestFile(path(u"home/.config/StudyBench/StudyBench.conf"_s), kUserConf);
    }

    void administratorDefaultsAndLocks()
    {
        Preferences prefs;
        QCOMPARE(prefs.defaultCurriculum(), m_adminCurriculum);
        QCOMPARE(prefs.practiceServerPort(), std::optional<quint16>(m_adminPort));
        // The learner set both to the opposite; the administrator locked them.
        QVERIFY(prefs.isLocked(Preferences::kLoopbackOnly));
        QVERIFY(prefs.loopbackOnly());
        QVERIFY(!prefs.allowInsecureTls());
        QVERIFY(!prefs.setValue(Preferences::kLoopbackOnly, false));
        QVERIFY(prefs.loopbackOnly());
        // What is not locked is the learner's to change.
        QVERIFY(!prefs.isLocked(Preferences::kPracticeServerPort));
        QVERIFY(prefs.setValue(Preferences::kPracticeServerPort, 9100));
        QCOMPARE(prefs.practiceServerPort(), std::optional<quint16>(9100));
        QCOMPARE(QFileInfo(prefs.userFile()).canonicalFilePath(),
            QFileInfo(path(u"home/.config/StudyBench/StudyBench.conf"_s)).canonicalFilePath());
        QVERIFY(prefs.setValue(Preferences::kPracticeServerPort, QVariant())); // back to the administrator's
        QVERIFY(prefs.setValue(Preferences::kPracticeServerPort, m_adminPort));
    }

    void installedCurriculaAreListedOncePerName()
    {
        const QStringList found = installedCurricula();
        QCOMPARE(found.size(), 3);
        QCOMPARE(QFileInfo(found.at(0)).fileName(), u"advanced.md"_s);
        QCOMPARE(QFileInfo(found.at(1)).fileName(), u"backend-mastery.md"_s);
        // $XDG_DATA_DIRS order: usr/local/share comes first.
        QCOMPARE(found.at(2), path(u"usr/local/share/studybench/curricula/bootcamp-week1.md"_s));
    }

    void profileDirectories_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("profile");
        QTest::newRow("built in") << QString() << QString();
        QTest::newRow("the built-in resource") << CurriculumParser::builtinPath() << QString();
        QTest::newRow("installed copy of the built-in one")
            << u"/usr/share/studybench/curricula/backend-mastery.md"_s << QString();
        QTest::newRow("installed") << u"/usr/share/studybench/curricula/bootcamp-week1.md"_s
                                   << u"curricula/bootcamp-week1"_s;
        QTest::newRow("the learner's") << u"/home/ann/notes/my.plan.md"_s << u"curricula/my.plan"_s;
    }
    void profileDirectories()
    {
        QFETCH(QString, file);
        QFETCH(QString, profile);
        const QString data = u"/data"_s;
        QCOMPARE(profileDirectory(data, file), profile.isEmpty() ? data : data + u'/' + profile);
    }

    void chosenCurriculumFollowsTheOrder()
    {
        const QString data = path(u"choice"_s);
        QCOMPARE(chosenCurriculum(data), m_adminCurriculum); // nothing chosen: the administrator's
        QCOMPARE(chosenCurriculum(data, u"mine.md"_s), QDir::current().absoluteFilePath(u"mine.md"_s));
        writeTestFile(data + u"/ui.ini"_s, "[General]\ncurriculum=\n"); // the learner chose the built-in one
        QCOMPARE(chosenCurriculum(data), QString());
    }

    void eachCurriculumKeepsItsOwnProgress()
    {
        const QString data = path(u"learner"_s);
        const QStringList builtin { u"--data-dir"_s, data, u"--curriculum"_s,
            CurriculumParser::builtinPath() };
        const QStringList bootcamp { u"--data-dir"_s, data }; // the administrator's default
        ProcessRun r = cli(bootcamp + QStringList { u"progress"_s, u"set"_s, kBootcampItem, u"done"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(data + u"/curricula/bootcamp-week1/progress.sqlite"_s));
        QCOMPARE(doneIn(bootcamp), 1);
        QCOMPARE(doneIn(builtin), 0);
        r = cli(builtin + QStringList { u"progress"_s, u"set"_s, kBuiltinItem, u"done"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(data + u"/progress.sqlite"_s));
        QCOMPARE(doneIn(builtin), 1);
        QCOMPARE(doneIn(bootcamp), 1);
    }

    void loopbackOnlyClassroom()
    {
        const QString file = path(u"home/api/outside.http"_s);
        writeTestFile(file, "GET https://example.com/\n\n###\nGET http://127.0.0.1:9/x\n");
        ProcessRun r = cli({ u"http"_s, file, u"--data-dir"_s, path(u"http"_s) });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.outText().contains(u"HttpClient/LoopbackOnly"_s)
                || r.errText().contains(u"HttpClient/LoopbackOnly"_s),
            QByteArray(r.out + r.err).constData());
        // Looking at what would be sent is still allowed.
        r = cli({ u"http"_s, file, u"--data-dir"_s, path(u"http"_s), u"--dry-run"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.outText().contains(u"https://example.com/"_s));
    }

    void serveUsesTheAdministratorsPort()
    {
        QProcess serve;
        serve.setProcessEnvironment(environment());
        serve.start(QStringLiteral(STUDYBENCH_CLI_PATH), { u"--data-dir"_s, path(u"serve"_s), u"serve"_s });
        QVERIFY(serve.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(serve.canReadLine() || serve.state() != QProcess::Running, 20000);
        const QString line = QString::fromUtf8(serve.readLine());
        serve.terminate();
        QVERIFY(serve.waitForFinished(10000));
        QVERIFY2(line.contains(u"127.0.0.1:%1"_s.arg(m_adminPort)), qPrintable(line));
    }

    void helpAndVersionNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        for (const QString &program :
            { QStringLiteral(STUDYBENCH_GUI_PATH), QStringLiteral(STUDYBENCH_CLI_PATH) }) {
            const QString name = QFileInfo(program).fileName();
            QTest::addRow("%s --help", qPrintable(name)) << program << u"--help"_s << u"--data-dir"_s;
            QTest::addRow("%s -h", qPrintable(name)) << program << u"-h"_s << u"--data-dir"_s;
            QTest::addRow("%s --version", qPrintable(name))
                << program << u"--version"_s << u"studybench " STUDYBENCH_VERSION ""_s;
        }
    }
    void helpAndVersionNeedNoDisplay()
    {
        QFETCH(QString, program);
        QFETCH(QString, option);
        QFETCH(QString, expected);
        const ProcessRun r = run(program, { option });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.outText().contains(expected), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestDeployment)
#include "TestDeployment.moc"
