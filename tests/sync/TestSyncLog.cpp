// SyncEngine over real progress.sqlite files: devices that write their logs into their own sync
// folders, and logs delivered between those folders as a sync engine would (late, in any order,
// twice, cut short, as conflict copies).

#include "progress/progressstore.h"
#include "review/progressmerge.h"
#include "review/reviewdeck.h"
#include "support/sqliteprobe.h"
#include "sync/syncdevice.h"
#include "sync/syncengine.h"
#include "util/datalocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace StudyBench;
using namespace Qt::StringLiterals;
using StudyBenchTest::sqliteValue;

namespace {

const QString kCurriculum = QStringLiteral("test-curriculum");

struct Device
{
    QString dataDir;
    QString folder;
    QString id;
    std::unique_ptr<ProgressStore> store;
    std::unique_ptr<ReviewStore> review;
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

struct Change
{
    QString node;
    qint64 at;
    int state;
};

class TestSyncLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_next = 0;

    std::vector<Device> makeDevices(int n, bool open = true)
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
            if (open)
                openStores(d);
            devices.push_back(std::move(d));
        }
        ++m_next;
        return devices;
    }

    static void openStores(Device &d)
    {
        d.store = std::make_unique<ProgressStore>();
        d.review = std::make_unique<ReviewStore>();
        if (!d.store->open(progressDatabasePath(d.dataDir))
            || !d.review->open(progressDatabasePath(d.dataDir)))
            qFatal("%s", qPrintable(d.store->errorString() + d.review->errorString()));
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

    // Schema 4 (before changes carried their device and ordering key): an item and its state
    // change as its sync read and logged them, and what it recorded in sync_seen of a row it
    // carried (SHA-1 of the row's compact JSON; a state change's key: node, time, state).
    static QVariantMap v4Item(const Change &c)
    {
        return { { u"node_id"_s, c.node }, { u"state"_s, c.state }, { u"confidence"_s, 0 },
            { u"title"_s, c.node.toUpper() }, { u"updated_at"_s, qlonglong(c.at) } };
    }

    static QVariantMap v4Change(const Change &c)
    {
        return { { u"node_id"_s, c.node }, { u"from_state"_s, QVariant() }, { u"to_state"_s, c.state },
            { u"changed_at"_s, qlonglong(c.at) }, { u"source"_s, u"gui"_s } };
    }

    static QString v4Digest(const QVariantMap &row)
    {
        const QByteArray json
            = QJsonDocument(QJsonObject::fromVariantMap(row)).toJson(QJsonDocument::Compact);
        return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex());
    }

    static void exec(QSqlQuery &q, const QString &sql, const QVariantList &values = {})
    {
        QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
        for (const QVariant &v : values)
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(sql + u": "_s + q.lastError().text()));
    }

    // A schema 4 progress.sqlite of @p d holding @p rows (the ones in @p seen carried by its
    // log or merged from others), having merged the logs of @p peers up to their sequence numbers.
    static void writeV4Database(const Device &d, const QList<Change> &rows, const QList<Change> &seen,
        const QHash<QString, qint64> &peers, qint64 nextSeq)
    {
        const QString name = u"v4-"_s + d.id;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(progressDatabasePath(d.dataDir));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (int step = 0; step < 4; ++step) {
                for (const QString &sql : ProgressStore::migrations().at(step))
                    exec(q, sql);
            }
            exec(q, u"PRAGMA user_version = 4"_s);
            for (const Change &c : rows) {
                exec(q,
                    u"INSERT INTO item (node_id, state, confidence, title, updated_at) VALUES (?, ?, 0, ?, ?)"_s,
                    { c.node, c.state, c.node.toUpper(), qlonglong(c.at) });
                exec(q,
                    u"INSERT INTO state_change (node_id, to_state, changed_at, source) VALUES (?, ?, ?, 'gui')"_s,
                    { c.node, c.state, qlonglong(c.at) });
            }
            for (const Change &c : seen) {
                const QString changeKey
                    = QStringList { c.node, QString::number(c.at), QString::number(c.state) }.join(
                        QChar(0x1f));
                exec(q, u"INSERT INTO sync_seen (tbl, key, digest) VALUES ('item', ?, ?)"_s,
                    { c.node, v4Digest(v4Item(c)) });
                exec(q, u"INSERT INTO sync_seen (tbl, key, digest) VALUES ('state_change', ?, ?)"_s,
                    { changeKey, v4Digest(v4Change(c)) });
            }
            for (auto p = peers.cbegin(); p != peers.cend(); ++p)
                exec(q, u"INSERT INTO sync_peer (device, last_seq, merged_at, changes) VALUES (?, ?, 1, 2)"_s,
                    { p.key(), qlonglong(p.value()) });
            exec(q, u"INSERT INTO sync_meta (key, value) VALUES (?, ?)"_s,
                { QString(u"next_seq/"_s + d.id), QString::number(nextSeq) });
            q.finish();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // The log schema 4 wrote of @p changes on @p d (rows without device and clock), in its folder.
    static qint64 writeV4Log(const Device &d, const QList<Change> &changes)
    {
        const auto line = [](const QJsonObject &o) {
            return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        };
        QByteArray bytes = line({ { u"kind"_s, u"header"_s }, { u"format"_s, 1 }, { u"device"_s, d.id },
            { u"curriculum"_s, kCurriculum } });
        qint64 seq = 1;
        for (const Change &c : changes) {
            bytes += line({ { u"seq"_s, seq++ }, { u"kind"_s, u"row"_s }, { u"table"_s, u"item"_s },
                { u"row"_s, QJsonObject::fromVariantMap(v4Item(c)) } });
            bytes += line({ { u"seq"_s, seq++ }, { u"kind"_s, u"row"_s }, { u"table"_s, u"state_change"_s },
                { u"row"_s, QJsonObject::fromVariantMap(v4Change(c)) } });
        }
        bytes += line({ { u"seq"_s, seq }, { u"kind"_s, u"commit"_s }, { u"at"_s, 1 } });
        writeBytes(QDir(logFolder(d)).filePath(u"2026-11.jsonl"_s), bytes);
        return seq;
    }

    static int historyCount(const Device &d)
    {
        return sqliteValue(progressDatabasePath(d.dataDir), u"SELECT count(*) FROM state_change"_s).toInt();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // Three devices synced under schema 4 (C's change not merged on B yet, A's last change not
    // exported yet) upgrade to schema 5: history is not exported again nor stored twice, every
    // database ends the same, and a change made after the upgrade syncs.
    void schemaFourHistoryIsNotDuplicated_data()
    {
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("A B C") << QList<int> { 0, 1, 2 };
        QTest::newRow("C B A") << QList<int> { 2, 1, 0 };
        QTest::newRow("B A C") << QList<int> { 1, 0, 2 };
    }

    void schemaFourHistoryIsNotDuplicated()
    {
        QFETCH(QList<int>, order);
        auto devices = makeDevices(3, false);
        Device &a = devices[0];
        Device &b = devices[1];
        Device &c = devices[2];
        const qint64 t0 = 1'780'000'000'000;
        const Change fromA { u"x"_s, t0, 1 }, fromB { u"y"_s, t0 + 10, 2 }, fromC { u"z"_s, t0 + 20, 3 };
        const Change pendingOnA { u"w"_s, t0 + 30, 2 };
        const qint64 seqA = writeV4Log(a, { fromA });
        const qint64 seqB = writeV4Log(b, { fromB });
        const qint64 seqC = writeV4Log(c, { fromC });
        writeV4Database(a, { fromA, fromB, fromC, pendingOnA }, { fromA, fromB, fromC },
            { { b.id, seqB }, { c.id, seqC } }, seqA + 1);
        writeV4Database(b, { fromA, fromB }, { fromA, fromB }, { { a.id, seqA } }, seqB + 1);
        writeV4Database(c, { fromA, fromB, fromC }, { fromA, fromB, fromC },
            { { a.id, seqA }, { b.id, seqB } }, seqC + 1);
        for (const Device &from : devices) {
            for (const Device &to : devices) {
                if (&from != &to)
                    deliver(from, to);
            }
        }
        for (Device &d : devices)
            openStores(d);
        QCOMPARE(sqliteValue(progressDatabasePath(a.dataDir), u"PRAGMA user_version"_s).toInt(),
            ProgressStore::kSchemaVersion);
        // Only what was pending under schema 4 is exported: A's last change (its item and change).
        for (int i : order) {
            const SyncPassReport report = sync(devices[i]);
            QVERIFY2(report.ok(), qPrintable(report.error));
            QCOMPARE(report.exported, i == 0 ? 2 : 0);
        }
        settle(devices);
        for (const Device &d : devices)
            QCOMPARE(historyCount(d), 4);
        QCOMPARE(difference(snapshot(a), snapshot(b)), QString());
        QCOMPARE(difference(snapshot(a), snapshot(c)), QString());
        QCOMPARE(b.store->item(u"z"_s)->state, ItemState(3));
        QCOMPARE(c.store->item(u"w"_s)->state, ItemState(2));
        // A change after the upgrade is later than the legacy ones and reaches every device.
        QVERIFY(b.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s,
            QDateTime::fromMSecsSinceEpoch(t0 + 40, QTimeZone::UTC)));
        settle(devices);
        for (const Device &d : devices) {
            QCOMPARE(historyCount(d), 5);
            QCOMPARE(d.store->item(u"x"_s)->state, ItemState::Done);
        }
        QCOMPARE(difference(snapshot(a), snapshot(c)), QString());
        QCOMPARE(difference(snapshot(b), snapshot(c)), QString());
    }

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

    // A pass reads each log on from where the last merge ended: a line already merged is not read
    // again (garbage written over it goes unnoticed); a log that shrank (replaced) is read whole.
    void logsAreReadOnFromTheLastMerge()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        deliver(a, b);
        QVERIFY(sync(b).ok());
        const QString copy
            = SyncDevice::deviceFolder(b.folder, a.id) + u'/' + QFileInfo(logFile(a)).fileName();
        QByteArray bytes = readAll(copy);
        const qsizetype second = bytes.indexOf('\n') + 1;
        bytes.replace(second, 5, QByteArray("junk!"));
        writeBytes(copy, bytes);
        SyncPassReport r = sync(b);
        QVERIFY2(r.ok() && r.messages.isEmpty(), qPrintable(r.messages.join(u'\n')));
        writeBytes(copy, bytes.left(second)); // replaced by a shorter file: read whole again
        r = sync(b);
        QVERIFY(r.ok());
        QVERIFY2(r.messages.isEmpty(), qPrintable(r.messages.join(u'\n')));
        writeBytes(copy, bytes);
        r = sync(b);
        QVERIFY2(
            r.messages.join(u'\n').contains(u":2: not a sync record"_s), qPrintable(r.messages.join(u'\n')));
    }

    // An export appends to the month's log; a line a crash cut short there is ended first, so the
    // next export's records are read (the cut line is skipped with a message).
    void exportAppendsAfterACutLine()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        const QString log = logFile(a);
        writeBytes(log, readAll(log) + QByteArray("{\"seq\":99,\"kind\":\"ro"));
        QVERIFY(a.store->setState(u"y"_s, ItemState::Done, u"Y"_s, u"gui"_s));
        QVERIFY(sync(a).ok());
        deliver(a, b);
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(b.store->item(u"y"_s)->state, ItemState::Done);
        QVERIFY2(r.messages.join(u'\n').contains(u"not a sync record"_s), qPrintable(r.messages.join(u'\n')));
    }

    void noFolderIsAnError()
    {
        const QString dir = m_tmp.filePath(u"nofolder"_s);
        const SyncPassReport r = SyncEngine(dir, kCurriculum).pass();
        QVERIFY(r.error.contains(u"--folder"_s));
    }

    // A crash after an export was appended to the log but before the database committed it: the
    // database is as before the export (its next sequence number too). The next export must not
    // use the logged numbers again, or a device that merged the first export skips the second.
    void exportAfterACrashKeepsItsSequence()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        const QDateTime t0 = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate);
        QVERIFY(a.store->setState(u"x"_s, ItemState::Done, u"X"_s, u"gui"_s, t0));
        QVERIFY(a.store->setConfidence(u"x"_s, 3, u"X"_s, t0));
        QVERIFY(a.store->setNote(u"x"_s, u"first note"_s));
        a.store.reset();
        a.review.reset();
        const QString database = progressDatabasePath(a.dataDir);
        const QString before = m_tmp.filePath(u"before-export-"_s + a.id);
        QVERIFY(QFile::copy(database, before));
        QVERIFY(sync(a).ok());
        deliver(a, b);
        QVERIFY(sync(b).ok());
        QCOMPARE(sqliteValue(database, u"SELECT count(*) FROM sync_meta WHERE key LIKE 'next_seq/%'"_s), 1);
        QVERIFY(QFile::remove(database));
        QVERIFY(QFile::copy(before, database)); // the export's transaction was rolled back
        QCOMPARE(sqliteValue(database, u"SELECT count(*) FROM sync_meta WHERE key LIKE 'next_seq/%'"_s), 0);
        openStores(a);
        QVERIFY(a.store->setState(u"y"_s, ItemState::InProgress, u"Y"_s, u"gui"_s, t0.addSecs(60)));
        QVERIFY(sync(a).ok());
        deliver(a, b);
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(b.store->item(u"y"_s));
        QCOMPARE(b.store->item(u"y"_s)->state, ItemState::InProgress);
        QCOMPARE(b.store->item(u"x"_s)->state, ItemState::Done);
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
    }

    // Equal times everywhere: the device with the greatest ID wins, on every device.
    void equalTimesTieByDeviceId()
    {
        auto devices = makeDevices(3);
        const QDateTime t0 = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate);
        const Device *greatest = &devices[0];
        for (int i = 0; i < 3; ++i) {
            QVERIFY(devices[i].store->setState(u"n"_s, ItemState(i + 1), u"N"_s, u"gui"_s, t0));
            QVERIFY(devices[i].store->setConfidence(u"n"_s, i + 1, u"N"_s, t0));
            QVERIFY(sync(devices[i]).ok());
            if (devices[i].id > greatest->id)
                greatest = &devices[i];
        }
        const ItemRecord expected = *greatest->store->item(u"n"_s);
        settle(devices);
        for (const Device &d : devices) {
            QCOMPARE(d.store->item(u"n"_s)->state, expected.state);
            QCOMPARE(d.store->item(u"n"_s)->confidence, expected.confidence);
        }
        QCOMPARE(snapshot(devices[0]).rows, snapshot(devices[1]).rows);
        QCOMPARE(snapshot(devices[0]).rows, snapshot(devices[2]).rows);
    }

    void confidenceAndStateAreOrderedApart_data()
    {
        QTest::addColumn<bool>("aFirst");
        QTest::addRow("A merges first") << true;
        QTest::addRow("B merges first") << false;
    }

    // A rates its confidence at 10 s; B, which merged nothing from A, changes only the state, at
    // 20 s. B's later item row must not carry its older (unset) confidence over A's: after both
    // merged, in either order, both have A's confidence and B's state.
    void confidenceAndStateAreOrderedApart()
    {
        QFETCH(bool, aFirst);
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        const QDateTime t0 = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate);
        QVERIFY(a.store->setState(u"n"_s, ItemState::InProgress, u"N"_s, u"gui"_s, t0));
        QVERIFY(a.store->setConfidence(u"n"_s, 4, u"N"_s, t0.addSecs(10)));
        QVERIFY(b.store->setState(u"n"_s, ItemState::Done, u"N"_s, u"gui"_s, t0.addSecs(20)));
        QVERIFY(sync(a).ok());
        QVERIFY(sync(b).ok());
        Device &first = aFirst ? a : b;
        Device &second = aFirst ? b : a;
        deliver(second, first);
        QVERIFY(sync(first).ok());
        deliver(first, second);
        QVERIFY(sync(second).ok());
        for (const Device *d : { &a, &b }) {
            QCOMPARE(d->store->item(u"n"_s)->confidence, 4);
            QCOMPARE(d->store->item(u"n"_s)->state, ItemState::Done);
        }
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
        // A later confidence change on B still wins over A's, everywhere.
        QVERIFY(b.store->setConfidence(u"n"_s, 2, u"N"_s, t0.addSecs(30)));
        QVERIFY(sync(b).ok());
        settle(devices);
        for (const Device *d : { &a, &b })
            QCOMPARE(d->store->item(u"n"_s)->confidence, 2);
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
    }

    // Schema 5 -> 6: an item's confidence takes the order the row had (a row not stamped yet keeps
    // its change pending), and the migration's own writes are not changes for sync to export.
    void confidenceOrderMigration()
    {
        auto devices = makeDevices(1, false);
        const Device &d = devices[0];
        const QString path = progressDatabasePath(d.dataDir);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v5"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (int step = 0; step < 5; ++step) {
                for (const QString &sql : ProgressStore::migrations().at(step))
                    exec(q, sql);
            }
            exec(q, u"PRAGMA user_version = 5"_s);
            exec(q,
                u"INSERT INTO item (node_id, state, confidence, title, updated_at, device, clock)"
                " VALUES ('s', 1, 3, 'S', 5, 'PEER', 7), ('u', 2, 4, 'U', 9, '', 0)"_s);
            exec(q, u"DELETE FROM sync_dirty WHERE key = 's'"_s); // merged and recorded already
            q.finish();
        }
        QSqlDatabase::removeDatabase(u"v5"_s);
        openStores(devices[0]);
        QCOMPARE(sqliteValue(path, u"PRAGMA user_version"_s).toInt(), 6);
        QCOMPARE(sqliteValue(path,
                     u"SELECT confidence_device || ' ' || confidence_clock FROM item"
                     " WHERE node_id = 's'"_s)
                     .toString(),
            u"PEER 7"_s);
        QCOMPARE(sqliteValue(path, u"SELECT confidence_clock FROM item WHERE node_id = 'u'"_s).toInt(), -1);
        QCOMPARE(
            sqliteValue(path, u"SELECT group_concat(key) FROM sync_dirty WHERE tbl = 'item'"_s).toString(),
            u"u"_s);
        QVERIFY(sync(d).ok());
        QCOMPARE(
            sqliteValue(path, u"SELECT confidence_device FROM item WHERE node_id = 'u'"_s).toString(), d.id);
    }

    void confidenceFromAnOlderLog_data()
    {
        QTest::addColumn<qint64>("clock");
        QTest::addColumn<int>("confidence");
        QTest::addRow("the logged row is later") << qint64(30000) << 4;
        QTest::addRow("the logged row is earlier") << qint64(10000) << 2;
    }

    // A log written before schema 6 (item rows without their confidence's order) merges as it did:
    // the logged confidence goes with the row's order. B rated 2 and set the state at 20 s.
    void confidenceFromAnOlderLog()
    {
        QFETCH(qint64, clock);
        QFETCH(int, confidence);
        auto devices = makeDevices(2);
        const Device &a = devices[0];
        const Device &b = devices[1];
        const qint64 t0 = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate).toMSecsSinceEpoch();
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(t0 + 20000, QTimeZone::UTC);
        QVERIFY(b.store->setState(u"n"_s, ItemState::Done, u"N"_s, u"gui"_s, at));
        QVERIFY(b.store->setConfidence(u"n"_s, 2, u"N"_s, at));
        QVERIFY(sync(b).ok());
        const auto line = [](const QJsonObject &o) {
            return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        };
        const QJsonObject item { { u"node_id"_s, u"n"_s }, { u"state"_s, 1 }, { u"confidence"_s, 4 },
            { u"title"_s, u"N"_s }, { u"updated_at"_s, t0 + clock }, { u"device"_s, a.id },
            { u"clock"_s, t0 + clock } };
        writeBytes(QDir(SyncDevice::deviceFolder(b.folder, a.id)).filePath(u"2026-12.jsonl"_s),
            line({ { u"kind"_s, u"header"_s }, { u"format"_s, 1 }, { u"device"_s, a.id },
                { u"curriculum"_s, kCurriculum } })
                + line({ { u"seq"_s, 1 }, { u"kind"_s, u"row"_s }, { u"table"_s, u"item"_s },
                    { u"row"_s, item } })
                + line({ { u"seq"_s, 2 }, { u"kind"_s, u"commit"_s }, { u"at"_s, 1 } }));
        const SyncPassReport r = sync(b);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.changesFrom.value(a.id), confidence == 2 ? 0 : 1);
        QCOMPARE(b.store->item(u"n"_s)->confidence, confidence);
        QCOMPARE(b.store->item(u"n"_s)->state, ItemState::Done);
    }

    // B's clock runs an hour behind. B changes an item after merging A's change to it: B's change
    // is ordered after A's (hybrid logical clock) and wins on both devices, though its time is
    // earlier; the time shown stays B's own.
    void changeAfterMergeWinsDespiteSlowClock()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime behind = now.addSecs(-3600 + 60);
        QVERIFY(a.store->setState(u"n"_s, ItemState::Done, u"N"_s, u"gui"_s, now));
        QVERIFY(a.store->setConfidence(u"n"_s, 5, u"N"_s, now));
        QVERIFY(sync(a).ok());
        deliver(a, b);
        QVERIFY(sync(b).ok());
        QCOMPARE(b.store->item(u"n"_s)->state, ItemState::Done);
        QVERIFY(b.store->setState(u"n"_s, ItemState::InProgress, u"N"_s, u"gui"_s, behind));
        QVERIFY(b.store->setConfidence(u"n"_s, 2, u"N"_s, behind));
        QVERIFY(sync(b).ok());
        deliver(b, a);
        QVERIFY(sync(a).ok());
        for (const Device *d : { &a, &b }) {
            QCOMPARE(d->store->item(u"n"_s)->state, ItemState::InProgress);
            QCOMPARE(d->store->item(u"n"_s)->confidence, 2);
            const QList<HistoryEntry> history = d->store->history(u"n"_s);
            QVERIFY(std::any_of(history.cbegin(), history.cend(),
                [&](const HistoryEntry &e) { return e.at == behind && e.to == ItemState::InProgress; }));
        }
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
    }

    // Cards added on two devices are one card; both devices' grades are united and regraded; the
    // review setting changed last wins, ties by device ID.
    void reviewCardsAndSettingsConverge()
    {
        auto devices = makeDevices(2);
        Device &a = devices[0];
        Device &b = devices[1];
        const QDateTime t0 = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate);
        QVERIFY(a.review->addCard(u"n"_s, u"N"_s, t0));
        QVERIFY(b.review->addCard(u"n"_s, u"N"_s, t0.addSecs(30)));
        ReviewDeck deckA(*a.review, nullptr);
        ReviewDeck deckB(*b.review, nullptr);
        QVERIFY(deckA.grade(u"n"_s, Rating::Good, t0.addSecs(60)).error.isEmpty());
        QVERIFY(deckB.grade(u"n"_s, Rating::Again, t0.addSecs(90)).error.isEmpty());
        FsrsSettings settings = a.review->settings();
        settings.desiredRetention = 0.85;
        QVERIFY(a.review->saveSettings(settings, t0.addSecs(100)));
        settings.desiredRetention = 0.95;
        QVERIFY(b.review->saveSettings(settings, t0.addSecs(100)));
        QVERIFY(sync(a).ok());
        QVERIFY(sync(b).ok());
        settle(devices);
        QCOMPARE(snapshot(a).rows, snapshot(b).rows);
        QCOMPARE(a.review->card(u"n"_s)->added, t0);
        QCOMPARE(a.review->card(u"n"_s)->card.reps, 2);
        QCOMPARE(a.review->log(u"n"_s).size(), 2);
        QCOMPARE(a.review->settings().desiredRetention, (a.id > b.id ? 0.85 : 0.95));
    }

    void randomOperations_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("coarse");
        for (quint32 seed : { 1u, 7u, 42u, 2026u, 90210u }) {
            QTest::addRow("seed %u", seed) << seed << false;
            QTest::addRow("seed %u, coarse clock", seed) << seed << true;
        }
    }

    // Three devices, random operations (state-only and confidence-only changes, notes, drill
    // attempts, cards added, grades, review settings), logs delivered late, twice, cut short and
    // as conflict copies: all three databases end identical, table by table, and nothing
    // acknowledged is lost. One clock for all devices: fine (every change later than the one
    // before: each item ends with the state and the confidence set last) or coarse (a minute's
    // steps, so many changes on several devices share a time and ties go by device ID).
    void randomOperations()
    {
        QFETCH(quint32, seed);
        QFETCH(bool, coarse);
        QRandomGenerator random(seed);
        auto devices = makeDevices(3);
        const QString context = QStringLiteral("seed %1%2").arg(seed).arg(coarse ? u" coarse"_s : QString());
        qint64 clock = QDateTime::fromString(u"2026-12-01T08:00:00Z"_s, Qt::ISODate).toMSecsSinceEpoch();
        const auto tick = [&] {
            clock += coarse ? (random.bounded(4) == 0 ? 60000 : 0) : 1 + random.bounded(1000);
            return QDateTime::fromMSecsSinceEpoch(clock, QTimeZone::UTC);
        };
        qint64 attemptTime = clock;
        QList<Change> changes;
        QMultiHash<QString, QString> words; // node -> every word typed into its note
        QSet<QString> grades; // node, time and rating of every grade
        QHash<QString, int> confidences; // node -> the confidence set last
        int attempts = 0;
        const QStringList nodes { u"a"_s, u"b"_s, u"c"_s, u"d"_s };
        for (int step = 0; step < 200; ++step) {
            const int who = random.bounded(3);
            Device &d = devices[who];
            const QString node = nodes.at(random.bounded(nodes.size()));
            switch (random.bounded(10)) {
            case 0: {
                const int state = random.bounded(4);
                const auto before = d.store->item(node);
                QVERIFY(d.store->setState(node, ItemState(state), node.toUpper(), u"test"_s, tick()));
                if (int(before ? before->state : ItemState::NotStarted) != state)
                    changes.append({ node, clock, state });
                break;
            }
            case 1: {
                const int confidence = random.bounded(6);
                QVERIFY(d.store->setConfidence(node, confidence, node.toUpper(), tick()));
                confidences.insert(node, confidence);
                break;
            }
            case 2: {
                const QString word = QStringLiteral("w%1d%2").arg(step).arg(who);
                QVERIFY(d.store->setNote(node, QString(d.store->note(node) + u' ' + word).trimmed()));
                words.insert(node, word);
                break;
            }
            case 3:
                addAttempt(d, node, ++attemptTime);
                ++attempts;
                break;
            case 4:
                QVERIFY(d.review->addCard(node, node.toUpper(), tick()));
                break;
            case 5: {
                if (!d.review->card(node))
                    break;
                const Rating rating = Rating(1 + random.bounded(4));
                ReviewDeck deck(*d.review, nullptr);
                const QDateTime at = tick();
                QVERIFY2(deck.grade(node, rating, at).error.isEmpty(), qPrintable(context));
                grades.insert(
                    QStringLiteral("%1 %2 %3").arg(node).arg(at.toMSecsSinceEpoch()).arg(int(rating)));
                break;
            }
            case 6: {
                FsrsSettings settings = d.review->settings();
                settings.desiredRetention = 0.8 + 0.05 * random.bounded(4);
                settings.maximumIntervalDays = 100 + random.bounded(3) * 100;
                QVERIFY(d.review->saveSettings(settings, tick()));
                break;
            }
            case 7:
            case 8: {
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
        QSet<QString> logged;
        for (const QVariantMap &row : first.rows.value(u"review_log"_s)) {
            logged.insert(QStringLiteral("%1 %2 %3")
                    .arg(row.value(u"node_id"_s).toString())
                    .arg(row.value(u"reviewed_at"_s).toLongLong())
                    .arg(row.value(u"rating"_s).toInt()));
        }
        QVERIFY2(logged == grades, qPrintable(context + u": reviews lost or invented"_s));
        checkStates(devices, first, changes, !coarse, context);
        // A state changed later on another device does not carry that device's older confidence.
        for (const Device &d : devices) {
            for (auto c = confidences.cbegin(); !coarse && c != confidences.cend(); ++c)
                QVERIFY2(d.store->item(c.key())->confidence == c.value(),
                    qPrintable(context + u": not the confidence set last on "_s + c.key()));
        }
        for (const Device &d : devices) {
            for (auto w = words.cbegin(); w != words.cend(); ++w)
                QVERIFY2(d.store->note(w.key()).contains(w.value()),
                    qPrintable(context + u": lost "_s + w.value() + u" in "_s + d.store->note(w.key())));
        }
    }

private:
    static void addAttempt(const Device &d, const QString &node, qint64 at)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("drill"));
        db.setDatabaseName(progressDatabasePath(d.dataDir));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication,"
            " problem_solving, technical_depth, verification) VALUES ('%1', %2, 60, 1, 2, 3, 4)")
                .arg(node)
                .arg(at)));
        q.finish();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("drill"));
    }

    // Every state change is kept; each item has the state of its latest change in sync's order
    // (ordering key, then device), and, with a clock where every change is later than the one
    // before (@p inTime), of the change made last.
    static void checkStates(const std::vector<Device> &devices, const ProgressSnapshot &first,
        const QList<Change> &changes, bool inTime, const QString &context)
    {
        QHash<QString, QVariantMap> latest;
        const auto order = [](const QVariantMap &r) {
            return std::pair(r.value(u"clock"_s).toLongLong(), r.value(u"device"_s).toString());
        };
        for (const QVariantMap &row : first.rows.value(u"state_change"_s)) {
            QVariantMap &l = latest[row.value(u"node_id"_s).toString()];
            if (l.isEmpty() || order(l) < order(row))
                l = row;
        }
        QHash<QString, Change> last;
        for (const Change &c : changes) {
            bool found = false;
            for (const QVariantMap &row : first.rows.value(u"state_change"_s)) {
                found = found
                    || (row.value(u"node_id"_s) == c.node && row.value(u"changed_at"_s).toLongLong() == c.at
                        && row.value(u"to_state"_s).toInt() == c.state);
            }
            QVERIFY2(found, qPrintable(context + u": a state change was lost"_s));
            last.insert(c.node, c);
        }
        for (const Device &d : devices) {
            for (auto l = latest.cbegin(); l != latest.cend(); ++l)
                QVERIFY2(int(d.store->item(l.key())->state) == l->value(u"to_state"_s).toInt(),
                    qPrintable(context + u": not the state of the latest change"_s));
            for (const Change &c : std::as_const(last)) {
                QVERIFY2(!inTime || int(d.store->item(c.node)->state) == c.state,
                    qPrintable(context + u": not the state set last"_s));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncLog)
#include "TestSyncLog.moc"
