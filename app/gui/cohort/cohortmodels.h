#pragma once

#include "cohort/cohortoverview.h"

#include <QAbstractTableModel>

namespace StudyBench {

/// Learners × sections of a CohortOverview: the learner, all sections, each section, drills and
/// last activity. A section cell's CellRole holds percent done and average confidence for
/// CohortCellDelegate; its DisplayRole says the same in text (copying, accessibility).
class CohortTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        PercentRole = Qt::UserRole + 1, ///< double 0..100, in the cells with a tally
        ConfidenceRole, ///< double 1..5, 0 when nothing is rated
        StartedRole, ///< bool: anything done, in progress, skipped or rated; false paints a dash
    };
    enum Column
    {
        LearnerColumn,
        OverallColumn,
        FirstSectionColumn,
    };

    explicit CohortTableModel(QObject *parent = nullptr);

    void setOverview(const CohortOverview &overview);
    const CohortOverview &overview() const { return m_overview; }
    /// The column of drills (after the sections), then the one of last activity.
    int drillsColumn() const { return FirstSectionColumn + int(m_overview.sections.size()); }
    int lastActiveColumn() const { return drillsColumn() + 1; }
    /// The cell of @p index, or null for the learner, drills and last activity columns.
    const CohortCell *cell(const QModelIndex &index) const;
    /// @p title broken over up to three lines of about @p chars characters, for a narrow header.
    static QString wrapped(const QString &title, int chars);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static const CohortCell *cellOf(const CohortRow &row, int column);
    QVariant text(const CohortRow &row, int column) const;
    QString toolTip(const CohortRow &row, int column) const;

    CohortOverview m_overview;
};

/// The items learners are stuck on, most learners first: item, how many, section, who and why.
class CohortStuckModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ItemColumn,
        CountColumn,
        SectionColumn,
        WhoColumn,
        ColumnCount
    };

    explicit CohortStuckModel(QObject *parent = nullptr);
    void setOverview(const CohortOverview &overview);
    /// The stuck item of @p index's row, or null.
    const StuckItem *item(const QModelIndex &index) const;
    /// "Unsure: Ada, Bob and 3 others · In progress 8–20 days: Cy": @p item's learners
    /// grouped by why they are stuck, @p names of them named in all (every one when negative),
    /// the rest counted. The Who column shows all; CohortWhoDelegate as many as its width holds.
    static QString whoText(const StuckItem &item, int names = -1);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StuckItem> m_items;
    int m_learners = 0;
};

} // namespace StudyBench
