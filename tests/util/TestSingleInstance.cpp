#include "util/singleinstance.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondInstanceReachesTheFirst()
    {
        QTemporaryDir dir;
        SingleInstance first(dir.path());
        QVERIFY(first.claim());
        QSignalSpy received(&first, &SingleInstance::messageReceived);

        SingleInstance second(dir.path());
        QVERIFY(!second.claim());
        QCOMPARE(second.mailbox(), first.mailbox());
        bool delivered = false;
        // The first answers from the event loop, so ask from another thread.
        auto *thread = QThread::create([&] { delivered = second.notifyRunning("activate"); });
        thread->start();
        QTRY_VERIFY(thread->isFinished());
        delete thread;
        QVERIFY(delivered);
        QCOMPARE(received.size(), 1);
        QCOMPARE(received.first().first().toByteArray(), QByteArray("activate"));
    }

    void otherDataDirectoriesAreIndependent()
    {
        QTemporaryDir a, b;
        SingleInstance first(a.path());
        SingleInstance other(b.path());
        QVERIFY(first.claim());
        QVERIFY(other.claim());
        QVERIFY(first.mailbox() != other.mailbox());
    }

    void releasedLockCanBeClaimed()
    {
        QTemporaryDir dir;
        {
            SingleInstance first(dir.path());
            QVERIFY(first.claim());
        }
        SingleInstance next(dir.path());
        QVERIFY(next.claim());
    }

    void realProcesses()
    {
        QTemporaryDir dir;
        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedChannels);
        first.start(QStringLiteral(STUDYBENCH_GUI_PATH), { u"--data-dir"_s, dir.path() });
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dir.filePath(u"studybench.lock"_s)), 15000);
        QTest::qWait(300);

        QProcess second;
        second.start(QStringLiteral(STUDYBENCH_GUI_PATH), { u"--data-dir"_s, dir.path() });
        QVERIFY(second.waitForFinished(15000));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(
            second.readAllStandardError().contains("already running"), "no message from the second instance");
        QCOMPARE(first.state(), QProcess::Running);

        first.terminate();
        QVERIFY(first.waitForFinished(15000));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
