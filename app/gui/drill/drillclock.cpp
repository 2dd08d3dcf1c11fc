#include "drill/drillclock.h"

#include <QString>

namespace StudyBench {

DrillClock::DrillClock()
{
    m_timer.start();
    m_source = [this] {
        return m_timer.elapsed();
    };
}

void DrillClock::start()
{
    m_started = true;
    m_usedBefore = 0;
    m_running = false;
    resume();
}

void DrillClock::pause()
{
    if (!m_running)
        return;
    m_usedBefore += m_source() - m_runningSince;
    m_running = false;
}

void DrillClock::resume()
{
    if (m_running || !m_started)
        return;
    m_runningSince = m_source();
    m_running = true;
}

qint64 DrillClock::usedMs() const
{
    return m_usedBefore + (m_running ? m_source() - m_runningSince : 0);
}

QString DrillClock::format(qint64 ms)
{
    // Whole seconds left, rounded up while counting down so 0:00 shows only at the limit.
    const qint64 seconds = ms >= 0 ? (ms + 999) / 1000 : -ms / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = seconds / 60 % 60;
    const qint64 s = seconds % 60;
    const QString sign = ms < 0 && seconds > 0 ? QStringLiteral("\u2212") : QString();
    if (h > 0)
        return QStringLiteral("%1%2:%3:%4")
            .arg(sign)
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(s, 2, 10, QLatin1Char('0'));
}

} // namespace StudyBench
