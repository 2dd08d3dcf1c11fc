#pragma once

#include "cohort/cohortoverview.h"
#include "curriculum/curriculum.h"

#include <QDateTime>
#include <QWidget>

class QFileSystemWatcher;
class QGroupBox;
class QLabel;
class QListView;
class QStandardItemModel;
class QStringListModel;
class QTableView;
class QTimer;
class QTreeView;

namespace StudyBench {

class CohortStuckModel;
class CohortTableModel;

/// File › Open Cohort…: an instructor's view of a cohort folder. Learners × sections (percent
/// done, average confidence, last activity) over the items most learners are stuck on, the
/// learners inactive for a week, and the files that were skipped and why.
///
/// Read-only: the folder is read (CohortReader) on a worker thread when it is set, on reload()
/// and a moment after a QFileSystemWatcher sees a learner's folder change; nothing is written to it.
class CohortWindow : public QWidget
{
    Q_OBJECT

public:
    explicit CohortWindow(QWidget *parent = nullptr);
    ~CohortWindow() override;

    /// The curriculum learners are counted against; @p curriculumId names it in the summaries.
    void setCurriculum(CurriculumPtr curriculum, const QString &curriculumId);
    /// Shows the cohort in @p folder: reads it now, and again whenever it changes.
    void setFolder(const QString &folder);
    QString folder() const { return m_folder; }
    /// Computes as of @p now instead of the clock (tests).
    void setClock(const QDateTime &now) { m_now = now; }

    CohortTableModel *model() const { return m_model; }
    CohortStuckModel *stuckModel() const { return m_stuckModel; }
    QStandardItemModel *inactiveModel() const { return m_inactiveModel; }
    QStringListModel *problemsModel() const { return m_problemsModel; }
    QTableView *table() const { return m_table; }
    QTreeView *stuckView() const { return m_stuckView; }
    QLabel *headerLabel() const { return m_header; }
    /// The folders the watcher watches.
    QStringList watched() const;

public Q_SLOTS:
    /// Reads the folder again (on a worker thread); loaded() follows.
    void reload();

Q_SIGNALS:
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Outcome;
    void buildTable();
    QWidget *buildLists();
    void finished(const Outcome &outcome);
    void showOverview(const CohortOverview &overview, const QString &error);
    void fitColumns();

    CurriculumPtr m_curriculum;
    QString m_curriculumId;
    QString m_folder;
    QDateTime m_now;
    CohortTableModel *m_model;
    CohortStuckModel *m_stuckModel;
    QStandardItemModel *m_inactiveModel;
    QStringListModel *m_problemsModel;
    QLabel *m_header;
    QTableView *m_table;
    QTreeView *m_stuckView;
    QTreeView *m_inactiveView;
    QListView *m_problemsView;
    QGroupBox *m_problemsBox;
    QFileSystemWatcher *m_watcher;
    QTimer *m_soon;
    bool m_running = false;
    bool m_again = false;
};

} // namespace StudyBench
