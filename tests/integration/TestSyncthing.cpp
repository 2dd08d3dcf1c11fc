// Sync through the real engine: two Syncthing instances on loopback (Debian's syncthing), each
// replicating one folder, and two StudyBench data directories each syncing through its instance's
// copy of it. No discovery, relays or announcements: the instances know each other's device ID and
// static tcp://127.0.0.1:PORT address from the config.xml this test writes.
#include "progress/progressstore.h"
#include "support/cliprocess.h"
#include "util/datalocation.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QString kItem = u"databases/sql-mastery/transaction-management/isolation-levels"_s;
constexpr int kConvergeTimeoutMs = 180000;

struct Instance
{
    QString name;
    QString home;
    QString folder; ///< the folder Syncthing replicates, StudyBench's sync folder
    QString dataDir;
    QString deviceId;
    quint16 port = 0;
    quint16 guiPort = 0;
    std::unique_ptr<QProcess> process;
};

} // namespace

class TestSyncthing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_syncthing;
    Instance m_a;
    Instance m_b;

    QProcessEnvironment environment(const Instance &i) const
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"HOME"_s, i.home);
        env.insert(u"STNOUPGRADE"_s, u"1"_s);
        env.insert(u"STNORESTART"_s, u"1"_s);
        return env;
    }

    bool generate(Instance &i)
    {
        i.home = m_dir.filePath(i.name + u"/syncthing"_s);
        i.folder = m_dir.filePath(i.name + u"/Sync"_s);
        i.dataDir = m_dir.filePath(i.name + u"/data"_s);
        QDir().mkpath(i.folder + u"/.stfolder"_s); // Syncthing's marker: the folder is there on purpose
        i.port = freeLoopbackPort();
        i.guiPort = freeLoopbackPort();
        const ProcessRun gen = runProcess(m_syncthing,
            { u"generate"_s, u"--home="_s + i.home, u"--no-default-folder"_s, u"--skip-port-probing"_s },
            environment(i));
        const ProcessRun id = runProcess(
            m_syncthing, { u"serve"_s, u"--home="_s + i.home, u"--device-id"_s }, environment(i));
        i.deviceId = id.outText().trimmed();
        if (gen.exitCode != 0 || id.exitCode != 0 || i.deviceId.size() < 50)
            qWarning().noquote() << "syncthing generate said:" << gen.errText() << gen.outText()
                                 << id.errText();
        return gen.exitCode == 0 && id.exitCode == 0 && i.deviceId.size() >= 50;
    }

    static QString device(const Instance &i)
    {
        return uR"(  <device id="%1" name="%2" compression="metadata" introducer="false">
    <address>tcp://127.0.0.1:%3</address>
    <paused>false</paused>
    <autoAcceptFolders>false</autoAcceptFolders>
  </device>
)"_s.arg(i.deviceId, i.name)
            .arg(i.port);
    }

    // The whole config.xml of @p i, sharing one folder with @p other, in the generated file's version.
    bool configure(const Instance &i, const Instance &other)
    {
        QFile generated(i.home + u"/config.xml"_s);
        if (!generated.open(QIODevice::ReadOnly))
            return false;
        const auto version = QRegularExpression(uR"re(<configuration version="(\d+)")re"_s)
                                 .match(QString::fromUtf8(generated.readAll()));
        generated.close();
        const QString xml = uR"(<configuration version="%1">
  <folder id="studybench" label="StudyBench" path="%2" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
    <device id="%3"></device>
    <device id="%4"></device>
    <minDiskFree unit="%">0</minDiskFree>
  </folder>
%5%6  <gui enabled="true" tls="false">
    <address>127.0.0.1:%7</address>
    <apikey>studybench-test-%8</apikey>
  </gui>
  <options>
    <listenAddress>tcp://127.0.0.1:%9</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <urAccepted>-1</urAccepted>
    <crashReportingEnabled>false</crashReportingEnabled>
    <minHomeDiskFree unit="%">0</minHomeDiskFree>
  </options>
</configuration>
)"_s.arg(version.captured(1), i.folder, i.deviceId, other.deviceId, device(i), device(other))
                                .arg(i.guiPort)
                                .arg(i.name)
                                .arg(i.port);
        writeTestFile(i.home + u"/config.xml"_s, xml.toUtf8());
        return true;
    }

    void start(Instance &i)
    {
        i.process = std::make_unique<QProcess>();
        i.process->setProcessEnvironment(environment(i));
        i.process->setProcessChannelMode(QProcess::MergedChannels);
        i.process->setStandardOutputFile(i.home + u"/serve.log"_s, QIODevice::Append);
        i.process->start(
            m_syncthing, { u"serve"_s, u"--home="_s + i.home, u"--no-browser"_s, u"--no-restart"_s });
        QVERIFY2(i.process->waitForStarted(10000), qPrintable(i.process->errorString()));
        QVERIFY2(waitForListening(i.guiPort, 30000),
            qPrintable(u"syncthing "_s + i.name + u" did not start: see "_s + i.home + u"/serve.log"_s));
    }

    static void stop(Instance &i)
    {
        if (!i.process || i.process->state() == QProcess::NotRunning)
            return;
        i.process->terminate();
        if (!i.process->waitForFinished(15000)) {
            i.process->kill();
            i.process->waitForFinished(5000);
        }
    }

    ProcessRun cli(const Instance &i, QStringList args)
    {
        args << u"--data-dir"_s << i.dataDir;
        return runCli(args);
    }

    static QString note(const Instance &i)
    {
        ProgressStore store;
        return store.open(progressDatabasePath(i.dataDir)) ? store.note(kItem) : QString();
    }

    static void setNote(const Instance &i, const QString &text)
    {
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(i.dataDir)));
        QVERIFY(store.setNote(kItem, text));
    }

    // Runs `sync` on both devices until @p done() holds; the milliseconds it took, or -1.
    template<typename Done>
    qint64 syncUntil(Done done)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kConvergeTimeoutMs) {
            for (const Instance *i : { &m_a, &m_b }) {
                const ProcessRun r = cli(*i, { u"sync"_s });
                if (r.exitCode != 0)
                    qWarning().noquote() << i->name << r.errText();
            }
            if (done())
                return timer.elapsed();
            QThread::msleep(500);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_syncthing = QStandardPaths::findExecutable(u"syncthing"_s);
        if (m_syncthing.isEmpty())
            QSKIP("The syncthing binary is not installed (Debian package syncthing): the test of syncing "
                  "through two real Syncthing instances did NOT run.");
        QVERIFY(m_dir.isValid());
        m_a.name = u"a"_s;
        m_b.name = u"b"_s;
        QVERIFY(generate(m_a));
        QVERIFY(generate(m_b));
        QVERIFY(configure(m_a, m_b));
        QVERIFY(configure(m_b, m_a));
        start(m_a);
        start(m_b);
        QCOMPARE(cli(m_a, { u"sync"_s, u"--folder"_s, m_a.folder }).exitCode, 0);
        QCOMPARE(cli(m_b, { u"sync"_s, u"--folder"_s, m_b.folder }).exitCode, 0);
    }

    void cleanupTestCase()
    {
        stop(m_a);
        stop(m_b);
    }

    void aStateReachesTheOtherDevice()
    {
        QCOMPARE(cli(m_a, { u"progress"_s, u"set"_s, kItem, u"done"_s }).exitCode, 0);
        const qint64 ms = syncUntil([this] {
            return cli(m_b, { u"progress"_s, u"history"_s, kItem }).outText().contains(u"done"_s);
        });
        QVERIFY2(ms >= 0, "the state set on A did not reach B through Syncthing");
        qInfo("A state set on A reached B's database through Syncthing in %.1f s", ms / 1000.0);
    }

    // A note edited on both while B's Syncthing is stopped keeps both texts once it runs again.
    void notesEditedWhileApartKeepBothTexts()
    {
        stop(m_b);
        setNote(m_a, u"Typed on A: READ COMMITTED allows non-repeatable reads."_s);
        setNote(m_b, u"Typed on B: SERIALIZABLE may abort; retry."_s);
        QCOMPARE(cli(m_a, { u"sync"_s }).exitCode, 0);
        QCOMPARE(cli(m_b, { u"sync"_s }).exitCode, 0);
        start(m_b);
        const auto both = [](const QString &text) {
            return text.contains(u"Typed on A"_s) && text.contains(u"Typed on B"_s);
        };
        const qint64 ms = syncUntil([&] { return both(note(m_a)) && both(note(m_b)); });
        QVERIFY2(ms >= 0,
            qPrintable(u"notes did not converge: A has «"_s + note(m_a) + u"», B «"_s + note(m_b) + u"»"_s));
        QCOMPARE(note(m_a), note(m_b));
        qInfo("Notes edited on both while B was offline converged %.1f s after B's Syncthing restarted",
            ms / 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestSyncthing)
#include "TestSyncthing.moc"
