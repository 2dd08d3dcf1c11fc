#pragma once

#include "cohort/cohortshare.h"
#include "curriculum/curriculum.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QAction;
class QTimer;
class QWidget;

namespace StudyBench {

class CohortWindow;
class ProgressService;

/// File › Share Progress with Cohort… and File › Open Cohort…, for the main window:
///
///     auto *cohort = new CohortActions(this);
///     fileMenu->addActions(cohort->fileActions());
///     cohort->followSaves(progressService);
///     cohort->setProfile(profileDir, curriculumFile, curriculum);   // on open and on curriculum change
///
/// Sharing writes the learner's summary (CohortShare) on a worker thread, one write at a time:
/// when the learner chooses Share, when the profile opens, and a moment after the last of a burst
/// of local saves. Open Cohort… opens a CohortWindow on the chosen folder (read-only).
class CohortActions : public QObject
{
    Q_OBJECT

public:
    /// Asks for a folder: (title, start) -> the chosen folder, empty for none.
    using FolderChooser = std::function<QString(const QString &, const QString &)>;

    explicit CohortActions(QWidget *window);

    QList<QAction *> fileActions() const { return { m_shareAction, m_openAction }; }
    QAction *shareAction() const { return m_shareAction; }
    QAction *openAction() const { return m_openAction; }
    /// Shares again a moment after @p progress saves a state, confidence or note, or reloads.
    void followSaves(ProgressService *progress);
    void setProfile(const QString &profileDir, const QString &curriculumFile, CurriculumPtr curriculum);
    /// The settings as last read or written.
    const CohortSettings &settings() const { return m_settings; }
    /// Replaces the folder dialog of Open Cohort… (tests).
    void setFolderChooser(FolderChooser chooser) { m_chooser = std::move(chooser); }
    /// The cohort window, once one was opened.
    CohortWindow *cohortWindow() const;

public Q_SLOTS:
    /// What the dialog's Share does: stores @p settings, then writes the summary.
    void startSharing(const CohortSettings &settings);
    /// What the dialog's Stop Sharing does: removes the summary and forgets the folder.
    void stopSharing();
    /// Writes the summary now (or right after the write running), when sharing.
    void shareNow();
    /// Writes the summary a moment after the last of a burst of calls.
    void shareSoon();
    /// Opens (or points the open one at) the cohort window on @p folder.
    void openCohort(const QString &folder);

Q_SIGNALS:
    /// A message for the status bar.
    void message(const QString &text);
    /// A write (or a stop) finished; @p ok false when it failed (message() says why).
    void shared(bool ok);

private:
    struct Outcome;
    using Work = std::function<Outcome()>;
    void showDialog();
    void chooseCohort();
    void start(Work work);
    void finished(const Outcome &outcome);

    QWidget *m_window;
    QAction *m_shareAction;
    QAction *m_openAction;
    QTimer *m_soon;
    QString m_profileDir;
    QString m_curriculumId;
    CurriculumPtr m_curriculum;
    CohortSettings m_settings;
    FolderChooser m_chooser;
    QPointer<CohortWindow> m_cohortWindow;
    bool m_running = false;
    Work m_next;
};

} // namespace StudyBench
