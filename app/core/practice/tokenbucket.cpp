#include "practice/tokenbucket.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace StudyBench {

namespace {
// Milliseconds rounded up, ignoring floating-point dust (0.95 tokens must not wait 101 ms for 100).
qint64 ceilMs(double ms)
{
    return qint64(std::ceil(ms - 1e-6));
}

TokenBucket::Clock monotonicClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] {
        return timer->elapsed();
    };
}
} // namespace

TokenBucket::TokenBucket(int capacity, double refillPerSecond, Clock clock)
    : m_capacity(std::max(1, capacity))
    , m_refillPerSecond(refillPerSecond > 0 ? refillPerSecond : 1.0)
    , m_clock(clock ? std::move(clock) : monotonicClock())
    , m_tokens(m_capacity)
    , m_lastMs(m_clock())
{ }

void TokenBucket::refill()
{
    const qint64 now = m_clock();
    if (now > m_lastMs) {
        m_tokens
            = std::min<double>(m_capacity, m_tokens + double(now - m_lastMs) * m_refillPerSecond / 1000.0);
        m_lastMs = now;
    }
}

bool TokenBucket::tryTake()
{
    refill();
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

int TokenBucket::remaining()
{
    refill();
    return int(std::floor(m_tokens));
}

qint64 TokenBucket::msUntilNextToken()
{
    refill();
    if (m_tokens >= 1.0)
        return 0;
    return ceilMs((1.0 - m_tokens) * 1000.0 / m_refillPerSecond);
}

qint64 TokenBucket::msUntilFull()
{
    refill();
    return std::max<qint64>(0, ceilMs((m_capacity - m_tokens) * 1000.0 / m_refillPerSecond));
}

} // namespace StudyBench
