#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <array>

namespace StudyBench {

class DrillCatalog;
struct Drill;

/// The four dimensions a drill is scored on, 1 (weak) to 4 (strong), in the order the scores are
/// written on the command line (C,P,T,V) and stored.
enum class DrillDimension
{
    Communication,
    ProblemSolving,
    TechnicalDepth,
    Verification,
};

constexpr int kDrillDimensionCount = 4;
constexpr int kDrillMinScore = 1;
constexpr int kDrillMaxScore = 4;
/// Scores up to this one are weak: they make the drill's weakest concepts due for review.
constexpr int kDrillWeakScore = 2;

/// One dimension of the rubric: what it is and what a strong and a weak answer show.
struct RubricDimension
{
    DrillDimension dimension;
    QString key; ///< "communication", "problem-solving", "technical-depth", "verification"
    QString name;
    QString strong;
    QString weak;
};

/// One line of a drill's skill checklist: an item of the sections the drill draws on.
struct RubricChecklistItem
{
    QString id;
    QString title;
    QString section; ///< the title of the item's section
};

/// What the learner scores a drill against: the four dimensions and the skill checklists of the
/// sections the drill draws on.
struct DrillRubric
{
    Q_DECLARE_TR_FUNCTIONS(DrillRubric)

public:
    std::array<RubricDimension, kDrillDimensionCount> dimensions;
    QList<RubricChecklistItem> checklist;

    /// The four dimensions, the same for every drill.
    static std::array<RubricDimension, kDrillDimensionCount> standardDimensions();
    /// The rubric for @p drill of @p catalog.
    static DrillRubric forDrill(const DrillCatalog &catalog, const Drill &drill);
};

} // namespace StudyBench
