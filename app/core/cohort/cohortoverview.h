#pragma once

#include "cohort/cohortreader.h"
#include "progress/progresssummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

class Curriculum;

/// One learner in one section (or in all of them).
struct CohortCell
{
    Tally tally; ///< tally.percent(): done of the items not skipped
    double confidence = 0; ///< the mean of the rated items' confidence (1..5); 0 when none is rated
    int rated = 0;
    QDateTime lastActivity; ///< the last change of an item in it; invalid when none
};

/// One learner's row: overall, per section, drills, last activity.
struct CohortRow
{
    QString deviceId;
    QStringList devices; ///< every device of the learner combined into this row (sorted; deviceId's)
    QString name; ///< as shared, with the device ID added when two learners share a name
    QDateTime generatedAt;
    QDateTime lastActivity; ///< the last item change or drill attempt; invalid when none
    bool inactive = false; ///< no activity for CohortOverview::kInactiveDays or more
    CohortCell overall;
    QList<CohortCell> sections; ///< in CohortOverview::sections order
    int drills = 0; ///< drills attempted
    int drillAttempts = 0;
    double drillMean = 0; ///< the mean of each attempted drill's last mean score (1..4)
};

/// Why an item counts as stuck for a learner.
struct StuckLearner
{
    enum Reason
    {
        Stalled, ///< in progress, unchanged for kStalledDays or more
        Unsure, ///< done, with confidence kUnsureConfidence or lower
    };
    QString name;
    Reason reason = Stalled;
    int days = 0; ///< Stalled: days since the last change
    int confidence = 0; ///< Unsure: the rating
    QString note; ///< when the learner shares notes
};

/// A checkable item some learners are stuck on.
struct StuckItem
{
    QString nodeId;
    QString title;
    QString sectionTitle;
    QList<StuckLearner> learners;
};

struct CohortSection
{
    QString id;
    QString title;
};

/// What an instructor sees of a cohort as of a moment: learners × sections, the items most
/// learners are stuck on, who has been inactive.
///
/// "Stuck" (stuckRule()): an item is stuck for a learner when it has been in progress with no
/// change of state or confidence for kStalledDays days or more, or when it is done but rated
/// kUnsureConfidence or lower. Stuck items are listed by how many learners are stuck on them,
/// then in curriculum order. A learner is inactive when nothing changed (no item, no drill
/// attempt) for kInactiveDays days or more, or ever.
struct CohortOverview
{
    Q_DECLARE_TR_FUNCTIONS(CohortOverview)

public:
    static constexpr int kStalledDays = 7;
    static constexpr int kUnsureConfidence = 2;
    static constexpr int kInactiveDays = 7;

    QString folder;
    QString curriculumId;
    QDateTime now;
    QList<CohortSection> sections; ///< the curriculum's sections that have checkable items
    QList<CohortRow> rows; ///< by name
    QList<StuckItem> stuck; ///< most learners first
    QStringList messages; ///< the reader's
    int cutShort = 0;

    /// The rows of inactive learners, least recently active first.
    QList<const CohortRow *> inactive() const;

    /// Computes the overview of @p folder (CohortReader) in @p curriculum as of @p now.
    static CohortOverview compute(const CohortFolder &folder, const Curriculum &curriculum,
        const QString &curriculumId, const QDateTime &now);
    /// Whether @p item is stuck as of @p now (see above), with the reason in @p why.
    static bool isStuck(const CohortItem &item, const QDateTime &now, StuckLearner *why = nullptr);
    /// The rule in a sentence, for the UI and the command line.
    static QString stuckRule();
    /// The inactivity rule in a sentence.
    static QString inactiveRule();
    /// Why @p learner is stuck, in words: "in progress 9 days", "done, confidence 2".
    static QString reasonText(const StuckLearner &learner);
    /// "3 days ago", "today", "never": how long ago @p at was as of @p now.
    static QString ago(const QDateTime &at, const QDateTime &now);
};

} // namespace StudyBench
