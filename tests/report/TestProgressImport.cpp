#include "progress/backupmanager.h"
#include "report/progressexport.h"
#include "report/progressimport.h"
#include "report/progressjson.h"
#include "reportseed.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace ReportTest;

class TestProgressImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum = curriculum();
    int m_profiles = 0;

    QString id(const char *title) const { return idOf(*m_curriculum, QString::fromUtf8(title)); }

    /// A fresh profile folder; returns the path of its progress database.
    QString newProfile()
    {
        const QString folder = m_dir.filePath(u"profile%1"_s.arg(++m_profiles));
        QDir().mkpath(folder);
        return folder + u"/progress.sqlite"_s;
    }

    QString exportJson(const QString &database, const QString &name)
    {
        const QString file = m_dir.filePath(name);
        QString error;
        if (!ProgressExport::exportFile(
                *m_curriculum, database, ProgressExport::Format::Json, true, file, &error))
            qWarning() << error;
        return file;
    }

    MergeReport import(const QString &file, const QString &database, bool dryRun = false)
    {
        return ProgressImport::run({ file, database, QFileInfo(database).path(), u"course"_s, dryRun });
    }

    // Local and laptop profiles that diverged in every kind of record.
    void seedDiverged(const QString &local, const QString &laptop)
    {
        Seeder a(local);
        a.state(id("Idempotency"), ItemState::InProgress, at("2026-12-01T10:00:00Z"));
        a.state(id("Status codes"), ItemState::Done, at("2026-12-05T10:00:00Z"));
        a.confidence(id("Index"), 2, at("2026-12-01T10:00:00Z"));
        a.note(id("Isolation"), u"Local: snapshot isolation in Postgres."_s, at("2026-12-01T10:00:00Z"));
        a.note(id("Idempotency"), u"Same on both."_s, at("2026-12-01T10:00:00Z"));
        a.grade(id("Idempotency"), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        a.grade(id("Idempotency"), Rating::Good, at("2026-11-23T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        a.attempt(id("Write a client that retries"), at("2026-12-01T18:00:00Z"), u"retry budget"_s);
        Seeder b(laptop);
        b.state(id("Idempotency"), ItemState::Done, at("2026-12-03T10:00:00Z"));
        b.state(id("Status codes"), ItemState::InProgress, at("2026-12-02T10:00:00Z"));
        b.confidence(id("Index"), 4, at("2026-12-04T10:00:00Z"));
        b.note(id("Isolation"), u"Laptop: MVCC keeps old versions."_s, at("2026-12-04T10:00:00Z"));
        b.note(id("Idempotency"), u"Same on both."_s, at("2026-12-01T10:00:00Z"));
        b.note(id("Status codes"), u"4xx: the client's fault."_s, at("2026-12-02T10:00:00Z"));
        b.grade(id("Idempotency"), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        b.grade(id("Idempotency"), Rating::Hard, at("2026-11-25T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        b.attempt(id("Write a client that retries"), at("2026-12-01T18:00:00Z"), u"retry budget"_s);
        b.attempt(id("Write a client that retries"), at("2026-12-02T18:00:00Z"), u"jitter"_s);
    }

private Q_SLOTS:
    void mergesDivergedProfiles()
    {
        const QString local = newProfile();
        const QString laptop = newProfile();
        seedDiverged(local, laptop);
        const QString file = exportJson(laptop, u"laptop.json"_s);
        const QMap<QString, QStringList> before = dump(local);

        const MergeReport dry = import(file, local, true);
        QVERIFY2(dry.ok(), qPrintable(dry.error));
        QCOMPARE(dump(local), before);
        QVERIFY(BackupManager(QFileInfo(local).path()).list(false).isEmpty());

        const MergeReport report = import(file, local);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.counts, dry.counts);
        QCOMPARE(report.counts.value(u"item"_s), (MergeCount { 0, 2, 1 }));
        QCOMPARE(report.counts.value(u"note"_s), (MergeCount { 1, 1, 1 }));
        QCOMPARE(report.counts.value(u"review_log"_s), (MergeCount { 1, 0, 1 }));
        QCOMPARE(report.counts.value(u"review_card"_s), (MergeCount { 0, 1, 0 }));
        QCOMPARE(report.counts.value(u"drill_attempt"_s), (MergeCount { 1, 0, 1 }));
        QCOMPARE(report.counts.value(u"state_change"_s), (MergeCount { 2, 0, 0 }));
        QCOMPARE(BackupManager(QFileInfo(local).path()).list(false).value(0).reason, u"pre-import"_s);

        ProgressStore store;
        QVERIFY(store.open(local));
        QCOMPARE(store.item(id("Idempotency"))->state, ItemState::Done); // the laptop's is newer
        QCOMPARE(store.item(id("Status codes"))->state, ItemState::Done); // the local one is newer
        QCOMPARE(store.item(id("Index"))->confidence, 4);
        QCOMPARE(store.history(id("Idempotency")).size(), 2);
        const QString isolation = store.note(id("Isolation"));
        QVERIFY(isolation.startsWith(u"Local: snapshot isolation in Postgres."_s));
        QVERIFY(isolation.contains(
            u"## From laptop.json, 2026-12-04 10:00\n\nLaptop: MVCC keeps old versions."_s));
        QCOMPARE(store.note(id("Idempotency")), u"Same on both."_s);
        QCOMPARE(store.note(id("Status codes")), u"4xx: the client's fault."_s);

        // The merged card and log are the replay of the united log: as if every grade had been given
        // here (the laptop's Hard on 11-25 never saw this machine's Good on 11-23).
        const QString reference = newProfile();
        Seeder c(reference);
        c.grade(id("Idempotency"), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        c.grade(id("Idempotency"), Rating::Good, at("2026-11-23T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        c.grade(id("Idempotency"), Rating::Hard, at("2026-11-25T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        ReviewStore merged;
        ReviewStore expected;
        QVERIFY(merged.open(local));
        QVERIFY(expected.open(reference));
        QCOMPARE(merged.card(id("Idempotency"))->card, expected.card(id("Idempotency"))->card);
        QCOMPARE(merged.card(id("Idempotency"))->card.reps, 3);
        const QList<ReviewLogRow> mergedLog = merged.log(id("Idempotency"));
        const QList<ReviewLogRow> expectedLog = expected.log(id("Idempotency"));
        QCOMPARE(mergedLog.size(), 3);
        for (qsizetype i = 0; i < mergedLog.size(); ++i) {
            QCOMPARE(mergedLog.at(i).entry, expectedLog.at(i).entry);
            QCOMPARE(mergedLog.at(i).stateAfter, expectedLog.at(i).stateAfter);
            QCOMPARE(mergedLog.at(i).stepAfter, expectedLog.at(i).stepAfter);
            QCOMPARE(mergedLog.at(i).dueAfter, expectedLog.at(i).dueAfter);
        }

        // Importing the same file again changes nothing.
        const QMap<QString, QStringList> once = dump(local);
        QVERIFY(!import(file, local).changedAnything());
        QCOMPARE(dump(local), once);
    }

    void roundTripLosesNothing()
    {
        const QString source = newProfile();
        seedDiverged(source, newProfile());
        const QString file = exportJson(source, u"roundtrip.json"_s);
        const QString empty = newProfile();
        const MergeReport report = import(file, empty);
        QVERIFY2(report.ok(), qPrintable(report.error));
        const QMap<QString, QStringList> original = dump(source);
        QCOMPARE(original.value(u"review_log"_s).size(), 2);
        QCOMPARE(original.value(u"drill_attempt"_s).size(), 1);
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QCOMPARE(dump(empty).value(it.key()), it.value());
        QCOMPARE(dump(empty), original);
    }

    void importIntoItselfChangesNothing()
    {
        const QString local = newProfile();
        seedDiverged(local, newProfile());
        const QMap<QString, QStringList> before = dump(local);
        const MergeReport report = import(exportJson(local, u"self.json"_s), local);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QVERIFY2(!report.changedAnything(), qPrintable(report.text()));
        QCOMPARE(report.counts.value(u"item"_s), (MergeCount { 0, 0, 3 }));
        QCOMPARE(dump(local), before);
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QString local = newProfile();
        seedDiverged(local, newProfile());
        QFile good(exportJson(local, u"good.json"_s));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray valid = good.readAll();
        QTest::newRow("not json") << "hello, world"_ba << u"not valid JSON at line 1"_s;
        QTest::newRow("truncated") << valid.left(valid.size() * 2 / 3) << u"ends too early"_s;
        QTest::newRow("empty") << QByteArray() << u"ends too early"_s;
        QTest::newRow("other format") << R"({"format": "anki", "version": 1})"_ba
                                      << u"not a StudyBench progress export (its \"format\" is \"anki\""_s;
        QTest::newRow("newer version") << QByteArray(valid).replace("\"version\": 1", "\"version\": 2")
                                       << u"newer StudyBench (format version 2; this one reads version 1)"_s;
        QTest::newRow("other curriculum")
            << QByteArray(valid).replace("\"curriculum\": \"course\"", "\"curriculum\": \"frontend\"")
            << u"holds progress in the curriculum 'frontend', but 'course' is open"_s;
        QTest::newRow("wrong field")
            << QByteArray(valid).replace("\"state\": 1", "\"state\": \"in-progress\"")
            << u"tables.item[0].state: expected a whole number, found \"in-progress\""_s;
        QTest::newRow("out of range") << QByteArray(valid).replace("\"confidence\": 2",
            "\"confidence\": 9") << u"tables.item[2].confidence: expected a number from 0 to 5, found 9"_s;
        QTest::newRow("bad time") << QByteArray(valid).replace(
            "\"changed_at\": \"2026", "\"changed_at\": \"20x6")
                                  << u"tables.state_change[0].changed_at: expected a time"_s;
    }

    void refusesBadFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString local = newProfile();
        seedDiverged(local, newProfile());
        const QString file = m_dir.filePath(u"bad.json"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(content);
        out.close();
        const QMap<QString, QStringList> before = dump(local);
        const MergeReport report = import(file, local);
        QVERIFY(!report.ok());
        QVERIFY2(report.error.contains(message), qPrintable(report.error));
        QCOMPARE(dump(local), before);
        QVERIFY(BackupManager(QFileInfo(local).path()).list(false).isEmpty());
    }

    void resetsSection()
    {
        const QString local = newProfile();
        seedDiverged(local, newProfile());
        const SectionReset::Result result
            = SectionReset::run(*m_curriculum, id("APIs and HTTP"), local, QFileInfo(local).path());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.reset, 2);
        QCOMPARE(BackupInfo(BackupManager::inspect(result.backupPath)).done, 1);
        ProgressStore store;
        QVERIFY(store.open(local));
        QCOMPARE(store.item(id("Idempotency"))->state, ItemState::NotStarted);
        QCOMPARE(store.item(id("Status codes"))->state, ItemState::NotStarted);
        QCOMPARE(store.history(id("Status codes")).last().source, u"reset"_s);
        QCOMPARE(store.history(id("Status codes")).size(), 2);
        QCOMPARE(store.note(id("Idempotency")), u"Same on both."_s);
        QCOMPARE(store.item(id("Index"))->confidence, 2); // another section: untouched
        ReviewStore review;
        QVERIFY(review.open(local));
        QCOMPARE(review.card(id("Idempotency"))->card.reps, 2);
        const SectionReset::Result unknown
            = SectionReset::run(*m_curriculum, u"nope"_s, local, QFileInfo(local).path());
        QVERIFY(unknown.error.contains(u"No section has the ID 'nope'"_s));
    }
};

QTEST_GUILESS_MAIN(TestProgressImport)
#include "TestProgressImport.moc"
