#pragma once

#include "cohort/cohortsummary.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// A cohort folder as read: every learner's summary that could be used, and a message for each
/// file that could not.
struct CohortFolder
{
    QString folder;
    /// By name, then device ID; one per learner: summaries of devices that sync with each other
    /// are combined into the most recently generated one (LearnerSummary::combinedDevices).
    QList<LearnerSummary> learners;
    /// One per file skipped or used with a caveat: what, where (relative to the folder), what to do.
    QStringList messages;
    int cutShort = 0; ///< files that ended too early (still being synced): read again when they change
    QString error; ///< the folder itself cannot be read; nothing else is set
};

/// Reads a cohort folder, read-only: COHORT/learners/DEVICE-ID/summary.json of every learner.
///
/// Nothing is ever written, created or removed in the folder. A file that is not JSON, ends too
/// early, was written by a newer StudyBench, is of another curriculum, lacks a member, sits in
/// another device's folder, is too large or cannot be opened is skipped with a message; a sync
/// engine's conflict copy (summary.sync-conflict-….json, "conflicted copy") is ignored with one.
///
/// Blocking: use it from the CLI or a worker thread.
class CohortReader
{
    Q_DECLARE_TR_FUNCTIONS(CohortReader)

public:
    /// Larger summaries are not read (a learner's summary of the built-in curriculum with every
    /// note is far below it).
    static constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

    /// Reads @p folder for the curriculum @p curriculumId, whose fingerprint is @p curriculumVersion
    /// (CohortSummary::curriculumVersion()): summaries of another curriculum are skipped, those of
    /// another version of it used with a message.
    static CohortFolder read(
        const QString &folder, const QString &curriculumId, const QString &curriculumVersion);
    /// True for a conflict copy a sync engine made of @p fileName (Syncthing, Nextcloud, Dropbox).
    static bool isConflictCopy(const QString &fileName);
};

} // namespace StudyBench
