#pragma once

#include "review/fsrs.h"

#include <QStringList>

#include <atomic>
#include <functional>

namespace StudyBench {

/// How well weights predict a review log. Only reviews on a later day than the card's previous
/// review are predicted (same-day reviews update the memory state but are not scored).
struct FsrsMetrics
{
    /// Mean binary cross-entropy of the predicted recall probability; lower is better.
    double logLoss = 0.0;
    /// RMSE(bins) as in the FSRS benchmark: predictions grouped by interval length, review
    /// number and lapse count (log-scaled buckets), then the root of the count-weighted mean
    /// squared gap between mean prediction and recall rate per group.
    double rmseBins = 0.0;
    /// Reviews predicted.
    int predictions = 0;
};

struct FsrsOptimizerOptions
{
    /// Where the fit starts and what the regularisation pulls toward.
    FsrsWeights start = fsrsDefaultWeights();
    int epochs = 40;
    /// Predicted reviews per Adam step.
    int batchSize = 512;
    /// Adam's step size, annealed along a cosine to 0 over the run (as fsrs-rs).
    double learningRate = 0.04;
    /// Weight of the L2 pull toward start, in units of each weight's spread across users
    /// (fsrs-rs training_v6.rs PENALTY_W_L2 and PARAMS_STDDEV).
    double l2Weight = 0.5;
    /// The learner's relearning steps (FsrsSettings::relearningSteps.size()): with more than one,
    /// w17 and w18 are capped lower, as fsrs-rs does.
    int relearningSteps = 1;
    /// Shuffles cards between epochs; the same seed gives the same fit.
    quint64 seed = 1;
};

struct FsrsOptimizerResult
{
    /// Non-empty when the log cannot be fitted (too few reviews, none on a later day); what to
    /// do is in the message. Nothing else is set then.
    QString error;
    /// Cards left out, and why.
    QStringList notes;
    bool cancelled = false;
    /// True when the fitted weights have a lower log loss than the start on this log.
    bool improved = false;
    /// The weights to use: the fitted ones when improved, else the start.
    FsrsWeights weights = fsrsDefaultWeights();
    /// Where the fit ended, kept or not.
    FsrsWeights fitted = fsrsDefaultWeights();
    FsrsMetrics before;
    FsrsMetrics after;
    int reviews = 0;
    int cards = 0;
};

/// Fits the 21 FSRS-6 weights to review logs by minimising log loss, as fsrs-rs does: Adam with
/// exact gradients (forward-mode differentiation of the same formulas the scheduler uses), the
/// weights clamped to their bounds after every step, an L2 pull toward the (clamped) start
/// weights.
/// Unlike fsrs-rs it does not pre-fit the initial stabilities separately.
class FsrsOptimizer
{
    Q_DECLARE_TR_FUNCTIONS(FsrsOptimizer)

public:
    static constexpr int kMinimumReviews = 400;

    /// Called on the optimizing thread after each step with (steps done, steps in all).
    using Progress = std::function<void(int, int)>;

    /// Blocking and thread-safe (no shared state): run it off the GUI thread, e.g. with
    /// QtConcurrent::run. Each log must be one card's reviews; the order of entries does not
    /// matter. Cards whose log does not start at their first review (stateBefore not New) or has
    /// entries without a time are left out with a note. Setting *cancel stops it within one step
    /// (result.cancelled, weights = start). Needs kMinimumReviews reviews and at least one on a
    /// later day than the card's previous review.
    static FsrsOptimizerResult optimize(const QList<CardReviewLog> &logs,
        const FsrsOptimizerOptions &options = {}, const std::atomic_bool *cancel = nullptr,
        const Progress &progress = {});

    /// Metrics of weights on logs (cards left out as optimize() does).
    static FsrsMetrics evaluate(const QList<CardReviewLog> &logs, const FsrsWeights &weights);
};

} // namespace StudyBench
