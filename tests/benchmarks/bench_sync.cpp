// bench_sync: one sync pass (SyncEngine::pass) on a large history, against reading the same data
// raw in the same run.
//
//   bench_sync [--days N] [--runs N]   (defaults: a year, 9 runs)
//
// Three devices share one sync folder. Each has a year of its own history, written straight into
// its progress database in one transaction (300 items, 12 state changes, 8 review grades, a
// confidence change and a drill attempt a day; 150 cards; 120 notes), exported by a first pass
// and merged by the others until all three hold everyone's history. Then, on device 0:
//   - idle: a pass when nothing is new anywhere;
//   - local: a pass right after one state change here (it exports it);
//   - merge: device 1's pass after device 0's change (it merges it);
// each the median of --runs passes (device 0's database open meanwhile, as in the app),
// against the baseline: reading every log file in the folder and every row of the progress
// tables once (QFile::readAll, one SELECT per table), the least a pass that looks at everything
// costs. Printed: the medians, their ratios to the baseline, sizes.

#include "benchline.h"
#include "progress/progressstore.h"
#include "review/progressmerge.h"
#include "sync/syncdevice.h"
#include "sync/syncengine.h"
#include "util/datalocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

using namespace StudyBench;
using namespace Qt::StringLiterals;
using namespace StudyBench::Bench;

namespace {

const QString kCurriculum = u"bench"_s;

QString node(int i)
{
    return u"bench/section-%1/item-%2"_s.arg(i / 30).arg(i);
}

void run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastQuery()));
}

// A year (@p days) of one device's history, in one transaction.
void writeHistory(const QString &dataDir, int device, int days)
{
    ProgressStore store; // creates and migrates the file
    if (!store.open(progressDatabasePath(dataDir)))
        qFatal("%s", qPrintable(store.errorString()));
    store.close();
    const QString name = u"bench-history-%1"_s.arg(device);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(progressDatabasePath(dataDir));
        if (!db.open() || !db.transaction())
            qFatal("cannot open %s", qPrintable(dataDir));
        QSqlQuery q(db);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(days) * 86400000 + device * 7;
        for (int c = 0; c < 150; ++c)
            run(q,
                u"INSERT OR IGNORE INTO review_card (node_id, added_at, title, due_at) VALUES (?, ?, ?, ?)"_s,
                { node(c * 2), start, u"Item"_s, start });
        for (int n = 0; n < 120; ++n)
            run(q, u"INSERT INTO note (node_id, body, updated_at) VALUES (?, ?, ?)"_s,
                { node(n * 2 + 1),
                    u"Notes of device %1 on item %2: what I learned, links, questions."_s.arg(device).arg(n),
                    start });
        for (int d = 0; d < days; ++d) {
            const qint64 day = start + qint64(d) * 86400000;
            for (int k = 0; k < 12; ++k) {
                const int i = (d * 12 + k + device * 100) % 300;
                const qint64 at = day + k * 60000;
                run(q,
                    u"INSERT INTO item (node_id, state, title, updated_at) VALUES (?, ?, 'Item', ?) ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"_s,
                    { node(i), (d + k) % 4, at });
                run(q,
                    u"INSERT INTO state_change (node_id, to_state, changed_at, source) VALUES (?, ?, ?, 'gui')"_s,
                    { node(i), (d + k) % 4, at });
            }
            for (int k = 0; k < 8; ++k)
                run(q,
                    u"INSERT INTO review_log (node_id, reviewed_at, rating, elapsed_days, scheduled_days, state_before, stability_before, difficulty_before, state_after, step_after, stability_after, difficulty_after, due_after) VALUES (?, ?, ?, 1, 1, 2, 3.5, 5.0, 2, 0, 4.5, 5.0, ?)"_s,
                    { node(((d * 8 + k) % 150) * 2), day + 3600000 + k * 1000, 1 + (d + k) % 4,
                        day + 86400000 });
            run(q, u"UPDATE item SET confidence = ?, updated_at = ? WHERE node_id = ?"_s,
                { d % 6, day + 7200000, node(d % 300) });
            run(q,
                u"INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication, problem_solving, technical_depth, verification) VALUES (?, ?, 600, 2, 3, 3, 2)"_s,
                { node(d % 300), day + 9000000 });
        }
        if (!db.commit())
            qFatal("cannot commit %s", qPrintable(dataDir));
    }
    QSqlDatabase::removeDatabase(name);
}

SyncPassReport pass(const QString &dataDir)
{
    const SyncPassReport r = SyncEngine(dataDir, kCurriculum).pass();
    if (!r.ok())
        qFatal("pass: %s", qPrintable(r.error));
    return r;
}

// The baseline: every log file in @p folder and every row of @p dataDir's progress tables, read once.
qint64 readRaw(const QString &folder, const QString &dataDir)
{
    qint64 bytes = 0;
    QDirIterator files(folder, { u"*.jsonl"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        if (f.open(QIODevice::ReadOnly))
            bytes += f.readAll().size();
    }
    const QString name = u"bench-raw"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(progressDatabasePath(dataDir));
        db.open();
        for (const ProgressTable &table : progressTables()) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.exec(u"SELECT * FROM %1"_s.arg(table.name));
            while (q.next())
                bytes += q.value(0).toString().size();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return bytes;
}

template<typename F>
double median(int runs, F &&f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f(i);
        ms.push_back(msSince(start));
        if (qEnvironmentVariableIsSet("BENCH_SYNC_DEBUG"))
            std::printf("  %.1f ms\n", ms.back());
    }
    return percentile(ms, 0.5);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption daysOption(u"days"_s, u"Days of history on each device."_s, u"N"_s, u"365"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Passes measured for each case."_s, u"N"_s, u"9"_s);
    parser.addOptions({ daysOption, runsOption });
    parser.process(app);
    const int days = parser.value(daysOption).toInt();
    const int runs = parser.value(runsOption).toInt();
    QTemporaryDir work(QCoreApplication::applicationDirPath() + u"/bench_sync-XXXXXX"_s);
    const QString folder = work.filePath(u"Sync"_s);
    QStringList dirs;
    for (int d = 0; d < 3; ++d) {
        dirs.append(work.filePath(u"device%1"_s.arg(d)));
        QString error;
        if (!SyncDevice::setFolder(dirs.last(), folder, &error))
            qFatal("%s", qPrintable(error));
        writeHistory(dirs.last(), d, days);
    }
    const auto setUp = Clock::now();
    for (int round = 0; round < 2; ++round) {
        for (const QString &dir : std::as_const(dirs))
            pass(dir);
    }
    std::printf("set-up: 3 devices x %d days, first passes %.0f ms\n", days, msSince(setUp));

    // Device 0's database stays open, as the app's progress service keeps it: a pass's connection
    // is not the last one, so closing it does not checkpoint the WAL.
    ProgressStore store;
    if (!store.open(progressDatabasePath(dirs.at(0))))
        qFatal("%s", qPrintable(store.errorString()));
    const double raw = median(runs, [&](int) { readRaw(folder, dirs.at(0)); });
    const double idle = median(runs, [&](int) { pass(dirs.at(0)); });
    std::vector<double> local;
    std::vector<double> merge;
    for (int i = 0; i < runs; ++i) {
        store.setState(
            u"bench/local-change"_s, i % 2 ? ItemState::Done : ItemState::InProgress, u"Item"_s, u"bench"_s);
        auto start = Clock::now();
        if (pass(dirs.at(0)).exported == 0)
            qFatal("the local change was not exported");
        local.push_back(msSince(start));
        start = Clock::now();
        pass(dirs.at(1));
        merge.push_back(msSince(start));
    }
    qint64 logBytes = 0;
    QDirIterator files(folder, { u"*.jsonl"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext())
        logBytes += QFileInfo(files.next()).size();
    std::printf(
        "logs: %.1f MB in the folder; load average %s\n", double(logBytes) / 1e6, qPrintable(loadAverage()));
    // A pass costs less than looking at everything once, whatever the history's size.
    printLine("sync_pass_idle_ms", idle, raw, "ms", "ratio<=1.0");
    printLine("sync_pass_local_change_ms", percentile(local, 0.5), raw, "ms", "ratio<=1.0");
    printLine("sync_pass_merge_one_ms", percentile(merge, 0.5), raw, "ms", "ratio<=1.0");
    return 0;
}
