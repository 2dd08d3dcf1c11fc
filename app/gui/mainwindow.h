#pragma once

#include "curriculum/curriculum.h"
#include "progress/backupmanager.h"
#include "progress/progressstore.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSettings;
class QSplitter;
class QTreeView;

namespace StudyBench {

class CurriculumPane;
class EditorTabs;
class HttpClientWidget;
class PracticeServerController;
class PracticeServerPanel;
class CurriculumFilter;
class CurriculumModel;
class NodeDetailWidget;
class ProgressService;
class DashboardAction;
class DrillActions;
class ReviewActions;
class SearchActions;
class ReportActions;
class SyncActions;
class CohortActions;
class Workbench;
class WorkbenchModule;
class WorkbenchPart;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// @p dataDir holds the window's settings (ui.ini), the request history and the practice
    /// server's data; @p profileDir (by default @p dataDir) the progress database, notes and
    /// practice files of the curriculum shown (see profileDirectory()).
    explicit MainWindow(const QString &dataDir, const QString &profileDir = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads the curriculum in @p file (empty: the built-in one). A file is read off the GUI
    /// thread; if it cannot be used, the built-in curriculum is shown and the user is told why.
    void loadCurriculum(const QString &file);
    /// Shows the curriculum in @p file (empty: the built-in one): here, when it keeps its progress
    /// in this window's profile directory, else through curriculumSwitchRequested().
    void chooseCurriculum(const QString &file);
    /// Selects the node with @p nodeId in the tree (if it is there).
    bool selectNode(const QString &nodeId);
    QString selectedNodeId() const;

    CurriculumModel *model() const { return m_model; }
    CurriculumFilter *filter() const { return m_filter; }
    CurriculumPane *curriculumPane() const { return m_curriculum; }
    QTreeView *tree() const;
    QLineEdit *filterEdit() const;
    NodeDetailWidget *detail() const { return m_detail; }
    ReviewActions *review() const { return m_review; }
    DrillActions *drills() const { return m_drills; }
    SearchActions *search() const { return m_search; }
    DashboardAction *dashboard() const { return m_dashboard; }
    /// The workbench (the editors beside the HTTP client) and the practice server come from a
    /// module loaded once the window shows the curriculum with the saved progress (see
    /// WorkbenchLoader). These load it at once if it is not loaded yet; nullptr when it cannot be.
    Workbench *workbench();
    EditorTabs *editors();
    HttpClientWidget *httpClient();
    PracticeServerController *practiceServer();
    PracticeServerPanel *practiceServerPanel();
    /// The workbench module's side, loaded now if it was not yet (nullptr: it cannot be; the
    /// learner has been told why).
    WorkbenchPart *loadWorkbench();
    bool isWorkbenchLoaded() const { return m_part != nullptr; }
    /// Opens (creating when missing) the practice file @p fileName of @p nodeId in the workbench.
    void openPracticeFile(const QString &nodeId, const QString &fileName);
    /// Opens the shipped request collection @p fileName (its copy in the data directory),
    /// starting the practice server when it is off.
    void openCollection(const QString &fileName);
    /// The workbench takes the whole window (the curriculum and detail panes step aside) or
    /// gives the room back. Remembered in ui.ini.
    void setWorkbenchFocused(bool focused);
    bool isWorkbenchFocused() const;
    QAction *workbenchFocusAction() const { return m_focusAction; }
    ProgressService *progress() const { return m_progress; }
    QString dataDir() const { return m_dataDir; }
    QString profileDir() const { return m_profileDir; }
    /// The curriculum file shown (empty: the built-in one).
    QString curriculumFile() const { return m_curriculumFile; }
    /// The last problem shown to the user (curriculum or database), for tests and logs.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void practiceFileOpened(const QString &path);
    void collectionOpened(const QString &path);
    void curriculumReady();
    /// The workbench module was loaded and its pane put in place (@p ok), or cannot be (the
    /// learner was told why).
    void workbenchLoaded(bool ok);
    /// The saved progress has been read and shown.
    void progressReady();
    /// The learner chose a curriculum that keeps its progress in another profile directory: the
    /// application replaces this window with one for it.
    void curriculumSwitchRequested(const QString &file);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void buildServerLabel();
    void buildStatusBar();
    void connectProgress();
    void connectPanes();
    void buildMenus();
    void buildFileMenu();
    void buildViewMenu();
    void buildPracticeMenu();
    void showNode(const QModelIndex &source);
    void loadWorkbenchAfterPaint();
    void installWorkbench(WorkbenchModule *module, const QString &error);
    void placeWorkbenchMenus();
    /// Runs @p work with the workbench: now, or once the module is loaded.
    void withWorkbench(std::function<void(WorkbenchPart *)> work);
    void fillCurriculumMenu(QMenu *menu);
    void setCurriculum(const CurriculumPtr &curriculum, const QString &file);
    void restoreUiState();
    void saveUiState();
    void updateStatus();
    void updateReviewDatabase();
    void updateSearchSources();
    void updateSaveStatus();
    void showError(const QString &title, const QString &text);
    void showOrphans();
    void showBackups(const QList<BackupInfo> &backups);
    void refreshPracticeFiles(const QString &nodeId);
    void connectSearch();

    QString m_dataDir;
    QString m_profileDir;
    QSettings *m_settings;
    QStringList m_installedCurricula;
    CurriculumModel *m_model;
    CurriculumFilter *m_filter;
    ProgressService *m_progress;
    QString m_defaultCurriculum; ///< the administrator's Curriculum/Default, or the built-in one
    QSplitter *m_splitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    CurriculumPane *m_curriculum = nullptr;
    /// Where the workbench goes once loaded; until then an empty pane of the same place.
    QWidget *m_workbenchSlot = nullptr;
    WorkbenchPart *m_part = nullptr;
    bool m_firstFrameArmed = false; ///< waiting for the frame with the curriculum and progress
    bool m_firstFramePainted = false; ///< that frame is up
    bool m_searchSourcesPending = false;
    bool m_workbenchLoading = false;
    QString m_workbenchError;
    bool m_workbenchFailed = false;
    bool m_focusWorkbenchWhenLoaded = false;
    QList<std::function<void(WorkbenchPart *)>> m_waitingForWorkbench;
    /// The menus' places for the workbench's entries, and the menus it brings.
    QMenu *m_fileMenu = nullptr;
    QAction *m_fileAnchor = nullptr;
    QMenu *m_editMenu = nullptr;
    QAction *m_editAnchor = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_viewAnchor = nullptr;
    QMenu *m_httpMenu = nullptr;
    QMenu *m_practiceMenu = nullptr;
    QAction *m_serverAction = nullptr;
    QAction *m_focusAction = nullptr;
    QLabel *m_serverLabel = nullptr;
    NodeDetailWidget *m_detail = nullptr;
    ReviewActions *m_review = nullptr;
    DrillActions *m_drills = nullptr;
    SearchActions *m_search = nullptr;
    ReportActions *m_report = nullptr;
    DashboardAction *m_dashboard = nullptr;
    SyncActions *m_sync = nullptr;
    CohortActions *m_cohort = nullptr;
    bool m_progressOpen = false;
    QLabel *m_overallLabel = nullptr;
    QProgressBar *m_overallBar = nullptr;
    QLabel *m_orphanLabel = nullptr;
    QLabel *m_saveLabel = nullptr;
    QString m_curriculumFile;
    QString m_pendingSelection;
    QStringList m_savedExpanded;
    QString m_lastError;
    QString m_saveError;
    bool m_progressLoaded = false;
    bool m_stateRestored = false;
};

} // namespace StudyBench
