// bench_startup: StudyBench's start-up against a bare QMainWindow + QTreeView, in the same run.
//
//   bench_startup [--runs N] [--platform xcb|offscreen|both] [--display :N] [--keep]
//                 [--studybench PATH]
//
// Started --runs times each (default 10), interleaved so that a change in the machine's load
// hits all of them alike, on each platform:
//  - floor:     bench_startup_floor, a bare QMainWindow with an empty QTreeView (1280 x 800);
//  - fresh:     studybench --data-dir on a new, empty directory each time;
//  - existing:  studybench --data-dir on a directory with progress (a third of the checkable
//               items done, in progress or skipped, notes on some), ui.ini and a backup from the
//               runs before: a restart.
// Both programs print, with STUDYBENCH_STARTUP_PROBE=1 in their environment, the
// CLOCK_MONOTONIC time of their first painted frame, of the moment the tree shows the
// curriculum with the saved progress (interactive), and their peak RSS (VmHWM) at that moment;
// see StartupProbe in app/gui/application.cpp. The times are measured from just before the
// process is started, and so include the dynamic linker's work (shown apart: "to main()").
// Printed: medians (min–max), the ratios StudyBench/floor and the load average before and after
// (other processes on the machine slow both programs, not always alike).
//
// xcb runs on an Xvfb the benchmark starts (or on --display); offscreen needs no X server.
// Data directories go to a temporary directory beside this executable (on disk, not tmpfs).
// --studybench measures another build of StudyBench (one with the probe) against the same floor.

#include "benchline.h"
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "util/datalocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

qint64 now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Sample
{
    double mainMs = 0; ///< until main() (the dynamic linker, static initialisers)
    double firstFrameMs = 0;
    double interactiveMs = 0;
    double peakRssMb = 0;
};

struct Stats
{
    double median = 0;
    double min = 0;
    double max = 0;
};

Stats stats(QList<double> values)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return {};
    const qsizetype n = values.size();
    const double median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    return { median, values.first(), values.last() };
}

// Runs @p program with @p arguments on @p platform and reads what its start-up probe printed.
Sample startOnce(
    const QString &program, const QStringList &arguments, const QString &platform, const QString &display)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STUDYBENCH_STARTUP_PROBE"_s, u"1"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, platform);
    env.remove(u"STUDYBENCH_DATA_DIR"_s);
    if (platform == u"xcb"_s)
        env.insert(u"DISPLAY"_s, display);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardErrorFile(QProcess::nullDevice());
    const qint64 started = now();
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        qFatal("%s %s on %s failed (exit code %d)", qPrintable(program), qPrintable(arguments.join(u' ')),
            qPrintable(platform), process.exitCode());
    static const QRegularExpression line(
        u"studybench-startup main-ns=(\\d+) first-frame-ns=(\\d+) interactive-ns=(\\d+) vmhwm-kb=(\\d+)"_s);
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(process.readAllStandardOutput()));
    if (!m.hasMatch())
        qFatal("%s printed no start-up line (is STUDYBENCH_STARTUP_PROBE supported?)", qPrintable(program));
    Sample s;
    s.mainMs = double(m.captured(1).toLongLong() - started) / 1e6;
    s.firstFrameMs = double(m.captured(2).toLongLong() - started) / 1e6;
    s.interactiveMs = double(m.captured(3).toLongLong() - started) / 1e6;
    s.peakRssMb = double(m.captured(4).toLongLong()) / 1024.0;
    return s;
}

// The 1, 5 and 15-minute load averages (Linux).
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    const QList<QByteArray> fields = file.readAll().split(' ');
    return QString::fromLatin1(fields.mid(0, 3).join(' '));
}

// Progress as a learner has it after a while: a third of the checkable items marked (most of
// them done), with a note on every tenth of those.
void seedProgress(const QString &dataDir)
{
    const CurriculumParseResult builtin = CurriculumParser::builtin();
    if (!builtin.ok())
        qFatal("the built-in curriculum does not parse");
    ProgressStore store;
    if (!QDir().mkpath(dataDir) || !store.open(progressDatabasePath(dataDir)))
        qFatal("cannot create the progress database in %s", qPrintable(dataDir));
    const QList<const CurriculumNode *> &items = builtin.curriculum->checkableNodes();
    const ItemState states[]
        = { ItemState::Done, ItemState::Done, ItemState::InProgress, ItemState::Skipped };
    int marked = 0;
    for (qsizetype i = 0; i < items.size(); i += 3, ++marked) {
        const CurriculumNode *node = items.at(i);
        if (!store.setState(node->id, states[marked % 4], node->title, u"bench"_s))
            qFatal("cannot write progress: %s", qPrintable(store.errorString()));
        if (marked % 10 == 0)
            store.setNote(node->id, u"Notes on %1: what I tried, what to read next."_s.arg(node->title));
    }
    std::printf("existing data: %d of %lld checkable items marked\n", marked, qlonglong(items.size()));
}

// An Xvfb on a display number nobody uses, for as long as this object lives.
class Xvfb
{
public:
    Xvfb()
    {
        for (int n = 90; n < 190 && m_display.isEmpty(); ++n) {
            if (inUse(n))
                continue;
            m_process.start(u"Xvfb"_s,
                { u":%1"_s.arg(n), u"-screen"_s, u"0"_s, u"1920x1080x24"_s, u"-nolisten"_s, u"tcp"_s });
            if (!m_process.waitForStarted(5000))
                qFatal("cannot start Xvfb (is it installed?)");
            for (int i = 0; i < 100 && m_process.state() == QProcess::Running; ++i) {
                if (inUse(n)) {
                    m_display = u":%1"_s.arg(n);
                    break;
                }
                QThread::msleep(50);
            }
            if (m_display.isEmpty()) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
        if (m_display.isEmpty())
            qFatal("could not start Xvfb on any display from :90 to :189");
    }
    ~Xvfb()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    QString display() const { return m_display; }

private:
    // Whether an X server listens on display @p n (abstract or file socket).
    static bool inUse(int n)
    {
        const QByteArray name = "/tmp/.X11-unix/X" + QByteArray::number(n);
        if (QFile::exists(QString::fromLatin1(name)))
            return true;
        QFile sockets(u"/proc/net/unix"_s);
        if (!sockets.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray &line : sockets.readAll().split('\n')) {
            if (line.endsWith(QByteArray(" @" + name)))
                return true;
        }
        return false;
    }

    QProcess m_process;
    QString m_display;
};

struct Series
{
    QString name;
    QList<Sample> samples;

    Stats main() const { return pick(&Sample::mainMs); }
    Stats firstFrame() const { return pick(&Sample::firstFrameMs); }
    Stats interactive() const { return pick(&Sample::interactiveMs); }
    Stats peakRss() const { return pick(&Sample::peakRssMb); }

private:
    Stats pick(double Sample::*field) const
    {
        QList<double> v;
        for (const Sample &s : samples)
            v.append(s.*field);
        return stats(v);
    }
};

void printPlatform(const QString &platform, const Series &floor, const QList<Series> &apps, int runs)
{
    std::printf("\n%s, median (min–max) of %d runs\n", qPrintable(platform), runs);
    std::printf("  %-22s %21s %21s %21s %19s\n", "", "to main() ms", "first frame ms", "interactive ms",
        "peak RSS MB");
    auto cell = [](const Stats &s) {
        return QString::asprintf("%6.1f (%5.1f–%5.1f)", s.median, s.min, s.max);
    };
    auto row = [&cell](const Series &s) {
        std::printf("  %-22s %21s %21s %21s %19s\n", qPrintable(s.name), qPrintable(cell(s.main())),
            qPrintable(cell(s.firstFrame())), qPrintable(cell(s.interactive())),
            qPrintable(cell(s.peakRss())));
    };
    row(floor);
    for (const Series &s : apps)
        row(s);
    const double f = floor.firstFrame().median;
    for (const Series &s : apps) {
        std::printf("  %s / floor's first frame: first frame %.2f, interactive %.2f; peak RSS %.2f\n",
            qPrintable(s.name), s.firstFrame().median / f, s.interactive().median / f,
            s.peakRss().median / floor.peakRss().median);
    }
    // For tools/bench: a restart on existing data, to the tree showing the curriculum with the saved
    // progress, against the floor's first frame; peak RSS at that moment against the floor's.
    const Series &restart = apps.last();
    const QByteArray frameName = "startup_first_frame_" + platform.toLatin1();
    const QByteArray rssName = "startup_peak_rss_" + platform.toLatin1();
    Bench::printLine(frameName.constData(), restart.interactive().median, f, "ms", "ratio<=1.5");
    Bench::printLine(
        rssName.constData(), restart.peakRss().median, floor.peakRss().median, "MB", "ratio<=1.4");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"StudyBench's start-up against a bare QMainWindow + QTreeView"_s);
    parser.addHelpOption();
    const QCommandLineOption runsOption(
        u"runs"_s, u"Starts of each program (medians are shown)."_s, u"N"_s, u"10"_s);
    const QCommandLineOption platformOption(
        u"platform"_s, u"xcb, offscreen or both (default)."_s, u"NAME"_s, u"both"_s);
    const QCommandLineOption displayOption(
        u"display"_s, u"Use this X server for xcb instead of starting an Xvfb."_s, u"DISPLAY"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the data directories."_s);
    const QCommandLineOption studybenchOption(u"studybench"_s,
        u"The studybench executable to measure (default: the one built with this benchmark)."_s, u"PATH"_s,
        QStringLiteral(STUDYBENCH_GUI_PATH));
    parser.addOptions({ runsOption, platformOption, displayOption, keepOption, studybenchOption });
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QStringList platforms;
    const QString platformValue = parser.value(platformOption);
    if (platformValue == u"both"_s)
        platforms = { u"xcb"_s, u"offscreen"_s };
    else if (platformValue == u"xcb"_s || platformValue == u"offscreen"_s)
        platforms = { platformValue };
    else
        qFatal("--platform: xcb, offscreen or both");

    const QString studybench
        = QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(studybenchOption)));
    const QString floorProgram = QDir::cleanPath(QStringLiteral(STUDYBENCH_FLOOR_PATH));
    QTemporaryDir work(QCoreApplication::applicationDirPath() + u"/bench_startup-XXXXXX"_s);
    if (!work.isValid())
        qFatal("no temporary directory");
    work.setAutoRemove(!parser.isSet(keepOption));
    if (parser.isSet(keepOption))
        std::printf("data directories in %s\n", qPrintable(work.path()));

    std::optional<Xvfb> xvfb;
    QString display = parser.value(displayOption);
    if (platforms.contains(u"xcb"_s) && display.isEmpty()) {
        xvfb.emplace();
        display = xvfb->display();
    }

    const QString existing = work.filePath(u"existing"_s);
    seedProgress(existing);
    std::printf("StudyBench: %s\nfloor:      %s\n", qPrintable(studybench), qPrintable(floorProgram));
    if (!display.isEmpty())
        std::printf("X server:   %s\n", qPrintable(display));
    std::printf("load average before: %s\n", qPrintable(loadAverage()));

    for (const QString &platform : std::as_const(platforms)) {
        // Once each to fill the page cache; the existing data directory gets its backup and ui.ini.
        startOnce(floorProgram, {}, platform, display);
        startOnce(studybench, { u"--data-dir"_s, existing }, platform, display);
        startOnce(
            studybench, { u"--data-dir"_s, work.filePath(u"warm-up-%1"_s.arg(platform)) }, platform, display);

        Series floor { u"floor"_s, {} };
        Series fresh { u"StudyBench, fresh"_s, {} };
        Series restart { u"StudyBench, existing"_s, {} };
        for (int i = 0; i < runs; ++i) {
            floor.samples.append(startOnce(floorProgram, {}, platform, display));
            const QString freshDir = work.filePath(u"fresh-%1-%2"_s.arg(platform).arg(i));
            fresh.samples.append(startOnce(studybench, { u"--data-dir"_s, freshDir }, platform, display));
            if (!parser.isSet(keepOption))
                QDir(freshDir).removeRecursively();
            restart.samples.append(startOnce(studybench, { u"--data-dir"_s, existing }, platform, display));
            std::fprintf(stderr, "\r%s: %d/%d", qPrintable(platform), i + 1, runs);
        }
        std::fprintf(stderr, "\n");
        printPlatform(platform, floor, { fresh, restart }, runs);
    }
    std::printf("\nload average after: %s\n", qPrintable(loadAverage()));
    return 0;
}
