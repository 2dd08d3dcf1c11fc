#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>
#include <QtPlugin>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QPlainTextEdit;
class QSettings;
class QWidget;

namespace StudyBench {

class EditorTabs;
class HttpClientWidget;
class PracticeServerController;
class PracticeServerPanel;
class Workbench;

/// What the window gives the workbench it loads: where it shows, and what it tells the window.
struct WorkbenchHooks
{
    QMainWindow *window = nullptr;
    QString dataDir;
    /// In the status bar: the practice server's state as a link (practiceServerLink()).
    QLabel *serverLabel = nullptr;
    std::function<void(const QString &title, const QString &message)> showError;
    /// The learner asked, from the empty workbench, for the selected item's practice file.
    std::function<void()> practiceRequested;
    /// A request was sent and recorded in the history; a file of the learner's was saved.
    std::function<void(qint64 id)> historyRecorded;
    std::function<void()> filesChanged;
};

/// Where the workbench's menu entries go: each before its anchor (kept by the window in menus
/// it built for the first frame).
struct WorkbenchMenus
{
    QMenu *file = nullptr;
    QAction *fileAnchor = nullptr;
    QMenu *edit = nullptr;
    QAction *editAnchor = nullptr;
    QMenu *view = nullptr;
    QAction *viewAnchor = nullptr;
};

/// The workbench as the window sees it once loaded: the editors beside the HTTP client, the
/// practice server and its panel. The window never names their classes' members; tests and the
/// module itself do (they link the module).
class WorkbenchPart
{
public:
    virtual ~WorkbenchPart() = default;

    /// The pane (a Workbench) that takes the place the window kept for it.
    virtual QWidget *pane() const = 0;
    virtual QDockWidget *serverDock() const = 0;
    virtual QMenu *httpMenu() const = 0;
    virtual Workbench *workbench() const = 0;
    virtual EditorTabs *editors() const = 0;
    virtual HttpClientWidget *httpClient() const = 0;
    virtual PracticeServerController *practiceServer() const = 0;
    virtual PracticeServerPanel *practiceServerPanel() const = 0;

    virtual void fillMenus(const WorkbenchMenus &menus) = 0;
    /// Restores the open files, the theme and the split from @p settings; files below
    /// @p scratchRoot save themselves as the learner types.
    virtual void restoreState(QSettings *settings, const QString &scratchRoot) = 0;
    virtual void saveState(QSettings *settings) const = 0;
    /// Closes every editor, asking about unsaved changes; false when the learner cancelled.
    virtual bool closeAll() = 0;
    virtual void focusEditor() = 0;
    virtual void showServerPanel() = 0;
    /// Opens @p path in a tab of its own (and a .http file in the HTTP client). Returns the tab.
    virtual int openPracticeFile(const QString &path) = 0;
    virtual void openScratchPad(const QString &path) = 0;
    virtual void openFileAtLine(const QString &path, int line) = 0;
    virtual void openHistoryEntry(qint64 id) = 0;
    /// Opens the shipped request collection @p fileName (its copy in the data directory),
    /// starting the practice server when it is off; @p opened gets the copy's path.
    virtual void openCollection(const QString &fileName, std::function<void(const QString &path)> opened) = 0;
};

/// The root object of the workbench module (app/gui/workbenchpart.cpp), loaded by
/// WorkbenchLoader after the window's first frame or on first use.
class WorkbenchModule
{
public:
    virtual ~WorkbenchModule() = default;
    /// The workbench of @p hooks.window, owned by it.
    virtual WorkbenchPart *createPart(const WorkbenchHooks &hooks) = 0;
    /// A code editor (syntax highlighting, line numbers) for @p syntax, e.g. "Markdown".
    virtual QPlainTextEdit *createCodeEditor(const QString &syntax, QWidget *parent) = 0;
};

/// The status bar's link to the practice server panel: "practice server: off", or its URL.
inline QString practiceServerLink(bool running, const QUrl &url)
{
    const QString state = running
        ? QCoreApplication::translate("StudyBench::MainWindow", "practice server: %1 (on)")
              .arg(url.toString())
        : QCoreApplication::translate("StudyBench::MainWindow", "practice server: off");
    return QStringLiteral("<a href=\"#server\">%1</a>").arg(state.toHtmlEscaped());
}

} // namespace StudyBench

#define StudyBenchWorkbenchModule_iid "io.github.studybench.StudyBench.WorkbenchModule/1"
Q_DECLARE_INTERFACE(StudyBench::WorkbenchModule, StudyBenchWorkbenchModule_iid)
