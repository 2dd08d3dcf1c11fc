#pragma once

#include <QtGlobal>

#include <functional>

namespace StudyBench {

/// A token bucket: holds up to capacity() tokens, refills at refillPerSecond() tokens a second,
/// and every request takes one. The clock is injected so the arithmetic can be tested.
class TokenBucket
{
public:
    /// Milliseconds from any fixed origin; it must never go backwards.
    using Clock = std::function<qint64()>;

    TokenBucket(int capacity, double refillPerSecond, Clock clock = {});

    /// Takes a token when one is available.
    bool tryTake();
    int capacity() const { return m_capacity; }
    double refillPerSecond() const { return m_refillPerSecond; }
    /// Whole tokens available now.
    int remaining();
    /// Milliseconds until one whole token is available (0 when one is).
    qint64 msUntilNextToken();
    /// Milliseconds until the bucket is full again.
    qint64 msUntilFull();

private:
    void refill();

    int m_capacity;
    double m_refillPerSecond;
    Clock m_clock;
    double m_tokens;
    qint64 m_lastMs;
};

} // namespace StudyBench
