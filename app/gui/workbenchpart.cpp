#include "workbenchpart.h"

#include "curriculum/practicecollections.h"
#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editortabs.h"
#include "http/httpclientwidget.h"
#include "http/httphistorypanel.h"
#include "practiceserverpanel.h"
#include "util/asyncrun.h"
#include "workbench.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>

#include <utility>

namespace StudyBench {

LoadedWorkbench::LoadedWorkbench(const WorkbenchHooks &hooks)
    : QObject(hooks.window)
    , m_hooks(hooks)
    , m_workbench(new Workbench(hooks.dataDir, hooks.window))
    , m_server(new PracticeServerController(hooks.dataDir, this))
    , m_serverPanel(new PracticeServerPanel(m_server, hooks.window))
{
    buildServerDock();
    connectWorkbench();
}

QWidget *LoadedWorkbench::pane() const
{
    return m_workbench;
}

QMenu *LoadedWorkbench::httpMenu() const
{
    return m_workbench->httpMenu();
}

EditorTabs *LoadedWorkbench::editors() const
{
    return m_workbench->editors();
}

HttpClientWidget *LoadedWorkbench::httpClient() const
{
    return m_workbench->httpClient();
}

void LoadedWorkbench::buildServerDock()
{
    QMainWindow *window = m_hooks.window;
    // The practice APIs, served on loopback from a thread of their own.
    m_serverDock = new QDockWidget(tr("Practice Server"), window);
    m_serverDock->setObjectName(QStringLiteral("practiceServerDock"));
    m_serverDock->setWidget(m_serverPanel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_serverDock);
    m_serverDock->hide();
    // Shown again if it was open last time (the window's state was restored before it existed).
    window->restoreDockWidget(m_serverDock);
    // Its log needs a few lines, not the third of the window a dock is given by default: the
    // workbench above keeps its room (a panel dragged taller than that is left alone).
    connect(m_serverDock, &QDockWidget::visibilityChanged, this, [this, window](bool visible) {
        if (!visible || m_serverDock->isFloating())
            return;
        QTimer::singleShot(0, this, [this, window] {
            if (m_serverDock->height() > window->height() / 4)
                window->resizeDocks({ m_serverDock }, { qMax(130, window->height() / 6) }, Qt::Vertical);
        });
    });
    auto showServer = [this] {
        m_hooks.serverLabel->setText(practiceServerLink(m_server->isRunning(), m_server->url()));
    };
    connect(m_server, &PracticeServerController::started, this, showServer);
    connect(m_server, &PracticeServerController::stopped, this, showServer);
    showServer();
}

void LoadedWorkbench::connectWorkbench()
{
    connect(m_workbench, &Workbench::practiceRequested, this, [this] { m_hooks.practiceRequested(); });
    connect(m_workbench, &Workbench::statusMessage, this, &LoadedWorkbench::showStatus);
    connect(m_workbench, &Workbench::errorOccurred, this,
        [this](const QString &title, const QString &message) { m_hooks.showError(title, message); });
    // The search index follows what the workbench writes: sent requests, saved files.
    connect(httpClient()->historyPanel(), &HttpHistoryPanel::recorded, this,
        [this](qint64 id) { m_hooks.historyRecorded(id); });
    connect(editors(), &EditorTabs::currentDocumentChanged, this, [this](EditorDocument *document) {
        if (document)
            connect(
                document, &EditorDocument::saved, this, &LoadedWorkbench::fileSaved, Qt::UniqueConnection);
    });
}

void LoadedWorkbench::fileSaved()
{
    m_hooks.filesChanged();
}

void LoadedWorkbench::showStatus(const QString &message, int timeoutMs)
{
    m_hooks.window->statusBar()->showMessage(message, timeoutMs);
}

void LoadedWorkbench::fillMenus(const WorkbenchMenus &menus)
{
    m_workbench->fillFileMenu(menus.file, menus.fileAnchor);
    m_workbench->fillEditMenu(menus.edit, menus.editAnchor);
    m_workbench->fillViewMenu(menus.view, menus.viewAnchor);
}

void LoadedWorkbench::restoreState(QSettings *settings, const QString &scratchRoot)
{
    m_workbench->restoreState(settings, scratchRoot);
}

void LoadedWorkbench::saveState(QSettings *settings) const
{
    m_workbench->saveState(settings);
}

bool LoadedWorkbench::closeAll()
{
    return editors()->closeAll();
}

void LoadedWorkbench::focusEditor()
{
    m_workbench->focusEditor();
}

void LoadedWorkbench::showServerPanel()
{
    m_serverDock->show();
    m_serverDock->raise();
}

int LoadedWorkbench::openPracticeFile(const QString &path)
{
    return m_workbench->openPracticeFile(path);
}

void LoadedWorkbench::openScratchPad(const QString &path)
{
    editors()->openScratchPad(path);
}

void LoadedWorkbench::openFileAtLine(const QString &path, int line)
{
    const int tab = m_workbench->openPracticeFile(path);
    EditorDocument *document = tab >= 0 ? editors()->documentAt(tab) : nullptr;
    if (!document)
        return;
    auto goToLine = [document, line] {
        document->editor()->goToLine(line);
    };
    if (document->isLoading())
        connect(document, &EditorDocument::loadFinished, document, goToLine, Qt::SingleShotConnection);
    else
        goToLine();
}

void LoadedWorkbench::openHistoryEntry(qint64 id)
{
    httpClient()->openHistoryEntry(id);
}

void LoadedWorkbench::startPracticeServerFor(quint16 port)
{
    showStatus(tr("Starting the practice server on port %1 for these requests…").arg(port));
    // One answer: the server started, or the panel shows why not and how to go on.
    auto *once = new QObject(this);
    connect(m_server, &PracticeServerController::started, once, [this, once] {
        announceStartedServer();
        once->deleteLater();
    });
    connect(m_server, &PracticeServerController::startFailed, once, [this, once] {
        showStatus(tr("The practice server could not start: see Practice › Practice Server."));
        m_serverDock->show();
        once->deleteLater();
    });
    m_server->start(port);
}

void LoadedWorkbench::announceStartedServer()
{
    if (m_server->isRunning())
        showStatus(tr("The practice server was off: it is now on at %1 for these requests.")
                       .arg(m_server->url().toString()),
            10000);
}

void LoadedWorkbench::openCollection(const QString &fileName, std::function<void(const QString &)> opened)
{
    // Its requests go to the practice server: it is started for them when it is off.
    const bool starting = !m_server->isRunning();
    const quint16 port
        = starting ? quint16(m_serverPanel->portBox()->value()) : quint16(m_server->url().port());
    if (starting)
        startPracticeServerFor(port);
    const QString dataDir = m_hooks.dataDir;
    runAsync(
        this,
        [dataDir, fileName, port] {
            QString error;
            const QString path = PracticeCollections::materialize(dataDir, fileName, port, &error);
            return std::pair<QString, QString>(path, error);
        },
        [this, starting, opened = std::move(opened)](const std::pair<QString, QString> &result) {
            const auto [path, error] = result;
            if (path.isEmpty()) {
                m_hooks.showError(tr("Cannot open the request collection"), error);
                return;
            }
            // Said again once the HTTP client has said what it opened.
            if (starting) {
                connect(httpClient(), &HttpClientWidget::fileOpened, this,
                    &LoadedWorkbench::announceStartedServer, Qt::SingleShotConnection);
            }
            m_workbench->openCollection(path);
            opened(path);
        });
}

WorkbenchPart *WorkbenchPlugin::createPart(const WorkbenchHooks &hooks)
{
    return new LoadedWorkbench(hooks);
}

QPlainTextEdit *WorkbenchPlugin::createCodeEditor(const QString &syntax, QWidget *parent)
{
    auto *editor = new CodeEditor(parent);
    editor->setDefinitionByName(syntax);
    return editor;
}

} // namespace StudyBench
