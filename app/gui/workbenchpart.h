#pragma once

#include "common/workbenchmodule.h"

#include <QObject>

namespace StudyBench {

/// The workbench module's side of WorkbenchPart: the Workbench, the practice server with its
/// panel in a dock, and what the window used to wire between them and itself.
class LoadedWorkbench : public QObject, public WorkbenchPart
{
    Q_OBJECT

public:
    explicit LoadedWorkbench(const WorkbenchHooks &hooks);

    QWidget *pane() const override;
    QDockWidget *serverDock() const override { return m_serverDock; }
    QMenu *httpMenu() const override;
    Workbench *workbench() const override { return m_workbench; }
    EditorTabs *editors() const override;
    HttpClientWidget *httpClient() const override;
    PracticeServerController *practiceServer() const override { return m_server; }
    PracticeServerPanel *practiceServerPanel() const override { return m_serverPanel; }

    void fillMenus(const WorkbenchMenus &menus) override;
    void restoreState(QSettings *settings, const QString &scratchRoot) override;
    void saveState(QSettings *settings) const override;
    bool closeAll() override;
    void focusEditor() override;
    void showServerPanel() override;
    int openPracticeFile(const QString &path) override;
    void openScratchPad(const QString &path) override;
    void openFileAtLine(const QString &path, int line) override;
    void openHistoryEntry(qint64 id) override;
    void openCollection(const QString &fileName, std::function<void(const QString &path)> opened) override;

private:
    void buildServerDock();
    void connectWorkbench();
    void showStatus(const QString &message, int timeoutMs = 0);
    void fileSaved();
    void startPracticeServerFor(quint16 port);
    void announceStartedServer();

    WorkbenchHooks m_hooks;
    Workbench *m_workbench;
    PracticeServerController *m_server;
    PracticeServerPanel *m_serverPanel;
    QDockWidget *m_serverDock = nullptr;
};

/// The module's root object (QPluginLoader::instance()).
class WorkbenchPlugin : public QObject, public WorkbenchModule
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StudyBenchWorkbenchModule_iid)
    Q_INTERFACES(StudyBench::WorkbenchModule)

public:
    WorkbenchPart *createPart(const WorkbenchHooks &hooks) override;
    QPlainTextEdit *createCodeEditor(const QString &syntax, QWidget *parent) override;
};

} // namespace StudyBench
