#include "drill/drilllistmodel.h"

#include "drill/drillcatalog.h"

#include <QLocale>

namespace StudyBench {

namespace {

constexpr int kTrendLength = 5;

} // namespace

DrillListModel::DrillListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DrillListModel::setCatalog(const DrillCatalog *catalog)
{
    beginResetModel();
    m_catalog = catalog;
    endResetModel();
}

void DrillListModel::setAttempts(const QHash<QString, QList<DrillAttempt>> &attempts)
{
    m_attempts = attempts;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, AttemptsColumn), index(rowCount() - 1, TrendColumn));
}

int DrillListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_catalog->drills().at(row).id == id)
            return row;
    }
    return -1;
}

QString DrillListModel::trendText(const QList<DrillAttempt> &attempts)
{
    const QList<double> means = DrillStore::trend(attempts);
    QStringList parts;
    for (qsizetype i = qMax<qsizetype>(0, means.size() - kTrendLength); i < means.size(); ++i)
        parts.append(QLocale().toString(means.at(i), 'f', 1));
    return parts.join(QStringLiteral(" \u2192 "));
}

int DrillListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_catalog ? 0 : int(m_catalog->drills().size());
}

int DrillListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrillListModel::display(const Drill &drill, int column) const
{
    const QList<DrillAttempt> attempts = m_attempts.value(drill.id);
    switch (column) {
    case KindColumn:
        return drillKindName(drill.kind);
    case TitleColumn:
        return drill.title;
    case AttemptsColumn:
        return attempts.size();
    case LastMeanColumn:
        return attempts.isEmpty() ? QString() : QLocale().toString(attempts.constLast().meanScore(), 'f', 1);
    case TrendColumn:
        return trendText(attempts);
    default:
        return {};
    }
}

QVariant DrillListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Drill &drill = m_catalog->drills().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(drill, index.column());
    case Qt::ToolTipRole:
        return index.column() == TitleColumn ? drill.id : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == AttemptsColumn || index.column() == LastMeanColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case KindRole:
        return int(drill.kind);
    case IdRole:
        return drill.id;
    default:
        return {};
    }
}

QVariant DrillListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case TitleColumn:
        return tr("Drill");
    case AttemptsColumn:
        return tr("Attempts");
    case LastMeanColumn:
        return tr("Last mean");
    case TrendColumn:
        return tr("Trend");
    default:
        return {};
    }
}

} // namespace StudyBench
