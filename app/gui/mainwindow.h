#pragma once

#include "curriculum/curriculum.h"
#include "progress/backupmanager.h"
#include "progress/progressstore.h"

#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSettings;
class QSplitter;
class QTreeView;

namespace StudyBench {

class EditorTabs;
class EditorDocument;
class HttpClientWidget;
class PracticeServerController;
class PracticeServerPanel;
class CurriculumFilter;
class CurriculumModel;
class NodeDetailWidget;
class ProgressService;

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
    QTreeView *tree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    NodeDetailWidget *detail() const { return m_detail; }
    EditorTabs *editors() const { return m_editors; }
    HttpClientWidget *httpClient() const { return m_http; }
    PracticeServerController *practiceServer() const { return m_server; }
    PracticeServerPanel *practiceServerPanel() const { return m_serverPanel; }
    /// Opens (creating when missing) the practice file @p fileName of @p nodeId in the workbench.
    void openPracticeFile(const QString &nodeId, const QString &fileName);
    /// Opens the shipped request collection @p fileName (its copy in the data directory).
    void openCollection(const QString &fileName);
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
    /// The saved progress has been read and shown.
    void progressReady();
    /// The learner chose a curriculum that keeps its progress in another profile directory: the
    /// application replaces this window with one for it.
    void curriculumSwitchRequested(const QString &file);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void fillCurriculumMenu(QMenu *menu);
    void setCurriculum(const CurriculumPtr &curriculum, const QString &file);
    void restoreUiState();
    void saveUiState();
    void updateStatus();
    void updateSaveStatus();
    void showError(const QString &title, const QString &text);
    void showOrphans();
    void showBackups(const QList<BackupInfo> &backups);
    void showTreeContextMenu(const QPoint &pos);
    void onFilterChanged();
    void toggleCurrent();
    void refreshPracticeFiles(const QString &nodeId);
    void openCollectionFile(const QString &path);
    /// Gives the editor of a .http document "send" markers on its requests.
    void wireRunMarkers(EditorDocument *document);
    void sendFromEditor(EditorDocument *document, int blockNumber);
    void sendPendingRequest(const QString &path, bool ok);

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
    QSplitter *m_workbenchSplitter = nullptr;
    EditorTabs *m_editors = nullptr;
    HttpClientWidget *m_http = nullptr;
    QString m_pendingSendPath;
    int m_pendingSendLine = 0;
    PracticeServerController *m_server = nullptr;
    PracticeServerPanel *m_serverPanel = nullptr;
    QDockWidget *m_serverDock = nullptr;
    QLabel *m_serverLabel = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_stateFilter = nullptr;
    NodeDetailWidget *m_detail = nullptr;
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
