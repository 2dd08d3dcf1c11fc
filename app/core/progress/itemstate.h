#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace StudyBench {

/// Where a learner stands on one checkable node. The numbers are stored on disk: never renumber.
enum class ItemState : int
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    Skipped = 3,
};

/// "not-started", "in-progress", "done", "skipped": the names used on the command line and in JSON.
QString stateName(ItemState state);
/// Accepts the names above, with spaces or underscores for the dashes, in any case.
std::optional<ItemState> stateFromName(const QString &name);
/// The translated label shown to the user.
QString stateLabel(ItemState state);
inline constexpr ItemState kAllStates[]
    = { ItemState::NotStarted, ItemState::InProgress, ItemState::Done, ItemState::Skipped };

/// A node's recorded progress.
struct ItemRecord
{
    QString nodeId;
    ItemState state = ItemState::NotStarted;
    int confidence = 0; ///< 0 unrated, 1..5
    QString title; ///< the node's title when last changed, so orphans can be named
    QDateTime updatedAt;
    /// When a sync merge appended another device's text to the item's note (invalid: it did not,
    /// or the learner has seen it since): the note wants reviewing and tidying.
    QDateTime noteMergedAt;
};

/// One recorded change of state.
struct HistoryEntry
{
    QString nodeId;
    std::optional<ItemState> from; ///< empty for the first change of a node
    ItemState to = ItemState::NotStarted;
    QDateTime at;
    QString source; ///< "gui", "cli", …
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::ItemState)
Q_DECLARE_METATYPE(StudyBench::ItemRecord)
