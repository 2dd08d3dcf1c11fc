#pragma once

#include <QElapsedTimer>

#include <functional>

namespace StudyBench {

/// A drill's countdown: a time limit, and the time used so far, which only runs while started and
/// not paused. It keeps counting past the limit (remaining time goes negative). The clock it reads
/// is a monotonic QElapsedTimer unless setSource() gives another (tests).
class DrillClock
{
public:
    using Source = std::function<qint64()>; ///< milliseconds, monotonic

    DrillClock();

    void setSource(Source source) { m_source = std::move(source); }
    void setLimitMs(qint64 ms) { m_limitMs = ms; }
    qint64 limitMs() const { return m_limitMs; }

    void start();
    void pause();
    void resume();
    bool isRunning() const { return m_running; }
    bool isStarted() const { return m_started; }

    qint64 usedMs() const;
    /// The limit minus the time used: negative once past the limit.
    qint64 remainingMs() const { return m_limitMs - usedMs(); }

    /// "44:59", or "−01:23" past zero; hours shown from 60 minutes on ("1:02:03").
    static QString format(qint64 ms);

private:
    QElapsedTimer m_timer;
    Source m_source;
    qint64 m_limitMs = 45 * 60 * 1000;
    qint64 m_usedBefore = 0; ///< time used up to the last pause
    qint64 m_runningSince = 0;
    bool m_started = false;
    bool m_running = false;
};

} // namespace StudyBench
