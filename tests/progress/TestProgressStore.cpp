#include "progress/progressstore.h"
#include "support/sqliteprobe.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

class TestProgressStore : public QObject
{
    Q_OBJECT

private:
private Q_SLOTS:
    void createsAndMigratesAnEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/folder/progress.sqlite"_s);
        ProgressStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), ProgressStore::kSchemaVersion);
        QVERIFY(QFile::exists(path));
        QCOMPARE(sqliteValue(path, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(sqliteValue(path, u"PRAGMA user_version"_s).toInt(), ProgressStore::kSchemaVersion);
    }

    void migratesAZeroByteFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"progress.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(QFileInfo(path).size(), 0);
        ProgressStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), ProgressStore::kSchemaVersion);
        QVERIFY(store.items().isEmpty());
    }

    void roundTripThroughTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"progress.sqlite"_s);
        const QDateTime t1 = QDateTime::fromString(u"2026-01-02T03:04:05.678Z"_s, Qt::ISODateWithMs);
        {
            ProgressStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.setState(u"a/b"_s, ItemState::InProgress, u"B"_s, u"test"_s, t1));
            QVERIFY(store.setState(u"a/b"_s, ItemState::Done, u"B"_s, u"test"_s, t1.addSecs(60)));
            QVERIFY(store.setState(u"a/c"_s, ItemState::Skipped, u"C"_s, u"cli"_s, t1.addSecs(120)));
            QVERIFY(store.setConfidence(u"a/b"_s, 4, u"B"_s));
            QVERIFY(store.setNote(u"a"_s, u"Remember: idempotent ≠ safe"_s));
        }
        ProgressStore store;
        QVERIFY(store.open(path));
        const ItemRecords items = store.items();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.value(u"a/b"_s).state, ItemState::Done);
        QCOMPARE(items.value(u"a/b"_s).confidence, 4);
        QCOMPARE(items.value(u"a/b"_s).title, u"B"_s);
        QCOMPARE(items.value(u"a/c"_s).state, ItemState::Skipped);
        QCOMPARE(items.value(u"a/c"_s).updatedAt, t1.addSecs(120));
        QCOMPARE(store.note(u"a"_s), u"Remember: idempotent ≠ safe"_s);

        const QList<HistoryEntry> history = store.history(u"a/b"_s);
        QCOMPARE(history.size(), 2);
        QVERIFY(!history.at(0).from.has_value());
        QCOMPARE(history.at(0).to, ItemState::InProgress);
        QCOMPARE(history.at(0).at, t1);
        QCOMPARE(history.at(1).from, std::optional(ItemState::InProgress));
        QCOMPARE(history.at(1).to, ItemState::Done);
        QCOMPARE(history.at(1).source, u"test"_s);
        QCOMPARE(store.history().size(), 3);
    }

    void unchangedStateWritesNothing()
    {
        QTemporaryDir dir;
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(u"p.sqlite"_s)));
        QVERIFY(store.setState(u"x"_s, ItemState::NotStarted, u"X"_s, u"t"_s));
        QVERIFY(store.items().isEmpty());
        QVERIFY(store.setState(u"x"_s, ItemState::Done, u"X"_s, u"t"_s));
        QVERIFY(store.setState(u"x"_s, ItemState::Done, u"X"_s, u"t"_s));
        QCOMPARE(store.history(u"x"_s).size(), 1);
    }

    void emptyNoteRemovesIt()
    {
        QTemporaryDir dir;
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(u"p.sqlite"_s)));
        QVERIFY(store.setNote(u"n"_s, u"text"_s));
        QCOMPARE(store.notes().size(), 1);
        QVERIFY(store.setNote(u"n"_s, u"  "_s));
        QVERIFY(store.notes().isEmpty());
    }

    void confidenceOutOfRangeIsRefused()
    {
        QTemporaryDir dir;
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(u"p.sqlite"_s)));
        QVERIFY(!store.setConfidence(u"n"_s, 6, u"N"_s));
        QVERIFY(store.errorString().contains(u"between 0 and 5"_s));
    }

    void newerSchemaIsLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"progress.sqlite"_s);
        {
            ProgressStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.setState(u"k"_s, ItemState::Done, u"K"_s, u"t"_s));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        ProgressStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(u"newer StudyBench"_s), qPrintable(store.errorString()));
        QCOMPARE(sqliteValue(path, u"PRAGMA user_version"_s).toInt(), 99);
        QCOMPARE(sqliteValue(path, u"SELECT count(*) FROM item"_s).toInt(), 1);
    }

    void notADatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"progress.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        ProgressStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.errorString().isEmpty());
        QCOMPARE(QFileInfo(path).size(), 4096); // untouched
    }

    void twoConnectionsSeeEachOther()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"p.sqlite"_s);
        ProgressStore gui;
        ProgressStore cli;
        QVERIFY(gui.open(path));
        QVERIFY(cli.open(path));
        const qint64 before = gui.dataVersion();
        QVERIFY(cli.setState(u"shared"_s, ItemState::Done, u"S"_s, u"cli"_s));
        QVERIFY(gui.dataVersion() != before);
        QCOMPARE(gui.items().value(u"shared"_s).state, ItemState::Done);
    }

    void stateNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("state");
        QTest::newRow("canonical") << u"in-progress"_s << int(ItemState::InProgress);
        QTest::newRow("underscore") << u"not_started"_s << int(ItemState::NotStarted);
        QTest::newRow("spaces and case") << u" In Progress "_s << int(ItemState::InProgress);
        QTest::newRow("done") << u"DONE"_s << int(ItemState::Done);
        QTest::newRow("skipped") << u"skipped"_s << int(ItemState::Skipped);
        QTest::newRow("unknown") << u"finished"_s << -1;
    }

    void stateNames()
    {
        QFETCH(QString, name);
        QFETCH(int, state);
        const auto parsed = stateFromName(name);
        QCOMPARE(parsed ? int(*parsed) : -1, state);
        if (parsed)
            QCOMPARE(stateFromName(stateName(*parsed)), parsed);
    }
};

QTEST_GUILESS_MAIN(TestProgressStore)
#include "TestProgressStore.moc"
