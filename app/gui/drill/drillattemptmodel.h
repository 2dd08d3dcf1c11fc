#pragma once

#include "drill/drillstore.h"

#include <QAbstractTableModel>
#include <QList>

namespace StudyBench {

/// One drill's attempts, newest first: when, the time used, the four scores, what to fix and the
/// answer file (its name shown, the path in PathRole and the tooltip).
class DrillAttemptModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StartedColumn,
        TimeColumn,
        FirstScoreColumn,
        ToFixColumn = FirstScoreColumn + kDrillDimensionCount,
        AnswerColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1
    };

    explicit DrillAttemptModel(QObject *parent = nullptr);

    /// Shows @p attempts (oldest first, as DrillStore::attempts() gives them).
    void setAttempts(const QList<DrillAttempt> &attempts);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const DrillAttempt &attempt, int column) const;

    QList<DrillAttempt> m_attempts;
};

} // namespace StudyBench
