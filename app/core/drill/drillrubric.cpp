#include "drill/drillrubric.h"

#include "curriculum/curriculum.h"
#include "drill/drillcatalog.h"

namespace StudyBench {

std::array<RubricDimension, kDrillDimensionCount> DrillRubric::standardDimensions()
{
    return { {
        { DrillDimension::Communication, QStringLiteral("communication"), tr("Communication"),
            tr("States the problem back, asks about the requirements that change the design, says which "
               "step comes next and why, and sums up the decisions at the end."),
            tr("Starts building without clarifying, goes quiet for long stretches, or leaves the listener "
               "to guess how the parts fit together.") },
        { DrillDimension::ProblemSolving, QStringLiteral("problem-solving"), tr("Problem solving"),
            tr("Breaks the problem into parts, starts from a simple working approach, names the trade-offs "
               "of the alternatives and chooses one for a stated reason."),
            tr("Jumps to one fixed solution, cannot say why it fits these requirements, or stalls when an "
               "assumption turns out wrong.") },
        { DrillDimension::TechnicalDepth, QStringLiteral("technical-depth"), tr("Technical depth"),
            tr("Uses the right concepts precisely (data model, protocols, consistency, scaling limits), "
               "with numbers where they matter, and knows where each breaks down."),
            tr("Names technologies without explaining how they work, gets core concepts wrong, or cannot "
               "estimate load, size or latency.") },
        { DrillDimension::Verification, QStringLiteral("verification"), tr("Verification and testing"),
            tr("Checks the answer against the requirements, walks through failure and edge cases, and says "
               "how it would be tested and monitored."),
            tr("Stops at the happy path, does not test or trace the solution, and misses failures the "
               "design cannot survive.") },
    } };
}

DrillRubric DrillRubric::forDrill(const DrillCatalog &catalog, const Drill &drill)
{
    DrillRubric rubric;
    rubric.dimensions = standardDimensions();
    for (const CurriculumNode *item : catalog.checklist(drill)) {
        const CurriculumNode *section = DrillCatalog::sectionOf(item);
        rubric.checklist.append({ item->id, item->title, section ? section->title : QString() });
    }
    return rubric;
}

} // namespace StudyBench
