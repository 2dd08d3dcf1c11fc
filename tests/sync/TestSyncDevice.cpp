// SyncDevice over real data directories: the device ID a new directory gets is one ID, however
// many callers (threads of one process, each with its own view of the file) ask for it at once.

#include "sync/syncdevice.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <latch>
#include <memory>
#include <vector>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestSyncDevice : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    // Starts @p callers threads that each ask for the ID of @p dataDir at the same moment (every
    // second one setting the folder first, @p withFolder): the IDs they got, then the stored one.
    static QStringList idsAtOnce(const QString &dataDir, int callers, bool withFolder)
    {
        std::latch start(callers);
        QStringList ids(callers);
        QStringList errors(callers);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < callers; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                start.arrive_and_wait();
                if (withFolder && i % 2 == 1) {
                    QString error;
                    if (!SyncDevice::setFolder(dataDir, dataDir + u"/../folder"_s, &error))
                        errors[i] = error;
                }
                const SyncSettings s = SyncDevice::load(dataDir);
                ids[i] = s.deviceId;
                errors[i] += s.error;
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            t->wait();
        for (const QString &e : std::as_const(errors)) {
            if (!e.isEmpty())
                qWarning("%s", qPrintable(e));
        }
        ids.append(SyncDevice::load(dataDir).deviceId);
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void concurrentCallersGetOneId_data()
    {
        QTest::addColumn<bool>("withFolder");
        QTest::addRow("load only") << false;
        QTest::addRow("load and set the folder") << true;
    }

    // A sync pass and the cohort share on a brand-new data directory: every caller, and the
    // directory afterwards, has the same ID. Twenty fresh directories, eight callers each.
    void concurrentCallersGetOneId()
    {
        QFETCH(bool, withFolder);
        for (int round = 0; round < 20; ++round) {
            const QString dataDir
                = m_tmp.filePath(u"%1-%2/data"_s.arg(withFolder ? u"folder"_s : u"load"_s).arg(round));
            const QStringList ids = idsAtOnce(dataDir, 8, withFolder);
            QVERIFY(!ids.first().isEmpty());
            for (const QString &id : ids)
                QVERIFY2(id == ids.first(), qPrintable(u"round %1: %2"_s.arg(round).arg(ids.join(u' '))));
            if (withFolder)
                QVERIFY(!SyncDevice::load(dataDir).folder.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncDevice)
#include "TestSyncDevice.moc"
