#pragma once

#include "review/progressmerge.h"

#include <QCoreApplication>
#include <QString>

namespace StudyBench {

class Curriculum;

/// What an import is told: the file, the profile it goes into, and whether to write.
struct ImportRequest
{
    QString file; ///< a JSON export (ProgressJson)
    QString databasePath; ///< the local progress database
    QString profileDirectory; ///< where the backups go (BackupManager)
    QString curriculumId; ///< the open curriculum's (ProgressJson::curriculumId)
    bool dryRun = false; ///< report what would change; write nothing, make no backup
};

/// The import of a progress export into a profile: reads and validates the JSON (a wrong format,
/// a newer version, another curriculum's progress or a truncated file is refused with what, where
/// and what to do), makes a "pre-import" backup, then merges with ProgressMerge's rules in one
/// transaction. A refused file changes nothing. Blocking: the CLI or a worker thread.
class ProgressImport
{
    Q_DECLARE_TR_FUNCTIONS(ProgressImport)

public:
    static MergeReport run(const ImportRequest &request);
};

/// Sets back every item under a section for revision: states to not started, each change
/// recorded in the history with source "reset"; notes, confidence and review cards stay. A
/// "pre-reset" backup is made first, so File › Backups can undo it.
class SectionReset
{
    Q_DECLARE_TR_FUNCTIONS(SectionReset)

public:
    struct Result
    {
        int reset = 0; ///< items whose state went back to not started
        QString backupPath;
        QString error;
        bool ok() const { return error.isEmpty(); }
    };
    static Result run(const Curriculum &curriculum, const QString &sectionId, const QString &databasePath,
        const QString &profileDirectory);
};

} // namespace StudyBench
