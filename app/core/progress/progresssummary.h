#pragma once

#include "curriculum/curriculum.h"
#include "progress/progressstore.h"

#include <QHash>
#include <QMap>

namespace StudyBench {

using StateMap = QHash<QString, ItemState>;

/// Counts of checkable nodes by state. Skipped items are left out of the percentage: a learner
/// who skips a topic is not behind on it.
struct Tally
{
    int total = 0;
    int done = 0;
    int inProgress = 0;
    int skipped = 0;

    int counted() const { return total - skipped; }
    /// done / (total - skipped), 0..100; 100 when everything is skipped, 0 when there is nothing.
    double percent() const;
    Tally &operator+=(const Tally &other);
    void add(ItemState state);
};

StateMap statesOf(const ItemRecords &records);
/// The tally of @p node: of itself when it is checkable, else of every checkable node below it.
Tally tallyOf(const CurriculumNode *node, const StateMap &states);
QMap<NodeKind, Tally> tallyByKind(const Curriculum &curriculum, const StateMap &states);
/// Recorded progress whose node is not in @p curriculum (renamed or removed): kept, never deleted.
QList<ItemRecord> orphanedRecords(const Curriculum &curriculum, const ItemRecords &records);

} // namespace StudyBench
