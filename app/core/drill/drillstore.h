#pragma once

#include "drill/drillrubric.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>

class QRandomGenerator;

namespace StudyBench {

class DrillCatalog;
struct Drill;

/// One attempt at a drill: when it started, the time used, the four scores and what to fix.
struct DrillAttempt
{
    qint64 id = 0;
    QString nodeId;
    QDateTime startedAt;
    int secondsUsed = 0;
    /// 1-4 each, in DrillDimension order: communication, problem solving, technical depth, verification.
    std::array<int, kDrillDimensionCount> scores {};
    QString toFix;
    /// The file the answer was written in (absolute), or empty.
    QString answerPath;

    double meanScore() const;
    /// True when a dimension is scored kDrillWeakScore or lower.
    bool hasWeakScore() const;
};

/// A drill's attempts in short: how many, and the mean score of the last one.
struct DrillSummary
{
    int attempts = 0;
    double lastMean = 0;
    QDateTime lastStartedAt;
};

/// What recording an attempt did: the attempt as stored and the concepts it made due for review,
/// or why nothing was recorded.
struct DrillRecordOutcome
{
    QString error;
    DrillAttempt attempt;
    /// The concepts made due (IDs, in the curriculum's order) when a dimension scored 1 or 2.
    QStringList madeDue;
    bool ok() const { return error.isEmpty(); }
};

/// Interview drill attempts in the progress database (schema 3 of ProgressStore::migrations():
/// drill_attempt), on a connection of its own, like ReviewStore. Recording an attempt with a weak
/// score also makes the drill's least confident concepts due for review, in the same transaction.
///
/// Blocking: use it from the CLI or a worker thread. One instance belongs to the thread that
/// opened it.
class DrillStore
{
    Q_DECLARE_TR_FUNCTIONS(DrillStore)

public:
    DrillStore();
    ~DrillStore();
    DrillStore(const DrillStore &) = delete;
    DrillStore &operator=(const DrillStore &) = delete;

    /// Opens (creating and migrating when needed) the progress database at @p path.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_db.errorString(); }

    /// Records @p attempt of a drill of @p catalog in one transaction, committed to disk when it
    /// returns. When a dimension scores 1 or 2, the concepts of the drill's sources with the lowest
    /// confidence (unrated counts as lowest) become due at @p now, cards added where missing.
    /// Refused, with nothing written, for an ID that is no drill, a score outside 1-4, negative
    /// time, an answer file that does not exist, or a start before the drill's last attempt.
    DrillRecordOutcome record(const DrillCatalog &catalog, const DrillAttempt &attempt, const QDateTime &now);
    /// The attempts at @p nodeId, oldest first.
    QList<DrillAttempt> attempts(const QString &nodeId);
    /// Every drill that has attempts, by ID.
    QHash<QString, DrillSummary> summaries();

    /// The trend of @p attempts: the mean score of each, in their order.
    static QList<double> trend(const QList<DrillAttempt> &attempts);
    /// How strongly Surprise me leans to a drill: never tried weighs most, then the weaker its
    /// last mean score, the more.
    static double surpriseWeight(const DrillSummary *summary);
    /// Surprise me: a drill of @p catalog picked at random with surpriseWeight(); null when it has
    /// none. Seed @p random for a repeatable pick.
    const Drill *surprise(const DrillCatalog &catalog, QRandomGenerator &random);

private:
    QString refusal(const DrillCatalog &catalog, const DrillAttempt &attempt) const;
    bool insert(const DrillAttempt &attempt, qint64 *id);
    bool feedReview(
        const DrillCatalog &catalog, const Drill &drill, const QDateTime &now, QStringList *madeDue);
    static DrillAttempt attemptFrom(const class QSqlQuery &q);

    SqliteDatabase m_db;
};

} // namespace StudyBench
