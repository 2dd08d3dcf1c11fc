#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QAction;
class QTimer;
class QWidget;

namespace StudyBench {

class Curriculum;
class DashboardWindow;

/// View › Dashboard, for the main window to add:
///
///     auto *dashboard = new DashboardAction(this);
///     viewMenu->addAction(dashboard->action());
///     dashboard->setDatabase(progressPath, curriculum);   // on open and on curriculum change
///     connect(progress, &ProgressService::stateSaved, dashboard, &DashboardAction::refreshSoon);
///
/// The window is built the first time the action is triggered, never at start-up.
class DashboardAction : public QObject
{
    Q_OBJECT

public:
    explicit DashboardAction(QWidget *window);

    QAction *action() const { return m_action; }
    void setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum);
    /// The dashboard, once it has been opened; null before.
    DashboardWindow *dashboard() const;

public Q_SLOTS:
    /// Shows (building it the first time) and raises the dashboard.
    void open();
    /// Reads an open dashboard again a moment after the last of a burst of saves.
    void refreshSoon();

private:
    QWidget *m_window;
    QAction *m_action;
    QTimer *m_soon;
    QPointer<DashboardWindow> m_dashboard;
    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
};

} // namespace StudyBench
