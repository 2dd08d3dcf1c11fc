#pragma once

#include "review/fsrsformulas.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace StudyBench {

/// The FSRS-6 default weights (fsrs-rs FSRS6_DEFAULT_PARAMETERS, py-fsrs 6 DEFAULT_PARAMETERS).
using FsrsWeights = FsrsFormulas::Weights<double>;
FsrsWeights fsrsDefaultWeights();
/// The range each weight may take (fsrs-rs parameter_clipper_v6.rs, with one relearning step).
double fsrsWeightLowerBound(int index);
double fsrsWeightUpperBound(int index);

/// Whole 24-hour days from one review to the next (0 when to is before from), the elapsed time
/// FSRS sees; shared by the scheduler, the simulator and the optimizer.
int fsrsElapsedDays(const QDateTime &from, const QDateTime &to);

enum class Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4
};
enum class CardState
{
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3
};

/// One card's scheduling state. A default-constructed card is New and due at once.
struct FsrsCard
{
    CardState state = CardState::New;
    /// Index into the learning or relearning steps while in those states, else 0.
    int step = 0;
    /// Days for retrievability to fall to 90%; 0 while New.
    double stability = 0.0;
    /// 1 (easy) .. 10 (hard); 0 while New.
    double difficulty = 0.0;
    QDateTime due;
    /// Invalid while New.
    QDateTime lastReview;
    int reps = 0;
    /// Times a card in Review was graded Again.
    int lapses = 0;
    /// Seeds the interval fuzz (e.g. the card's id), so a card's schedule is reproducible.
    quint64 fuzzSeed = 0;

    bool operator==(const FsrsCard &) const = default;
};

/// What one grade did to a card.
struct ReviewLogEntry
{
    Rating rating = Rating::Good;
    QDateTime reviewedAt;
    /// Whole days (24 h) since the previous review; 0 for the first one or the same day.
    int elapsedDays = 0;
    /// Whole days from this review to the new due time (0 for a learning step).
    int scheduledDays = 0;
    CardState stateBefore = CardState::New;
    double stabilityBefore = 0.0;
    double difficultyBefore = 0.0;
    double stabilityAfter = 0.0;
    double difficultyAfter = 0.0;

    bool operator==(const ReviewLogEntry &) const = default;
};

/// A card's review log, oldest first, as the optimizer and replay take it.
struct CardReviewLog
{
    qint64 cardId = 0;
    QList<ReviewLogEntry> entries;
};

/// Learning and relearning steps in seconds. Text form: "1m 10m", "30s", "1h", "1d", "none".
struct FsrsSteps
{
    Q_DECLARE_TR_FUNCTIONS(FsrsSteps)

public:
    /// The steps, or an error message (what was wrong, where, what to write instead).
    static std::optional<QList<qint64>> parse(const QString &text, QString *error);
    /// The canonical text for steps ("none" when empty); parse(format(s)) == s.
    static QString format(const QList<qint64> &steps);
};

struct FsrsSettings
{
    Q_DECLARE_TR_FUNCTIONS(FsrsSettings)

public:
    FsrsWeights weights = fsrsDefaultWeights();
    double desiredRetention = 0.90;
    QList<qint64> learningSteps = { 60, 600 };
    QList<qint64> relearningSteps = { 600 };
    int maximumIntervalDays = 36500;
    bool fuzz = true;

    static constexpr double kMinRetention = 0.70;
    static constexpr double kMaxRetention = 0.97;

    /// Empty when the settings are usable, else why not (each weight within its bounds,
    /// retention within [0.70, 0.97], maximum interval >= 1, steps positive).
    QString validate() const;
};

struct GradeResult
{
    FsrsCard card;
    ReviewLogEntry log;
    /// Non-empty when the grade was refused; card is then the card as given.
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// The FSRS-6 scheduler. Pure: every function depends on its arguments and the settings only.
/// Elapsed time counts whole 24-hour days between UTC instants, as py-fsrs does; a review less
/// than 24 hours after the previous one is a same-day review (short-term stability); unlike
/// Anki, days are not calendar days with a rollover hour.
class Fsrs
{
    Q_DECLARE_TR_FUNCTIONS(Fsrs)

public:
    /// The settings must validate(); invalid ones are replaced by the defaults with a warning.
    explicit Fsrs(FsrsSettings settings = {});

    const FsrsSettings &settings() const { return m_settings; }

    /// Grades card at now. Refused (error set, card unchanged) when now is invalid or before
    /// the card's last review. Otherwise: stability and difficulty follow FSRS-6, the state and
    /// step follow the (re)learning steps, due = now + step or interval, and the log entry
    /// records the state before and after.
    GradeResult grade(const FsrsCard &card, Rating rating, const QDateTime &now) const;

    /// Probability of recall at now, using the whole days elapsed since the last review
    /// (overdue and early reviews alike). 0 for a New card; 1 before its last review.
    double retrievability(const FsrsCard &card, const QDateTime &now) const;

    /// Days until retrievability falls to the desired retention, unrounded.
    double intervalDays(double stability) const;
    /// The interval a Review card gets: intervalDays rounded, within [1, maximumIntervalDays],
    /// before fuzz.
    int scheduledIntervalDays(double stability) const;

    /// The card its log produces when graded from New (created at added, fuzzSeed kept):
    /// entries are applied in time order (stable for equal times); entries with an invalid
    /// time are skipped. The same log and settings give the same card on every device.
    FsrsCard replay(const QList<ReviewLogEntry> &log, const QDateTime &added, quint64 fuzzSeed) const;
    /// replay() step by step: what each valid entry, in the order replay() applies them, does to
    /// the card (the last result's card is replay()'s). A merge rewrites a united log with it.
    QList<GradeResult> replaySteps(
        const QList<ReviewLogEntry> &log, const QDateTime &added, quint64 fuzzSeed) const;

    /// Expected reviews per card in its first year at the given desired retention (clamped to
    /// [0.70, 0.97]), for showing beside the retention setting: the mean over
    /// a fixed-seed simulation of 1,000 cards graded by a learner whose memory follows these
    /// weights (recall decided by retrievability; first grades and success grades drawn in the
    /// fsrs-rs simulator's default proportions), counting learning steps. Deterministic.
    double expectedReviewsPerYear(double desiredRetention) const;

private:
    struct Next
    {
        CardState state;
        int step;
        qint64 delaySeconds;
    };
    Next learningNext(
        const QList<qint64> &steps, CardState state, int step, Rating rating, double stability) const;
    Next reviewNext(Rating rating, double stability) const;
    int fuzzedDays(int days, const FsrsCard &card) const;

    FsrsSettings m_settings;
};

/// Human-readable names for the UI and CLI (translated).
QString ratingName(Rating rating);
QString cardStateName(CardState state);
/// "again", "hard", "good", "easy" (case-insensitive) or "1".."4".
std::optional<Rating> ratingFromString(const QString &text);

} // namespace StudyBench
