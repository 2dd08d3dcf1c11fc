#include "drill/drillactions.h"

#include "drill/drillcatalog.h"
#include "drill/drillsdialog.h"
#include "drill/drillstore.h"
#include "drill/drillwindow.h"
#include "util/asyncrun.h"
#include "util/datalocation.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QRandomGenerator>

namespace StudyBench {

DrillActions::DrillActions(QWidget *window, const QString &profileDir)
    : QObject(window)
    , m_window(window)
    , m_profileDir(profileDir)
    , m_menu(new QMenu(tr("&Drills"), window))
    , m_drills(m_menu->addAction(tr("&Interview Drills…")))
    , m_surprise(m_menu->addAction(tr("&Surprise Me")))
{
    m_drills->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_drills->setStatusTip(tr("The curriculum's system design questions, coding challenges and projects, "
                              "timed and scored"));
    m_surprise->setStatusTip(tr("Open a drill picked at random, leaning to never-tried and weak ones"));
    connect(m_drills, &QAction::triggered, this, &DrillActions::showDrills);
    connect(m_surprise, &QAction::triggered, this, &DrillActions::surprise);
    m_drills->setEnabled(false);
    m_surprise->setEnabled(false);
}

void DrillActions::setDatabase(const QString &databasePath, CurriculumPtr curriculum)
{
    m_path = databasePath;
    m_curriculum = std::move(curriculum);
    const bool ready = !m_path.isEmpty() && m_curriculum;
    m_drills->setEnabled(ready);
    m_surprise->setEnabled(ready);
    if (m_dialog)
        m_dialog->close(); // it lists the drills of the curriculum it was opened with
}

QString DrillActions::answersDir() const
{
    return QDir(m_profileDir).filePath(DataFile::drillsFolder());
}

DrillsDialog *DrillActions::drillsDialog() const
{
    return m_dialog;
}

void DrillActions::showDrills()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new DrillsDialog(m_path, m_curriculum, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &DrillsDialog::startRequested, this, &DrillActions::startDrill);
    connect(m_dialog, &DrillsDialog::surpriseRequested, this, &DrillActions::surprise);
    m_dialog->show();
    m_dialog->load();
}

DrillWindow *DrillActions::startDrill(const QString &drillId)
{
    if (drillId.isEmpty() || !m_curriculum)
        return nullptr;
    auto *window = new DrillWindow(m_path, m_curriculum, drillId, answersDir(), m_window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &DrillWindow::message, this, &DrillActions::message);
    connect(window, &DrillWindow::recorded, this, [this] {
        if (m_dialog)
            m_dialog->load();
    });
    window->show();
    return window;
}

void DrillActions::surprise()
{
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum] {
            DrillStore store;
            if (!store.open(path))
                return std::pair(QString(), store.errorString());
            const DrillCatalog catalog(*curriculum);
            QRandomGenerator random(QRandomGenerator::global()->generate());
            const Drill *drill = store.surprise(catalog, random);
            return std::pair(
                drill ? drill->id : QString(), drill ? QString() : tr("This curriculum has no drills."));
        },
        [this](const std::pair<QString, QString> &pick) {
            if (pick.first.isEmpty()) {
                Q_EMIT message(pick.second);
                return;
            }
            if (m_dialog)
                m_dialog->selectDrill(pick.first);
            startDrill(pick.first);
        });
}

} // namespace StudyBench
