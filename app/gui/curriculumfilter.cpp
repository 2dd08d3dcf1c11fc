#include "curriculumfilter.h"

#include "curriculum/curriculum.h"
#include "curriculummodel.h"

namespace StudyBench {

CurriculumFilter::CurriculumFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setDynamicSortFilter(true);
}

void CurriculumFilter::setText(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    setAutoAcceptChildRows(m_state == StateFilter::All);
    invalidateRowsFilter();
}

void CurriculumFilter::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    setAutoAcceptChildRows(m_state == StateFilter::All);
    invalidateRowsFilter();
}

bool CurriculumFilter::textMatches(const QModelIndex &index) const
{
    if (m_words.isEmpty())
        return true;
    const QString title = index.data(Qt::DisplayRole).toString();
    const QString text = index.data(CurriculumModel::TextRole).toString();
    for (const QString &w : m_words) {
        if (!title.contains(w, Qt::CaseInsensitive) && !text.contains(w, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool CurriculumFilter::stateMatches(ItemState state) const
{
    switch (m_state) {
    case StateFilter::All:
        return true;
    case StateFilter::Open:
        return state == ItemState::NotStarted || state == ItemState::InProgress;
    case StateFilter::NotStarted:
        return state == ItemState::NotStarted;
    case StateFilter::InProgress:
        return state == ItemState::InProgress;
    case StateFilter::Done:
        return state == ItemState::Done;
    case StateFilter::Skipped:
        return state == ItemState::Skipped;
    }
    return true;
}

bool CurriculumFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isActive())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = static_cast<NodeKind>(index.data(CurriculumModel::KindRole).toInt());
    if (!isCheckable(kind)) {
        // Headings and plain bullets: by text only when no state filter is set; otherwise shown
        // through a matching descendant (recursive filtering).
        return m_state == StateFilter::All && !m_words.isEmpty() && textMatches(index);
    }
    return stateMatches(static_cast<ItemState>(index.data(CurriculumModel::StateRole).toInt()))
        && textMatches(index);
}

} // namespace StudyBench
