// SyncActions in a real window offscreen: a folder chosen, another device's log merged on a worker
// thread, the file watcher noticing a later log, the status bar's label.
#include "progress/progressstore.h"
#include "sync/syncactions.h"
#include "sync/syncdevice.h"
#include "sync/syncengine.h"
#include "util/datalocation.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestSyncActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString folder() const { return m_dir.filePath(u"Sync"_s); }
    QString other() const { return m_dir.filePath(u"laptop"_s); }
    QString mine() const { return m_dir.filePath(u"desktop"_s); }

    void changeOnTheOtherDevice(const QString &node)
    {
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(other())));
        QVERIFY(store.setState(node, ItemState::Done, node, u"gui"_s));
        QVERIFY(SyncEngine(other(), SyncEngine::curriculumId({})).pass().ok());
    }

    static ItemState stateHere(const QString &dir, const QString &node)
    {
        ProgressStore store;
        if (!store.open(progressDatabasePath(dir)))
            return ItemState::NotStarted;
        const auto item = store.item(node);
        return item ? item->state : ItemState::NotStarted;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY(SyncDevice::setFolder(other(), folder(), &error));
        changeOnTheOtherDevice(u"first"_s);
    }

    void choosingAFolderMergesAndWatches()
    {
        QWidget window;
        SyncActions sync(&window);
        QSignalSpy synced(&sync, &SyncActions::synced);
        QSignalSpy changed(&sync, &SyncActions::progressChanged);
        sync.setProfile(mine(), {});
        QVERIFY(synced.wait(10000)); // no folder yet: nothing to do
        QVERIFY(!sync.statusLabel()->isVisibleTo(&window));
        QVERIFY(sync.folderAction()->isEnabled());

        sync.setFolder(folder());
        QVERIFY(changed.wait(10000));
        QCOMPARE(stateHere(mine(), u"first"_s), ItemState::Done);
        QCOMPARE(sync.statusText(), u"Synced just now · 2 devices"_s);
        QVERIFY(sync.statusLabel()->isVisibleTo(&window));

        // The other device writes again: the watcher notices its log without a periodic scan.
        changeOnTheOtherDevice(u"second"_s);
        QVERIFY(changed.wait(20000));
        QCOMPARE(stateHere(mine(), u"second"_s), ItemState::Done);
    }
};

QTEST_MAIN(TestSyncActions)
#include "TestSyncActions.moc"
