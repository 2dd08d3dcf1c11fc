#pragma once

#include "curriculum/curriculum.h"
#include "progress/progressstore.h"

#include <QList>

namespace StudyBench {

/// Recorded progress that moves from an ID that left the curriculum to the item it became.
struct IdMove
{
    QString from;
    QString to;
};

/// Keeps progress with its items when the curriculum is edited.
///
/// An item's ID is the slug path of its titles, so renaming a heading changes the IDs below it,
/// and fixing a typo changes the item's own. For each recorded ID that is no longer in the
/// curriculum, this finds the item it most plausibly became, among items with no progress of
/// their own:
///  1. the same last slug (its own title unchanged) at the most similar path: a heading above it
///     was renamed, or it moved;
///  2. otherwise, under the same parent, the one item whose title is nearly the same (a typo fix).
/// A move is made only when exactly one item fits best; anything ambiguous, and anything removed,
/// stays orphaned: kept with its history and listed, never deleted.
class ProgressReconciler
{
public:
    static QList<IdMove> plan(const Curriculum &curriculum, const ItemRecords &records);
    /// Plans and applies the moves in one transaction, after a backup of the database ("pre-import").
    /// Returns how many items moved, or -1 with @p error set.
    static int apply(
        ProgressStore &store, const Curriculum &curriculum, const QString &dataDir, QString *error);
    /// Similarity of two titles, 0..1 (1 - normalized edit distance, ignoring case).
    static double similarity(const QString &a, const QString &b);
};

} // namespace StudyBench
