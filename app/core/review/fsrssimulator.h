#pragma once

#include "review/fsrs.h"

namespace StudyBench {

/// A simulated learner: cards are scheduled by one set of weights while the learner's memory
/// follows another, and whether a review succeeds is drawn from the true retrievability.
struct FsrsSimulation
{
    /// The learner's true memory.
    FsrsWeights memoryWeights = fsrsDefaultWeights();
    /// How cards are scheduled (weights, retention, steps, fuzz).
    FsrsSettings scheduler;
    int cards = 100;
    /// New cards introduced a day; cards beyond the first day's are added on later days.
    int newCardsPerDay = 20;
    int days = 365;
    quint64 seed = 1;
    QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(9, 0), QTimeZone::UTC);
};

/// Reviews every card whenever it is due, until the simulation's last day, and returns each
/// card's log (card ids 1..cards). The same simulation gives the same logs on every run.
/// Grades: a first review is Again/Hard/Good/Easy with probabilities 0.24/0.094/0.495/0.171, a
/// recalled card Hard/Good/Easy with 0.224/0.632/0.144 (the fsrs-rs simulator's defaults), a
/// forgotten one Again.
QList<CardReviewLog> simulateReviews(const FsrsSimulation &simulation);

} // namespace StudyBench
