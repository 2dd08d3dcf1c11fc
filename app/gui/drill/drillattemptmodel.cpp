#include "drill/drillattemptmodel.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace StudyBench {

DrillAttemptModel::DrillAttemptModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DrillAttemptModel::setAttempts(const QList<DrillAttempt> &attempts)
{
    beginResetModel();
    m_attempts = attempts;
    std::reverse(m_attempts.begin(), m_attempts.end());
    endResetModel();
}

int DrillAttemptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int DrillAttemptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrillAttemptModel::display(const DrillAttempt &attempt, int column) const
{
    if (column >= FirstScoreColumn && column < ToFixColumn)
        return attempt.scores[size_t(column - FirstScoreColumn)];
    switch (column) {
    case StartedColumn:
        return QLocale().toString(attempt.startedAt.toLocalTime(), QLocale::ShortFormat);
    case TimeColumn:
        return tr("%n min", nullptr, (attempt.secondsUsed + 30) / 60);
    case ToFixColumn:
        return attempt.toFix;
    case AnswerColumn:
        return attempt.answerPath.isEmpty() ? QString() : QFileInfo(attempt.answerPath).fileName();
    default:
        return {};
    }
}

QVariant DrillAttemptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DrillAttempt &attempt = m_attempts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(attempt, index.column());
    case Qt::ToolTipRole:
        if (index.column() == AnswerColumn && !attempt.answerPath.isEmpty())
            return tr("%1\nDouble-click to open it.").arg(attempt.answerPath);
        return index.column() == ToFixColumn ? attempt.toFix : QVariant();
    case PathRole:
        return attempt.answerPath;
    default:
        return {};
    }
}

QVariant DrillAttemptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const auto dimensions = DrillRubric::standardDimensions();
    if (section >= FirstScoreColumn && section < ToFixColumn) {
        const RubricDimension &d = dimensions[size_t(section - FirstScoreColumn)];
        if (role == Qt::ToolTipRole)
            return d.name;
        return role == Qt::DisplayRole ? d.name.left(1) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case TimeColumn:
        return tr("Time used");
    case ToFixColumn:
        return tr("What to fix");
    case AnswerColumn:
        return tr("Answer");
    default:
        return {};
    }
}

} // namespace StudyBench
