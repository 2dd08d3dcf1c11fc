#pragma once

#include "curriculum/curriculum.h"
#include "progress/progressstore.h"
#include "progress/progresssummary.h"

#include <QAbstractItemModel>
#include <QHash>

namespace StudyBench {

/// The curriculum as a tree for views, with each checkable node's state.
///
/// Column 0 is the title (checkable nodes carry a check box), column 1 the progress of headings
/// ("3/7 · 43%"). States shown are the saved ones, overlaid by changes the learner made that are
/// not on disk yet ("pending"; shown in italics). The model does not write anything: it asks with
/// stateChangeRequested(), and is told by confirmState()/rejectState() what happened.
class CurriculumModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn = 0,
        ProgressColumn = 1,
        ColumnCount
    };
    enum Role
    {
        NodeIdRole = Qt::UserRole + 1,
        KindRole, ///< NodeKind as int
        StateRole, ///< ItemState as int (checkable nodes)
        TextRole, ///< the explanation
        PendingRole, ///< bool: a change not yet on disk
        PercentRole, ///< double, headings
        TallyRole, ///< QVariant<Tally>
        ConfidenceRole, ///< int 0..5
        NoteMergedRole, ///< QDateTime: when a sync merge kept another device's text in the note
    };

    explicit CurriculumModel(QObject *parent = nullptr);

    void setCurriculum(CurriculumPtr curriculum);
    CurriculumPtr curriculum() const { return m_curriculum; }

    /// Replaces the saved states (from the database), keeping pending changes on top.
    void setRecords(const ItemRecords &records);
    const ItemRecords &records() const { return m_records; }

    ItemState state(const QString &nodeId) const;
    bool isPending(const QString &nodeId) const { return m_pending.contains(nodeId); }
    int pendingCount() const { return int(m_pending.size()); }
    Tally tally(const QModelIndex &index) const;
    Tally overallTally() const;

    /// Asks for a state change of a checkable node; emits stateChangeRequested().
    bool requestState(const QModelIndex &index, ItemState state);
    /// Marks a requested change as waiting for disk under @p ticket.
    void markPending(const QString &nodeId, ItemState state, quint64 ticket);
    /// The change with @p ticket is on disk.
    void confirmState(quint64 ticket, const QString &nodeId, ItemState state);
    /// The change with @p ticket could not be saved: show the saved state again.
    void rejectState(quint64 ticket, const QString &nodeId);
    void setConfidence(const QString &nodeId, int confidence);
    /// The learner has seen (or edited) the note a merge flagged: NoteMergedRole is empty again.
    void clearNoteMerged(const QString &nodeId);

    QModelIndex indexForId(const QString &nodeId, int column = 0) const;
    const CurriculumNode *nodeAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void stateChangeRequested(const QString &nodeId, StudyBench::ItemState state, const QString &title);
    /// Overall or any heading's tally changed.
    void talliesChanged();

private:
    QVariant displayText(const CurriculumNode *node, int column) const;
    QString toolTip(const CurriculumNode *node) const;
    QVariant appearance(const CurriculumNode *node, int column, int role) const;
    QVariant roleData(const CurriculumNode *node, int role) const;
    /// Past this many changed items, setRecords() emits layoutChanged() instead of dataChanged()s.
    static constexpr qsizetype kMaxChangedRowSignals = 16;

    void recomputeTallies();
    void emitChangedWithAncestors(const QString &nodeId);
    QModelIndex indexForNode(const CurriculumNode *node, int column = 0) const;

    CurriculumPtr m_curriculum;
    ItemRecords m_records;
    StateMap m_saved;
    QHash<QString, ItemState> m_pending;
    QHash<QString, quint64> m_pendingTicket;
    QHash<const CurriculumNode *, Tally> m_tallies;
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::Tally)
