// studybench-cli sync as a user runs it: two data directories (two devices) sharing one folder.
#include "support/cliprocess.h"
#include "support/sqliteprobe.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QString kItem = u"databases/sql-mastery/transaction-management/isolation-levels"_s;

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString dataDir(const QString &device) const { return m_dir.filePath(device); }
    QString folder() const { return m_dir.filePath(u"Sync"_s); }

    ProcessRun cli(const QString &device, QStringList args)
    {
        args << u"--data-dir"_s << dataDir(device);
        return runCli(args);
    }

    int state(const QString &device)
    {
        return sqliteValue(QDir(dataDir(device)).filePath(u"progress.sqlite"_s),
            u"SELECT state FROM item WHERE node_id = '"_s + kItem + u"'"_s)
            .toInt();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void withoutFolderSaysHowToSetOne()
    {
        const ProcessRun r = cli(u"lonely"_s, { u"sync"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains(u"sync --folder DIR"_s), qPrintable(r.errText()));
    }

    void aStateReachesTheOtherDevice()
    {
        QCOMPARE(cli(u"a"_s, { u"progress"_s, u"set"_s, kItem, u"done"_s }).exitCode, 0);
        const ProcessRun onA = cli(u"a"_s, { u"sync"_s, u"--folder"_s, folder() });
        QVERIFY2(onA.exitCode == 0, qPrintable(onA.errText()));
        QVERIFY2(onA.outText().contains(u"Changes written to "_s), qPrintable(onA.outText()));
        const QString idA
            = cli(u"a"_s, { u"sync"_s, u"status"_s, u"--json"_s }).json().value(u"device"_s).toString();
        QVERIFY(QFileInfo::exists(folder() + u"/devices/"_s + idA));
        QVERIFY2(onA.outText().contains(idA + u": 2"_s), qPrintable(onA.outText())); // the item, its change

        const ProcessRun onB = cli(u"b"_s, { u"sync"_s, u"--folder"_s, folder() });
        QVERIFY2(onB.exitCode == 0, qPrintable(onB.errText()));
        QVERIFY2(onB.outText().contains(u"Changes merged from device "_s + idA + u": 2"_s),
            qPrintable(onB.outText()));
        QCOMPARE(state(u"b"_s), 2); // done

        // Once merged, nothing is new and nothing is written back.
        const ProcessRun again = cli(u"b"_s, { u"sync"_s });
        QVERIFY2(again.outText().contains(u": 0\n"_s), qPrintable(again.outText()));
        QVERIFY(again.outText().contains(u"Nothing new from other devices"_s));
    }

    void statusListsTheDevices()
    {
        const QJsonObject a = cli(u"a"_s, { u"sync"_s, u"status"_s, u"--json"_s }).json();
        const QJsonObject b = cli(u"b"_s, { u"sync"_s, u"status"_s, u"--json"_s }).json();
        QCOMPARE(b.value(u"folder"_s).toString(), QFileInfo(folder()).absoluteFilePath());
        QCOMPARE(b.value(u"devicesInFolder"_s).toArray().size(), 2);
        QCOMPARE(b.value(u"pending"_s).toInt(), 0);
        const QJsonObject merged = b.value(u"merged"_s).toArray().at(0).toObject();
        QCOMPARE(merged.value(u"device"_s).toString(), a.value(u"device"_s).toString());
        QCOMPARE(merged.value(u"changes"_s).toInt(), 2);
        const ProcessRun text = cli(u"b"_s, { u"sync"_s, u"status"_s });
        QVERIFY2(text.outText().contains(u"Merged from "_s + a.value(u"device"_s).toString()),
            qPrintable(text.outText()));
    }

    void theLaterStateWinsOnBoth()
    {
        // Neither device has seen the other's change when it is made.
        QCOMPARE(cli(u"a"_s, { u"progress"_s, u"set"_s, kItem, u"in-progress"_s }).exitCode, 0);
        QCOMPARE(cli(u"b"_s, { u"progress"_s, u"set"_s, kItem, u"skipped"_s }).exitCode, 0);
        QVERIFY(cli(u"a"_s, { u"sync"_s }).exitCode == 0);
        QVERIFY(cli(u"b"_s, { u"sync"_s }).exitCode == 0);
        QVERIFY(cli(u"a"_s, { u"sync"_s }).exitCode == 0);
        QCOMPARE(state(u"a"_s), state(u"b"_s)); // the later change (b's) on both
        QCOMPARE(state(u"a"_s), 3);
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "TestSyncCli.moc"
