// bench_dashboard: how long View › Dashboard takes to open on a profile with three years of history.
//
//   bench_dashboard [--runs N] [--keep]
//
// It writes a progress file (tests/support/dashboardhistory.h) for a curriculum of about 700
// items (13 sections of topics, concepts, checklists and projects, generated here): three years
// of a learner who marks items most weekdays and revisits done ones (tens of thousands of state
// changes), reviews every done concept on a short, growing interval (tens of thousands of
// review_log rows) and tries a drill every few days (a few hundred attempts). Then, --runs times
// (default 10), it measures:
//  - load:  DashboardData::load on a worker-free call (what the window's worker thread does);
//  - open:  a new DashboardWindow shown until its data is loaded and its first frame painted
//           (load on the worker thread + models + QPainter charts), as the learner waits for it.
// Printed: median and max of each, in wall-clock time and in the process's CPU time (all threads;
// less sensitive to other processes on a shared machine), and what the file holds. Target: open
// under 100 ms.
// The file goes to a temporary directory beside this executable (on disk, not tmpfs).

#include "benchline.h"
#include "curriculum/curriculumparser.h"
#include "dashboard/dashboardwindow.h"
#include "stats/dashboarddata.h"
#include "support/dashboardhistory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace StudyBench;

namespace {

QByteArray benchCurriculum(QByteArray *drills)
{
    QByteArray md = "# Three Years\n\n";
    for (int s = 1; s <= 13; ++s) {
        md += "## Section " + QByteArray::number(s) + "\n\n";
        for (int t = 1; t <= 4; ++t) {
            md += "### Topic " + QByteArray::number(t) + "\n\n";
            for (int c = 1; c <= 11; ++c)
                md += "- **Concept " + QByteArray::number(s) + "." + QByteArray::number(t) + "."
                    + QByteArray::number(c) + "**: what it means and when it matters.\n";
            md += "\n";
        }
        md += "### Checklist\n\n";
        for (int c = 1; c <= 8; ++c)
            md += "- [ ] Step " + QByteArray::number(c) + " of section " + QByteArray::number(s) + "\n";
        md += "\n### Practical Projects\n\n";
        for (int p = 1; p <= 3; ++p) {
            md += "- Project " + QByteArray::number(s) + "." + QByteArray::number(p) + "\n";
            *drills += "section-" + QByteArray::number(s) + "/practical-projects/project-"
                + QByteArray::number(s) + "-" + QByteArray::number(p) + "\tsection-" + QByteArray::number(s)
                + "/topic-1\n";
        }
        md += "\n";
    }
    return md;
}

double cpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

/// Wall-clock and CPU milliseconds of one run.
struct Sample
{
    double wall = 0;
    double cpu = 0;
};

struct Stats
{
    double median = 0;
    double max = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const qsizetype n = ms.size();
    return { n % 2 ? ms.at(n / 2) : (ms.at(n / 2 - 1) + ms.at(n / 2)) / 2, ms.last() };
}

Sample openOnce(
    const QString &file, const std::shared_ptr<const Curriculum> &curriculum, const QDateTime &now)
{
    const double cpu = cpuMs();
    QElapsedTimer timer;
    timer.start();
    DashboardWindow w;
    w.setClock(now, QTimeZone::LocalTime);
    w.setDatabase(file, curriculum);
    w.resize(1920, 1080);
    QSignalSpy loaded(&w, &DashboardWindow::loaded);
    w.show();
    if (!loaded.wait(30000))
        qFatal("the dashboard did not load");
    w.repaint(); // the first frame with the data, painted now
    return { timer.nsecsElapsed() / 1e6, cpuMs() - cpu };
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("runs"), QStringLiteral("Measured runs (default 10)."),
        QStringLiteral("N"), QStringLiteral("10") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Keep the progress file.") });
    parser.addHelpOption();
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QByteArray drills;
    CurriculumParseResult parsed
        = CurriculumParser::parse(benchCurriculum(&drills), QStringLiteral("bench.md"));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error.toString()));
    std::shared_ptr<const Curriculum> curriculum = std::move(parsed.curriculum);
    QTemporaryDir dir(QCoreApplication::applicationDirPath() + QStringLiteral("/bench-dashboard-XXXXXX"));
    dir.setAutoRemove(!parser.isSet(QStringLiteral("keep")));
    const QString file = dir.filePath(QStringLiteral("progress.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestSupport::HistoryShape shape;
    shape.days = 3 * 365;
    shape.revisitsPerDay = 80;
    shape.intervalGrowth = 1.45;
    shape.maxIntervalDays = 30;
    shape.daysPerDrill = 2;
    shape.drillTable = drills;
    QElapsedTimer fill;
    fill.start();
    const TestSupport::HistoryCounts c = TestSupport::writeHistory(file, *curriculum, shape, now);
    if (c.stateChanges < 0)
        qFatal("could not write %s", qPrintable(file));
    std::printf(
        "profile: %lld checkable items, %d state changes, %d review_log rows (%d cards), %d drill attempts, "
        "%d note edits; %.1f MB; written in %lld ms\n",
        qint64(curriculum->checkableNodes().size()), c.stateChanges, c.reviews, c.cards, c.drillAttempts,
        c.notes, QFileInfo(file).size() / 1e6, fill.elapsed());

    openOnce(file, curriculum, now); // warm-up: the file in the page cache, fonts and styles loaded
    QList<double> load;
    QList<double> loadCpu;
    QList<double> open;
    QList<double> openCpu;
    for (int i = 0; i < runs; ++i) {
        const double cpu = cpuMs();
        QElapsedTimer timer;
        timer.start();
        const DashboardData data = DashboardData::load(file, *curriculum, now);
        load.append(timer.nsecsElapsed() / 1e6);
        loadCpu.append(cpuMs() - cpu);
        if (!data.error.isEmpty())
            qFatal("%s", qPrintable(data.error));
        const Sample o = openOnce(file, curriculum, now);
        open.append(o.wall);
        openCpu.append(o.cpu);
    }
    const auto print = [runs](const char *what, const QList<double> &wall, const QList<double> &cpu) {
        const Stats w = stats(wall);
        const Stats p = stats(cpu);
        std::printf(
            "%-29s wall median %6.1f ms, max %6.1f ms | CPU median %6.1f ms, max %6.1f ms (%d runs)\n", what,
            w.median, w.max, p.median, p.max, runs);
    };
    print("DashboardData::load", load, loadCpu);
    print("DashboardWindow open + paint", open, openCpu);
    std::printf("target: open + paint under 100 ms\n");
    StudyBench::Bench::printAbsolute("dashboard_load_3y", stats(load).median, "ms", "-");
    StudyBench::Bench::printAbsolute("dashboard_open_3y", stats(open).median, "ms", "value<=100");
    return 0;
}
