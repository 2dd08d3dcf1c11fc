// bench_review: a review grade, from the key press on the review screen to the next card painted,
// against a raw SQLite write of the same rows in the same run.
//
//   bench_review [--grades N]   (default 300; QT_QPA_PLATFORM=offscreen works)
//
// A progress database on disk (beside this executable) with the built-in curriculum's first items
// done; a ReviewSession and its ReviewSessionWidget on it, shown. Each card's back is shown
// (untimed), then "3" (Good) is pressed and the clock runs until the widget has painted the next
// card. The baseline writes the rows each grade wrote (the card's UPDATE and the review_log INSERT,
// read back from the session's file) to a copy with the same cards, through the raw SQLite C API
// with SqliteDatabase's pragmas (WAL, synchronous=FULL, foreign_keys=ON), one transaction per grade
// as ReviewStore::recordGrade does, after every 50 grades (interleaved, so load hits both alike).

#include "benchline.h"
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "review/reviewsession.h"
#include "review/reviewsessionwidget.h"
#include "review/reviewstore.h"
#include "util/datalocation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <sqlite3.h>
#include <vector>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

using namespace StudyBench::Bench;

// Notes any paint in the application after it was armed.
class PaintProbe : public QObject
{
public:
    bool armed = false;
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (armed && event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

sqlite3 *openRaw(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        qFatal("cannot open %s", qPrintable(path));
    sqlite3_busy_timeout(db, 10000);
    for (const char *pragma :
        { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON" })
        sqlite3_exec(db, pragma, nullptr, nullptr, nullptr);
    return db;
}

sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
        qFatal("%s: %s", sql, sqlite3_errmsg(db));
    return s;
}

/// Writes the session's review_log rows after @p lastId to the raw copy, one timed transaction each.
class RawReplay
{
public:
    RawReplay(const QString &sessionFile, const QString &rawFile)
        : m_source(openRaw(sessionFile))
        , m_db(openRaw(rawFile))
    {
        m_read = prepare(m_source,
            "SELECT id, node_id, reviewed_at, rating, elapsed_days, scheduled_days, state_before,"
            " stability_before, difficulty_before, state_after, step_after, stability_after,"
            " difficulty_after, due_after FROM review_log WHERE id > ? ORDER BY id");
        m_update = prepare(m_db,
            "UPDATE review_card SET state = ?, step = ?, stability = ?, difficulty = ?, due_at = ?,"
            " last_review_at = ?, reps = reps + 1, lapses = lapses + (? = 1) WHERE node_id = ?");
        m_insert = prepare(m_db,
            "INSERT INTO review_log (node_id, reviewed_at, rating, elapsed_days, scheduled_days,"
            " state_before, stability_before, difficulty_before, state_after, step_after,"
            " stability_after, difficulty_after, due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    ~RawReplay()
    {
        for (sqlite3_stmt *s : { m_read, m_update, m_insert })
            sqlite3_finalize(s);
        sqlite3_close(m_source);
        sqlite3_close(m_db);
    }

    void replayNew(std::vector<double> &times)
    {
        sqlite3_bind_int64(m_read, 1, m_lastId);
        while (sqlite3_step(m_read) == SQLITE_ROW) {
            m_lastId = sqlite3_column_int64(m_read, 0);
            const Clock::time_point start = Clock::now();
            sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            sqlite3_bind_int(m_update, 1, sqlite3_column_int(m_read, 9));
            sqlite3_bind_int(m_update, 2, sqlite3_column_int(m_read, 10));
            sqlite3_bind_double(m_update, 3, sqlite3_column_double(m_read, 11));
            sqlite3_bind_double(m_update, 4, sqlite3_column_double(m_read, 12));
            sqlite3_bind_int64(m_update, 5, sqlite3_column_int64(m_read, 13));
            sqlite3_bind_int64(m_update, 6, sqlite3_column_int64(m_read, 2));
            sqlite3_bind_int(m_update, 7, sqlite3_column_int(m_read, 3));
            sqlite3_bind_value(m_update, 8, sqlite3_column_value(m_read, 1));
            step(m_update);
            for (int c = 1; c <= 13; ++c)
                sqlite3_bind_value(m_insert, c, sqlite3_column_value(m_read, c));
            step(m_insert);
            if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
                qFatal("COMMIT: %s", sqlite3_errmsg(m_db));
            times.push_back(msSince(start));
        }
        sqlite3_reset(m_read);
    }

private:
    void step(sqlite3_stmt *s)
    {
        if (sqlite3_step(s) != SQLITE_DONE || sqlite3_changes(m_db) != 1)
            qFatal("raw write: %s", sqlite3_errmsg(m_db));
        sqlite3_reset(s);
    }

    sqlite3 *m_source;
    sqlite3 *m_db;
    sqlite3_stmt *m_read = nullptr;
    sqlite3_stmt *m_update = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    qint64 m_lastId = 0;
};

// Marks the first @p count checkable items done in the progress database of @p dir; with
// @p withCards, adds their review cards as ReviewSession would.
void seed(const QString &dir, const Curriculum &curriculum, int count, const QDateTime &at, bool withCards)
{
    ProgressStore progress;
    ReviewStore cards;
    const QString path = progressDatabasePath(dir);
    if (!QDir().mkpath(dir) || !progress.open(path) || !cards.open(path))
        qFatal("cannot create %s", qPrintable(path));
    const QList<const CurriculumNode *> &items = curriculum.checkableNodes();
    for (int i = 0; i < count && i < items.size(); ++i) {
        if (!progress.setState(items.at(i)->id, ItemState::Done, items.at(i)->title, u"bench"_s, at))
            qFatal("cannot seed: %s", qPrintable(progress.errorString()));
        if (withCards && !cards.addCard(items.at(i)->id, items.at(i)->title, at))
            qFatal("cannot seed: %s", qPrintable(cards.errorString()));
    }
}

bool waitUntil(const std::function<bool()> &condition)
{
    QElapsedTimer guard;
    guard.start();
    while (!condition() && guard.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return condition();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Review grade to the next card shown, against a raw SQLite write"_s);
    parser.addHelpOption();
    const QCommandLineOption gradesOption(u"grades"_s, u"Grades to time."_s, u"N"_s, u"300"_s);
    parser.addOption(gradesOption);
    parser.process(app);
    const int grades = std::max(50, parser.value(gradesOption).toInt());

    const CurriculumParseResult builtin = CurriculumParser::builtin();
    if (!builtin.ok())
        qFatal("the built-in curriculum does not parse");
    QTemporaryDir work(QCoreApplication::applicationDirPath() + u"/bench_review-XXXXXX"_s);
    if (!work.isValid())
        qFatal("no temporary directory");
    const QDateTime now(QDate(2026, 6, 1), QTime(9, 0), QTimeZone::UTC);
    const int cards = grades; // Good on a new card brings it back once or twice: enough for N grades
    seed(work.filePath(u"session"_s), *builtin.curriculum, cards, now.addDays(-1), false);
    seed(work.filePath(u"raw"_s), *builtin.curriculum, cards, now.addDays(-1), true);

    ReviewSession session(progressDatabasePath(work.filePath(u"session"_s)), builtin.curriculum);
    session.setNow(now);
    ReviewSessionWidget widget(&session);
    widget.resize(800, 600);
    widget.show();
    PaintProbe probe;
    app.installEventFilter(&probe);
    bool loaded = false;
    QObject::connect(&session, &ReviewSession::loaded, &app, [&loaded] { loaded = true; });
    session.load();
    if (!waitUntil([&] { return loaded && session.current(); }))
        qFatal("the session did not load");
    RawReplay raw(session.databasePath(), progressDatabasePath(work.filePath(u"raw"_s)));

    std::printf("bench_review: %d grades (%lld cards due)\nload average before: %s\n", grades,
        qlonglong(session.remaining()[0]), qPrintable(loadAverage()));
    std::vector<double> gradeMs;
    std::vector<double> rawMs;
    bool graded = false;
    // Armed by graded(): a paint after it shows the next card (the widget's showCurrent() ran first).
    QObject::connect(&session, &ReviewSession::graded, &app, [&graded, &probe] {
        graded = true;
        probe.armed = true;
    });
    for (int i = 0; i < grades && session.current(); ++i) {
        widget.reveal();
        QCoreApplication::processEvents(); // the back painted, untimed
        graded = false;
        probe.armed = false;
        probe.painted = false;
        const Clock::time_point start = Clock::now();
        QTest::keyClick(&widget, Qt::Key_3);
        if (!waitUntil([&] { return graded && probe.painted; }))
            qFatal("grade %d: the next card was not shown", i);
        gradeMs.push_back(msSince(start));
        probe.armed = false;
        if ((i + 1) % 50 == 0)
            raw.replayNew(rawMs);
    }
    raw.replayNew(rawMs);
    const double p50 = percentile(gradeMs, 0.50);
    const double p99 = percentile(gradeMs, 0.99);
    const double rawP50 = percentile(rawMs, 0.50);
    const double rawP99 = percentile(rawMs, 0.99);
    std::printf("  %-40s %6s %9s %9s\n", "", "n", "p50 ms", "p99 ms");
    std::printf("  %-40s %6zu %9.3f %9.3f\n", "grade to next card painted", gradeMs.size(), p50, p99);
    std::printf("  %-40s %6zu %9.3f %9.3f\n", "raw sqlite3, the same rows", rawMs.size(), rawP50, rawP99);
    std::printf("  %-40s %6s %9.2f %9.2f\n", "ratio", "", p50 / rawP50, p99 / rawP99);
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    Bench::printLine("review_grade_to_next_card_p99", p99, rawP99, "ms", "ratio<=1.5");
    return 0;
}
