#include "progress/progresssummary.h"

#include <algorithm>

namespace StudyBench {

double Tally::percent() const
{
    if (total == 0)
        return 0.0;
    if (counted() == 0)
        return 100.0;
    return 100.0 * done / counted();
}

Tally &Tally::operator+=(const Tally &other)
{
    total += other.total;
    done += other.done;
    inProgress += other.inProgress;
    skipped += other.skipped;
    return *this;
}

void Tally::add(ItemState state)
{
    ++total;
    switch (state) {
    case ItemState::Done:
        ++done;
        break;
    case ItemState::InProgress:
        ++inProgress;
        break;
    case ItemState::Skipped:
        ++skipped;
        break;
    case ItemState::NotStarted:
        break;
    }
}

StateMap statesOf(const ItemRecords &records)
{
    StateMap states;
    states.reserve(records.size());
    for (const ItemRecord &r : records)
        states.insert(r.nodeId, r.state);
    return states;
}

Tally tallyOf(const CurriculumNode *node, const StateMap &states)
{
    Tally tally;
    if (!node)
        return tally;
    if (isCheckable(node->kind))
        tally.add(states.value(node->id, ItemState::NotStarted));
    for (const auto &child : node->children)
        tally += tallyOf(child.get(), states);
    return tally;
}

QMap<NodeKind, Tally> tallyByKind(const Curriculum &curriculum, const StateMap &states)
{
    QMap<NodeKind, Tally> result;
    for (const CurriculumNode *node : curriculum.checkableNodes())
        result[node->kind].add(states.value(node->id, ItemState::NotStarted));
    return result;
}

QList<ItemRecord> orphanedRecords(const Curriculum &curriculum, const ItemRecords &records)
{
    QList<ItemRecord> orphans;
    for (const ItemRecord &r : records) {
        if (!curriculum.contains(r.nodeId))
            orphans.append(r);
    }
    std::sort(orphans.begin(), orphans.end(),
        [](const ItemRecord &a, const ItemRecord &b) { return a.nodeId < b.nodeId; });
    return orphans;
}

} // namespace StudyBench
