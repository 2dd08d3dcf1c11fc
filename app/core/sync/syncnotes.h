#pragma once

#include "sync/syncreader.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>

namespace StudyBench {

/// Notes between devices: every saved text of a note is a version that names the versions it
/// replaced (the ones its device showed when it was typed). A note's text is its heads, the
/// versions no other replaced: one head is the text itself; several (edited on two devices
/// before either saw the other's edit) are all kept, oldest first, each later one under the
/// heading ProgressMerge gives a merged note ("## From DEVICE, date"). The heads are a function
/// of the versions a device has, so every device shows the same text once it has them all, and
/// nothing typed is dropped. The versions live in the progress database (sync_note_version).
class SyncNotes
{
    Q_DECLARE_TR_FUNCTIONS(SyncNotes)

public:
    /// The heads of @p nodeId's versions (their hashes); false on a database error.
    static bool heads(SqliteDatabase &db, const QString &nodeId, QList<NoteVersion> &result);
    /// Keeps @p version (once: a version is known by its hash).
    static bool store(SqliteDatabase &db, const NoteVersion &version);
    /// Stores @p versions and makes each touched note the text of its heads; @p changed counts
    /// the notes whose text changed.
    static bool apply(SqliteDatabase &db, const QList<NoteVersion> &versions, int *changed);
    /// The text of @p heads (see above): empty when none has text.
    static QString render(QList<NoteVersion> heads);

private:
    static bool renderInto(SqliteDatabase &db, const QString &nodeId, bool *changed);
};

} // namespace StudyBench
