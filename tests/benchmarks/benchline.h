#pragma once

// The one line every benchmark prints per result, read by tools/bench (which makes the table in
// bench/results.md):
//
//   BENCH name=NAME value=V baseline=B unit=UNIT target=TARGET
//
// - baseline: the same measurement of the baseline in the same run, or "-" for an absolute one;
// - target: "ratio<=X" (value / baseline at most X), "value<=X" or "value>=X" (absolute), or "-"
//   (shown, not judged).
// Names and units contain no spaces.

#include <QFile>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace StudyBench::Bench {

inline void printLine(const char *name, double value, double baseline, const char *unit, const char *target)
{
    std::printf(
        "BENCH name=%s value=%.4g baseline=%.4g unit=%s target=%s\n", name, value, baseline, unit, target);
    std::fflush(stdout);
}

/// An absolute result, without a baseline.
inline void printAbsolute(const char *name, double value, const char *unit, const char *target)
{
    std::printf("BENCH name=%s value=%.4g baseline=- unit=%s target=%s\n", name, value, unit, target);
    std::fflush(stdout);
}

using Clock = std::chrono::steady_clock;

/// Milliseconds since @p start.
inline double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// The @p p quantile (0..1) of @p v, nearest rank; 0 for none.
inline double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

/// The machine's 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
inline QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

} // namespace StudyBench::Bench
