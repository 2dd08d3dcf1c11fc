#pragma once

#include "progress/itemstate.h"

#include <QSortFilterProxyModel>
#include <QStringList>

namespace StudyBench {

/// Narrows the curriculum tree: by words (all must appear in a node's title or explanation, in
/// any case) and by state. A heading is shown when something under it matches; a heading whose
/// own title matches shows all of its items, unless a state filter is set.
class CurriculumFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class StateFilter
    {
        All,
        Open,
        NotStarted,
        InProgress,
        Done,
        Skipped
    };
    Q_ENUM(StateFilter)

    explicit CurriculumFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_words.join(QLatin1Char(' ')); }
    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }
    bool isActive() const { return !m_words.isEmpty() || m_state != StateFilter::All; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool textMatches(const QModelIndex &index) const;
    bool stateMatches(ItemState state) const;

    QStringList m_words;
    StateFilter m_state = StateFilter::All;
};

} // namespace StudyBench
