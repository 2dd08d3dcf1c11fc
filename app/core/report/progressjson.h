#pragma once

#include "review/progressmerge.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace StudyBench {

class Curriculum;

/// A progress export as JSON read back: whose curriculum, when, and the records.
struct ProgressJsonFile
{
    QString curriculumId;
    QDateTime exportedAt;
    ProgressSnapshot snapshot;
};

/// The versioned JSON form of a progress profile, everything an import needs:
///
///     {"format": "studybench-progress", "version": 1, "curriculum": "backend-mastery",
///      "exported_at": "2026-12-06T14:03:00.000Z",
///      "tables": {"item": [{"node_id": ..., "state": 2, "confidence": 4, "title": ...,
///                           "updated_at": "2026-12-01T09:30:00.000Z"}, ...],
///                 "state_change": [...], "note": [...], "review_setting": [...],
///                 "review_card": [...], "review_log": [...], "drill_attempt": [...]}}
///
/// Each table carries the columns of progressTables() (row ids left out); times are ISO 8601 UTC
/// with milliseconds, states and ratings the numbers stored in the database.
class ProgressJson
{
    Q_DECLARE_TR_FUNCTIONS(ProgressJson)

public:
    static constexpr int kVersion = 1;
    static QString formatName() { return QStringLiteral("studybench-progress"); }

    /// The ID a curriculum's exports carry: its file's name without the extension
    /// ("backend-mastery" for the built-in one), as profiles are named.
    static QString curriculumId(const Curriculum &curriculum);

    static QByteArray write(const ProgressSnapshot &snapshot, const QString &curriculumId,
        const QDateTime &exportedAt = QDateTime::currentDateTimeUtc());
    /// Reads and validates @p data. False with @p error saying what is wrong, where (line, or the
    /// field's path such as tables.item[3].state) and what to do.
    static bool read(const QByteArray &data, ProgressJsonFile &file, QString *error);
};

} // namespace StudyBench
