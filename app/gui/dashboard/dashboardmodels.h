#pragma once

#include "stats/dashboarddata.h"

#include <QCoreApplication>
#include <QList>

class QStandardItemModel;

namespace StudyBench {

/// The dashboard's numbers as table models: each chart draws from its model, and its "Show as
/// Table" view shows the same model, so the two never disagree. Numbers are stored as numbers
/// (Qt::DisplayRole); a chart's extras (a bar's note, a rate, a time) in Qt::UserRole.
class DashboardModels
{
    Q_DECLARE_TR_FUNCTIONS(DashboardModels)

public:
    /// Section; Done, In progress, Skipped, Not started. Column 0's UserRole: "12 of 40 done".
    static void fillSections(QStandardItemModel *model, const DashboardData &data);
    /// Kind (concepts, checklist items, ...); the same state columns.
    static void fillKinds(QStandardItemModel *model, const DashboardData &data);
    /// Section; confidence 1..5, then Unrated.
    static void fillConfidence(QStandardItemModel *model, const DashboardData &data);
    /// Date; Total, State changes, Reviews, Drill attempts, Notes. Column 0's UserRole: the QDate.
    static void fillActivity(QStandardItemModel *model, const DashboardData &data);
    /// Day ("Today", "Tomorrow", a date); Cards due.
    static void fillForecast(QStandardItemModel *model, const DashboardData &data);
    /// Period; Young, Mature, All ("92.0% (23 of 25)", the rate or -1 in UserRole).
    static void fillRetention(QStandardItemModel *model, const DashboardData &data);
    /// Date (UserRole: the QDateTime); Drill; Mean score.
    static void fillDrillScores(QStandardItemModel *model, const DashboardData &data);
    /// Time; What; Item; Detail: the changes of one day.
    static void fillDay(QStandardItemModel *model, const QList<ActivityEntry> &entries);

    /// The translated name of @p kind in the plural ("Concepts").
    static QString kindLabel(NodeKind kind);
    /// "92.0% (23 of 25)", or "—" when there is nothing to count.
    static QString retentionText(const RetentionCount &count);
};

} // namespace StudyBench
