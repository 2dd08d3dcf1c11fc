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

#include <cstdio>

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

} // namespace StudyBench::Bench
