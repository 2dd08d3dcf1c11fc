#pragma once

// The FSRS-6 memory model: the formulas alone, written once for any number type T so that the
// scheduler evaluates them on double and the optimizer on a dual number that carries the
// gradient with respect to the 21 weights. Weight indices follow the published FSRS-6 papers
// and fsrs-rs (src/model_v6.rs): w0..w3 initial stability per grade, w4..w7 difficulty,
// w8..w10 recall stability, w11..w14 forget stability, w15 hard penalty, w16 easy bonus,
// w17..w19 same-day (short-term) stability, w20 the decay of the forgetting curve.

#include <algorithm>
#include <array>
#include <cmath>

namespace StudyBench::FsrsFormulas {

inline constexpr int kWeightCount = 21;
inline constexpr double kStabilityMin = 0.001;
inline constexpr double kStabilityMax = 36500.0;
inline constexpr double kDifficultyMin = 1.0;
inline constexpr double kDifficultyMax = 10.0;

template<typename T>
using Weights = std::array<T, kWeightCount>;

/// Grades as numbers: 1 Again, 2 Hard, 3 Good, 4 Easy.
using Grade = int;

inline double valueOf(double x)
{
    return x;
}

using std::exp;
using std::log;
using std::pow;

/// x limited to [lo, hi]; outside it the result is the constant bound (no gradient), as a clamp
/// in fsrs-rs is.
template<typename T>
T clampValue(const T &x, double lo, double hi)
{
    if (valueOf(x) < lo)
        return T(lo);
    if (valueOf(x) > hi)
        return T(hi);
    return x;
}

template<typename T>
T smaller(const T &a, const T &b)
{
    return valueOf(b) < valueOf(a) ? b : a;
}

/// The forgetting curve's factor, 0.9^(-1/w20) - 1, chosen so that R(S, S) = 0.9.
template<typename T>
T forgettingFactor(const Weights<T> &w)
{
    return pow(T(0.9), -1.0 / w[20]) - 1.0;
}

/// R(t, S) = (1 + factor * t / S)^(-w20): the probability of recall t days after a review that
/// left stability S.
template<typename T>
T retrievability(const Weights<T> &w, double elapsedDays, const T &stability)
{
    return pow(1.0 + forgettingFactor(w) * elapsedDays / stability, -w[20]);
}

/// Days until retrievability falls to desiredRetention, unrounded (>= 0).
template<typename T>
T intervalAt(const Weights<T> &w, const T &stability, double desiredRetention)
{
    return stability / forgettingFactor(w) * (pow(T(desiredRetention), -1.0 / w[20]) - 1.0);
}

template<typename T>
T initialStability(const Weights<T> &w, Grade grade)
{
    return clampValue(w[grade - 1], kStabilityMin, kStabilityMax);
}

/// D0(G) = w4 - e^(w5 (G - 1)) + 1, unclamped (the mean reversion target uses it unclamped).
template<typename T>
T initialDifficultyRaw(const Weights<T> &w, Grade grade)
{
    return w[4] - exp(w[5] * double(grade - 1)) + 1.0;
}

template<typename T>
T initialDifficulty(const Weights<T> &w, Grade grade)
{
    return clampValue(initialDifficultyRaw(w, grade), kDifficultyMin, kDifficultyMax);
}

/// D' = w7 D0(Easy) + (1 - w7) (D + (10 - D) (-w6 (G - 3)) / 9), clamped to [1, 10].
template<typename T>
T nextDifficulty(const Weights<T> &w, const T &difficulty, Grade grade)
{
    const T delta = -w[6] * double(grade - 3);
    const T damped = difficulty + (10.0 - difficulty) * delta / 9.0;
    const T reverted = w[7] * initialDifficultyRaw(w, 4) + (1.0 - w[7]) * damped;
    return clampValue(reverted, kDifficultyMin, kDifficultyMax);
}

/// Stability after a successful review (Hard, Good, Easy) on a later day.
template<typename T>
T recallStability(const Weights<T> &w, const T &s, const T &d, const T &r, Grade grade)
{
    T factor = exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp((1.0 - r) * w[10]) - 1.0);
    if (grade == 2)
        factor = factor * w[15];
    if (grade == 4)
        factor = factor * w[16];
    return s * (factor + 1.0);
}

/// Stability after a lapse (Again) on a later day; never above S / e^(w17 w18).
template<typename T>
T forgetStability(const Weights<T> &w, const T &s, const T &d, const T &r)
{
    const T longTerm = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);
    const T shortTermCap = s / exp(w[17] * w[18]);
    return smaller(longTerm, shortTermCap);
}

/// Stability after a same-day review: S e^(w17 (G - 3 + w18)) S^(-w19). For Hard, Good and Easy
/// the factor is at least 1, as in fsrs-rs since 5.2 (py-fsrs 6 floors only Good and Easy).
template<typename T>
T shortTermStability(const Weights<T> &w, const T &s, Grade grade)
{
    T increase = exp(w[17] * (double(grade - 3) + w[18])) * pow(s, -w[19]);
    if (grade >= 2 && valueOf(increase) < 1.0)
        increase = T(1.0);
    return s * increase;
}

template<typename T>
struct MemoryState
{
    T stability;
    T difficulty;
};

/// The memory state after the first review of a card.
template<typename T>
MemoryState<T> firstState(const Weights<T> &w, Grade grade)
{
    return { initialStability(w, grade), initialDifficulty(w, grade) };
}

/// The memory state after a review elapsedDays (whole days) after the previous one: the
/// short-term formula when elapsedDays is 0, else recall or forget stability at R(t, S).
template<typename T>
MemoryState<T> nextState(const Weights<T> &w, const MemoryState<T> &state, int elapsedDays, Grade grade)
{
    T stability;
    if (elapsedDays <= 0) {
        stability = shortTermStability(w, state.stability, grade);
    } else {
        const T r = retrievability(w, double(elapsedDays), state.stability);
        stability = grade == 1 ? forgetStability(w, state.stability, state.difficulty, r)
                               : recallStability(w, state.stability, state.difficulty, r, grade);
    }
    return { clampValue(stability, kStabilityMin, kStabilityMax),
        nextDifficulty(w, state.difficulty, grade) };
}

} // namespace StudyBench::FsrsFormulas
