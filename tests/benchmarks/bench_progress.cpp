// bench_progress: a durable state change through ProgressService, from setState() until its
// stateSaved() arrives on the calling thread, against the same transaction through the raw SQLite C
// API in the same run.
//
//   bench_progress [--changes N]   (default 2,000)
//
// Both sides write an item's state and its history row in one transaction to a progress database
// on disk (a directory beside this executable, not tmpfs) with the same pragmas SqliteDatabase
// sets (journal_mode=WAL, synchronous=FULL, foreign_keys=ON): BEGIN; SELECT the item's state (the
// history row records where it came from); INSERT ... ON CONFLICT DO UPDATE the item; INSERT the
// state_change row; COMMIT. The raw side prepares its statements once. The changes alternate
// between the two sides in blocks of 100, so that a change in the machine's load hits both alike;
// every change is a real one (Done and In progress in turn over 50 items).
// Printed: p50 and p99 of each side, their ratios and the load average.

#include "benchline.h"
#include "progress/progressservice.h"
#include "progress/progressstore.h"
#include "util/datalocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sqlite3.h>
#include <vector>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

using namespace StudyBench::Bench;

QString itemId(int i)
{
    return u"bench/section/topic/item-%1"_s.arg(i % 50);
}

ItemState stateFor(int i)
{
    return (i / 50) % 2 == 0 ? ItemState::Done : ItemState::InProgress;
}

/// The same transaction as ProgressStore::setState, through the C API with statements prepared once.
class RawProgress
{
public:
    explicit RawProgress(const QString &path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            qFatal("cannot open %s", qPrintable(path));
        sqlite3_busy_timeout(m_db, 10000);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        m_read = prepare("SELECT state FROM item WHERE node_id = ?");
        m_upsert = prepare("INSERT INTO item (node_id, state, title, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, "
                           "title = excluded.title, updated_at = excluded.updated_at");
        m_log = prepare("INSERT INTO state_change (node_id, from_state, to_state, changed_at, source) "
                        "VALUES (?, ?, ?, ?, ?)");
    }
    ~RawProgress()
    {
        for (sqlite3_stmt *s : { m_read, m_upsert, m_log })
            sqlite3_finalize(s);
        sqlite3_close(m_db);
    }

    void setState(const QByteArray &id, int state, const QByteArray &title, qint64 ms)
    {
        exec("BEGIN IMMEDIATE");
        sqlite3_bind_text(m_read, 1, id.constData(), int(id.size()), SQLITE_STATIC);
        const bool had = sqlite3_step(m_read) == SQLITE_ROW;
        const int previous = had ? sqlite3_column_int(m_read, 0) : 0;
        sqlite3_reset(m_read);
        sqlite3_bind_text(m_upsert, 1, id.constData(), int(id.size()), SQLITE_STATIC);
        sqlite3_bind_int(m_upsert, 2, state);
        sqlite3_bind_text(m_upsert, 3, title.constData(), int(title.size()), SQLITE_STATIC);
        sqlite3_bind_int64(m_upsert, 4, ms);
        step(m_upsert);
        sqlite3_bind_text(m_log, 1, id.constData(), int(id.size()), SQLITE_STATIC);
        if (had)
            sqlite3_bind_int(m_log, 2, previous);
        else
            sqlite3_bind_null(m_log, 2);
        sqlite3_bind_int(m_log, 3, state);
        sqlite3_bind_int64(m_log, 4, ms);
        sqlite3_bind_text(m_log, 5, "gui", 3, SQLITE_STATIC);
        step(m_log);
        exec("COMMIT");
    }

private:
    void exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            qFatal("%s: %s", sql, sqlite3_errmsg(m_db));
    }
    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
            qFatal("%s: %s", sql, sqlite3_errmsg(m_db));
        return s;
    }
    void step(sqlite3_stmt *s)
    {
        if (sqlite3_step(s) != SQLITE_DONE)
            qFatal("step: %s", sqlite3_errmsg(m_db));
        sqlite3_reset(s);
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_read = nullptr;
    sqlite3_stmt *m_upsert = nullptr;
    sqlite3_stmt *m_log = nullptr;
};

/// A change through the service, timed until its stateSaved() arrives here.
double serviceChange(ProgressService &service, int i)
{
    QEventLoop loop;
    quint64 ticket = 0;
    bool saved = false;
    const auto done = [&](quint64 t) {
        if (t == ticket) {
            saved = true;
            loop.quit();
        }
    };
    const QMetaObject::Connection ok = QObject::connect(&service, &ProgressService::stateSaved, &loop,
        [&](quint64 t, const QString &, ItemState) { done(t); });
    const QMetaObject::Connection failed = QObject::connect(
        &service, &ProgressService::saveFailed, &loop, [&](quint64, const QString &, const QString &error) {
            qFatal("save failed: %s", qPrintable(error));
        });
    const Clock::time_point start = Clock::now();
    ticket = service.setState(itemId(i), stateFor(i), u"Item %1"_s.arg(i % 50));
    if (!saved)
        loop.exec();
    const double ms = msSince(start);
    QObject::disconnect(ok);
    QObject::disconnect(failed);
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A durable state change: ProgressService against the raw SQLite C API"_s);
    parser.addHelpOption();
    const QCommandLineOption changesOption(u"changes"_s, u"Changes on each side."_s, u"N"_s, u"2000"_s);
    parser.addOption(changesOption);
    parser.process(app);
    const int changes = std::max(100, parser.value(changesOption).toInt());

    QTemporaryDir work(QCoreApplication::applicationDirPath() + u"/bench_progress-XXXXXX"_s);
    if (!work.isValid())
        qFatal("no temporary directory");
    const QString serviceDir = work.filePath(u"service"_s);
    const QString rawDir = work.filePath(u"raw"_s);
    // The raw side's file gets the same schema, made by ProgressStore, then closed.
    for (const QString &dir : { serviceDir, rawDir }) {
        ProgressStore store;
        if (!QDir().mkpath(dir) || !store.open(progressDatabasePath(dir)))
            qFatal("cannot create %s", qPrintable(progressDatabasePath(dir)));
    }

    ProgressService service(serviceDir);
    {
        QEventLoop loop;
        QObject::connect(&service, &ProgressService::opened, &loop, [&loop](bool ok, const QString &error) {
            if (!ok)
                qFatal("cannot open: %s", qPrintable(error));
            loop.quit();
        });
        service.open();
        loop.exec();
    }
    RawProgress raw(progressDatabasePath(rawDir));

    std::printf("bench_progress: %d durable state changes on each side\nload average before: %s\n", changes,
        qPrintable(loadAverage()));
    std::vector<double> serviceMs;
    std::vector<double> rawMs;
    for (int block = 0; block < changes; block += 100) {
        for (int i = block; i < std::min(changes, block + 100); ++i)
            serviceMs.push_back(serviceChange(service, i));
        for (int i = block; i < std::min(changes, block + 100); ++i) {
            const QByteArray id = itemId(i).toUtf8();
            const QByteArray title = u"Item %1"_s.arg(i % 50).toUtf8();
            const Clock::time_point start = Clock::now();
            raw.setState(id, int(stateFor(i)), title, QDateTime::currentMSecsSinceEpoch());
            rawMs.push_back(msSince(start));
        }
    }
    const double p50 = percentile(serviceMs, 0.50);
    const double p99 = percentile(serviceMs, 0.99);
    const double rawP50 = percentile(rawMs, 0.50);
    const double rawP99 = percentile(rawMs, 0.99);
    std::printf("  %-34s %9s %9s\n", "", "p50 ms", "p99 ms");
    std::printf("  %-34s %9.3f %9.3f\n", "ProgressService until stateSaved", p50, p99);
    std::printf("  %-34s %9.3f %9.3f\n", "raw sqlite3, same transaction", rawP50, rawP99);
    std::printf("  %-34s %9.2f %9.2f\n", "ratio", p50 / rawP50, p99 / rawP99);
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    Bench::printLine("progress_durable_change_p50", p50, rawP50, "ms", "ratio<=1.2");
    Bench::printLine("progress_durable_change_p99", p99, rawP99, "ms", "ratio<=1.2");
    return 0;
}
