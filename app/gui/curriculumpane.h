#pragma once

#include <QList>
#include <QModelIndex>
#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QMenu;
class QTreeView;

namespace StudyBench {

class CurriculumFilter;
class CurriculumModel;

/// The curriculum pane: the filter row over the tree of sections, topics and items. It owns its
/// menus' entries (fillEditMenu(), fillViewMenu()) and the tree's context menu.
class CurriculumPane : public QWidget
{
    Q_OBJECT

public:
    CurriculumPane(CurriculumModel *model, CurriculumFilter *filter, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *stateFilter() const { return m_stateFilter; }

    /// Selects the node with @p nodeId (clearing a filter that hides it). False: not there.
    bool selectNode(const QString &nodeId);
    QString selectedNodeId() const;
    /// After a new curriculum: opens the sections, or the learner's own @p expanded ones.
    void expandFresh(const QStringList &expanded);
    /// The ids of the expanded nodes below the top level (empty while a filter is active).
    QStringList expandedIds() const;
    void scrollToCurrent();

    void fillEditMenu(QMenu *edit);
    void fillViewMenu(QMenu *view);
    /// Actions the tree's context menu ends with (they act on the current item, which a right
    /// click makes the one under the pointer).
    void setContextActions(const QList<QAction *> &actions) { m_contextActions = actions; }

Q_SIGNALS:
    /// The current node changed; @p source is its index in the model (invalid: none).
    void currentNodeChanged(const QModelIndex &source);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildFilterRow();
    void buildTree();
    void onFilterChanged();
    void toggleCurrent();
    void showContextMenu(const QPoint &pos);

    CurriculumModel *m_model;
    CurriculumFilter *m_filter;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QTreeView *m_tree = nullptr;
    QList<QAction *> m_contextActions;
};

} // namespace StudyBench
