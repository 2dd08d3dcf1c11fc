#include "http/httpclientwidget.h"

#include "common/appearance.h"
#include "http/httpfileview.h"
#include "http/httphistorypanel.h"
#include "http/httpresponseview.h"
#include "http/runsummarymodel.h"
#include "httpclient/curlcommand.h"
#include "httpclient/httpengine.h"
#include "httpclient/requesthistory.h"
#include "util/asyncrun.h"
#include "util/datalocation.h"
#include "util/preferences.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace StudyBench {

namespace {

// The lines of a response body the first layout makes room for, when the window has the height.
constexpr int kBodyLines = 21;

struct OpenedFile
{
    HttpFile file;
    HttpEnvironmentFiles environments;
    bool environmentsOk = true;
};

struct Resolved
{
    HttpRequest request;
    QList<HttpFileError> errors;
};

struct ScriptRun
{
    ScriptResult result;
    QVariantMap globals;
};

QString outcomeText(const HttpResponse &response, const ScriptResult *script)
{
    if (!response.ok())
        return HttpClientWidget::tr("error");
    QString text = QString::number(response.status);
    if (script) {
        int passed = 0;
        for (const ScriptTestResult &t : script->tests)
            passed += t.passed ? 1 : 0;
        if (!script->tests.isEmpty())
            text += QStringLiteral(" · ")
                + HttpClientWidget::tr("%1/%2 passed").arg(passed).arg(script->tests.size());
        if (!script->ok())
            text += QStringLiteral(" · ") + HttpClientWidget::tr("script error");
    }
    return text;
}

} // namespace

HttpClientWidget::HttpClientWidget(const QString &dataDir, QWidget *parent)
    : QWidget(parent)
    , m_dataDir(dataDir)
    , m_engine(new HttpEngine(this))
    , m_environmentBox(new QComboBox(this))
    , m_moreButton(new QToolButton(this))
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_fileView(new HttpFileView(this))
    , m_history(new HttpHistoryPanel(QDir(dataDir).filePath(DataFile::httpHistory()), m_split))
    , m_editor(new HttpRequestEditor(this))
    , m_response(new HttpResponseView(this))
    , m_runModel(new RunSummaryModel(this))
    , m_menu(new QMenu(tr("H&TTP"), this))
{
    buildLayout();
    buildActions();
    connectEngine();
    connectPanels();
}

void HttpClientWidget::buildLayout()
{
    // Top to bottom: one row of controls, the request editor, then the response (with the run
    // summary beside it after a run), which gets most of the height. The history is a side panel.
    m_work = new QSplitter(Qt::Vertical, m_split);
    QSplitter *work = m_work;
    // In a short window the editor scrolls rather than taking the response's room.
    auto *editorBox = new QScrollArea(work);
    editorBox->setFrameShape(QFrame::NoFrame);
    editorBox->setWidgetResizable(true);
    editorBox->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *editorPage = new QWidget(editorBox);
    auto *editorLayout = new QVBoxLayout(editorPage);
    editorLayout->setContentsMargins(6, 0, 6, 0);
    editorLayout->addWidget(m_editor);
    editorBox->setWidget(editorPage);
    editorBox->setMinimumHeight(fontMetrics().height() * 7);
    m_bottom = new QSplitter(Qt::Horizontal, work);
    QSplitter *bottom = m_bottom;
    bottom->addWidget(buildRunPanel());
    auto *responseBox = new QWidget(bottom);
    auto *responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(6, 4, 6, 6);
    responseLayout->addWidget(m_response);
    bottom->addWidget(responseBox);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setChildrenCollapsible(false);
    work->addWidget(editorBox);
    work->addWidget(bottom);
    work->setChildrenCollapsible(false);
    // The editor keeps what it needs; every pixel more goes to the response.
    work->setStretchFactor(0, 0);
    work->setStretchFactor(1, 1);
    connect(work, &QSplitter::splitterMoved, this, [this] { m_splitMoved = true; });
    m_split->addWidget(work);
    m_split->addWidget(m_history);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 0);
    m_split->setChildrenCollapsible(false);
    m_history->hide();

    m_environmentBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environmentBox->setMinimumContentsLength(10);
    m_environmentBox->setToolTip(tr("The environment from http-client.env.json beside the open .http file"));
    m_environmentBox->addItem(tr("No environment"));
    m_environmentBox->setEnabled(false);
    m_moreButton->setPopupMode(QToolButton::InstantPopup);
    m_moreButton->setText(tr("More"));
    m_moreButton->setToolTip(tr("Open a file, import or copy cURL, show the history"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 6, 6, 4);
    top->setSpacing(6);
    top->addWidget(m_fileView, 1);
    top->addWidget(m_environmentBox);
    top->addWidget(m_moreButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_split, 1);
}

QWidget *HttpClientWidget::buildRunPanel()
{
    m_runPanel = new QWidget(this);
    m_runView = new QTreeView(m_runPanel);
    m_runView->setModel(m_runModel);
    m_runView->setRootIsDecorated(false);
    m_runView->setUniformRowHeights(true);
    m_runView->setAlternatingRowColors(true);
    m_runView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runView->setTextElideMode(Qt::ElideRight);
    m_runView->header()->setStretchLastSection(false);
    m_runView->header()->setSectionResizeMode(RunSummaryModel::NameColumn, QHeaderView::Stretch);
    for (int c = RunSummaryModel::StatusColumn; c < RunSummaryModel::ColumnCount; ++c)
        m_runView->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_runTotal = new QLabel(m_runPanel);
    m_runTotal->setWordWrap(true);
    m_runTotal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(m_runPanel);
    layout->setContentsMargins(6, 4, 0, 6);
    layout->setSpacing(4);
    layout->addWidget(m_runView, 1);
    layout->addWidget(m_runTotal);
    m_runPanel->hide(); // until a run of the file's requests
    return m_runPanel;
}

void HttpClientWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_sized)
        return;
    // The first time it has a size: the editor and the response share the height (fitSplit()),
    // and the run summary gets two fifths of the response's width.
    m_sized = true;
    fitSplit();
    const int summary = m_bottom->width() * 2 / 5;
    m_bottom->setSizes({ summary, qMax(1, m_bottom->width() - summary) });
}

void HttpClientWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A taller pane (the workbench focused, a larger window) shares its height again, until the
    // learner moves the handle.
    if (m_sized && !m_splitMoved)
        fitSplit();
}

// The response gets room for kBodyLines lines of its body, the editor the rest, up to the height
// it would like (it scrolls with less, down to its own minimum).
void HttpClientWidget::fitSplit()
{
    const QWidget *bodyPage = m_response->bodyEdit()->parentWidget();
    const int chrome = m_response->minimumSizeHint().height() - bodyPage->minimumSizeHint().height() + 10;
    const int lineSpacing = m_response->bodyEdit()->fontMetrics().lineSpacing();
    const int response = chrome + kBodyLines * lineSpacing + 2 * m_response->bodyEdit()->frameWidth() + 4;
    const int room = m_work->height() - m_work->handleWidth();
    const int editor
        = qBound(m_work->widget(0)->minimumHeight(), room - response, m_editor->sizeHint().height());
    m_work->setSizes({ editor, qMax(1, room - editor) });
}

void HttpClientWidget::connectEngine()
{
    m_progressTimer.setInterval(100);
    connect(
        &m_progressTimer, &QTimer::timeout, this, [this] { m_response->showProgress(m_received, m_total); });
    m_engine->setPolicy(HttpPolicy::fromPreferences(Preferences()));
    m_editor->setInsecureTlsAllowed(m_engine->policy().allowInsecureTls);
    connect(m_engine, &HttpEngine::progress, this, [this](quint64 id, qint64 received, qint64 total) {
        if (id != m_transferId)
            return;
        m_received = received;
        m_total = total;
    });
    connect(m_engine, &HttpEngine::finished, this, &HttpClientWidget::onTransferFinished);
}

void HttpClientWidget::connectPanels()
{
    connect(m_editor, &HttpRequestEditor::sendRequested, this, &HttpClientWidget::send);
    connect(m_editor, &HttpRequestEditor::cancelRequested, this, &HttpClientWidget::cancel);
    connect(m_fileView, &HttpFileView::requestSelected, this, &HttpClientWidget::showFileRequest);
    connect(m_fileView, &HttpFileView::sendRequested, this, &HttpClientWidget::sendFileRequest);
    connect(m_fileView, &HttpFileView::sendAllRequested, this, &HttpClientWidget::sendAll);
    connect(m_runView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showRunRow(current); });
    connect(m_runModel, &RunSummaryModel::totalsChanged, this, &HttpClientWidget::updateRunTotal);
    connect(m_environmentBox, &QComboBox::activated, this,
        [this](int index) { setEnvironment(index <= 0 ? QString() : m_environmentBox->itemText(index)); });
    connect(m_history, &HttpHistoryPanel::entryActivated, this, &HttpClientWidget::openHistoryEntry);
    connect(m_history, &HttpHistoryPanel::resendReady, this,
        [this](const HttpRequest &request, const QStringList &missing) {
            m_editor->setRequest(HttpEditorRequest::fromRequest(request));
            if (missing.isEmpty())
                Q_EMIT statusMessage(
                    tr("Loaded %1 %2 from the history").arg(request.method, request.url), 5000);
            else
                Q_EMIT statusMessage(tr("Loaded from the history, but the environment has no value for: %1")
                                         .arg(missing.join(QStringLiteral(", "))),
                    0);
        });
    connect(m_history, &HttpHistoryPanel::problem, this,
        [this](const QString &m) { Q_EMIT statusMessage(m, 0); });
    connect(m_response, &HttpResponseView::bodyShown, this, &HttpClientWidget::responseShown);
    connect(
        m_response, &HttpResponseView::bodySaved, this, [this](const QString &path, const QString &error) {
            Q_EMIT statusMessage(error.isEmpty()
                    ? tr("Saved the body to %1").arg(QDir::toNativeSeparators(path))
                    : tr("Cannot save the body to %1: %2").arg(path, error),
                error.isEmpty() ? 5000 : 0);
        });
}

void HttpClientWidget::showFileRequest(int index)
{
    if (index < 0 || index >= m_file.requests.size())
        return;
    m_editor->setRequest(HttpEditorRequest::fromTemplate(m_file.requests.at(index)));
    if (m_busy)
        return;
    if (m_runModel->hasResult(index)) {
        const RunSummaryModel::Row &row = m_runModel->row(index);
        m_response->showResponse(row.response, row.hasScript ? &row.script : nullptr);
    }
    if (m_runView->currentIndex().row() != index)
        m_runView->setCurrentIndex(m_runModel->index(index, 0));
}

void HttpClientWidget::showRunRow(const QModelIndex &index)
{
    if (!index.isValid() || m_busy)
        return;
    if (m_fileView->currentRequest() != index.row())
        m_fileView->setCurrentRequest(index.row()); // shows the row's response too
}

void HttpClientWidget::updateRunTotal()
{
    m_runTotal->setText(m_runModel->totalText());
    const QString color = m_runModel->anyFailure()
        ? (Appearance::isDark() ? QStringLiteral("#ef9a9a") : QStringLiteral("#c62828"))
        : (Appearance::isDark() ? QStringLiteral("#a5d6a7") : QStringLiteral("#2e7d32"));
    m_runTotal->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(color));
}

HttpClientWidget::~HttpClientWidget()
{
    // Whatever is still running ends without touching the half-destroyed widget.
    m_engine->disconnect(this);
    m_engine->cancelAll();
}

void HttpClientWidget::buildActions()
{
    m_openAction = new QAction(tr("&Open .http File…"), this);
    m_openAction->setToolTip(tr("Open a .http file (VS Code REST Client / JetBrains HTTP Client format)"));
    m_sendAction = new QAction(tr("&Send Request"), this);
    m_sendAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_cancelAction = new QAction(tr("&Cancel Request"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);
    m_sendAllAction = new QAction(tr("Send &All Requests of the File"), this);
    m_sendAllAction->setEnabled(false);
    m_importCurlAction = new QAction(tr("&Import cURL…"), this);
    m_importCurlAction->setToolTip(tr("Paste a cURL command line to load its request into the editor"));
    m_copyCurlAction = new QAction(tr("Copy as c&URL"), this);
    m_copyCurlAction->setToolTip(tr("Copy the request as a cURL command line; secrets are masked"));

    const QList<QAction *> all { m_sendAction, m_cancelAction, m_openAction, m_sendAllAction,
        m_importCurlAction, m_copyCurlAction };
    for (QAction *a : all) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    m_menu->addAction(m_openAction);
    m_menu->addSeparator();
    m_menu->addAction(m_sendAction);
    m_menu->addAction(m_cancelAction);
    m_menu->addAction(m_sendAllAction);
    m_menu->addSeparator();
    m_menu->addAction(m_importCurlAction);
    m_menu->addAction(m_copyCurlAction);

    // Secondary actions live in a menu, so that the row of controls fits a narrow pane.
    m_historyAction = new QAction(tr("Show &History"), this);
    m_historyAction->setCheckable(true);
    m_historyAction->setToolTip(tr("Show the requests sent before, to load one again"));
    m_menu->addSeparator();
    m_menu->addAction(m_historyAction);
    auto *more = new QMenu(this);
    more->addAction(m_openAction);
    more->addSeparator();
    more->addAction(m_importCurlAction);
    more->addAction(m_copyCurlAction);
    more->addSeparator();
    more->addAction(m_historyAction);
    m_moreButton->setMenu(more);

    connect(m_openAction, &QAction::triggered, this, &HttpClientWidget::askToOpen);
    connect(m_sendAction, &QAction::triggered, this, &HttpClientWidget::send);
    connect(m_cancelAction, &QAction::triggered, this, &HttpClientWidget::cancel);
    connect(m_sendAllAction, &QAction::triggered, this, &HttpClientWidget::sendAll);
    connect(m_importCurlAction, &QAction::triggered, this, &HttpClientWidget::askForCurl);
    connect(m_copyCurlAction, &QAction::triggered, this, &HttpClientWidget::copyAsCurl);
    connect(m_historyAction, &QAction::toggled, m_history, &QWidget::setVisible);
}

QString HttpClientWidget::baseDirectory() const
{
    return m_file.path.isEmpty() ? QDir::homePath() : m_file.baseDirectory();
}

bool HttpClientWidget::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        Q_EMIT statusMessage(
            tr("Cannot open %1: it is not a readable file.").arg(QDir::toNativeSeparators(path)), 0);
        return false;
    }
    const QString absolute = info.absoluteFilePath();
    const quint64 generation = ++m_openGeneration;
    runAsync(
        this,
        [absolute] {
            OpenedFile out;
            out.file = HttpFileParser::parseFile(absolute);
            out.environmentsOk = out.environments.load(out.file.baseDirectory());
            return out;
        },
        [this, generation, absolute](const OpenedFile &opened) {
            if (generation != m_openGeneration)
                return;
            if (m_busy)
                cancel();
            m_file = opened.file;
            m_environments = opened.environments;
            m_fileView->setFile(m_file);
            m_runModel->setFile(m_file);
            m_runPanel->hide();
            if (m_wantedEnvironment.isEmpty())
                m_wantedEnvironment = m_environmentName;
            m_environmentBox->clear();
            m_environmentBox->addItem(tr("No environment"));
            m_environmentBox->addItems(m_environments.environmentNames());
            m_environmentBox->setEnabled(m_environmentBox->count() > 1);
            applyEnvironment();
            m_sendAllAction->setEnabled(m_file.ok() && !m_file.requests.isEmpty());
            if (!opened.environmentsOk)
                Q_EMIT statusMessage(m_environments.errorString(), 0);
            else if (!m_file.ok())
                Q_EMIT statusMessage(
                    tr("%1 has errors: %2")
                        .arg(QFileInfo(absolute).fileName(), m_file.errors.constFirst().toString()),
                    0);
            else
                Q_EMIT statusMessage(tr("Opened %1: %n request(s)", nullptr, int(m_file.requests.size()))
                                         .arg(QFileInfo(absolute).fileName()),
                    5000);
            Q_EMIT fileOpened(absolute, m_file.ok() && opened.environmentsOk);
        });
    return true;
}

void HttpClientWidget::setEnvironment(const QString &name)
{
    m_wantedEnvironment = name;
    if (!m_file.path.isEmpty())
        applyEnvironment();
}

void HttpClientWidget::applyEnvironment()
{
    HttpVariables variables;
    variables.setFileVariables(m_file.variables);
    QString name = m_wantedEnvironment;
    if (!name.isEmpty()) {
        QString error;
        if (const std::optional<HttpEnvironment> env = m_environments.environment(name, &error)) {
            variables.setEnvironment(*env);
        } else {
            Q_EMIT statusMessage(error, 0);
            name.clear();
        }
    }
    m_environmentName = name; // also the cookie jar's scope: each environment keeps its own cookies
    m_variables = variables;
    const int index = name.isEmpty() ? 0 : m_environmentBox->findText(name);
    m_environmentBox->setCurrentIndex(qMax(0, index));
}

void HttpClientWidget::send()
{
    if (m_busy)
        return;
    Job job;
    job.request = m_editor->request();
    if (job.request.url.isEmpty()) {
        m_response->showProblem(tr("Nothing to send"), { tr("Type a URL first.") });
        return;
    }
    const int index = m_fileView->currentRequest();
    if (job.request.origin && index >= 0)
        job.fileIndex = index;
    startRun({ job });
}

void HttpClientWidget::sendFileRequest(int index)
{
    if (m_busy || index < 0 || index >= m_file.requests.size() || !m_file.ok())
        return;
    Job job;
    job.request = HttpEditorRequest::fromTemplate(m_file.requests.at(index));
    job.fileIndex = index;
    if (m_fileView->currentRequest() != index)
        m_fileView->setCurrentRequest(index);
    startRun({ job });
}

void HttpClientWidget::sendAll()
{
    if (m_busy || !m_file.ok() || m_file.requests.isEmpty())
        return;
    QList<Job> jobs;
    for (int i = 0; i < m_file.requests.size(); ++i)
        jobs.append({ HttpEditorRequest::fromTemplate(m_file.requests.at(i)), i });
    m_runModel->resetRun();
    m_runPanel->show();
    for (int i = 0; i < m_file.requests.size(); ++i)
        m_fileView->setOutcome(i, QString(), true);
    startRun(jobs);
}

void HttpClientWidget::startRun(const QList<Job> &jobs)
{
    m_queue = jobs;
    setBusy(true);
    startNext();
}

void HttpClientWidget::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_editor->setBusy(busy);
    m_fileView->setBusy(busy);
    m_sendAction->setEnabled(!busy);
    m_sendAllAction->setEnabled(!busy && m_file.ok() && !m_file.requests.isEmpty());
    m_cancelAction->setEnabled(busy);
    Q_EMIT busyChanged(busy);
}

void HttpClientWidget::startNext()
{
    if (m_queue.isEmpty()) {
        finishRun();
        return;
    }
    m_current = m_queue.takeFirst();
    m_transferId = 0;
    const quint64 generation = m_runGeneration;
    const HttpEditorRequest request = m_current.request;
    const HttpVariables variables = m_variables;
    const QString base = baseDirectory();
    const QString source = m_file.path;
    if (m_current.fileIndex >= 0) {
        m_fileView->setOutcome(m_current.fileIndex, tr("sending…"), true);
        m_runModel->setSending(m_current.fileIndex);
        // The editor follows (while busy, selecting a request does not show its old response).
        if (m_fileView->currentRequest() != m_current.fileIndex)
            m_fileView->setCurrentRequest(m_current.fileIndex);
    }
    runAsync(
        this,
        [request, variables, base, source] {
            Resolved out;
            out.request = request.resolve(variables, base, source, &out.errors);
            return out;
        },
        [this, generation](const Resolved &resolved) {
            if (generation != m_runGeneration)
                return;
            const SecretMasker masker = m_variables.masker();
            const QString title
                = masker.mask(QStringLiteral("%1 %2").arg(resolved.request.method, resolved.request.url));
            if (!resolved.errors.isEmpty()) {
                QStringList messages;
                for (const HttpFileError &e : resolved.errors)
                    messages.append(masker.mask(e.line > 0 && !e.file.isEmpty()
                            ? tr("Line %1: %2").arg(e.line).arg(e.message)
                            : e.message));
                m_response->showProblem(tr("Cannot send %1").arg(title), messages);
                if (m_current.fileIndex >= 0) {
                    m_fileView->setOutcome(m_current.fileIndex, tr("not sent"), false);
                    m_runModel->setNotSent(m_current.fileIndex);
                }
                Q_EMIT statusMessage(messages.constFirst(), 0);
                startNext();
                return;
            }
            m_currentRequest = resolved.request;
            m_received = 0;
            m_total = 0;
            m_response->showSending(title);
            m_progressTimer.start();
            m_transferId = m_engine->send(resolved.request, m_environmentName);
        });
}

void HttpClientWidget::onTransferFinished(quint64 id, const HttpResponse &response)
{
    if (id != m_transferId)
        return;
    m_transferId = 0;
    m_progressTimer.stop();
    m_history->record(m_currentRequest, response, m_variables.masker(), m_environmentName);
    const std::optional<HttpRequestTemplate> &origin = m_current.request.origin;
    if (origin && !origin->name.isEmpty())
        m_variables.setResponse(origin->name, response);
    const ResponseHandler handler
        = origin ? ResponseHandler::of(*origin, baseDirectory(), m_file.path) : ResponseHandler {};
    if (!response.ok() || handler.isEmpty()) {
        finishJob(response, nullptr);
        return;
    }
    const quint64 generation = m_runGeneration;
    const QVariantMap globals = m_variables.globals();
    m_current.request.origin.reset(); // only the handler script was needed from here on
    m_currentRequest.body.clear();
    m_response->showSending(tr("Running the handler script…"));
    runAsync(
        this,
        [handler, globals, response] {
            ScriptRun out;
            out.globals = globals;
            out.result = handler.run(response, &out.globals);
            return out;
        },
        [this, generation, response](const ScriptRun &run) {
            if (generation != m_runGeneration)
                return;
            m_variables.globals() = run.globals;
            finishJob(response, &run.result);
        });
}

void HttpClientWidget::finishJob(const HttpResponse &response, const ScriptResult *script)
{
    const SecretMasker masker = m_variables.masker();
    ScriptResult shown;
    if (script) {
        shown = *script;
        for (ScriptTestResult &t : shown.tests) {
            t.name = masker.mask(t.name);
            t.message = masker.mask(t.message);
        }
        for (QString &l : shown.log)
            l = masker.mask(l);
        shown.error = masker.mask(shown.error);
    }
    m_response->showResponse(response, script ? &shown : nullptr);
    if (m_current.fileIndex >= 0) {
        m_runModel->setResult(m_current.fileIndex, response, script ? &shown : nullptr);
        m_fileView->setOutcome(m_current.fileIndex, outcomeText(response, script),
            !m_runModel->row(m_current.fileIndex).failedRun());
    }
    if (!response.ok())
        Q_EMIT statusMessage(HttpResponseView::errorMessage(response.error), 0);
    else
        Q_EMIT statusMessage(tr("%1 %2: %3 in %4 ms")
                                 .arg(m_currentRequest.method, masker.mask(m_currentRequest.url))
                                 .arg(response.status)
                                 .arg(response.timings.totalMs),
            5000);
    startNext();
}

void HttpClientWidget::finishRun()
{
    m_transferId = 0;
    m_progressTimer.stop();
    setBusy(false);
    // The summary's selection follows the request the editor shows (the one sent last).
    const int shown = m_fileView->currentRequest();
    if (shown >= 0 && m_runView->currentIndex().row() != shown)
        m_runView->setCurrentIndex(m_runModel->index(shown, 0));
    Q_EMIT runFinished();
}

void HttpClientWidget::cancel()
{
    if (!m_busy)
        return;
    m_queue.clear();
    if (m_transferId != 0 && m_engine->isRunning(m_transferId)) {
        // finished() follows with HttpErrorKind::Cancelled, and ends the run.
        m_engine->cancel(m_transferId);
        return;
    }
    ++m_runGeneration;
    if (m_current.fileIndex >= 0) {
        m_fileView->setOutcome(m_current.fileIndex, tr("cancelled"), false);
        m_runModel->setCancelled(m_current.fileIndex);
    }
    m_response->showProblem(tr("Cancelled"), { HttpResponseView::errorMessage(HttpErrorKind::Cancelled) });
    finishRun();
}

void HttpClientWidget::askToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a .http File"),
        m_file.path.isEmpty() ? QDir::homePath() : m_file.baseDirectory(),
        tr("HTTP requests (*.http *.rest);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void HttpClientWidget::askForCurl()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Import cURL"));
    auto *label = new QLabel(
        tr("Paste a cURL command line (for example from a browser's \"Copy as cURL\"):"), dialog);
    label->setWordWrap(true);
    auto *edit = new QPlainTextEdit(dialog);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlaceholderText(QStringLiteral("curl 'https://example.com/api' -H 'Accept: application/json'"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(label);
    layout->addWidget(edit, 1);
    layout->addWidget(buttons);
    dialog->resize(640, 320);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, edit] {
        importCurl(edit->toPlainText());
        dialog->accept();
    });
    dialog->open();
}

void HttpClientWidget::importCurl(const QString &command)
{
    const QString base = baseDirectory();
    runAsync(
        this, [command, base] { return CurlCommand::parse(command, base); },
        [this](const CurlImportResult &result) {
            if (!result.ok()) {
                Q_EMIT statusMessage(tr("Cannot read the cURL command: %1").arg(result.error), 0);
                Q_EMIT curlImported(false);
                return;
            }
            m_editor->setRequest(HttpEditorRequest::fromRequest(result.request));
            if (result.warnings.isEmpty())
                Q_EMIT statusMessage(tr("Imported the cURL command"), 5000);
            else
                Q_EMIT statusMessage(tr("Imported the cURL command; ignored: %1")
                                         .arg(result.warnings.join(QStringLiteral("; "))),
                    0);
            Q_EMIT curlImported(true);
        });
}

void HttpClientWidget::openHistoryEntry(qint64 id)
{
    if (!m_historyAction->isChecked())
        m_historyAction->trigger();
    m_history->loadForResend(id, m_variables.environment());
}

void HttpClientWidget::copyAsCurl()
{
    const HttpEditorRequest request = m_editor->request();
    const HttpVariables variables = m_variables;
    const QString base = baseDirectory();
    const QString source = m_file.path;
    runAsync(
        this,
        [request, variables, base, source] {
            Resolved out;
            out.request = request.resolve(variables, base, source, &out.errors);
            return out;
        },
        [this](const Resolved &resolved) {
            const SecretMasker masker = m_variables.masker();
            if (!resolved.errors.isEmpty()) {
                Q_EMIT statusMessage(
                    tr("Cannot copy as cURL: %1").arg(masker.mask(resolved.errors.constFirst().message)), 0);
                return;
            }
            const QString command = CurlCommand::toCurl(resolved.request, &masker);
            QApplication::clipboard()->setText(command);
            Q_EMIT statusMessage(masker.isEmpty()
                    ? tr("Copied the request as a cURL command")
                    : tr("Copied the request as a cURL command; secrets are masked as %1")
                          .arg(SecretMasker::maskText()),
                5000);
            Q_EMIT curlCopied(command);
        });
}

} // namespace StudyBench
