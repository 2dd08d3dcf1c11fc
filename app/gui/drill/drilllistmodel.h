#pragma once

#include "drill/drillstore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace StudyBench {

class DrillCatalog;

/// The drills of a catalog, one row each: kind, title, attempts, the last attempt's mean score and
/// the trend of the means ("2.5 → 3.0 → 3.5"). KindRole holds the DrillKind (as int) for filtering.
class DrillListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KindColumn,
        TitleColumn,
        AttemptsColumn,
        LastMeanColumn,
        TrendColumn,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        IdRole
    };

    explicit DrillListModel(QObject *parent = nullptr);

    /// Shows the drills of @p catalog (which must outlive the model, or be replaced first).
    void setCatalog(const DrillCatalog *catalog);
    /// The attempts read from the database, by drill ID.
    void setAttempts(const QHash<QString, QList<DrillAttempt>> &attempts);
    QList<DrillAttempt> attempts(const QString &drillId) const { return m_attempts.value(drillId); }
    /// The row of the drill @p id, or -1.
    int rowOf(const QString &id) const;

    /// The last means of @p attempts as text, at most the last five: "2.5 → 3.0 → 3.5".
    static QString trendText(const QList<DrillAttempt> &attempts);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const struct Drill &drill, int column) const;

    const DrillCatalog *m_catalog = nullptr;
    QHash<QString, QList<DrillAttempt>> m_attempts;
};

} // namespace StudyBench
