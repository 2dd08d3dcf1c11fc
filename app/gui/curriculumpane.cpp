#include "curriculumpane.h"

#include "curriculumdelegate.h"
#include "curriculumfilter.h"
#include "curriculummodel.h"
#include "stateicons.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace StudyBench {

CurriculumPane::CurriculumPane(CurriculumModel *model, CurriculumFilter *filter, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(filter)
{
    setObjectName(QStringLiteral("curriculumPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->setSpacing(4);
    buildFilterRow();
    buildTree();
}

void CurriculumPane::buildFilterRow()
{
    auto *row = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter the curriculum"));
    m_filterEdit->installEventFilter(this);
    row->addWidget(m_filterEdit, 1);
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setAccessibleName(tr("Show items by state"));
    m_stateFilter->addItem(tr("All items"), int(CurriculumFilter::StateFilter::All));
    m_stateFilter->addItem(tr("Open"), int(CurriculumFilter::StateFilter::Open));
    const std::pair<ItemState, CurriculumFilter::StateFilter> states[] = {
        { ItemState::NotStarted, CurriculumFilter::StateFilter::NotStarted },
        { ItemState::InProgress, CurriculumFilter::StateFilter::InProgress },
        { ItemState::Done, CurriculumFilter::StateFilter::Done },
        { ItemState::Skipped, CurriculumFilter::StateFilter::Skipped },
    };
    for (const auto &[state, filter] : states)
        m_stateFilter->addItem(StateIcons::icon(state), stateLabel(state), int(filter));
    row->addWidget(m_stateFilter);
    static_cast<QVBoxLayout *>(layout())->addLayout(row);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &CurriculumPane::onFilterChanged);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &CurriculumPane::onFilterChanged);
}

void CurriculumPane::buildTree()
{
    m_tree = new QTreeView(this);
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new CurriculumDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAnimated(false);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAccessibleName(tr("Curriculum"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(CurriculumModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(CurriculumModel::ProgressColumn, QHeaderView::ResizeToContents);
    layout()->addWidget(m_tree);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { Q_EMIT currentNodeChanged(m_filter->mapToSource(current)); });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &CurriculumPane::showContextMenu);
}

bool CurriculumPane::selectNode(const QString &nodeId)
{
    if (nodeId.isEmpty())
        return false;
    const QModelIndex source = m_model->indexForId(nodeId);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) {
        m_filterEdit->clear();
        m_stateFilter->setCurrentIndex(0);
        proxy = m_filter->mapFromSource(source);
    }
    for (QModelIndex p = proxy.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(proxy);
    m_tree->scrollTo(proxy, QAbstractItemView::PositionAtCenter);
    return true;
}

QString CurriculumPane::selectedNodeId() const
{
    return m_tree->currentIndex().data(CurriculumModel::NodeIdRole).toString();
}

void CurriculumPane::expandFresh(const QStringList &expanded)
{
    if (expanded.isEmpty()) {
        for (int r = 0; r < m_filter->rowCount(); ++r)
            m_tree->expand(m_filter->index(r, 0));
        return;
    }
    for (const QString &id : expanded)
        m_tree->expand(m_filter->mapFromSource(m_model->indexForId(id)));
}

QStringList CurriculumPane::expandedIds() const
{
    QStringList expanded;
    if (m_filter->isActive())
        return expanded;
    const CurriculumPtr c = m_model->curriculum();
    for (const CurriculumNode *node : c ? c->allNodes() : QList<const CurriculumNode *>()) {
        if (!node->children.empty() && node->parent
            && m_tree->isExpanded(m_filter->mapFromSource(m_model->indexForId(node->id))))
            expanded.append(node->id);
    }
    return expanded;
}

void CurriculumPane::scrollToCurrent()
{
    m_tree->scrollTo(m_tree->currentIndex(), QAbstractItemView::PositionAtCenter);
}

void CurriculumPane::fillEditMenu(QMenu *edit)
{
    QAction *find = edit->addAction(tr("&Filter the Curriculum"), this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *toggle = edit->addAction(tr("&Toggle Done"), this, &CurriculumPane::toggleCurrent);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QMenu *setState = edit->addMenu(tr("Set &State"));
    const Qt::Key keys[] = { Qt::Key_0, Qt::Key_1, Qt::Key_2, Qt::Key_3 };
    int i = 0;
    for (ItemState s : kAllStates) {
        QAction *a = setState->addAction(StateIcons::icon(s), stateLabel(s), this,
            [this, s] { m_model->requestState(m_filter->mapToSource(m_tree->currentIndex()), s); });
        a->setShortcut(QKeySequence(Qt::ALT | keys[i++]));
    }
}

void CurriculumPane::fillViewMenu(QMenu *view)
{
    view->addAction(tr("&Expand All"), m_tree, &QTreeView::expandAll);
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);
}

void CurriculumPane::toggleCurrent()
{
    const QModelIndex source = m_filter->mapToSource(m_tree->currentIndex());
    const CurriculumNode *node = m_model->nodeAt(source);
    if (!node || !isCheckable(node->kind))
        return;
    m_model->requestState(
        source, m_model->state(node->id) == ItemState::Done ? ItemState::NotStarted : ItemState::Done);
}

void CurriculumPane::onFilterChanged()
{
    const QString keep = selectedNodeId();
    m_filter->setText(m_filterEdit->text());
    m_filter->setStateFilter(
        static_cast<CurriculumFilter::StateFilter>(m_stateFilter->currentData().toInt()));
    if (m_filter->isActive())
        m_tree->expandAll();
    const QModelIndex proxy = m_filter->mapFromSource(m_model->indexForId(keep));
    if (proxy.isValid()) {
        m_tree->setCurrentIndex(proxy);
        m_tree->scrollTo(proxy);
    }
}

void CurriculumPane::showContextMenu(const QPoint &pos)
{
    const QModelIndex source = m_filter->mapToSource(m_tree->indexAt(pos));
    const CurriculumNode *node = m_model->nodeAt(source);
    if (!source.isValid() || !node)
        return;
    QMenu menu(this);
    if (isCheckable(node->kind)) {
        const ItemState current = m_model->state(node->id);
        for (ItemState s : kAllStates) {
            QAction *a = menu.addAction(StateIcons::icon(s), stateLabel(s));
            a->setCheckable(true);
            a->setChecked(s == current);
            connect(a, &QAction::triggered, this, [this, source, s] { m_model->requestState(source, s); });
        }
        menu.addSeparator();
    }
    menu.addAction(tr("Copy ID"), this, [node] { QApplication::clipboard()->setText(node->id); });
    if (!m_contextActions.isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_contextActions);
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

bool CurriculumPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            m_filterEdit->clear();
            m_tree->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_tree->setFocus(Qt::TabFocusReason);
            if (!m_tree->currentIndex().isValid())
                m_tree->setCurrentIndex(m_filter->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace StudyBench
