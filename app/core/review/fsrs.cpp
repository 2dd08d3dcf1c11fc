#include "review/fsrs.h"

#include "review/fsrssimulator.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace StudyBench {

namespace {

constexpr qint64 kSecondsPerDay = 86400;

// fsrs-rs parameter_clipper_v6.rs with one relearning step and short-term stability on.
constexpr std::array<std::pair<double, double>, FsrsFormulas::kWeightCount> kWeightBounds = { {
    { 0.001, 100.0 },
    { 0.001, 100.0 },
    { 0.001, 100.0 },
    { 0.001, 100.0 },
    { 1.0, 10.0 },
    { 0.001, 4.0 },
    { 0.001, 4.0 },
    { 0.001, 0.75 },
    { 0.0, 4.5 },
    { 0.0, 0.8 },
    { 0.001, 3.5 },
    { 0.001, 5.0 },
    { 0.001, 0.25 },
    { 0.001, 0.9 },
    { 0.0, 4.0 },
    { 0.0, 1.0 },
    { 1.0, 6.0 },
    { 0.0, 2.0 },
    { 0.0, 2.0 },
    { 0.01, 0.8 },
    { 0.1, 0.8 },
} };

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

FsrsWeights fsrsDefaultWeights()
{
    // FSRS-6 defaults: fsrs-rs src/inference_v6.rs FSRS6_DEFAULT_PARAMETERS (= py-fsrs 6.x
    // fsrs/scheduler.py DEFAULT_PARAMETERS, w20 = FSRS_DEFAULT_DECAY 0.1542).
    return { 0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
        0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542 };
}

int fsrsElapsedDays(const QDateTime &from, const QDateTime &to)
{
    return int(std::max<qint64>(0, from.secsTo(to)) / kSecondsPerDay);
}

double fsrsWeightLowerBound(int index)
{
    return kWeightBounds.at(size_t(index)).first;
}

double fsrsWeightUpperBound(int index)
{
    return kWeightBounds.at(size_t(index)).second;
}

// --- Steps ---------------------------------------------------------------------------------

std::optional<QList<qint64>> FsrsSteps::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        return QList<qint64> {};
    static const QRegularExpression stepPattern(
        u"^(\\d{1,6}(?:\\.\\d{1,3})?)([smhd])$"_s, QRegularExpression::CaseInsensitiveOption);
    const QStringList tokens = trimmed.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
    QList<qint64> steps;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QRegularExpressionMatch match = stepPattern.match(tokens[i]);
        qint64 seconds = 0;
        if (match.hasMatch()) {
            static constexpr qint64 unitSeconds[] = { 1, 60, 3600, kSecondsPerDay };
            const qsizetype unit = u"smhd"_s.indexOf(match.captured(2).toLower());
            seconds = qRound64(match.captured(1).toDouble() * double(unitSeconds[unit]));
        }
        if (seconds < 1 || seconds > 365 * kSecondsPerDay) {
            if (error)
                *error = tr("“%1” (step %2 of “%3”) is not a step: write each step as a number and a "
                            "unit, s, m, h or d, from 1s to 365d, separated by spaces (such as “1m 10m”), "
                            "or “none” for no steps.")
                             .arg(tokens[i])
                             .arg(i + 1)
                             .arg(trimmed);
            return std::nullopt;
        }
        steps.append(seconds);
    }
    return steps;
}

QString FsrsSteps::format(const QList<qint64> &steps)
{
    if (steps.isEmpty())
        return u"none"_s;
    QStringList parts;
    for (qint64 seconds : steps) {
        if (seconds % kSecondsPerDay == 0)
            parts.append(QString::number(seconds / kSecondsPerDay) + u'd');
        else if (seconds % 3600 == 0)
            parts.append(QString::number(seconds / 3600) + u'h');
        else if (seconds % 60 == 0)
            parts.append(QString::number(seconds / 60) + u'm');
        else
            parts.append(QString::number(seconds) + u's');
    }
    return parts.join(u' ');
}

// --- Settings ------------------------------------------------------------------------------

QString FsrsSettings::validate() const
{
    for (int i = 0; i < FsrsFormulas::kWeightCount; ++i) {
        if (!(weights[i] >= fsrsWeightLowerBound(i) && weights[i] <= fsrsWeightUpperBound(i)))
            return tr("Weight w%1 = %2 is outside its range [%3, %4]; reset the weights to the defaults "
                      "or optimize them again.")
                .arg(i)
                .arg(weights[i])
                .arg(fsrsWeightLowerBound(i))
                .arg(fsrsWeightUpperBound(i));
    }
    if (!(desiredRetention >= kMinRetention && desiredRetention <= kMaxRetention))
        return tr("Desired retention %1 is outside [%2, %3]; choose a value in that range.")
            .arg(desiredRetention)
            .arg(kMinRetention)
            .arg(kMaxRetention);
    if (maximumIntervalDays < 1)
        return tr("The maximum interval must be at least 1 day; it is %1.").arg(maximumIntervalDays);
    for (const QList<qint64> *steps : { &learningSteps, &relearningSteps }) {
        for (qint64 step : *steps) {
            if (step < 1)
                return tr("Steps must be at least one second long; found %1 s.").arg(step);
        }
    }
    return {};
}

// --- Scheduler -----------------------------------------------------------------------------

Fsrs::Fsrs(FsrsSettings settings)
    : m_settings(std::move(settings))
{
    const QString problem = m_settings.validate();
    if (!problem.isEmpty()) {
        qWarning("FSRS settings rejected, using the defaults: %s", qPrintable(problem));
        m_settings = FsrsSettings {};
    }
}

double Fsrs::intervalDays(double stability) const
{
    return FsrsFormulas::intervalAt(m_settings.weights, stability, m_settings.desiredRetention);
}

int Fsrs::scheduledIntervalDays(double stability) const
{
    // Round half to even, as Python's round() in py-fsrs does.
    const double days = std::nearbyint(intervalDays(stability));
    return int(std::clamp(days, 1.0, double(m_settings.maximumIntervalDays)));
}

double Fsrs::retrievability(const FsrsCard &card, const QDateTime &now) const
{
    if (card.state == CardState::New || !card.lastReview.isValid())
        return 0.0;
    return FsrsFormulas::retrievability(
        m_settings.weights, fsrsElapsedDays(card.lastReview, now), card.stability);
}

Fsrs::Next Fsrs::reviewNext(Rating rating, double stability) const
{
    if (rating == Rating::Again && !m_settings.relearningSteps.isEmpty())
        return { CardState::Relearning, 0, m_settings.relearningSteps.first() };
    return { CardState::Review, 0, scheduledIntervalDays(stability) * kSecondsPerDay };
}

Fsrs::Next Fsrs::learningNext(
    const QList<qint64> &steps, CardState state, int step, Rating rating, double stability) const
{
    const Next graduate { CardState::Review, 0, scheduledIntervalDays(stability) * kSecondsPerDay };
    if (steps.isEmpty() || (step >= steps.size() && rating != Rating::Again))
        return graduate;
    switch (rating) {
    case Rating::Again:
        return { state, 0, steps.first() };
    case Rating::Hard:
        if (step == 0)
            return { state, 0, steps.size() == 1 ? steps[0] * 3 / 2 : (steps[0] + steps[1]) / 2 };
        return { state, step, steps[step] };
    case Rating::Good:
        if (step + 1 >= steps.size())
            return graduate;
        return { state, step + 1, steps[step + 1] };
    case Rating::Easy:
        break;
    }
    return graduate;
}

int Fsrs::fuzzedDays(int days, const FsrsCard &card) const
{
    // py-fsrs fsrs/scheduler.py _get_fuzzed_interval: no fuzz below 2.5 days; the range grows by
    // 15% of the days in [2.5, 7), 10% in [7, 20) and 5% beyond.
    if (days < 3)
        return days;
    const double delta = 1.0 + 0.15 * std::clamp(days - 2.5, 0.0, 4.5)
        + 0.10 * std::clamp(days - 7.0, 0.0, 13.0) + 0.05 * std::max(days - 20.0, 0.0);
    int maxDays = std::min(int(std::nearbyint(days + delta)), m_settings.maximumIntervalDays);
    int minDays = std::min(std::max(2, int(std::nearbyint(days - delta))), maxDays);
    // Seeded by the card and its review count: the same card reviewed the same way gets the
    // same interval on every device.
    const quint32 seed[] = { quint32(card.fuzzSeed), quint32(card.fuzzSeed >> 32), quint32(card.reps) };
    QRandomGenerator random(seed, seed + 3);
    const int fuzzed = int(std::nearbyint(random.generateDouble() * (maxDays - minDays + 1) + minDays));
    return std::min(fuzzed, m_settings.maximumIntervalDays);
}

GradeResult Fsrs::grade(const FsrsCard &card, Rating rating, const QDateTime &now) const
{
    GradeResult result { card, {}, {} };
    if (!now.isValid()) {
        result.error = tr("The review time is not a valid date and time; give it as ISO 8601, such as "
                          "2025-03-01T09:30:00Z.");
        return result;
    }
    if (card.lastReview.isValid() && now < card.lastReview) {
        result.error = tr("The review time %1 is before the card's last review at %2; a card can only "
                          "be graded at or after its last review (check the clock or --now).")
                           .arg(isoTime(now), isoTime(card.lastReview));
        return result;
    }
    const bool isNew = card.state == CardState::New;
    const int elapsed = isNew ? 0 : fsrsElapsedDays(card.lastReview, now);
    const auto &w = m_settings.weights;
    const auto memory = isNew
        ? FsrsFormulas::firstState(w, int(rating))
        : FsrsFormulas::nextState(w, { card.stability, card.difficulty }, elapsed, int(rating));
    const Next next = card.state == CardState::Review
        ? reviewNext(rating, memory.stability)
        : learningNext(
              card.state == CardState::Relearning ? m_settings.relearningSteps : m_settings.learningSteps,
              isNew ? CardState::Learning : card.state, card.step, rating, memory.stability);

    FsrsCard &after = result.card;
    after.state = next.state;
    after.step = next.step;
    after.stability = memory.stability;
    after.difficulty = memory.difficulty;
    after.lastReview = now;
    after.reps = card.reps + 1;
    after.lapses = card.lapses + (card.state == CardState::Review && rating == Rating::Again ? 1 : 0);
    qint64 delay = next.delaySeconds;
    if (next.state == CardState::Review && m_settings.fuzz)
        delay = fuzzedDays(int(delay / kSecondsPerDay), after) * kSecondsPerDay;
    after.due = now.addSecs(delay);

    result.log = { rating, now, elapsed, int(delay / kSecondsPerDay), card.state, card.stability,
        card.difficulty, after.stability, after.difficulty };
    return result;
}

QList<GradeResult> Fsrs::replaySteps(
    const QList<ReviewLogEntry> &log, const QDateTime &added, quint64 fuzzSeed) const
{
    QList<ReviewLogEntry> ordered;
    for (const ReviewLogEntry &entry : log) {
        if (entry.reviewedAt.isValid())
            ordered.append(entry);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
        [](const ReviewLogEntry &a, const ReviewLogEntry &b) { return a.reviewedAt < b.reviewedAt; });
    QList<GradeResult> steps;
    FsrsCard card;
    card.due = added;
    card.fuzzSeed = fuzzSeed;
    for (const ReviewLogEntry &entry : std::as_const(ordered)) {
        steps.append(grade(card, entry.rating, entry.reviewedAt));
        card = steps.last().card;
    }
    return steps;
}

FsrsCard Fsrs::replay(const QList<ReviewLogEntry> &log, const QDateTime &added, quint64 fuzzSeed) const
{
    const QList<GradeResult> steps = replaySteps(log, added, fuzzSeed);
    if (!steps.isEmpty())
        return steps.last().card;
    FsrsCard card;
    card.due = added;
    card.fuzzSeed = fuzzSeed;
    return card;
}

double Fsrs::expectedReviewsPerYear(double desiredRetention) const
{
    FsrsSimulation simulation;
    simulation.memoryWeights = m_settings.weights;
    simulation.scheduler = m_settings;
    simulation.scheduler.desiredRetention
        = std::clamp(desiredRetention, FsrsSettings::kMinRetention, FsrsSettings::kMaxRetention);
    simulation.scheduler.fuzz = false;
    simulation.cards = 1000;
    simulation.newCardsPerDay = simulation.cards;
    simulation.days = 365;
    simulation.seed = 20240601;
    qsizetype reviews = 0;
    for (const CardReviewLog &card : simulateReviews(simulation))
        reviews += card.entries.size();
    return double(reviews) / simulation.cards;
}

// --- Names ---------------------------------------------------------------------------------

QString ratingName(Rating rating)
{
    switch (rating) {
    case Rating::Again:
        return QCoreApplication::translate("Fsrs", "Again");
    case Rating::Hard:
        return QCoreApplication::translate("Fsrs", "Hard");
    case Rating::Good:
        return QCoreApplication::translate("Fsrs", "Good");
    case Rating::Easy:
        return QCoreApplication::translate("Fsrs", "Easy");
    }
    return {};
}

QString cardStateName(CardState state)
{
    switch (state) {
    case CardState::New:
        return QCoreApplication::translate("Fsrs", "New");
    case CardState::Learning:
        return QCoreApplication::translate("Fsrs", "Learning");
    case CardState::Review:
        return QCoreApplication::translate("Fsrs", "Review");
    case CardState::Relearning:
        return QCoreApplication::translate("Fsrs", "Relearning");
    }
    return {};
}

std::optional<Rating> ratingFromString(const QString &text)
{
    static const QStringList names = { u"again"_s, u"hard"_s, u"good"_s, u"easy"_s };
    const QString key = text.trimmed().toLower();
    const qsizetype index = names.indexOf(key);
    if (index >= 0)
        return Rating(index + 1);
    bool isNumber = false;
    const int number = key.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= 4)
        return Rating(number);
    return std::nullopt;
}

} // namespace StudyBench
