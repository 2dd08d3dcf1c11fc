// A change acknowledged as saved survives the process being killed with SIGKILL right after.
#include "progressstore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <signal.h>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedRightAfterAcknowledging_data()
    {
        QTest::addColumn<int>("killAfter");
        QTest::newRow("first ack") << 1;
        QTest::newRow("after 7") << 7;
        QTest::newRow("after 40") << 40;
        QTest::newRow("random") << int(QRandomGenerator::global()->bounded(2, 150));
    }

    void killedRightAfterAcknowledging()
    {
        QFETCH(int, killAfter);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"progress.sqlite"_s);
        QProcess child;
        child.setProgram(QStringLiteral(STUDYBENCH_PROGRESSWRITER_PATH));
        child.setArguments({dir.path(), u"200"_s});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY(child.waitForStarted());

        QHash<QString, int> acknowledged;
        QByteArray buffer;
        while (acknowledged.size() < killAfter) {
            if (!child.waitForReadyRead(20000))
                QFAIL("the writer stopped acknowledging");
            buffer += child.readAllStandardOutput();
            qsizetype nl;
            while ((nl = buffer.indexOf('\n')) >= 0 && acknowledged.size() < killAfter) {
                const QList<QByteArray> parts = buffer.left(nl).split(' ');
                buffer.remove(0, nl + 1);
                QCOMPARE(parts.size(), 3);
                QCOMPARE(parts.at(0), QByteArray("ack"));
                acknowledged.insert(QString::fromUtf8(parts.at(1)), parts.at(2).toInt());
            }
        }
        // The moment the acknowledgement is read: no chance to flush or clean up.
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        ProgressStore store;
        QVERIFY2(store.open(db), qPrintable(store.errorString()));
        const ItemRecords items = store.items();
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            QVERIFY2(items.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(int(items.value(it.key()).state), it.value());
            QCOMPARE(store.history(it.key()).size(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
