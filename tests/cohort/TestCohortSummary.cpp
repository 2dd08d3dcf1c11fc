// The cohort view's core on real files: three learners' progress databases shared into one cohort
// folder, read back and computed into learners × sections, stuck items and inactive learners, every
// number worked out by hand below; each kind of bad file; the reader writing nothing.
#include "cohort/cohortoverview.h"
#include "cohort/cohortreader.h"
#include "cohort/cohortshare.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillcatalog.h"
#include "drill/drillstore.h"
#include "progress/progressstore.h"
#include "support/cliprocess.h"
#include "support/folderlisting.h"
#include "sync/syncdevice.h"
#include "util/datalocation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

// Section 1 has four checklist items, section 2 two and a project (a drill): seven in all.
const QByteArray kCurriculum = R"(# Cohort Course

## 1. Basics

### HTTP

- [ ] Methods
- [ ] Status codes
- [ ] Headers
- [ ] Caching

## 2. Databases

### SQL

- [ ] Joins
- [ ] Indexes

### Practical Projects

- A blog API
)";

const QString kCurriculumId = u"cohort-course"_s;
const QDateTime kNow = QDateTime(QDate(2026, 12, 7), QTime(12, 0), QTimeZone::UTC);

QDateTime daysAgo(double days)
{
    return kNow.addSecs(qint64(-days * 24 * 3600));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCohortSummary : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_course;
    QHash<QString, QString> m_ids; ///< learner -> device ID

    QString cohort() const { return m_dir.filePath(u"cohort"_s); }
    QString profile(const QString &learner) const { return m_dir.filePath(u"data-"_s + learner); }
    QString version() const { return CohortSummary::curriculumVersion(*m_course); }

    QString id(const QString &title) const
    {
        for (const CurriculumNode *node : m_course->checkableNodes()) {
            if (node->title == title)
                return node->id;
        }
        qFatal("no item %s", qPrintable(title));
    }

    // Confidence first: setConfidence() stamps the wall clock, setState() then the given time.
    void set(ProgressStore &store, const QString &title, ItemState state, int confidence, double ago)
    {
        if (confidence > 0)
            QVERIFY(store.setConfidence(id(title), confidence, title));
        QVERIFY(store.setState(id(title), state, title, u"test"_s, daysAgo(ago)));
    }

    void shareAs(const QString &learner, const QString &name, bool notes)
    {
        QString error;
        QVERIFY2(CohortShare::saveSettings(profile(learner), { cohort(), name, notes }, &error),
            qPrintable(error));
        const CohortShareResult result = CohortShare::share(profile(learner), *m_course, kCurriculumId, kNow);
        QVERIFY2(result.ok(), qPrintable(result.error));
        m_ids.insert(learner, result.deviceId);
    }

    void writeAda()
    {
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(profile(u"ada"_s))));
        set(store, u"Methods"_s, ItemState::Done, 4, 1);
        set(store, u"Status codes"_s, ItemState::Done, 2, 2); // stuck: done, unsure
        set(store, u"Headers"_s, ItemState::InProgress, 0, 10); // stuck: 10 days
        set(store, u"Joins"_s, ItemState::Skipped, 0, 3);
        QVERIFY(store.setNote(id(u"Headers"_s), u"Vary confuses me"_s));
        DrillStore drills;
        QVERIFY(drills.open(progressDatabasePath(profile(u"ada"_s))));
        DrillAttempt attempt;
        attempt.nodeId = id(u"A blog API"_s);
        attempt.startedAt = daysAgo(0.5);
        attempt.secondsUsed = 1800;
        attempt.scores = { 3, 3, 3, 4 };
        const DrillRecordOutcome recorded = drills.record(DrillCatalog(*m_course), attempt, daysAgo(0.5));
        QVERIFY2(recorded.ok(), qPrintable(recorded.error));
    }

    void writeBob()
    {
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(profile(u"bob"_s))));
        set(store, u"Methods"_s, ItemState::InProgress, 1, 8); // stuck: 8 days
        set(store, u"Headers"_s, ItemState::InProgress, 0, 7); // stuck: 7 days exactly
        set(store, u"Status codes"_s, ItemState::Done, 5, 9);
        set(store, u"Joins"_s, ItemState::Done, 0, 9);
        QVERIFY(store.setNote(id(u"Methods"_s), u"private"_s)); // not shared: Bob keeps notes
    }

    void writeCy()
    {
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(profile(u"cy"_s))));
        set(store, u"Headers"_s, ItemState::InProgress, 0, 6); // 6 days: not yet stuck
        set(store, u"Status codes"_s, ItemState::Done, 2, 1.0 / 24); // stuck: done, unsure
        set(store, u"Methods"_s, ItemState::Done, 3, 2);
        set(store, u"Caching"_s, ItemState::Done, 0, 2);
        set(store, u"Indexes"_s, ItemState::Done, 4, 5);
        set(store, u"A blog API"_s, ItemState::InProgress, 0, 20); // stuck: 20 days
    }

    CohortOverview overview(const QString &folder)
    {
        return CohortOverview::compute(
            CohortReader::read(folder, kCurriculumId, version()), *m_course, kCurriculumId, kNow);
    }

    // A copy of the shared cohort folder, with @p relative written as @p bytes.
    QString cohortWith(const QString &tag, const QString &relative, const QByteArray &bytes)
    {
        const QString copy = m_dir.filePath(u"case-"_s + tag);
        for (const QString &learner : { u"ada"_s, u"bob"_s, u"cy"_s }) {
            const QString from = CohortSummary::path(cohort(), m_ids.value(learner));
            writeTestFile(CohortSummary::path(copy, m_ids.value(learner)), readFile(from));
        }
        if (relative.endsWith(u'/'))
            QDir().mkpath(QDir(copy).filePath(relative));
        else if (!relative.isEmpty())
            writeTestFile(QDir(copy).filePath(relative), bytes);
        return copy;
    }

    QByteArray adaJson() const { return readFile(CohortSummary::path(cohort(), m_ids.value(u"ada"_s))); }

    // A summary of device @p device written into @p folder: "Methods" in progress since
    // @p changedDaysAgo, generated @p generatedDaysAgo, syncing with @p syncsWith.
    void writeSummary(const QString &folder, const QString &device, const QString &name,
        double generatedDaysAgo, double changedDaysAgo, const QStringList &syncsWith)
    {
        LearnerSummary s;
        s.deviceId = device;
        s.name = name;
        s.curriculumId = kCurriculumId;
        s.curriculumVersion = version();
        s.generatedAt = daysAgo(generatedDaysAgo);
        s.syncsWith = syncsWith;
        s.items = { { id(u"Methods"_s), ItemState::InProgress, 3, daysAgo(changedDaysAgo), {} } };
        writeTestFile(CohortSummary::path(folder, device), CohortSummary::toJson(s));
    }

    QByteArray adaWith(const QString &key, const QJsonValue &value) const
    {
        QJsonObject o = QJsonDocument::fromJson(adaJson()).object();
        o.insert(key, value);
        return QJsonDocument(o).toJson();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CurriculumParseResult parsed = CurriculumParser::parse(kCurriculum, u"cohort-course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_course = std::move(parsed.curriculum);
        QCOMPARE(m_course->checkableNodes().size(), 7);
        writeAda();
        writeBob();
        writeCy();
        shareAs(u"ada"_s, u"Ada"_s, true);
        shareAs(u"bob"_s, u"Bob"_s, false);
    }

    void aLearnerWritesOnlyTheirOwnFolder()
    {
        const QStringList before = folderListing(cohort());
        shareAs(u"cy"_s, u"Cy"_s, true);
        QStringList after = folderListing(cohort());
        // Only Cy's folder is new (and so the learners folder's time changed).
        const auto notCy = [this](const QString &line) {
            return line.startsWith(u"learners/"_s + m_ids.value(u"cy"_s)) || line.startsWith(u"learners "_s);
        };
        after.removeIf(notCy);
        QStringList expected = before;
        expected.removeIf(notCy);
        QCOMPARE(after, expected);
        QVERIFY(QFileInfo::exists(CohortSummary::path(cohort(), m_ids.value(u"cy"_s))));
        QCOMPARE(
            QDir(CohortSummary::learnersFolder(cohort())).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(),
            3);
        // The device ID is the sync room's.
        QCOMPARE(m_ids.value(u"cy"_s), SyncDevice::load(profile(u"cy"_s)).deviceId);
    }

    void theSummaryCarriesWhatTheLearnerChose()
    {
        const QJsonObject ada = QJsonDocument::fromJson(adaJson()).object();
        QCOMPARE(ada.value(u"format"_s).toString(), u"studybench-cohort-summary"_s);
        QCOMPARE(ada.value(u"version"_s).toInt(), 1);
        QCOMPARE(ada.value(u"name"_s).toString(), u"Ada"_s);
        QCOMPARE(ada.value(u"curriculum"_s).toString(), kCurriculumId);
        QCOMPARE(ada.value(u"curriculumVersion"_s).toString(), version());
        QCOMPARE(ada.value(u"generatedAt"_s).toString(), u"2026-12-07T12:00:00.000Z"_s);
        const QJsonArray items = ada.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 4); // in curriculum order: methods, status codes, headers, joins
        QCOMPARE(items.at(2).toObject().value(u"state"_s).toString(), u"in-progress"_s);
        QCOMPARE(items.at(2).toObject().value(u"changedAt"_s).toString(), u"2026-11-27T12:00:00.000Z"_s);
        QCOMPARE(items.at(2).toObject().value(u"note"_s).toString(), u"Vary confuses me"_s);
        QCOMPARE(items.at(1).toObject().value(u"confidence"_s).toInt(), 2);
        const QJsonObject drill = ada.value(u"drills"_s).toArray().at(0).toObject();
        QCOMPARE(drill.value(u"attempts"_s).toInt(), 1);
        QCOMPARE(drill.value(u"lastMean"_s).toDouble(), 3.25);
        // Bob does not share notes: his note is nowhere in his file.
        const QByteArray bob = readFile(CohortSummary::path(cohort(), m_ids.value(u"bob"_s)));
        QVERIFY(!bob.contains("private"));
        QVERIFY(!bob.contains("\"note\""));
    }

    void learnersBySections()
    {
        const CohortOverview o = overview(cohort());
        QVERIFY2(o.messages.isEmpty(), qPrintable(o.messages.join(u'\n')));
        QCOMPARE(o.sections.size(), 2);
        QCOMPARE(o.sections.at(1).title, u"2. Databases"_s);
        QCOMPARE(o.rows.size(), 3);
        const CohortRow &ada = o.rows.at(0);
        const CohortRow &bob = o.rows.at(1);
        const CohortRow &cy = o.rows.at(2);
        QCOMPARE(ada.name, u"Ada"_s);
        // Ada: Basics 2 of 4 done (50 %), confidence (4 + 2) / 2 = 3; Databases: joins skipped,
        // 0 of 2 counted; overall 2 of 6 counted. Her last activity is the drill, half a day ago.
        QCOMPARE(ada.sections.at(0).tally.done, 2);
        QCOMPARE(ada.sections.at(0).tally.percent(), 50.0);
        QCOMPARE(ada.sections.at(0).confidence, 3.0);
        QCOMPARE(ada.sections.at(0).lastActivity, daysAgo(1));
        QCOMPARE(ada.sections.at(1).tally.counted(), 2);
        QCOMPARE(ada.sections.at(1).tally.percent(), 0.0);
        QCOMPARE(ada.sections.at(1).rated, 0);
        QCOMPARE(ada.sections.at(1).lastActivity, daysAgo(3));
        QCOMPARE(ada.overall.tally.percent(), 100.0 * 2 / 6);
        QCOMPARE(ada.overall.confidence, 3.0);
        QCOMPARE(ada.lastActivity, daysAgo(0.5));
        QCOMPARE(ada.drills, 1);
        QCOMPARE(ada.drillAttempts, 1);
        QCOMPARE(ada.drillMean, 3.25);
        QVERIFY(!ada.inactive);
        // Bob: Basics 1 of 4 (25 %), confidence (1 + 5) / 2 = 3; Databases 1 of 3; overall 2 of 7.
        // His last change was 7 days ago: inactive.
        QCOMPARE(bob.sections.at(0).tally.percent(), 25.0);
        QCOMPARE(bob.sections.at(0).confidence, 3.0);
        QCOMPARE(bob.sections.at(0).lastActivity, daysAgo(7));
        QCOMPARE(bob.sections.at(1).tally.percent(), 100.0 / 3);
        QCOMPARE(bob.overall.tally.percent(), 100.0 * 2 / 7);
        QCOMPARE(bob.lastActivity, daysAgo(7));
        QCOMPARE(bob.drills, 0);
        QVERIFY(bob.inactive);
        // Cy: Basics 3 of 4 (75 %), confidence (2 + 3) / 2 = 2.5 (caching unrated); Databases 1 of 3,
        // confidence 4; overall 4 of 7, confidence (2 + 3 + 4) / 3 = 3.
        QCOMPARE(cy.sections.at(0).tally.percent(), 75.0);
        QCOMPARE(cy.sections.at(0).confidence, 2.5);
        QCOMPARE(cy.sections.at(0).lastActivity, daysAgo(1.0 / 24));
        QCOMPARE(cy.sections.at(1).tally.percent(), 100.0 / 3);
        QCOMPARE(cy.sections.at(1).confidence, 4.0);
        QCOMPARE(cy.sections.at(1).lastActivity, daysAgo(5));
        QCOMPARE(cy.overall.tally.percent(), 100.0 * 4 / 7);
        QCOMPARE(cy.overall.confidence, 3.0);
        QVERIFY(!cy.inactive);
    }

    void stuckItemsAndInactiveLearners()
    {
        const CohortOverview o = overview(cohort());
        // Status codes: Ada and Cy done but unsure; Headers: Ada 10 days, Bob 7 (Cy's 6 is not
        // yet); Methods: Bob 8 days; the blog API: Cy 20 days. Ties in curriculum order.
        QCOMPARE(o.stuck.size(), 4);
        QCOMPARE(o.stuck.at(0).title, u"Status codes"_s);
        QCOMPARE(o.stuck.at(0).learners.size(), 2);
        QCOMPARE(o.stuck.at(0).learners.at(0).reason, StuckLearner::Unsure);
        QCOMPARE(o.stuck.at(0).learners.at(0).confidence, 2);
        QCOMPARE(o.stuck.at(1).title, u"Headers"_s);
        QCOMPARE(o.stuck.at(1).sectionTitle, u"1. Basics"_s);
        QCOMPARE(o.stuck.at(1).learners.size(), 2);
        QCOMPARE(o.stuck.at(1).learners.at(0).name, u"Ada"_s);
        QCOMPARE(o.stuck.at(1).learners.at(0).days, 10);
        QCOMPARE(o.stuck.at(1).learners.at(0).note, u"Vary confuses me"_s);
        QCOMPARE(o.stuck.at(1).learners.at(1).name, u"Bob"_s);
        QCOMPARE(o.stuck.at(1).learners.at(1).days, 7);
        QCOMPARE(o.stuck.at(2).title, u"Methods"_s);
        QCOMPARE(o.stuck.at(2).learners.at(0).days, 8);
        QCOMPARE(o.stuck.at(2).learners.at(0).note, QString()); // Bob keeps his notes
        QCOMPARE(o.stuck.at(3).title, u"A blog API"_s);
        QCOMPARE(o.stuck.at(3).learners.at(0).days, 20);
        QCOMPARE(o.inactive().size(), 1);
        QCOMPARE(o.inactive().at(0)->name, u"Bob"_s);
        // (Without a translator the plural reads "day(s)"; the command line's test sees "days".)
        QVERIFY(CohortOverview::ago(daysAgo(7), kNow).startsWith(u"7 day"_s));
        QCOMPARE(CohortOverview::ago(daysAgo(0.5), kNow), u"today"_s);
    }

    void stuckRule_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("confidence");
        QTest::addColumn<double>("daysAgo");
        QTest::addColumn<bool>("stuck");
        QTest::newRow("in progress 6 days 23 hours")
            << int(ItemState::InProgress) << 0 << 6.0 + 23.0 / 24 << false;
        QTest::newRow("in progress 7 days") << int(ItemState::InProgress) << 0 << 7.0 << true;
        QTest::newRow("in progress, unsure, recent") << int(ItemState::InProgress) << 1 << 1.0 << false;
        QTest::newRow("done, confidence 1") << int(ItemState::Done) << 1 << 30.0 << true;
        QTest::newRow("done, confidence 2, today") << int(ItemState::Done) << 2 << 0.0 << true;
        QTest::newRow("done, confidence 3") << int(ItemState::Done) << 3 << 30.0 << false;
        QTest::newRow("done, unrated") << int(ItemState::Done) << 0 << 30.0 << false;
        QTest::newRow("skipped long ago") << int(ItemState::Skipped) << 1 << 30.0 << false;
        QTest::newRow("not started long ago") << int(ItemState::NotStarted) << 1 << 30.0 << false;
    }

    void stuckRule()
    {
        QFETCH(int, state);
        QFETCH(int, confidence);
        QFETCH(double, daysAgo);
        QFETCH(bool, stuck);
        CohortItem item { u"x"_s, ItemState(state), confidence, ::daysAgo(daysAgo), {} };
        QCOMPARE(CohortOverview::isStuck(item, kNow), stuck);
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("learners");
        QTest::addColumn<QString>("message");
        const QString other = u"learners/ZZZ/summary.json"_s;
        const QByteArray ada = adaJson();
        QJsonObject badState = QJsonDocument::fromJson(ada).object();
        QJsonArray items = badState.value(u"items"_s).toArray();
        QJsonObject first = items.at(0).toObject();
        first.insert(u"state"_s, u"finished"_s);
        items.replace(0, first);
        badState.insert(u"items"_s, items);
        QTest::newRow("not json") << other << QByteArray("hello, instructor") << 3
                                  << u"learners/ZZZ/summary.json: it is not JSON (line 1"_s;
        QTest::newRow("garbage bytes")
            << other << QByteArray("\x00\xff\xfe{\x01", 5) << 3 << u"it is not JSON"_s;
        QTest::newRow("empty") << other << QByteArray() << 3 << u"it is not JSON"_s;
        QTest::newRow("cut short") << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s))
                                   << ada.left(ada.size() / 2) << 2 << u"ends too early at line"_s;
        QTest::newRow("another kind of JSON")
            << other << QByteArray(R"({"format": "studybench-progress"})") << 3
            << u"not a StudyBench cohort summary (its \"format\" is \"studybench-progress\")"_s;
        QTest::newRow("newer")
            << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s)) << adaWith(u"version"_s, 2) << 2
            << u"newer StudyBench wrote it (format version 2; this one reads version 1). Skipped: update StudyBench"_s;
        QTest::newRow("bad state")
            << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s)) << QJsonDocument(badState).toJson()
            << 2
            << u"items[0].state: expected not-started, in-progress, done or skipped, found \"finished\""_s;
        QTest::newRow("no device") << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s))
                                   << adaWith(u"device"_s, QString()) << 2
                                   << u"device: expected the learner's device ID"_s;
        QTest::newRow("other curriculum")
            << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s))
            << adaWith(u"curriculum"_s, u"python"_s) << 2
            << u"Ada shares progress in the curriculum 'python', not 'cohort-course'. Skipped"_s;
        QTest::newRow("in another device's folder")
            << other << ada << 3 << u"not of ZZZ whose folder it is in"_s;
        QTest::newRow("other revision")
            << u"learners/%1/summary.json"_s.arg(m_ids.value(u"ada"_s))
            << adaWith(u"curriculumVersion"_s, u"0123456789ab"_s) << 3
            << u"Ada uses another revision of 'cohort-course' (items 0123456789ab"_s;
        QTest::newRow("conflict copy")
            << u"learners/%1/summary.sync-conflict-20261201-101010-ABCDEFG.json"_s.arg(m_ids.value(u"ada"_s))
            << QByteArray("{") << 3 << u"a conflict copy made by the sync engine. Ignored"_s;
        QTest::newRow("nothing yet") << u"learners/ZZZ/"_s << QByteArray() << 3
                                     << u"learners/ZZZ/summary.json: not there yet"_s;
    }

    void badFiles()
    {
        QFETCH(QString, relative);
        QFETCH(QByteArray, bytes);
        QFETCH(int, learners);
        QFETCH(QString, message);
        const QString folder
            = cohortWith(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'), relative, bytes);
        const QStringList before = folderListing(folder);
        const CohortFolder read = CohortReader::read(folder, kCurriculumId, version());
        QCOMPARE(read.learners.size(), learners);
        QCOMPARE(read.messages.size(), 1);
        QVERIFY2(read.messages.first().contains(message), qPrintable(read.messages.first()));
        QCOMPARE(read.cutShort, qstrcmp(QTest::currentDataTag(), "cut short") == 0 ? 1 : 0);
        const CohortOverview o = CohortOverview::compute(read, *m_course, kCurriculumId, kNow);
        QCOMPARE(o.rows.size(), learners);
        QCOMPARE(folderListing(folder), before); // the reader wrote nothing
    }

    void aSummaryNamesTheDevicesSyncedWith()
    {
        QVERIFY(!adaJson().contains("syncsWith")); // Ada syncs with none: the member is left out
        const QString laptop = profile(u"ada-laptop"_s);
        {
            ProgressStore store;
            QVERIFY(store.open(progressDatabasePath(laptop)));
            set(store, u"Caching"_s, ItemState::Done, 4, 1);
        }
        {
            // What a sync pass records after merging Ada's desktop log (SyncEngine::mergePeer).
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peers"_s);
            db.setDatabaseName(progressDatabasePath(laptop));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                u"INSERT INTO sync_peer (device, last_seq, merged_at, changes) VALUES ('%1', 4, 1, 4)"_s.arg(
                    m_ids.value(u"ada"_s))));
        }
        QSqlDatabase::removeDatabase(u"peers"_s);
        const QString folder = m_dir.filePath(u"synced"_s);
        writeTestFile(CohortSummary::path(folder, m_ids.value(u"ada"_s)), adaJson());
        QString error;
        QVERIFY2(CohortShare::saveSettings(laptop, { folder, u"Ada L"_s, false }, &error), qPrintable(error));
        const CohortShareResult shared
            = CohortShare::share(laptop, *m_course, kCurriculumId, kNow.addSecs(60));
        QVERIFY2(shared.ok(), qPrintable(shared.error));
        const QJsonObject json
            = QJsonDocument::fromJson(readFile(CohortSummary::path(folder, shared.deviceId))).object();
        QCOMPARE(json.value(u"syncsWith"_s).toArray(), QJsonArray { m_ids.value(u"ada"_s) });
        QCOMPARE(json.value(u"version"_s).toInt(), 1);
        const CohortOverview o = overview(folder);
        QCOMPARE(o.rows.size(), 1);
        QCOMPARE(o.rows.first().name, u"Ada L"_s); // the laptop's summary is the later one
        QCOMPARE(o.rows.first().deviceId, shared.deviceId);
        QStringList both { m_ids.value(u"ada"_s), shared.deviceId };
        both.sort();
        QCOMPARE(o.rows.first().devices, both);
    }

    // Devices A and B are one learner's ("Ada", B's summary the later); O is another learner.
    void devicesOfOneLearner_data()
    {
        QTest::addColumn<QStringList>("aSyncs");
        QTest::addColumn<QStringList>("bSyncs");
        QTest::addColumn<QStringList>("cSyncs"); ///< device C is shared only when this is not null
        QTest::addColumn<QStringList>("combined");
        QTest::addColumn<int>("learners");
        const QStringList none;
        QTest::newRow("one lists the other")
            << QStringList { u"BBB"_s } << none << QStringList() << QStringList { u"AAA"_s, u"BBB"_s } << 2;
        QTest::newRow("the later lists the older")
            << none << QStringList { u"AAA"_s } << QStringList() << QStringList { u"AAA"_s, u"BBB"_s } << 2;
        QTest::newRow("both list each other") << QStringList { u"BBB"_s } << QStringList { u"AAA"_s }
                                              << QStringList() << QStringList { u"AAA"_s, u"BBB"_s } << 2;
        QTest::newRow("a chain A-C, C-B") << QStringList { u"CCC"_s } << none << QStringList { u"BBB"_s }
                                          << QStringList { u"AAA"_s, u"BBB"_s, u"CCC"_s } << 2;
        QTest::newRow("through an unshared device")
            << QStringList { u"XXX"_s } << QStringList { u"XXX"_s } << QStringList()
            << QStringList { u"AAA"_s, u"BBB"_s } << 2;
        QTest::newRow("no sync: two rows") << none << none << QStringList() << QStringList { u"BBB"_s } << 3;
    }

    void devicesOfOneLearner()
    {
        QFETCH(QStringList, aSyncs);
        QFETCH(QStringList, bSyncs);
        QFETCH(QStringList, cSyncs);
        QFETCH(QStringList, combined);
        QFETCH(int, learners);
        const QString folder
            = m_dir.filePath(u"devices-"_s + QString::number(qHash(QTest::currentDataTag())));
        writeSummary(folder, u"AAA"_s, u"Ada (bootcamp)"_s, 3, 20, aSyncs); // older: stuck, inactive
        writeSummary(folder, u"BBB"_s, u"Ada"_s, 1, 1, bSyncs);
        if (!cSyncs.isEmpty())
            writeSummary(folder, u"CCC"_s, u"Ada (tablet)"_s, 2, 15, cSyncs);
        writeSummary(folder, u"OOO"_s, u"Ola"_s, 1, 30, {});
        const CohortOverview o = overview(folder);
        QCOMPARE(o.rows.size(), learners);
        const auto ada = std::find_if(
            o.rows.cbegin(), o.rows.cend(), [](const CohortRow &r) { return r.deviceId == u"BBB"_s; });
        QVERIFY(ada != o.rows.cend());
        QCOMPARE(ada->name, u"Ada"_s);
        QCOMPARE(ada->devices, combined);
        QVERIFY(!ada->inactive);
        // Only Ola (and, unsynced, the bootcamp desktop) is inactive and stuck on Methods.
        QCOMPARE(o.inactive().size(), learners - 1);
        QCOMPARE(o.inactive().first()->name, u"Ola"_s);
        QCOMPARE(o.stuck.size(), 1);
        QCOMPARE(o.stuck.first().learners.size(), learners - 1);
    }

    void theReaderWritesNothing()
    {
        const QStringList before = folderListing(cohort());
        QVERIFY(!before.isEmpty());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(overview(cohort()).rows.size(), 3);
        QCOMPARE(folderListing(cohort()), before);
    }

    void aMissingFolderOrNoLearners()
    {
        const CohortFolder missing
            = CohortReader::read(m_dir.filePath(u"nowhere"_s), kCurriculumId, version());
        QVERIFY(missing.error.contains(u"is not a folder"_s));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"nowhere"_s)));
        QDir().mkpath(m_dir.filePath(u"empty"_s));
        const CohortFolder empty = CohortReader::read(m_dir.filePath(u"empty"_s), kCurriculumId, version());
        QVERIFY(empty.error.isEmpty());
        QVERIFY(empty.learners.isEmpty());
        QVERIFY(empty.messages.value(0).contains(u"No learner shares progress here yet"_s));
        QVERIFY(QDir(m_dir.filePath(u"empty"_s)).isEmpty());
    }

    void settingsAndStoppingSharing()
    {
        const CohortSettings cy = CohortShare::settings(profile(u"cy"_s));
        QCOMPARE(cy.folder, QFileInfo(cohort()).absoluteFilePath());
        QCOMPARE(cy.name, u"Cy"_s);
        QVERIFY(cy.includeNotes);
        QVERIFY(QFileInfo::exists(QDir(profile(u"cy"_s)).filePath(u"cohort.json"_s)));
        const QStringList others
            = folderListing(CohortSummary::learnersFolder(cohort()) + u'/' + m_ids.value(u"ada"_s));
        QString removed;
        QString error;
        QVERIFY2(CohortShare::stop(profile(u"cy"_s), &removed, &error), qPrintable(error));
        QCOMPARE(removed, CohortSummary::path(cohort(), m_ids.value(u"cy"_s)));
        QVERIFY(!QFileInfo::exists(QFileInfo(removed).path()));
        QCOMPARE(
            folderListing(CohortSummary::learnersFolder(cohort()) + u'/' + m_ids.value(u"ada"_s)), others);
        const CohortSettings stopped = CohortShare::settings(profile(u"cy"_s));
        QVERIFY(!stopped.isSharing());
        QCOMPARE(stopped.name, u"Cy"_s);
        const CohortShareResult refused
            = CohortShare::share(profile(u"cy"_s), *m_course, kCurriculumId, kNow);
        QVERIFY(refused.error.contains(u"choose a cohort folder first"_s));
        shareAs(u"cy"_s, u"Cy"_s, true); // back for the tests after this one
    }
};

QTEST_GUILESS_MAIN(TestCohortSummary)
#include "TestCohortSummary.moc"
