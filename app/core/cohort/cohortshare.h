#pragma once

#include "cohort/cohortsummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace StudyBench {

class Curriculum;

/// How a profile shares its progress with a cohort, kept in PROFILE/cohort.json.
struct CohortSettings
{
    QString folder; ///< the cohort folder (absolute); empty: not sharing
    QString name; ///< the name the instructor sees
    bool includeNotes = false;

    bool isSharing() const { return !folder.isEmpty(); }
};

/// What sharing wrote, or why it could not.
struct CohortShareResult
{
    QString path; ///< the summary written
    QString deviceId;
    int items = 0;
    int drills = 0;
    int notes = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// A learner's side of the cohort view: the settings, and the summary (CohortSummary) written into
/// COHORT/learners/DEVICE-ID/summary.json. The device ID is the sync room's (SyncDevice), so a
/// copied data directory shares as a new learner instead of overwriting another's summary. Only
/// that one file (and its folder) is ever written or removed in the cohort folder.
///
/// Blocking: use it from the CLI or a worker thread.
class CohortShare
{
    Q_DECLARE_TR_FUNCTIONS(CohortShare)

public:
    /// The settings of @p profileDir; the name defaults to the login name.
    static CohortSettings settings(const QString &profileDir);
    /// Stores @p settings (the folder made absolute); false with @p error set.
    static bool saveSettings(const QString &profileDir, const CohortSettings &settings, QString *error);

    /// The summary of @p profileDir's progress in @p curriculum (whose ID is @p curriculumId) as
    /// of @p now; false with @p error when the progress database cannot be read.
    static bool collect(const QString &profileDir, const Curriculum &curriculum, const QString &curriculumId,
        const CohortSettings &settings, const QDateTime &now, LearnerSummary &summary, QString *error);
    /// Collects and writes the summary into the folder of the stored settings (QSaveFile).
    static CohortShareResult share(const QString &profileDir, const Curriculum &curriculum,
        const QString &curriculumId, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Stops sharing: removes this learner's own summary from the cohort folder and forgets the
    /// folder (the name and the notes choice stay). @p removed is the file removed, if any.
    static bool stop(const QString &profileDir, QString *removed, QString *error);
};

} // namespace StudyBench
