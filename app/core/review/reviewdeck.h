#pragma once

#include "progress/progressstore.h"
#include "review/fsrs.h"
#include "review/fsrsoptimizer.h"
#include "review/reviewstore.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>
#include <atomic>

namespace StudyBench {

class Curriculum;

/// What a card shows: the front (term and place) and the back (explanation, note, practice files).
struct ReviewCardText
{
    QString term;
    /// "Section › Topic", the item's ancestors below the curriculum's root.
    QString place;
    QString explanation;
    QString note;
    /// File names of the practice collections that illustrate the item ("status-codes.http").
    QStringList practiceFiles;
};

/// What grading or adding did: the card after it, or why nothing was done.
struct ReviewOutcome
{
    QString error;
    ReviewCardRecord card;
    ReviewLogEntry log;
    bool ok() const { return error.isEmpty(); }
};

/// Spaced review over a ReviewStore: which items become cards, grading with FSRS-6, what is due,
/// what each card shows, and fitting the weights to the log. Blocking like the store it uses.
class ReviewDeck
{
    Q_DECLARE_TR_FUNCTIONS(ReviewDeck)

public:
    /// @p curriculum names the items (may be null: cards then show their stored title only).
    ReviewDeck(ReviewStore &store, const Curriculum *curriculum);

    ReviewStore &store() { return m_store; }
    const Curriculum *curriculum() const { return m_curriculum; }

    /// Learning steps for this session instead of the saved ones.
    void setLearningSteps(const QList<qint64> &steps) { m_learningSteps = steps; }
    /// Interval fuzz (on by default); off for --now and tests, so schedules are exact.
    void setFuzz(bool fuzz) { m_fuzz = fuzz; }
    /// The scheduler with the saved settings and this session's overrides.
    Fsrs scheduler();

    /// Makes a card of every concept and checklist item that is in progress or done and has none.
    /// Returns the IDs of the cards made.
    QStringList addFromProgress(const ItemRecords &items, const QDateTime &now);
    /// Adds @p nodeId explicitly; refused for an ID the curriculum does not have.
    ReviewOutcome add(const QString &nodeId, const QDateTime &now);
    /// Grades @p nodeId at @p now, committed to disk before it returns. Refused, with nothing
    /// written, for an ID that is not a card or a time before the card's last review.
    ReviewOutcome grade(const QString &nodeId, Rating rating, const QDateTime &now);
    /// What each of Again, Hard, Good, Easy would make the card due at, for the grade buttons.
    std::array<QDateTime, 4> nextDue(const FsrsCard &card, const QDateTime &now);

    /// Cards due at @p now (New ones included), soonest first; under @p sectionId only when given.
    QList<ReviewCardRecord> due(const QDateTime &now, const QString &sectionId = {});
    ReviewCardText text(const ReviewCardRecord &card) const;
    /// The card recomputed from its log (Fsrs::replay) with the current settings.
    std::optional<FsrsCard> replayed(const QString &nodeId);

    /// Every card's log as the optimizer takes it, or an error (too few reviews, a log with a gap,
    /// one review per card): what, which card, what to do.
    QList<CardReviewLog> optimizerLogs(QString *error);
    /// Fits the weights to the log (blocking); saves them only when log loss improves.
    FsrsOptimizerResult optimize(
        const std::atomic_bool *cancel = nullptr, const FsrsOptimizer::Progress &progress = {});

    static QString formatInterval(const QDateTime &from, const QDateTime &to);

private:
    ReviewStore &m_store;
    const Curriculum *m_curriculum;
    std::optional<QList<qint64>> m_learningSteps;
    bool m_fuzz = true;
};

} // namespace StudyBench
