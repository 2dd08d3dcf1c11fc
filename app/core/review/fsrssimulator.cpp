#include "review/fsrssimulator.h"

#include <QRandomGenerator>

#include <optional>

namespace StudyBench {

namespace {

using Memory = FsrsFormulas::MemoryState<double>;

Rating drawFrom(QRandomGenerator &random, const std::array<double, 4> &probabilities, int firstGrade)
{
    double u = random.generateDouble();
    for (size_t i = 0; i < probabilities.size(); ++i) {
        if (u < probabilities[i])
            return Rating(firstGrade + int(i));
        u -= probabilities[i];
    }
    return Rating::Good;
}

Rating drawRating(QRandomGenerator &random, const std::optional<Memory> &memory, int elapsedDays,
    const FsrsWeights &weights)
{
    if (!memory)
        return drawFrom(random, { 0.24, 0.094, 0.495, 0.171 }, 1);
    const double recall = FsrsFormulas::retrievability(weights, double(elapsedDays), memory->stability);
    if (random.generateDouble() >= recall)
        return Rating::Again;
    return drawFrom(random, { 0.224, 0.632, 0.144, 0.0 }, 2);
}

CardReviewLog simulateCard(const Fsrs &scheduler, const FsrsSimulation &simulation, int index)
{
    const quint32 seed[] = { quint32(simulation.seed), quint32(simulation.seed >> 32), quint32(index) };
    QRandomGenerator random(seed, seed + 3);
    const QDateTime end = simulation.start.addDays(simulation.days);
    CardReviewLog log;
    log.cardId = index + 1;
    FsrsCard card;
    card.fuzzSeed = quint64(log.cardId);
    card.due = simulation.start.addDays(index / std::max(1, simulation.newCardsPerDay));
    std::optional<Memory> memory;
    while (card.due < end) {
        const QDateTime now = card.due;
        const int elapsed = memory ? fsrsElapsedDays(card.lastReview, now) : 0;
        const Rating rating = drawRating(random, memory, elapsed, simulation.memoryWeights);
        memory = memory ? FsrsFormulas::nextState(simulation.memoryWeights, *memory, elapsed, int(rating))
                        : FsrsFormulas::firstState(simulation.memoryWeights, int(rating));
        const GradeResult graded = scheduler.grade(card, rating, now);
        card = graded.card;
        log.entries.append(graded.log);
    }
    return log;
}

} // namespace

QList<CardReviewLog> simulateReviews(const FsrsSimulation &simulation)
{
    const Fsrs scheduler(simulation.scheduler);
    QList<CardReviewLog> logs;
    logs.reserve(simulation.cards);
    for (int i = 0; i < simulation.cards; ++i)
        logs.append(simulateCard(scheduler, simulation, i));
    return logs;
}

} // namespace StudyBench
