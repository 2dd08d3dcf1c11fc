// SyncEngine over real progress.sqlite files: devices that write their logs into their own sync
// folders, and logs delivered between those folders as a sync engine would (late, in any order,
// twice, cut short, as conflict copies).

#include "progress/progressstore.h"
#include "review/progressmerge.h"
#include "sync/syncdevice.h"
#include "sync/syncengine.h"
#include "util/datalocation.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

const QString kCurriculum = QStringLiteral("test-curriculum");

struct Device
{
    QString dataDir;
    QString folder;
    QString id;
    std::unique_ptr<ProgressStore> store;
};

QString logFolder(const Device &d)
{
    return SyncDevice::deviceFolder(d.folder, d.id);
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestSyncLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_next = 0;

    std::vector<Device> makeDevices(int n)
    {
        std::vector<Device> devices;
        for (int i = 0; i < n; ++i) {
            Device d;
            const QString base = m_tmp.filePath(QStringLiteral("run%1/dev%2").arg(m_next).arg(i));
            d.dataDir = base + QStringLiteral("/data");
            d.folder = base + QStringLiteral("/folder");
            QDir().mkpath(d.dataDir);
            QString error;
            if (!SyncDevice::setFolder(d.dataDir, d.folder, &error))
                qFatal("%s", qPrintable(error));
            d.id = SyncDevice::load(d.dataDir).deviceId;
            d.store = std::make_unique<ProgressStore>();
            if (!d.store->open(progressDatabasePath(d.dataDir)))
                qFatal("%s", qPrintable(d.store->errorString()));
            devices.push_back(std::move(d));
        }
        ++m_next;
        return devices;
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return f.readAll();
    }

    // The (one) log file @p d wrote.
    static QString logFile(const Device &d)
    {
        const QDir dir(logFolder(d));
        return dir.filePath(dir.entryList({ QStringLiteral("*.jsonl") }, QDir::Files).value(0));
    }

    static SyncPassReport sync(const Device &d)
    {
        SyncEngine engine(d.dataDir, kCurriculum);
        return engine.pass();
    }

    // Copies @p from's logs into @p to's folder: whole, cut at a random byte, or as a conflict copy.
    static void deliver(const Device &from, const Device &to, QRandomGenerator *random = nullptr)
    {
        const QDir source(logFolder(from));
        const QString target = SyncDevice::deviceFolder(to.folder, from.id);
        for (const QString &name : source.entryList({ QStringLiteral("*.jsonl") }, QDir::Files)) {
            QFile f(source.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray bytes = f.readAll();
            QString targetName = name;
            if (random) {
                const int mode = random->bounded(4);
                if (mode >= 2)
                    bytes.truncate(random->bounded(qsizetype(bytes.size() + 1)));
                if (mode == 1 || mode == 3)
                    targetName = name.chopped(6)
                        + QStringLiteral(".sync-conflict-%1-ABC.jsonl").arg(random->bounded(1000));
            }
            writeBytes(QDir(target).filePath(targetName), bytes);
        }
    }

    static ProgressSnapshot snapshot(const Device &d)
    {
        ProgressSnapshot s;
        QString error;
        if (!ProgressSnapshot::readFile(progressDatabasePath(d.dataDir), s, &error))
            qFatal("%s", qPrintable(error));
        return s;
    }

    static void settle(std::vector<Device> &devices)
    {
        for (int round = 0; round < 3; ++round) {
            for (const Device &from : devices) {
                for (const Device &to : devices) {
                    if (&from != &to)
                        deliver(from, to);
                }
            }
            for (const Device &d : devices)
                QVERIFY2(sync(d).ok(), qPrintable(sync(d).error));
        }
    }

    static QString difference(const ProgressSnapshot &a, const ProgressSnapshot &b)
    {
        for (auto t = a.rows.cbegin(); t != a.rows.cend(); ++t) {
            const QList<QVariantMap> other = b.rows.value(t.key());
            if (*t == other)
                continue;
            QString text = t.key() + QStringLiteral(" %1 vs %2 rows").arg(t->size()).arg(other.size());
            for (qsizetype i = 0; i < std::min(t->size(), other.size()); ++i) {
                if (t->at(i) != other.at(i)) {
                    QDebug(&text) << t->at(i) << other.at(i);
                    break;
                }
            }
            return text;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void twoDevicesConverge()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-01T10:00:00Z"), Qt::ISODate);
        QVERIFY(a.store->setState(
            QStringLiteral("x"), ItemState::Done, QStringLiteral("X"), QStringLiteral("gui"), t0));
        QVERIFY(a.store->setNote(QStringLiteral("x"), QStringLiteral("from A")));
        QVERIFY(b.store->setState(
            QStringLiteral("y"), ItemState::InProgress, QStringLiteral("Y"), QStringLiteral("cli"), t0));
        QVERIFY(b.store->setNote(QStringLiteral("x"), QStringLiteral("from B")));
        const SyncPassReport first = sync(a);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(first.exported, 3); // the item, its state change, its note; nothing of B's yet
        deliver(a, b);
        const SyncPassReport onB = sync(b);
        QVERIFY2(onB.ok(), qPrintable(onB.error));
        QVERIFY(onB.changesFrom.value(a.id) >= 2);
        deliver(b, a);
        QVERIFY(sync(a).ok());
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
        QCOMPARE(a.store->item(QStringLiteral("y"))->state, ItemState::InProgress);
        QCOMPARE(b.store->item(QStringLiteral("x"))->state, ItemState::Done);
        const QString note = a.store->note(QStringLiteral("x"));
        QVERIFY2(note.contains(u"from A"_s) && note.contains(u"from B"_s) && note.contains(u"## From "_s),
            qPrintable(note));
        // A merged record is not written to the merging device's own log again.
        QCOMPARE(sync(a).exported, 0);
        QCOMPARE(sync(b).exported, 0);
    }

    void laterStateWinsWhateverTheOrder()
    {
        auto devices = makeDevices(3);
        const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-01T10:00:00Z"), Qt::ISODate);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(devices[i].store->setState(QStringLiteral("n"), ItemState(i + 1), QStringLiteral("N"),
                QStringLiteral("gui"), t0.addSecs(i == 1 ? 60 : i)));
            QVERIFY(sync(devices[i]).ok());
        }
        settle(devices);
        for (const Device &d : devices)
            QCOMPARE(d.store->item(QStringLiteral("n"))->state, ItemState(2)); // device 1's, the latest
        QCOMPARE(snapshot(devices[0]).rows, snapshot(devices[2]).rows);
    }

    // A line cut short by a sync in progress waits; once complete it is merged.
    void partialLastLineWaits()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        QVERIFY(a.store->setState(u"y"_s, ItemState::Done, u"Y"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        const QString log = logFile(a);
        QByteArray bytes = readAll(log);
        const QString target = SyncDevice::deviceFolder(b.folder, a.id) + u'/' + QFileInfo(log).fileName();
        writeBytes(target, bytes.left(bytes.size() - 5)); // the second export's commit cut short
        SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.messages.isEmpty());
        QCOMPARE(b.store->item(u"x"_s)->state, ItemState::Done);
        QVERIFY(!b.store->item(u"y"_s)); // its commit has not arrived: nothing of it is merged
        writeBytes(target, bytes);
        QVERIFY(sync(b).ok());
        QCOMPARE(b.store->item(u"y"_s)->state, ItemState::Done);
    }

    // A conflict copy is just more lines of the same device; records it repeats count once.
    void conflictCopiesAreMerged()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        const QByteArray first = readAll(logFile(a));
        QVERIFY(a.store->setNote(u"x"_s, u"second"_s));
        QVERIFY(sync(a).ok());
        const QString folder = SyncDevice::deviceFolder(b.folder, a.id);
        const QString name = QFileInfo(logFile(a)).completeBaseName();
        writeBytes(folder + u'/' + name + u".jsonl"_s, first);
        writeBytes(
            folder + u'/' + name + u".sync-conflict-20261207-001500-ABCDEFG.jsonl"_s, readAll(logFile(a)));
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(b.store->note(u"x"_s), u"second"_s);
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
    }

    void badLogsAreSkipped_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("message");
        QTest::addRow("newer format")
            << QByteArray(R"({"kind":"header","format":99,"device":"ID","curriculum":"test-curriculum"})")
            << u"newer StudyBench"_s;
        QTest::addRow("other curriculum")
            << QByteArray(R"({"kind":"header","format":1,"device":"ID","curriculum":"other"})")
            << u"another curriculum (other"_s;
        QTest::addRow("no header") << QByteArray("\x00\xff garbage")
                                   << u"does not start with a StudyBench sync header"_s;
    }

    // A log from a newer StudyBench, another curriculum or no log at all is skipped with a message.
    void badLogsAreSkipped()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, message);
        auto devices = makeDevices(1);
        Device &b = devices[0];
        QVERIFY(b.store->setState(u"x"_s, ItemState::InProgress, u"X"_s, u"gui"_s));
        const QString row
            = QStringLiteral(R"({"seq":1,"kind":"row","table":"item","row":{"node_id":"x","state":3,)"
                             R"("confidence":5,"title":"X","updated_at":4102444800000}})");
        writeBytes(SyncDevice::deviceFolder(b.folder, u"ID"_s) + u"/2026-12.jsonl"_s,
            QByteArray(header).replace("ID", "ID") + '\n' + row.toUtf8()
                + "\n{\"seq\":2,\"kind\":\"commit\"}\n");
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(r.messages.join(u'\n').contains(message), qPrintable(r.messages.join(u'\n')));
        QCOMPARE(b.store->item(u"x"_s)->state, ItemState::InProgress);
    }

    // A line of garbage bytes is skipped with a message (file and line); the rest is merged.
    void garbageLinesAreSkipped()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        QList<QByteArray> lines = readAll(logFile(a)).split('\n');
        lines.insert(2, QByteArray("\x01\x02{not json\xff"));
        const QString name = QFileInfo(logFile(a)).fileName();
        writeBytes(SyncDevice::deviceFolder(b.folder, a.id) + u'/' + name, lines.join('\n'));
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(r.messages.join(u'\n').contains(name + u":3: not a sync record, skipped"_s),
            qPrintable(r.messages.join(u'\n')));
        QCOMPARE(b.store->item(u"x"_s)->state, ItemState::Done);
    }

    // A data directory copied elsewhere gets a new device ID (and says so) and keeps its folder.
    void copiedDataDirectoryGetsNewId()
    {
        auto devices = makeDevices(1);
        const QString copy = devices[0].dataDir + u"-copy"_s;
        QVERIFY(QDir().mkpath(copy));
        QVERIFY(QFile::copy(devices[0].dataDir + u"/sync.json"_s, copy + u"/sync.json"_s));
        const SyncSettings settings = SyncDevice::load(copy);
        QVERIFY(settings.deviceId != devices[0].id);
        QVERIFY(settings.message.contains(devices[0].id));
        QCOMPARE(settings.folder, devices[0].folder);
        QCOMPARE(SyncDevice::load(copy).deviceId, settings.deviceId); // stable from then on
        QCOMPARE(SyncDevice::load(devices[0].dataDir).deviceId, devices[0].id);
    }

    void noFolderIsAnError()
    {
        const QString dir = m_tmp.filePath(u"nofolder"_s);
        const SyncPassReport r = SyncEngine(dir, kCurriculum).pass();
        QVERIFY(r.error.contains(u"--folder"_s));
    }

    void randomOperations_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : { 1u, 7u, 42u, 2026u, 90210u })
            QTest::addRow("seed %u", seed) << seed;
    }

    void randomOperations()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        auto devices = makeDevices(3);
        const QString context = QStringLiteral("seed %1").arg(seed);
        // One clock for all three devices that never goes back, as a device's own clock does not:
        // every change is later than the one before, and the confidence (stamped with the real
        // time by the store) too.
        qint64 clock = QDateTime::currentMSecsSinceEpoch();
        const auto tick = [&clock] {
            while (QDateTime::currentMSecsSinceEpoch() <= clock)
                QThread::usleep(200);
            clock = QDateTime::currentMSecsSinceEpoch();
            return clock;
        };
        struct Change
        {
            QString node;
            qint64 at;
            int state;
        };
        QList<Change> changes;
        QMultiHash<QString, QString> words; // node -> every word typed into its note
        int attempts = 0;
        const QStringList nodes { u"a"_s, u"b"_s, u"c"_s, u"d"_s };
        for (int step = 0; step < 160; ++step) {
            const int who = random.bounded(3);
            Device &d = devices[who];
            const QString node = nodes.at(random.bounded(nodes.size()));
            switch (random.bounded(7)) {
            case 0: {
                const int state = random.bounded(4);
                const auto before = d.store->item(node);
                QVERIFY(d.store->setState(node, ItemState(state), node.toUpper(), u"test"_s,
                    QDateTime::fromMSecsSinceEpoch(tick(), QTimeZone::UTC)));
                if (int(before ? before->state : ItemState::NotStarted) != state)
                    changes.append({ node, clock, state });
                break;
            }
            case 1:
                tick();
                QVERIFY(d.store->setConfidence(node, random.bounded(6), node.toUpper()));
                break;
            case 2: {
                const QString word = QStringLiteral("w%1d%2").arg(step).arg(who);
                QVERIFY(d.store->setNote(node, QString(d.store->note(node) + u' ' + word).trimmed()));
                words.insert(node, word);
                break;
            }
            case 3: {
                QSqlDatabase db
                    = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("drill"));
                db.setDatabaseName(progressDatabasePath(d.dataDir));
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral(
                    "INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication,"
                    " problem_solving, technical_depth, verification) VALUES ('%1', %2, 60, 1, 2, 3, 4)")
                        .arg(node)
                        .arg(tick())));
                q.finish();
                db.close();
                db = {};
                QSqlDatabase::removeDatabase(QStringLiteral("drill"));
                ++attempts;
                break;
            }
            case 4:
            case 5: {
                const SyncPassReport r = sync(d);
                QVERIFY2(r.ok(), qPrintable(context + u": "_s + r.error));
                break;
            }
            default: {
                const int to = (who + 1 + random.bounded(2)) % 3;
                deliver(d, devices[to], &random);
                break;
            }
            }
        }
        settle(devices);
        const ProgressSnapshot first = snapshot(devices[0]);
        for (const Device &d : devices)
            QVERIFY2(snapshot(d).rows == first.rows,
                qPrintable(context + u": the databases differ: "_s + difference(snapshot(d), first)));
        QCOMPARE(first.rows.value(u"drill_attempt"_s).size(), attempts);
        QHash<QString, Change> latest;
        for (const Change &c : std::as_const(changes)) {
            bool found = false;
            for (const QVariantMap &row : first.rows.value(u"state_change"_s)) {
                found = found
                    || (row.value(u"node_id"_s) == c.node && row.value(u"changed_at"_s).toLongLong() == c.at
                        && row.value(u"to_state"_s).toInt() == c.state);
            }
            QVERIFY2(found, qPrintable(context + u": a state change was lost"_s));
            latest.insert(c.node, c);
        }
        for (const Device &d : devices) {
            for (const Change &c : std::as_const(latest))
                QVERIFY2(int(d.store->item(c.node)->state) == c.state,
                    qPrintable(context + u": not the latest state"_s));
            for (auto w = words.cbegin(); w != words.cend(); ++w)
                QVERIFY2(d.store->note(w.key()).contains(w.value()),
                    qPrintable(context + u": lost "_s + w.value() + u" in "_s + d.store->note(w.key())));
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncLog)
#include "TestSyncLog.moc"
