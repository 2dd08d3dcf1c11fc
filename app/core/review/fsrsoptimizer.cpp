#include "review/fsrsoptimizer.h"

#include <QRandomGenerator>

#include <cmath>
#include <map>
#include <numbers>
#include <tuple>
#include <vector>

namespace StudyBench {

namespace {

constexpr int kN = FsrsFormulas::kWeightCount;

// A value with its gradient with respect to the 21 weights (forward-mode differentiation).
struct Dual
{
    double v = 0.0;
    std::array<double, kN> d {};

    Dual() = default;
    Dual(double value) // implicit: constants mix with weights in the formulas
        : v(value)
    { }
    static Dual weight(double value, int index)
    {
        Dual x(value);
        x.d[size_t(index)] = 1.0;
        return x;
    }
    // The result of f at this point, with f's derivative df (chain rule on every component).
    Dual chained(double value, double derivative) const
    {
        Dual r(value);
        for (int i = 0; i < kN; ++i)
            r.d[size_t(i)] = derivative * d[size_t(i)];
        return r;
    }
};

double valueOf(const Dual &x)
{
    return x.v;
}

Dual operator+(const Dual &a, const Dual &b)
{
    Dual r(a.v + b.v);
    for (size_t i = 0; i < kN; ++i)
        r.d[i] = a.d[i] + b.d[i];
    return r;
}

Dual operator-(const Dual &a, const Dual &b)
{
    Dual r(a.v - b.v);
    for (size_t i = 0; i < kN; ++i)
        r.d[i] = a.d[i] - b.d[i];
    return r;
}

Dual operator-(const Dual &a)
{
    return a.chained(-a.v, -1.0);
}

Dual operator*(const Dual &a, const Dual &b)
{
    Dual r(a.v * b.v);
    for (size_t i = 0; i < kN; ++i)
        r.d[i] = a.d[i] * b.v + a.v * b.d[i];
    return r;
}

Dual operator/(const Dual &a, const Dual &b)
{
    Dual r(a.v / b.v);
    const double inverseSquare = 1.0 / (b.v * b.v);
    for (size_t i = 0; i < kN; ++i)
        r.d[i] = (a.d[i] * b.v - a.v * b.d[i]) * inverseSquare;
    return r;
}

Dual exp(const Dual &a)
{
    const double e = std::exp(a.v);
    return a.chained(e, e);
}

Dual log(const Dual &a)
{
    return a.chained(std::log(a.v), 1.0 / a.v);
}

// a^b = e^(b ln a): d = a^b (b da / a + ln a db).
Dual pow(const Dual &a, const Dual &b)
{
    const double value = std::pow(a.v, b.v);
    const double logA = std::log(a.v);
    Dual r(value);
    for (size_t i = 0; i < kN; ++i)
        r.d[i] = value * (b.v * a.d[i] / a.v + logA * b.d[i]);
    return r;
}

// fsrs-rs training_v6.rs PARAMS_STDDEV: the spread of each weight across users.
constexpr std::array<double, kN> kWeightSpread = { 6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39,
    0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27 };

struct Review
{
    int elapsedDays;
    int grade;
};
using Sequence = std::vector<Review>;

struct Dataset
{
    std::vector<Sequence> cards;
    int reviews = 0;
    int predictions = 0;
    QStringList notes;
};

QString idList(const QList<qint64> &ids)
{
    QStringList shown;
    for (qsizetype i = 0; i < std::min<qsizetype>(ids.size(), 5); ++i)
        shown.append(QString::number(ids[i]));
    if (ids.size() > 5)
        shown.append(QStringLiteral("…"));
    return shown.join(QStringLiteral(", "));
}

// One card's reviews in time order as (elapsed days, grade); false when it has to be left out.
bool toSequence(const CardReviewLog &log, Sequence &sequence, bool &hasGap)
{
    QList<ReviewLogEntry> entries = log.entries;
    for (const ReviewLogEntry &entry : std::as_const(entries)) {
        if (!entry.reviewedAt.isValid())
            return false;
    }
    std::stable_sort(entries.begin(), entries.end(),
        [](const ReviewLogEntry &a, const ReviewLogEntry &b) { return a.reviewedAt < b.reviewedAt; });
    if (entries.isEmpty() || entries.first().stateBefore != CardState::New) {
        hasGap = !entries.isEmpty();
        return false;
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const int elapsed = i == 0 ? 0 : fsrsElapsedDays(entries[i - 1].reviewedAt, entries[i].reviewedAt);
        sequence.push_back({ elapsed, int(entries[i].rating) });
    }
    return true;
}

Dataset prepare(const QList<CardReviewLog> &logs)
{
    Dataset data;
    QList<qint64> gaps;
    QList<qint64> untimed;
    for (const CardReviewLog &log : logs) {
        Sequence sequence;
        bool hasGap = false;
        if (!toSequence(log, sequence, hasGap)) {
            if (hasGap)
                gaps.append(log.cardId);
            else if (!log.entries.isEmpty())
                untimed.append(log.cardId);
            continue;
        }
        data.reviews += int(sequence.size());
        for (size_t i = 1; i < sequence.size(); ++i)
            data.predictions += sequence[i].elapsedDays > 0 ? 1 : 0;
        data.cards.push_back(std::move(sequence));
    }
    if (!gaps.isEmpty())
        data.notes.append(
            FsrsOptimizer::tr("Left out %n card(s) whose log does not start at the first review "
                              "(earlier reviews are missing): %1.",
                nullptr, int(gaps.size()))
                .arg(idList(gaps)));
    if (!untimed.isEmpty())
        data.notes.append(FsrsOptimizer::tr(
            "Left out %n card(s) with reviews that have no valid time: %1.", nullptr, int(untimed.size()))
                .arg(idList(untimed)));
    return data;
}

// Walks one card's reviews, calling visit(p, recalled, elapsedDays, reviewNumber, lapses) for
// every review on a later day than the previous one, with p the predicted recall probability.
template<typename T, typename Visit>
void walk(const FsrsFormulas::Weights<T> &w, const Sequence &sequence, Visit &&visit)
{
    FsrsFormulas::MemoryState<T> state = FsrsFormulas::firstState(w, sequence.front().grade);
    int lapses = 0;
    for (size_t i = 1; i < sequence.size(); ++i) {
        const Review &review = sequence[i];
        if (review.elapsedDays > 0) {
            const T p = FsrsFormulas::retrievability(w, double(review.elapsedDays), state.stability);
            visit(p, review.grade > 1, review.elapsedDays, int(i) + 1, lapses);
            lapses += review.grade == 1 ? 1 : 0;
        }
        state = FsrsFormulas::nextState(w, state, review.elapsedDays, review.grade);
    }
}

template<typename T>
T crossEntropy(const T &p, bool recalled)
{
    using std::log;
    const T clamped = FsrsFormulas::clampValue(p, 1e-6, 1.0 - 1e-6);
    return recalled ? -log(clamped) : -log(1.0 - clamped);
}

int bucket(double x, double base)
{
    return x < 1.0 ? 0 : int(std::floor(std::log(x) / std::log(base))) + 1;
}

FsrsMetrics metricsOf(const Dataset &data, const FsrsWeights &w)
{
    struct Bin
    {
        double predicted = 0.0;
        double recalled = 0.0;
        int count = 0;
    };
    std::map<std::tuple<int, int, int>, Bin> bins;
    FsrsMetrics metrics;
    double loss = 0.0;
    for (const Sequence &sequence : data.cards) {
        walk(w, sequence, [&](double p, bool recalled, int elapsed, int number, int lapses) {
            loss += crossEntropy(p, recalled);
            Bin &bin = bins[{ bucket(elapsed, 3.62), bucket(number, 1.89), bucket(lapses + 1, 1.73) }];
            bin.predicted += p;
            bin.recalled += recalled ? 1.0 : 0.0;
            ++bin.count;
            ++metrics.predictions;
        });
    }
    if (metrics.predictions == 0)
        return metrics;
    double squares = 0.0;
    for (const auto &[key, bin] : bins) {
        const double gap = (bin.predicted - bin.recalled) / bin.count;
        squares += gap * gap * bin.count;
    }
    metrics.logLoss = loss / metrics.predictions;
    metrics.rmseBins = std::sqrt(squares / metrics.predictions);
    return metrics;
}

// With several relearning steps, the same-day weights w17 and w18 get a lower ceiling so that a
// lapse relearned in steps cannot end above its long-term stability (fsrs-rs
// parameter_clipper_v6.rs).
double sameDayCeiling(const FsrsWeights &w, int relearningSteps)
{
    if (relearningSteps <= 1)
        return fsrsWeightUpperBound(17);
    const double x
        = -(std::log(w[11]) + std::log(std::pow(2.0, w[13]) - 1.0) + w[14] * 0.3) / relearningSteps;
    return std::min(fsrsWeightUpperBound(17), std::sqrt(std::max(0.01, x)));
}

FsrsWeights clipped(FsrsWeights w, int relearningSteps)
{
    for (int i = 0; i < kN; ++i)
        w[size_t(i)] = std::clamp(w[size_t(i)], fsrsWeightLowerBound(i), fsrsWeightUpperBound(i));
    const double ceiling = sameDayCeiling(w, relearningSteps);
    w[17] = std::min(w[17], ceiling);
    w[18] = std::min(w[18], ceiling);
    return w;
}

// The gradient of the batch's summed log loss plus its share of the L2 pull.
std::array<double, kN> gradient(const Dataset &data, const std::vector<size_t> &batch, const FsrsWeights &w,
    const FsrsWeights &start, double l2Weight)
{
    FsrsFormulas::Weights<Dual> dw;
    for (int i = 0; i < kN; ++i)
        dw[size_t(i)] = Dual::weight(w[size_t(i)], i);
    std::array<double, kN> grad {};
    int predictions = 0;
    for (size_t card : batch) {
        walk(dw, data.cards[card], [&](const Dual &p, bool recalled, int, int, int) {
            const Dual loss = crossEntropy(p, recalled);
            for (size_t i = 0; i < kN; ++i)
                grad[i] += loss.d[i];
            ++predictions;
        });
    }
    const double share = double(predictions) / std::max(1, data.predictions);
    for (size_t i = 0; i < kN; ++i) {
        const double spread = kWeightSpread[i] * kWeightSpread[i];
        grad[i] += 2.0 * l2Weight * (w[i] - start[i]) / spread * share;
        if (!std::isfinite(grad[i]))
            grad[i] = 0.0;
    }
    return grad;
}

struct Adam
{
    std::array<double, kN> m {};
    std::array<double, kN> v {};
    int t = 0;

    void step(FsrsWeights &w, const std::array<double, kN> &grad, double rate)
    {
        constexpr double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        ++t;
        for (size_t i = 0; i < kN; ++i) {
            m[i] = beta1 * m[i] + (1.0 - beta1) * grad[i];
            v[i] = beta2 * v[i] + (1.0 - beta2) * grad[i] * grad[i];
            const double mHat = m[i] / (1.0 - std::pow(beta1, t));
            const double vHat = v[i] / (1.0 - std::pow(beta2, t));
            w[i] -= rate * mHat / (std::sqrt(vHat) + epsilon);
        }
    }
};

// Cards in a fresh order, dealt round-robin into batches of about batchSize predictions.
std::vector<std::vector<size_t>> dealBatches(size_t cards, int batchCount, QRandomGenerator &random)
{
    std::vector<size_t> order(cards);
    for (size_t i = 0; i < cards; ++i)
        order[i] = i;
    for (size_t i = cards; i > 1; --i)
        std::swap(order[i - 1], order[size_t(random.bounded(quint32(i)))]);
    std::vector<std::vector<size_t>> batches(static_cast<size_t>(batchCount));
    for (size_t i = 0; i < cards; ++i)
        batches[i % size_t(batchCount)].push_back(order[i]);
    return batches;
}

} // namespace

FsrsMetrics FsrsOptimizer::evaluate(const QList<CardReviewLog> &logs, const FsrsWeights &weights)
{
    return metricsOf(prepare(logs), weights);
}

FsrsOptimizerResult FsrsOptimizer::optimize(const QList<CardReviewLog> &logs,
    const FsrsOptimizerOptions &options, const std::atomic_bool *cancel, const Progress &progress)
{
    FsrsOptimizerResult result;
    const Dataset data = prepare(logs);
    result.notes = data.notes;
    result.reviews = data.reviews;
    result.cards = int(data.cards.size());
    if (data.reviews < kMinimumReviews) {
        result.error = tr("Optimizing needs at least %1 reviews; the log has %2. Keep reviewing and optimize "
                          "again later.")
                           .arg(kMinimumReviews)
                           .arg(data.reviews);
        return result;
    }
    if (data.predictions == 0) {
        result.error
            = tr("Every card in the log was reviewed only once, or only on a single day, so there is no "
                 "forgetting to learn from. Review cards again on later days and optimize then.");
        return result;
    }
    const FsrsWeights start = clipped(options.start, options.relearningSteps);
    result.weights = start;
    result.fitted = start;
    result.before = metricsOf(data, start);

    const int batchCount
        = std::max(1, std::min(int(data.cards.size()), data.predictions / std::max(1, options.batchSize)));
    const int totalSteps = std::max(1, options.epochs) * batchCount;
    const quint32 seed[] = { quint32(options.seed), quint32(options.seed >> 32) };
    QRandomGenerator random(seed, seed + 2);
    FsrsWeights w = start;
    Adam adam;
    int done = 0;
    for (int epoch = 0; epoch < std::max(1, options.epochs); ++epoch) {
        for (const std::vector<size_t> &batch : dealBatches(data.cards.size(), batchCount, random)) {
            if (cancel && cancel->load()) {
                result.cancelled = true;
                return result;
            }
            const double rate
                = options.learningRate * 0.5 * (1.0 + std::cos(std::numbers::pi * done / totalSteps));
            adam.step(w, gradient(data, batch, w, start, options.l2Weight), rate);
            w = clipped(w, options.relearningSteps);
            ++done;
            if (progress)
                progress(done, totalSteps);
        }
    }
    result.fitted = w;
    result.after = metricsOf(data, w);
    result.improved = result.after.logLoss < result.before.logLoss;
    if (result.improved)
        result.weights = w;
    return result;
}

} // namespace StudyBench
