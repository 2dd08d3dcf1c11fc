#pragma once

#include "progress/itemstate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

class Curriculum;

/// One item of a learner's shared progress.
struct CohortItem
{
    QString nodeId;
    ItemState state = ItemState::NotStarted;
    int confidence = 0; ///< 0 unrated, 1..5
    QDateTime changedAt; ///< the last change of its state or confidence
    QString note; ///< only when the learner shares notes
};

/// One drill a learner attempted: how often, and the mean score (1..4) of the last attempt.
struct CohortDrill
{
    QString nodeId;
    int attempts = 0;
    double lastMean = 0;
    QDateTime lastAt;
};

/// What a learner shares with a cohort: states, confidence, drill scores and (when ticked) notes.
struct LearnerSummary
{
    QString deviceId;
    QString name;
    QString curriculumId;
    QString curriculumVersion;
    QDateTime generatedAt;
    bool notesIncluded = false;
    /// The other devices this one syncs with (its sync_peer devices): the same learner's, so a
    /// reader shows them as one learner. Optional in the file ("syncsWith"); empty when missing.
    QStringList syncsWith;
    QList<CohortItem> items;
    QList<CohortDrill> drills;
    /// Set by CohortReader, not in the file: the devices whose summaries this one stands for
    /// (itself included, sorted) when it combines several devices of one learner.
    QStringList combinedDevices;

    /// The latest change of an item or drill attempt; invalid when there is none.
    QDateTime lastActivity() const;
};

/// The file a learner writes into a cohort folder, COHORT/learners/DEVICE-ID/summary.json:
///
///     {"format": "studybench-cohort-summary", "version": 1, "device": "K3…", "name": "Ada",
///      "curriculum": "backend-mastery", "curriculumVersion": "5d41402abc4b",
///      "generatedAt": "2026-12-07T09:30:00.000Z", "notesIncluded": false, "syncsWith": ["Q7…"],
///      "items": [{"id": "apis/…", "state": "in-progress", "confidence": 3,
///                 "changedAt": "2026-12-01T09:30:00.000Z", "note": "…"}, …],
///      "drills": [{"id": "…", "attempts": 2, "lastMean": 2.75, "lastAt": "…"}, …]}
///
/// Times are ISO 8601 UTC with milliseconds; states the names of stateName(). A reader ignores
/// members it does not know, so a later version may add some without raising "version" (as
/// "syncsWith" was: a summary without it reads as a device that syncs with none).
class CohortSummary
{
    Q_DECLARE_TR_FUNCTIONS(CohortSummary)

public:
    static constexpr int kVersion = 1;
    static QString formatName() { return QStringLiteral("studybench-cohort-summary"); }

    /// Why a file could not be read.
    enum class Problem
    {
        None,
        CutShort, ///< it ends too early: a sync engine may still be writing it
        NotJson, ///< garbage, or another kind of JSON file
        Newer, ///< a newer StudyBench wrote it
        Invalid, ///< a member is missing or of the wrong kind
    };

    static QByteArray toJson(const LearnerSummary &summary);
    /// Reads @p data into @p summary; on failure the problem, with @p error saying what is wrong
    /// and where in the file (a member's path such as items[3].state).
    static Problem fromJson(const QByteArray &data, LearnerSummary &summary, QString *error);

    /// COHORT/learners: one folder per learner, named by the device ID.
    static QString learnersFolder(const QString &cohortFolder);
    /// COHORT/learners/DEVICE-ID/summary.json.
    static QString path(const QString &cohortFolder, const QString &deviceId);
    static QString fileName() { return QStringLiteral("summary.json"); }

    /// A fingerprint of the curriculum's checkable items (their IDs, in order): two learners with
    /// the same fingerprint count the same items.
    static QString curriculumVersion(const Curriculum &curriculum);
};

} // namespace StudyBench
