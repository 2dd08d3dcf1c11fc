#pragma once

#include "curriculum/curriculum.h"
#include "progress/progresssummary.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QTimeZone>

#include <array>

namespace StudyBench {

/// One top-level section: its items by state, and their confidence ratings.
struct SectionStats
{
    QString id;
    QString title;
    Tally tally;
    /// [0] unrated, [1..5] the items rated 1..5.
    std::array<int, 6> confidence {};
};

/// What the learner did on one day (in their time zone).
struct DayActivity
{
    QDate date;
    int stateChanges = 0;
    int reviews = 0;
    int drills = 0;
    /// Notes last edited that day (a note keeps only its last edit's time).
    int notes = 0;

    int total() const { return stateChanges + reviews + drills + notes; }
};

/// One thing the learner did, for the list of a day's changes.
struct ActivityEntry
{
    enum class Kind
    {
        StateChange,
        Review,
        Drill,
        Note,
    };
    QDateTime at;
    Kind kind = Kind::StateChange;
    QString nodeId;
    QString title;
    /// What happened, in words: "Not started → Done", "Good", "mean 3.25".
    QString detail;
};

/// True retention's count: the first review of a card on a day, when it was in Review.
struct RetentionCount
{
    int passed = 0;
    int total = 0;

    /// passed / total, 0..1; -1 when there is nothing to count.
    double rate() const { return total > 0 ? double(passed) / total : -1.0; }
    RetentionCount &operator+=(const RetentionCount &other);
};

/// Young cards had an interval under kMatureDays before the review, mature ones at least that.
struct RetentionPeriod
{
    RetentionCount young;
    RetentionCount mature;

    RetentionCount overall() const;
};

/// One drill attempt's place on the scores-over-time chart.
struct DrillScore
{
    QDateTime at;
    QString nodeId;
    QString title;
    double mean = 0;
};

/// Everything the dashboard shows, read from a progress database and its curriculum. load() is
/// blocking (run it on a worker thread) and opens its own connection, so any thread may call it.
struct DashboardData
{
    Q_DECLARE_TR_FUNCTIONS(DashboardData)

public:
    static constexpr int kActivityDays = 365;
    static constexpr int kForecastDays = 30;
    static constexpr int kMatureDays = 21;
    enum Period
    {
        Last30Days,
        LastYear,
        AllTime,
        PeriodCount
    };

    QString error;
    QDate today;
    QList<SectionStats> sections;
    QMap<NodeKind, Tally> kinds;
    /// kActivityDays days, oldest first; the last is today.
    QList<DayActivity> days;
    /// The upper bounds of shades 1, 2 and 3: the quartiles of the days with activity.
    std::array<int, 3> quartiles {};
    /// Cards due on each of the next kForecastDays days; [0] is today, with every overdue card.
    QList<int> forecast;
    int cardCount = 0;
    int reviewCount = 0;
    std::array<RetentionPeriod, PeriodCount> retention {};
    double desiredRetention = 0.9;
    /// Every attempt, oldest first.
    QList<DrillScore> drillScores;
    /// Days in a row with activity up to today (or up to yesterday, while today has none yet).
    int currentStreak = 0;
    int longestStreak = 0;

    bool hasActivity() const;
    /// 0 for no activity, then 1..4 by quartile, as GitHub shades its contribution calendar.
    int shade(int count) const;
    /// The day at @p date, or null when it is outside the last kActivityDays days.
    const DayActivity *day(QDate date) const;

    /// Reads @p path (a progress database) against @p curriculum; days are counted in @p zone
    /// and end at @p now. On failure error says why and the rest is empty.
    static DashboardData load(const QString &path, const Curriculum &curriculum, const QDateTime &now,
        const QTimeZone &zone = QTimeZone::LocalTime);
    /// What happened on @p day in @p zone, oldest first.
    static QList<ActivityEntry> dayEntries(const QString &path, const Curriculum &curriculum, QDate day,
        const QTimeZone &zone = QTimeZone::LocalTime);
    /// The nearest-rank quartiles of @p counts (zeros left out), as shade() uses them.
    static std::array<int, 3> quartilesOf(QList<int> counts);
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::DashboardData)
