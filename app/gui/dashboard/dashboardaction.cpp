#include "dashboard/dashboardaction.h"

#include "dashboard/dashboardwindow.h"

#include <QAction>
#include <QKeySequence>
#include <QTimer>
#include <QWidget>

namespace StudyBench {

DashboardAction::DashboardAction(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_action(new QAction(tr("&Dashboard"), this))
    , m_soon(new QTimer(this))
{
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_action->setToolTip(
        tr("See where you stand: progress, activity, reviews ahead, retention and drill scores"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &DashboardAction::open);
    m_soon->setSingleShot(true);
    m_soon->setInterval(250);
    connect(m_soon, &QTimer::timeout, this, [this] {
        if (m_dashboard && m_dashboard->isVisible())
            m_dashboard->reload();
    });
}

DashboardWindow *DashboardAction::dashboard() const
{
    return m_dashboard;
}

void DashboardAction::setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum)
{
    m_path = databasePath;
    m_curriculum = std::move(curriculum);
    m_action->setEnabled(!m_path.isEmpty() && m_curriculum);
    if (m_dashboard)
        m_dashboard->setDatabase(m_path, m_curriculum);
}

void DashboardAction::open()
{
    if (!m_dashboard) {
        m_dashboard = new DashboardWindow(m_window);
        m_dashboard->setDatabase(m_path, m_curriculum);
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void DashboardAction::refreshSoon()
{
    if (m_dashboard && m_dashboard->isVisible())
        m_soon->start();
}

} // namespace StudyBench
