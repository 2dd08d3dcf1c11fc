// A change acknowledged as saved survives the process being killed with SIGKILL right after.
#include "progress/progressstore.h"
#include "util/sqliteutil.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <signal.h>
#include <sys/types.h>

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
        child.setArguments({ dir.path(), u"200"_s });
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
    // 50 kills at random moments of a writer that records states and notes as fast as it can.
    void fiftyRandomKills()
    {
        QTemporaryDir dir;
        QHash<QString, int> states;
        QSet<QString> notes;
        auto *random = QRandomGenerator::global();
        int killedWithWorkInFlight = 0;
        for (int run = 0; run < 50; ++run) {
            QProcess child;
            child.setProgram(QStringLiteral(STUDYBENCH_PROGRESSWRITER_PATH));
            child.setArguments({ dir.path(), u"loop"_s, QString::number(run) });
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start();
            QVERIFY(child.waitForStarted());
            QVERIFY2(child.waitForReadyRead(20000), "the writer acknowledged nothing");
            QThread::usleep(random->bounded(0, 40000));
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            // Only whole lines count: the kill may cut the last one short.
            if (!lines.last().isEmpty())
                ++killedWithWorkInFlight;
            lines.removeLast();
            for (const QByteArray &line : lines) {
                const QList<QByteArray> parts = line.split(' ');
                if (parts.size() == 3 && parts.at(0) == "state")
                    states.insert(QString::fromUtf8(parts.at(1)), parts.at(2).toInt());
                else if (parts.size() == 2 && parts.at(0) == "note")
                    notes.insert(QString::fromUtf8(parts.at(1)));
                else
                    QFAIL(line.constData());
            }
            {
                SqliteConnection check(dir.filePath(u"progress.sqlite"_s), SqliteConnection::ReadOnly);
                QVERIFY(check.isOpen());
                const QString problem = check.quickCheck();
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
            ProgressStore store;
            QVERIFY2(store.open(dir.filePath(u"progress.sqlite"_s)), qPrintable(store.errorString()));
            const ItemRecords items = store.items();
            for (auto it = states.cbegin(); it != states.cend(); ++it) {
                QVERIFY2(items.contains(it.key()), qPrintable(u"run %1 lost %2"_s.arg(run).arg(it.key())));
                QCOMPARE(int(items.value(it.key()).state), it.value());
            }
            const QHash<QString, QString> stored = store.notes();
            for (const QString &id : std::as_const(notes))
                QVERIFY2(stored.contains(id), qPrintable(u"run %1 lost the note %2"_s.arg(run).arg(id)));
        }
        QVERIFY(states.size() + notes.size() >= 50);
        qInfo("%lld states and %lld notes acknowledged over 50 kills; %d output lines cut by a kill",
            qlonglong(states.size()), qlonglong(notes.size()), killedWithWorkInFlight);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
