#include "progress/backupmanager.h"
#include "progress/progressopener.h"
#include "progress/progressstore.h"
#include "util/datalocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// A data directory with @p count items done, closed again.
void fill(const QString &dataDir, int from, int count)
{
    ProgressStore store;
    if (!store.open(progressDatabasePath(dataDir)))
        qFatal("%s", qPrintable(store.errorString()));
    for (int i = from; i < from + count; ++i)
        store.setState(u"s/item-%1"_s.arg(i), ItemState::Done, u"Item %1"_s.arg(i), u"test"_s);
}

} // namespace

class TestBackups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupIsAConsistentCopy()
    {
        QTemporaryDir dir;
        fill(dir.path(), 0, 5);
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(dir.path())));
        // Another connection holds an uncommitted write while the backup runs.
        {
            QSqlDatabase writer = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"writer"_s);
            writer.setDatabaseName(progressDatabasePath(dir.path()));
            QVERIFY(writer.open());
            QSqlQuery q(writer);
            QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
            QVERIFY(q.exec(u"INSERT INTO item (node_id, state, updated_at) VALUES ('uncommitted', 2, 0)"_s));
            BackupManager backups(dir.path());
            const auto made = backups.backUp(store.path(), u"manual"_s);
            QVERIFY2(made, qPrintable(backups.errorString()));
            QVERIFY(made->healthy);
            QCOMPARE(made->items, 5);
            QCOMPARE(made->done, 5);
            QVERIFY(made->path.startsWith(dir.filePath(u"backups/progress-"_s)));
            QVERIFY(q.exec(u"ROLLBACK"_s));
            writer.close();
        }
        QSqlDatabase::removeDatabase(u"writer"_s);
        const QList<BackupInfo> listed = BackupManager(dir.path()).list();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().reason, u"manual"_s);
        QVERIFY(QDir(dir.filePath(u"backups"_s)).entryList({ u"*.partial"_s }, QDir::Files).isEmpty());
    }

    void rotationKeepsDaysWeeksMonths()
    {
        // A backup every 6 hours for 400 days, newest first, and two kept outside the rotation.
        const QDateTime now = QDateTime(QDate(2026, 11, 25), QTime(12, 0), QTimeZone::UTC);
        QList<BackupInfo> all;
        for (int h = 0; h < 400 * 24; h += 6) {
            BackupInfo b;
            b.createdAt = now.addSecs(-qint64(h) * 3600);
            b.reason = u"auto"_s;
            b.path = u"b%1"_s.arg(h);
            all.append(b);
        }
        all[100].reason = u"pre-migration"_s;
        all[1500].reason = u"pre-restore"_s;
        const QList<BackupInfo> keep = BackupManager::selectToKeep(all);
        QSet<QDate> days;
        QSet<QString> weeks, months;
        int special = 0;
        for (const BackupInfo &b : keep) {
            if (b.reason != u"auto"_s) {
                ++special;
                continue;
            }
            const QDate d = b.createdAt.toLocalTime().date();
            QVERIFY2(!days.contains(d), "two rotated backups of one day");
            days.insert(d);
            int year = 0;
            const int week = d.weekNumber(&year);
            weeks.insert(u"%1-%2"_s.arg(year).arg(week));
            months.insert(d.toString(u"yyyy-MM"_s));
        }
        QCOMPARE(special, 2);
        // The 12 newest days are all there.
        for (int i = 0; i < 12; ++i)
            QVERIFY(days.contains(all.first().createdAt.toLocalTime().date().addDays(-i)));
        QVERIFY(weeks.size() >= BackupManager::kWeeklyCopies);
        QCOMPARE(months.size(), BackupManager::kMonthlyCopies);
        QVERIFY(keep.size() - special <= 12 + 10 + 9);
        QVERIFY(keep.size() - special >= 9 + 10);
    }

    void pruneDeletesWhatTheRotationDrops()
    {
        QTemporaryDir dir;
        fill(dir.path(), 0, 1);
        BackupManager backups(dir.path());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int day = 0; day < 20; ++day)
            QVERIFY(backups.backUp(progressDatabasePath(dir.path()), u"auto"_s, now.addDays(-day)));
        QVERIFY(backups.backUp(progressDatabasePath(dir.path()), u"auto"_s, now.addSecs(-60)));
        QCOMPARE(backups.list(false).size(), 21);
        const QStringList removed = backups.prune();
        QVERIFY(!removed.isEmpty());
        for (const QString &path : removed)
            QVERIFY(!QFile::exists(path));
        const QList<BackupInfo> left = backups.list(false);
        QCOMPARE(left.size(), 21 - removed.size());
        QCOMPARE(left.first().createdAt, now.toUTC().addMSecs(-now.time().msec()));
    }

    void automaticBackupEveryThirtyMinutes()
    {
        QTemporaryDir dir;
        fill(dir.path(), 0, 2);
        const QDateTime t0(QDate(2026, 6, 1), QTime(10, 0), QTimeZone::UTC);
        {
            ProgressStore store;
            const OpenReport r = ProgressOpener::open(store, dir.path(), t0);
            QVERIFY(r.ok);
            QVERIFY(r.backupMade);
            QCOMPARE(r.backupMade->items, 2);
        }
        {
            ProgressStore store;
            const OpenReport r = ProgressOpener::open(store, dir.path(), t0.addSecs(10 * 60));
            QVERIFY(r.ok);
            QVERIFY(!r.backupMade);
        }
        {
            ProgressStore store;
            const OpenReport r = ProgressOpener::open(store, dir.path(), t0.addSecs(31 * 60));
            QVERIFY(r.ok);
            QVERIFY(r.backupMade);
        }
        // Both are from one day: the rotation keeps that day's newest.
        const QList<BackupInfo> kept = BackupManager(dir.path()).list(false);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().createdAt.toSecsSinceEpoch(), t0.addSecs(31 * 60).toSecsSinceEpoch());
    }

    void damagedFileIsMovedAsideAndRestored_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("truncated") << u"truncate"_s;
        QTest::newRow("garbage bytes") << u"garbage"_s;
        QTest::newRow("not sqlite") << u"text"_s;
        QTest::newRow("bad header") << u"header"_s;
    }

    void damagedFileIsMovedAsideAndRestored()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        const QString db = progressDatabasePath(dir.path());
        fill(dir.path(), 0, 40);
        const QDateTime backupTime = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(BackupManager(dir.path()).backUp(db, u"auto"_s, backupTime));
        fill(dir.path(), 40, 200); // after the backup: lost with the damage

        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        if (damage == u"truncate"_s) {
            QVERIFY(f.resize(f.size() / 2));
        } else if (damage == u"garbage"_s) {
            f.seek(4096);
            f.write(QByteArray(3 * 4096, '\xA5'));
        } else if (damage == u"text"_s) {
            QVERIFY(f.resize(0));
            f.write("these are not the bytes you are looking for\n");
        } else {
            f.seek(0);
            f.write("SQLite format 2\0", 16);
        }
        f.close();
        const QByteArray damagedHash = fileHash(db);

        ProgressStore store;
        const OpenReport r = ProgressOpener::open(store, dir.path());
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.recovered);
        QVERIFY(!r.damage.isEmpty());
        QVERIFY(r.movedAside.contains(u"progress.sqlite.damaged-"_s));
        QCOMPARE(fileHash(r.movedAside), damagedHash); // never written to
        QVERIFY(r.restoredFrom);
        QCOMPARE(r.restoredFrom->items, 40);
        QCOMPARE(store.items().size(), 40);
        QVERIFY(r.recoveryMessage().contains(u"could not be recovered"_s));
        QVERIFY(r.recoveryMessage().contains(r.movedAside));
    }

    void damagedWithoutBackupStartsEmpty()
    {
        QTemporaryDir dir;
        const QString db = progressDatabasePath(dir.path());
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'z'));
        f.close();
        ProgressStore store;
        const OpenReport r = ProgressOpener::open(store, dir.path());
        QVERIFY(r.ok);
        QVERIFY(r.recovered);
        QVERIFY(!r.restoredFrom);
        QVERIFY(store.items().isEmpty());
        QVERIFY(QFile::exists(r.movedAside));
        QVERIFY(r.recoveryMessage().contains(u"no usable backup"_s));
    }

    void newerSchemaIsRefusedNotRecovered()
    {
        QTemporaryDir dir;
        const QString db = progressDatabasePath(dir.path());
        fill(dir.path(), 0, 3);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery(raw).exec(u"PRAGMA user_version = 42"_s);
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        const QByteArray before = fileHash(db);
        ProgressStore store;
        const OpenReport r = ProgressOpener::open(store, dir.path());
        QVERIFY(!r.ok);
        QVERIFY(!r.recovered);
        QVERIFY2(r.error.contains(u"newer StudyBench"_s), qPrintable(r.error));
        QCOMPARE(fileHash(db), before);
        QVERIFY(!store.isOpen());
    }

    void restoreKeepsTheCurrentStateAsABackup()
    {
        QTemporaryDir dir;
        fill(dir.path(), 0, 3);
        BackupManager backups(dir.path());
        const auto old = backups.backUp(
            progressDatabasePath(dir.path()), u"manual"_s, QDateTime::currentDateTimeUtc().addDays(-1));
        QVERIFY(old);
        fill(dir.path(), 3, 7);
        ProgressStore store;
        QVERIFY(ProgressOpener::open(store, dir.path()).ok);
        QCOMPARE(store.items().size(), 10);
        const OpenReport r = ProgressOpener::restore(store, dir.path(), *old);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(store.isOpen());
        QCOMPARE(store.items().size(), 3);
        QVERIFY(r.backupMade);
        QCOMPARE(r.backupMade->reason, u"pre-restore"_s);
        QCOMPARE(r.backupMade->items, 10);
        // And the restore can be undone.
        QVERIFY(ProgressOpener::restore(store, dir.path(), *r.backupMade).ok);
        QCOMPARE(store.items().size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestBackups)
#include "TestBackups.moc"
