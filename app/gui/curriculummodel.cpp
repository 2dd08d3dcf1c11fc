#include "curriculummodel.h"

#include "stateicons.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace StudyBench {

CurriculumModel::CurriculumModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void CurriculumModel::setCurriculum(CurriculumPtr curriculum)
{
    beginResetModel();
    m_curriculum = std::move(curriculum);
    recomputeTallies();
    endResetModel();
    Q_EMIT talliesChanged();
}

void CurriculumModel::setRecords(const ItemRecords &records)
{
    const StateMap saved = statesOf(records);
    QSet<QString> changed;
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        if (m_saved.value(it.key(), ItemState::NotStarted) != it.value())
            changed.insert(it.key());
    }
    for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
        if (!saved.contains(it.key()))
            changed.insert(it.key());
    }
    for (auto it = records.cbegin(); it != records.cend(); ++it) {
        const ItemRecord before = m_records.value(it.key());
        if (before.confidence != it->confidence || before.noteMergedAt != it->noteMergedAt)
            changed.insert(it.key());
    }
    // Every dataChanged() has the tree measure its visible rows again (its progress column
    // resizes to its contents): with one signal per changed item and per heading above it, the
    // saved progress of 120 items took 120 ms of the GUI thread when it arrived at start-up.
    // Many changes are announced at once instead; rows and parents stay as they are.
    const bool many = changed.size() > kMaxChangedRowSignals;
    if (many)
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    m_records = records;
    m_saved = saved;
    recomputeTallies();
    if (many) {
        Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    } else {
        for (const QString &id : std::as_const(changed))
            emitChangedWithAncestors(id);
    }
    Q_EMIT talliesChanged();
}

ItemState CurriculumModel::state(const QString &nodeId) const
{
    if (auto it = m_pending.constFind(nodeId); it != m_pending.cend())
        return it.value();
    return m_saved.value(nodeId, ItemState::NotStarted);
}

Tally CurriculumModel::tally(const QModelIndex &index) const
{
    return m_tallies.value(nodeAt(index));
}

Tally CurriculumModel::overallTally() const
{
    return m_curriculum ? m_tallies.value(m_curriculum->root()) : Tally {};
}

void CurriculumModel::recomputeTallies()
{
    m_tallies.clear();
    if (!m_curriculum)
        return;
    // Post-order over the tree: each heading sums its children.
    const QList<const CurriculumNode *> nodes = m_curriculum->allNodes();
    for (auto it = nodes.crbegin(); it != nodes.crend(); ++it) {
        const CurriculumNode *node = *it;
        Tally t;
        if (isCheckable(node->kind))
            t.add(state(node->id));
        for (const auto &child : node->children)
            t += m_tallies.value(child.get());
        m_tallies.insert(node, t);
    }
}

void CurriculumModel::emitChangedWithAncestors(const QString &nodeId)
{
    if (!m_curriculum)
        return;
    for (const CurriculumNode *node = m_curriculum->find(nodeId); node && node->parent; node = node->parent) {
        const QModelIndex left = indexForNode(node, TitleColumn);
        Q_EMIT dataChanged(left, left.siblingAtColumn(ProgressColumn));
    }
}

bool CurriculumModel::requestState(const QModelIndex &index, ItemState newState)
{
    const CurriculumNode *node = nodeAt(index);
    if (!node || !isCheckable(node->kind) || state(node->id) == newState)
        return false;
    Q_EMIT stateChangeRequested(node->id, newState, node->title);
    return true;
}

void CurriculumModel::markPending(const QString &nodeId, ItemState newState, quint64 ticket)
{
    m_pending.insert(nodeId, newState);
    m_pendingTicket.insert(nodeId, ticket);
    recomputeTallies();
    emitChangedWithAncestors(nodeId);
    Q_EMIT talliesChanged();
}

void CurriculumModel::confirmState(quint64 ticket, const QString &nodeId, ItemState newState)
{
    m_saved.insert(nodeId, newState);
    ItemRecord &r = m_records[nodeId];
    r.nodeId = nodeId;
    r.state = newState;
    if (m_pendingTicket.value(nodeId) == ticket) {
        m_pending.remove(nodeId);
        m_pendingTicket.remove(nodeId);
    }
    recomputeTallies();
    emitChangedWithAncestors(nodeId);
    Q_EMIT talliesChanged();
}

void CurriculumModel::rejectState(quint64 ticket, const QString &nodeId)
{
    if (m_pendingTicket.value(nodeId) != ticket)
        return;
    m_pending.remove(nodeId);
    m_pendingTicket.remove(nodeId);
    recomputeTallies();
    emitChangedWithAncestors(nodeId);
    Q_EMIT talliesChanged();
}

void CurriculumModel::setConfidence(const QString &nodeId, int confidence)
{
    ItemRecord &r = m_records[nodeId];
    r.nodeId = nodeId;
    r.confidence = confidence;
    if (!m_saved.contains(nodeId))
        r.state = ItemState::NotStarted;
    emitChangedWithAncestors(nodeId);
}

void CurriculumModel::clearNoteMerged(const QString &nodeId)
{
    const auto it = m_records.find(nodeId);
    if (it == m_records.end() || !it->noteMergedAt.isValid())
        return;
    it->noteMergedAt = {};
    emitChangedWithAncestors(nodeId);
}

const CurriculumNode *CurriculumModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_curriculum ? m_curriculum->root() : nullptr;
    return static_cast<const CurriculumNode *>(index.internalPointer());
}

QModelIndex CurriculumModel::indexForNode(const CurriculumNode *node, int column) const
{
    if (!node || !node->parent)
        return {};
    return createIndex(node->row(), column, const_cast<CurriculumNode *>(node));
}

QModelIndex CurriculumModel::indexForId(const QString &nodeId, int column) const
{
    return m_curriculum ? indexForNode(m_curriculum->find(nodeId), column) : QModelIndex();
}

QModelIndex CurriculumModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_curriculum || column < 0 || column >= ColumnCount)
        return {};
    const CurriculumNode *p = nodeAt(parent);
    const CurriculumNode *c = p ? p->child(row) : nullptr;
    return c ? createIndex(row, column, const_cast<CurriculumNode *>(c)) : QModelIndex();
}

QModelIndex CurriculumModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const CurriculumNode *node = nodeAt(child);
    return node ? indexForNode(node->parent) : QModelIndex();
}

int CurriculumModel::rowCount(const QModelIndex &parent) const
{
    if (!m_curriculum || (parent.isValid() && parent.column() != 0))
        return 0;
    const CurriculumNode *node = nodeAt(parent);
    return node ? node->childCount() : 0;
}

int CurriculumModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant CurriculumModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TitleColumn ? tr("Item") : tr("Progress");
}

Qt::ItemFlags CurriculumModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const CurriculumNode *node = nodeAt(index);
    if (index.column() == TitleColumn && node && isCheckable(node->kind))
        f |= Qt::ItemIsUserCheckable;
    if (node && node->children.empty())
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant CurriculumModel::data(const QModelIndex &index, int role) const
{
    const CurriculumNode *node = index.isValid() ? nodeAt(index) : nullptr;
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(node, index.column());
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::CheckStateRole:
    case Qt::DecorationRole:
    case Qt::FontRole:
    case Qt::ForegroundRole:
    case Qt::TextAlignmentRole:
        return appearance(node, index.column(), role);
    default:
        return roleData(node, role);
    }
}

QVariant CurriculumModel::displayText(const CurriculumNode *node, int column) const
{
    if (column == TitleColumn)
        return node->title;
    if (isCheckable(node->kind))
        return {};
    const Tally t = m_tallies.value(node);
    if (t.total == 0)
        return {};
    return tr("%1/%2 · %3%").arg(t.done).arg(t.counted()).arg(qRound(t.percent()));
}

QString CurriculumModel::toolTip(const CurriculumNode *node) const
{
    QString tip = QStringLiteral("<b>%1</b>").arg(node->title.toHtmlEscaped());
    if (!node->text.isEmpty())
        tip += QStringLiteral("<br>") + node->text.left(400).toHtmlEscaped();
    if (isCheckable(node->kind)) {
        tip += QStringLiteral("<br><i>%1</i>").arg(stateLabel(state(node->id)));
        if (isPending(node->id))
            tip += QStringLiteral(" — ") + tr("saving…");
    }
    return tip;
}

// How a row looks: its check box, icon, font, colour and alignment.
QVariant CurriculumModel::appearance(const CurriculumNode *node, int column, int role) const
{
    const bool checkable = isCheckable(node->kind);
    const ItemState st = checkable ? state(node->id) : ItemState::NotStarted;
    switch (role) {
    case Qt::CheckStateRole:
        if (column != TitleColumn || !checkable)
            return {};
        return st == ItemState::Done      ? Qt::Checked
            : st == ItemState::InProgress ? Qt::PartiallyChecked
                                          : Qt::Unchecked;
    case Qt::DecorationRole:
        // In progress already shows as a partly checked box.
        if (column == TitleColumn && checkable && st == ItemState::Skipped)
            return StateIcons::icon(st);
        return {};
    case Qt::FontRole: {
        QFont f = QApplication::font();
        f.setBold(node->kind == NodeKind::Section);
        f.setItalic(checkable && isPending(node->id));
        f.setStrikeOut(checkable && st == ItemState::Skipped);
        return f;
    }
    case Qt::ForegroundRole:
        if (column == ProgressColumn || (checkable && st == ItemState::Skipped))
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (column == ProgressColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

// The model's own roles.
QVariant CurriculumModel::roleData(const CurriculumNode *node, int role) const
{
    const bool checkable = isCheckable(node->kind);
    switch (role) {
    case NodeIdRole:
        return node->id;
    case KindRole:
        return int(node->kind);
    case StateRole:
        return checkable ? QVariant(int(state(node->id))) : QVariant();
    case TextRole:
        return node->text;
    case PendingRole:
        return checkable && isPending(node->id);
    case PercentRole:
        return m_tallies.value(node).percent();
    case TallyRole:
        return QVariant::fromValue(m_tallies.value(node));
    case ConfidenceRole:
        return m_records.value(node->id).confidence;
    case NoteMergedRole:
        return m_records.value(node->id).noteMergedAt;
    default:
        return {};
    }
}

bool CurriculumModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != TitleColumn)
        return false;
    const auto check = static_cast<Qt::CheckState>(value.toInt());
    return requestState(index,
        check == Qt::Checked                ? ItemState::Done
            : check == Qt::PartiallyChecked ? ItemState::InProgress
                                            : ItemState::NotStarted);
}

} // namespace StudyBench
