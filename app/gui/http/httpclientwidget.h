#pragma once

#include "http/httprequesteditor.h"
#include "httpclient/httpenvironment.h"
#include "httpclient/httpfile.h"
#include "httpclient/httpvariables.h"
#include "httpclient/responsescript.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QModelIndex;
class QSplitter;
class QToolButton;
class QTreeView;

namespace StudyBench {

class HttpEngine;
class HttpFileView;
class HttpHistoryPanel;
class HttpResponseView;
class RunSummaryModel;

/// The built-in HTTP client (issue #4), a self-contained widget for the main window: a request
/// editor, the requests of an open .http file (a compact picker above the editor), its
/// environments, the response, the run summary of Send All, and the history (a side panel).
///
/// It is laid out for little room (a laptop's window shared with other panes): one row of
/// controls, secondary actions in a menu, and most of the height for the response.
///
/// Nothing here waits on disk or network on the GUI thread: files are read, requests resolved,
/// handler scripts run and bodies formatted with QtConcurrent; the history has a thread of its own.
class HttpClientWidget : public QWidget
{
    Q_OBJECT

public:
    /// The history is kept in @p dataDir (http-history.sqlite).
    explicit HttpClientWidget(const QString &dataDir, QWidget *parent = nullptr);
    ~HttpClientWidget() override;

    /// Starts opening the .http file @p path (and the environment files beside it); fileOpened()
    /// follows. False when the file cannot be read at all.
    bool openFile(const QString &path);
    QString filePath() const { return m_file.path; }
    /// Uses environment @p name of the open file's http-client.env.json (empty: none). When no file
    /// is open yet, the name is kept for the next file.
    void setEnvironment(const QString &name);
    QString environment() const { return m_environmentName; }

    /// The "HTTP" menu for the main window's menu bar (the same actions as QWidget::actions()).
    QMenu *menu() const { return m_menu; }

    /// Sends the request in the editor (with its handler script, when it came from the .http file).
    void send();
    /// Sends request @p index of the open file as written there, running its handler script.
    void sendFileRequest(int index);
    /// Sends every request of the open file in order, as `studybench-cli http` does.
    void sendAll();
    void cancel();
    bool isBusy() const { return m_busy; }
    /// Loads the request that cURL command line @p command describes into the editor; curlImported() follows.
    void importCurl(const QString &command);
    /// Loads the request of history entry @p id into the editor (secrets from the current
    /// environment), as activating it in the history panel does, and shows the panel.
    void openHistoryEntry(qint64 id);
    /// Puts the editor's request as a cURL command (secrets masked) on the clipboard; curlCopied() follows.
    void copyAsCurl();

    HttpRequestEditor *editor() const { return m_editor; }
    HttpResponseView *responseView() const { return m_response; }
    HttpFileView *fileView() const { return m_fileView; }
    HttpHistoryPanel *historyPanel() const { return m_history; }
    QComboBox *environmentBox() const { return m_environmentBox; }
    RunSummaryModel *runSummary() const { return m_runModel; }
    QTreeView *runSummaryView() const { return m_runView; }
    /// The run summary's total line: requests, passed and failed tests, total time.
    QLabel *runTotalLabel() const { return m_runTotal; }
    QWidget *runSummaryPanel() const { return m_runPanel; }
    /// Shows or hides the history panel.
    QAction *historyAction() const { return m_historyAction; }
    QAction *sendAction() const { return m_sendAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *sendAllAction() const { return m_sendAllAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *importCurlAction() const { return m_importCurlAction; }
    QAction *copyCurlAction() const { return m_copyCurlAction; }

Q_SIGNALS:
    /// A message for the main window's status bar; @p timeoutMs 0 keeps it until the next one.
    void statusMessage(const QString &message, int timeoutMs);
    void fileOpened(const QString &path, bool ok);
    void busyChanged(bool busy);
    /// A response (or the reason there is none) is on screen, body included.
    void responseShown();
    /// Every request of a Send or Send All has been dealt with.
    void runFinished();
    void curlImported(bool ok);
    void curlCopied(const QString &command);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Job
    {
        HttpEditorRequest request;
        int fileIndex = -1; ///< the request's index in the open file; -1 for the editor's own
    };
    void buildLayout();
    void fitSplit();
    QWidget *buildRunPanel();
    void buildActions();
    void connectEngine();
    void connectPanels();
    void showFileRequest(int index);
    void showRunRow(const QModelIndex &index);
    void updateRunTotal();
    void startRun(const QList<Job> &jobs);
    void startNext();
    void onTransferFinished(quint64 id, const HttpResponse &response);
    void finishJob(const HttpResponse &response, const ScriptResult *script);
    void finishRun();
    void setBusy(bool busy);
    void applyEnvironment();
    void askToOpen();
    void askForCurl();
    QString baseDirectory() const;

    QString m_dataDir;
    HttpEngine *m_engine;
    QComboBox *m_environmentBox;
    QToolButton *m_moreButton;
    QSplitter *m_split;
    QSplitter *m_work = nullptr; ///< the request editor above the response
    QSplitter *m_bottom = nullptr; ///< the run summary beside the response
    bool m_sized = false;
    bool m_splitMoved = false; ///< the learner moved the handle between editor and response
    HttpFileView *m_fileView;
    HttpHistoryPanel *m_history;
    HttpRequestEditor *m_editor;
    HttpResponseView *m_response;
    RunSummaryModel *m_runModel;
    QTreeView *m_runView = nullptr;
    QLabel *m_runTotal = nullptr;
    QWidget *m_runPanel = nullptr;
    QMenu *m_menu;
    QAction *m_historyAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_sendAllAction = nullptr;
    QAction *m_importCurlAction = nullptr;
    QAction *m_copyCurlAction = nullptr;

    HttpFile m_file;
    HttpEnvironmentFiles m_environments;
    HttpVariables m_variables;
    QString m_environmentName;
    QString m_wantedEnvironment;
    quint64 m_openGeneration = 0;

    QList<Job> m_queue;
    Job m_current;
    HttpRequest m_currentRequest;
    quint64 m_transferId = 0;
    quint64 m_runGeneration = 0;
    bool m_busy = false;
    QTimer m_progressTimer;
    qint64 m_received = 0;
    qint64 m_total = 0;
};

} // namespace StudyBench
