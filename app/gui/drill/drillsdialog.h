#pragma once

#include "curriculum/curriculum.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace StudyBench {

class DrillAttemptModel;
class DrillCatalog;
class DrillListModel;

/// Interview Drills: the curriculum's drills with their attempts, last mean score and trend,
/// filterable by kind; the selected drill's attempts below. Start and Surprise me ask the owner
/// (DrillActions) to open a drill. The attempts are read on a worker thread.
class DrillsDialog : public QDialog
{
    Q_OBJECT

public:
    DrillsDialog(const QString &databasePath, CurriculumPtr curriculum, QWidget *parent = nullptr);
    ~DrillsDialog() override;

    QTableView *drillView() const { return m_drills; }
    QTableView *attemptView() const { return m_attemptsView; }
    DrillListModel *model() const { return m_model; }
    /// Shows only drills of @p kind (a DrillKind as int), or all for -1.
    void setKindFilter(int kind);
    /// Selects the drill @p id (showing all kinds when it is filtered out).
    void selectDrill(const QString &id);
    QString selectedDrill() const;

public Q_SLOTS:
    /// Reads the attempts again (on open and after an attempt is recorded).
    void load();

Q_SIGNALS:
    void startRequested(const QString &drillId);
    void surpriseRequested();
    void loaded();

private:
    QWidget *buildList();
    void showAttempts();
    void openAnswer(const QModelIndex &index);

    QString m_databasePath;
    CurriculumPtr m_curriculum;
    std::unique_ptr<DrillCatalog> m_catalog;
    DrillListModel *m_model;
    QSortFilterProxyModel *m_filter;
    DrillAttemptModel *m_attempts;
    QComboBox *m_kind = nullptr;
    QTableView *m_drills = nullptr;
    QTableView *m_attemptsView = nullptr;
    QLabel *m_attemptsLabel = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_start = nullptr;
};

} // namespace StudyBench
