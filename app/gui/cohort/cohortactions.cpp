#include "cohort/cohortactions.h"

#include "cohort/cohortsharedialog.h"
#include "cohort/cohortwindow.h"
#include "progress/progressservice.h"
#include "sync/syncengine.h"
#include "util/asyncrun.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QTimer>
#include <QWidget>

namespace StudyBench {

/// What a write (or a stop) on the worker thread brings back.
struct CohortActions::Outcome
{
    CohortSettings settings;
    CohortShareResult result; ///< path empty and no error: nothing was written (not sharing)
    QString removed; ///< Stop Sharing: the summary removed
    bool announce = false; ///< say what was done (the learner asked), not only what failed
};

namespace {

constexpr int kSoonMs = 2000;

} // namespace

CohortActions::CohortActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_shareAction(new QAction(tr("Share Progress with &Cohort…"), this))
    , m_openAction(new QAction(tr("Open C&ohort…"), this))
    , m_soon(new QTimer(this))
{
    m_shareAction->setStatusTip(tr("Share a summary of your progress with your instructor through a folder "
                                   "your bootcamp syncs"));
    m_openAction->setStatusTip(
        tr("See a cohort's progress: who is where, what they are stuck on, who is inactive"));
    m_shareAction->setEnabled(false);
    m_openAction->setEnabled(false);
    m_soon->setSingleShot(true);
    m_soon->setInterval(kSoonMs);
    m_chooser = [this](const QString &title, const QString &start) {
        return QFileDialog::getExistingDirectory(m_window, title, start.isEmpty() ? QDir::homePath() : start);
    };
    connect(m_shareAction, &QAction::triggered, this, &CohortActions::showDialog);
    connect(m_openAction, &QAction::triggered, this, &CohortActions::chooseCohort);
    connect(m_soon, &QTimer::timeout, this, &CohortActions::shareNow);
}

void CohortActions::followSaves(ProgressService *progress)
{
    connect(progress, &ProgressService::stateSaved, this, &CohortActions::shareSoon);
    connect(progress, &ProgressService::confidenceSaved, this, &CohortActions::shareSoon);
    connect(progress, &ProgressService::noteSaved, this, &CohortActions::shareSoon);
    connect(progress, &ProgressService::loaded, this, &CohortActions::shareSoon); // merges, imports
}

void CohortActions::setProfile(
    const QString &profileDir, const QString &curriculumFile, CurriculumPtr curriculum)
{
    m_profileDir = profileDir;
    m_curriculumId = SyncEngine::curriculumId(curriculumFile);
    m_curriculum = std::move(curriculum);
    m_shareAction->setEnabled(true);
    m_openAction->setEnabled(true);
    if (m_cohortWindow)
        m_cohortWindow->setCurriculum(m_curriculum, m_curriculumId);
    shareNow(); // reads the settings, and catches up with changes made elsewhere when sharing
}

void CohortActions::shareSoon()
{
    if (!m_profileDir.isEmpty() && m_settings.isSharing())
        m_soon->start();
}

void CohortActions::shareNow()
{
    if (m_profileDir.isEmpty() || !m_curriculum)
        return;
    start([profile = m_profileDir, curriculum = m_curriculum, id = m_curriculumId] {
        Outcome outcome;
        outcome.settings = CohortShare::settings(profile);
        if (outcome.settings.isSharing())
            outcome.result = CohortShare::share(profile, *curriculum, id);
        return outcome;
    });
}

void CohortActions::startSharing(const CohortSettings &settings)
{
    start([profile = m_profileDir, curriculum = m_curriculum, id = m_curriculumId, settings] {
        Outcome outcome;
        outcome.announce = true;
        outcome.settings = settings;
        if (!QDir().mkpath(settings.folder)) {
            outcome.result.error = tr("Cannot share into %1: it cannot be created. Choose the folder your "
                                      "bootcamp syncs.")
                                       .arg(QDir::toNativeSeparators(settings.folder));
            return outcome;
        }
        if (CohortShare::saveSettings(profile, settings, &outcome.result.error)) {
            outcome.settings = CohortShare::settings(profile);
            outcome.result = CohortShare::share(profile, *curriculum, id);
        }
        return outcome;
    });
}

void CohortActions::stopSharing()
{
    start([profile = m_profileDir] {
        Outcome outcome;
        outcome.announce = true;
        CohortShare::stop(profile, &outcome.removed, &outcome.result.error);
        outcome.settings = CohortShare::settings(profile);
        return outcome;
    });
}

void CohortActions::start(Work work)
{
    if (m_running) {
        m_next = std::move(work); // the latest request wins
        return;
    }
    m_running = true;
    runAsync(this, std::move(work), [this](const Outcome &outcome) { finished(outcome); });
}

void CohortActions::finished(const Outcome &outcome)
{
    m_running = false;
    m_settings = outcome.settings;
    const CohortShareResult &r = outcome.result;
    m_shareAction->setToolTip(m_settings.isSharing()
            ? tr("Sharing your progress into %1").arg(QDir::toNativeSeparators(m_settings.folder))
            : QString());
    if (!r.ok())
        Q_EMIT message(tr("Cohort: %1").arg(r.error));
    else if (outcome.announce && m_settings.isSharing())
        Q_EMIT message(tr("Sharing your progress with the cohort in %1")
                .arg(QDir::toNativeSeparators(m_settings.folder)));
    else if (outcome.announce)
        Q_EMIT message(tr("Stopped sharing your progress with the cohort"));
    Q_EMIT shared(r.ok());
    if (m_next)
        start(std::exchange(m_next, Work()));
}

void CohortActions::showDialog()
{
    auto *dialog = new CohortShareDialog(m_settings, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->choice() == CohortShareDialog::Stop)
            stopSharing();
        else
            startSharing(dialog->settings());
    });
    dialog->open();
}

void CohortActions::chooseCohort()
{
    const QString start = m_cohortWindow ? m_cohortWindow->folder() : m_settings.folder;
    const QString folder = m_chooser(tr("Open Cohort"), start);
    if (!folder.isEmpty())
        openCohort(folder);
}

CohortWindow *CohortActions::cohortWindow() const
{
    return m_cohortWindow;
}

void CohortActions::openCohort(const QString &folder)
{
    if (!m_cohortWindow) {
        m_cohortWindow = new CohortWindow(m_window);
        m_cohortWindow->setAttribute(Qt::WA_DeleteOnClose);
        m_cohortWindow->setCurriculum(m_curriculum, m_curriculumId);
    }
    m_cohortWindow->setFolder(folder);
    m_cohortWindow->show();
    m_cohortWindow->raise();
    m_cohortWindow->activateWindow();
}

} // namespace StudyBench
