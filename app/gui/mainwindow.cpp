#include "mainwindow.h"

#include "aboutbox.h"
#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "curriculum/practicecollections.h"
#include "curriculumdelegate.h"
#include "curriculumfilter.h"
#include "curriculummodel.h"
#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editortabs.h"
#include "editor/scratchpads.h"
#include "http/httpclientwidget.h"
#include "http/httpfileview.h"
#include "httpclient/httpfile.h"
#include "nodedetailwidget.h"
#include "practiceserverpanel.h"
#include "progress/progressservice.h"
#include "progress/progresssummary.h"
#include "stateicons.h"
#include "util/asyncrun.h"
#include "util/datalocation.h"
#include "util/preferences.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace StudyBench {

MainWindow::MainWindow(const QString &dataDir, const QString &profileDir, QWidget *parent)
    : QMainWindow(parent)
    , m_dataDir(dataDir)
    , m_profileDir(profileDir.isEmpty() ? dataDir : profileDir)
    , m_settings(new QSettings(QDir(dataDir).filePath(DataFile::uiState()), QSettings::IniFormat, this))
    , m_model(new CurriculumModel(this))
    , m_filter(new CurriculumFilter(this))
    , m_progress(new ProgressService(m_profileDir, this))
    , m_defaultCurriculum(Preferences().defaultCurriculum())
{
    m_filter->setSourceModel(m_model);
    buildUi();
    buildMenus();

    connect(m_model, &CurriculumModel::stateChangeRequested, this,
        [this](const QString &id, ItemState state, const QString &title) {
            m_model->markPending(id, state, m_progress->setState(id, state, title));
        });
    connect(m_progress, &ProgressService::stateSaved, m_model, &CurriculumModel::confirmState);
    connect(m_progress, &ProgressService::saveFailed, this,
        [this](quint64 ticket, const QString &id, const QString &error) {
            m_model->rejectState(ticket, id);
            m_saveError = error;
            updateSaveStatus();
            showError(tr("Could not save"), tr("Your change to “%1” was not saved:\n%2").arg(id, error));
        });
    connect(m_progress, &ProgressService::pendingCountChanged, this, &MainWindow::updateSaveStatus);
    connect(m_progress, &ProgressService::opened, this, [this](bool ok, const QString &error) {
        if (!ok) {
            m_saveError = error;
            updateSaveStatus();
            showError(tr("Cannot open your progress"),
                tr("%1\n\nNothing was changed. Progress you mark now cannot be saved until this is fixed.")
                    .arg(error));
        }
    });
    connect(m_progress, &ProgressService::recovered, this,
        [this](const QString &message) { showError(tr("Your progress was recovered"), message); });
    connect(m_progress, &ProgressService::reconciled, this, [this](int moved, const QString &error) {
        if (moved < 0)
            showError(tr("Could not update your progress"), error);
        else
            statusBar()->showMessage(
                tr("Progress of %n item(s) followed their renamed or moved headings.", nullptr, moved),
                10000);
    });
    connect(m_progress, &ProgressService::backupFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(message, 8000);
        else
            showError(tr("Backup failed"), message);
    });
    connect(m_progress, &ProgressService::backupsListed, this, &MainWindow::showBackups);
    connect(m_progress, &ProgressService::restoreFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(message, 10000);
        else
            showError(tr("Restore failed"), message);
    });
    connect(m_progress, &ProgressService::loaded, this, [this](const ItemRecords &records) {
        m_model->setRecords(records);
        if (!m_progressLoaded) {
            m_progressLoaded = true;
            Q_EMIT progressReady();
        }
    });
    connect(m_progress, &ProgressService::noteLoaded, m_detail, &NodeDetailWidget::showNote);
    connect(m_detail, &NodeDetailWidget::noteEdited, this,
        [this](const QString &id, const QString &text) { m_progress->setNote(id, text); });
    connect(m_detail, &NodeDetailWidget::confidenceRequested, this,
        [this](const QString &id, int confidence, const QString &title) {
            m_model->setConfidence(id, confidence);
            m_progress->setConfidence(id, confidence, title);
        });
    connect(m_detail, &NodeDetailWidget::nodeActivated, this, [this](const QModelIndex &source) {
        selectNode(source.data(CurriculumModel::NodeIdRole).toString());
    });
    connect(m_model, &CurriculumModel::talliesChanged, this, &MainWindow::updateStatus);

    m_progress->open();
    m_progress->setExternalChangeInterval(2000);
    restoreUiState();
}

MainWindow::~MainWindow()
{
    m_detail->flushNote();
}

void MainWindow::buildUi()
{
    setWindowTitle(tr("StudyBench"));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    leftLayout->setSpacing(4);
    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(left);
    m_filterEdit->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter the curriculum"));
    m_filterEdit->installEventFilter(this);
    filterRow->addWidget(m_filterEdit, 1);
    m_stateFilter = new QComboBox(left);
    m_stateFilter->setAccessibleName(tr("Show items by state"));
    m_stateFilter->addItem(tr("All items"), int(CurriculumFilter::StateFilter::All));
    m_stateFilter->addItem(tr("Open"), int(CurriculumFilter::StateFilter::Open));
    m_stateFilter->addItem(StateIcons::icon(ItemState::NotStarted), stateLabel(ItemState::NotStarted),
        int(CurriculumFilter::StateFilter::NotStarted));
    m_stateFilter->addItem(StateIcons::icon(ItemState::InProgress), stateLabel(ItemState::InProgress),
        int(CurriculumFilter::StateFilter::InProgress));
    m_stateFilter->addItem(StateIcons::icon(ItemState::Done), stateLabel(ItemState::Done),
        int(CurriculumFilter::StateFilter::Done));
    m_stateFilter->addItem(StateIcons::icon(ItemState::Skipped), stateLabel(ItemState::Skipped),
        int(CurriculumFilter::StateFilter::Skipped));
    filterRow->addWidget(m_stateFilter);
    leftLayout->addLayout(filterRow);

    m_tree = new QTreeView(left);
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new CurriculumDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAnimated(false);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAccessibleName(tr("Curriculum"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(CurriculumModel::TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(CurriculumModel::ProgressColumn, QHeaderView::ResizeToContents);
    leftLayout->addWidget(m_tree, 1);

    m_detail = new NodeDetailWidget(m_model, this);
    m_editors = new EditorTabs(this);
    m_editors->setObjectName(QStringLiteral("workbench"));

    // Right: the detail pane over the workbench.
    m_workbenchSplitter = new QSplitter(Qt::Horizontal, this);
    m_workbenchSplitter->setObjectName(QStringLiteral("workbenchSplitter"));
    // With no file open, the workbench says what it is for instead of showing an empty frame.
    auto *workbenchStack = new QStackedWidget(this);
    auto *emptyWorkbench = new QWidget(workbenchStack);
    auto *emptyLayout = new QVBoxLayout(emptyWorkbench);
    emptyLayout->addStretch();
    auto *emptyTitle = new QLabel(tr("Workbench"), emptyWorkbench);
    QFont emptyFont = emptyTitle->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.25);
    emptyFont.setBold(true);
    emptyTitle->setFont(emptyFont);
    emptyTitle->setAlignment(Qt::AlignCenter);
    emptyLayout->addWidget(emptyTitle);
    auto *emptyText
        = new QLabel(tr("Try what you learn: “Practice” on any item opens its own scratch file here, "
                        "saved as you type. You can also open any file of yours."),
            emptyWorkbench);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setForegroundRole(QPalette::PlaceholderText);
    emptyLayout->addWidget(emptyText);
    auto *emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch();
    auto *practiceButton = new QPushButton(tr("Practice This Item"), emptyWorkbench);
    connect(practiceButton, &QPushButton::clicked, this, [this] {
        if (!selectedNodeId().isEmpty())
            openPracticeFile(selectedNodeId(), QStringLiteral("practice.md"));
    });
    emptyButtons->addWidget(practiceButton);
    auto *newButton = new QPushButton(tr("New File"), emptyWorkbench);
    connect(newButton, &QPushButton::clicked, m_editors->action(EditorTabs::Action::New), &QAction::trigger);
    emptyButtons->addWidget(newButton);
    auto *openButton = new QPushButton(tr("Open File…"), emptyWorkbench);
    connect(
        openButton, &QPushButton::clicked, m_editors->action(EditorTabs::Action::Open), &QAction::trigger);
    emptyButtons->addWidget(openButton);
    emptyButtons->addStretch();
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch();
    workbenchStack->addWidget(emptyWorkbench);
    workbenchStack->addWidget(m_editors);
    auto showWorkbenchPage = [workbenchStack, this] {
        workbenchStack->setCurrentIndex(m_editors->count() > 0 ? 1 : 0);
    };
    connect(m_editors, &QTabWidget::currentChanged, workbenchStack, showWorkbenchPage);
    connect(m_editors, &EditorTabs::openFilesChanged, workbenchStack, showWorkbenchPage);
    m_workbenchSplitter->addWidget(workbenchStack);
    // Beside the editors: the HTTP client, for the practice server and the learner's own APIs.
    m_http = new HttpClientWidget(m_dataDir, this);
    m_http->setObjectName(QStringLiteral("httpClient"));
    m_workbenchSplitter->addWidget(m_http);
    m_workbenchSplitter->setStretchFactor(0, 4);
    m_workbenchSplitter->setStretchFactor(1, 5);
    connect(m_http, &HttpClientWidget::fileOpened, this, &MainWindow::sendPendingRequest);
    connect(m_http, &HttpClientWidget::statusMessage, this,
        [this](const QString &message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); });
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_detail);
    m_rightSplitter->addWidget(m_workbenchSplitter);
    // Everything can be dragged small: the window fits a laptop screen whatever its panes hold
    // (their own minimum sizes would add up to more than 1000 x 700).
    m_detail->setMinimumSize(240, 160);
    workbenchStack->setMinimumSize(200, 120);
    m_http->setMinimumSize(240, 120);
    m_rightSplitter->setChildrenCollapsible(true);
    m_workbenchSplitter->setChildrenCollapsible(true);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(true);
    setCentralWidget(m_splitter);

    m_overallLabel = new QLabel(this);
    m_overallBar = new QProgressBar(this);
    m_overallBar->setRange(0, 1000);
    m_overallBar->setTextVisible(false);
    m_overallBar->setFixedWidth(120);
    m_overallBar->setMaximumHeight(10);
    m_orphanLabel = new QLabel(this);
    m_orphanLabel->setTextFormat(Qt::RichText);
    connect(m_orphanLabel, &QLabel::linkActivated, this, &MainWindow::showOrphans);
    m_saveLabel = new QLabel(this);

    // The practice APIs, served on loopback from a thread of their own.
    m_server = new PracticeServerController(m_dataDir, this);
    m_serverPanel = new PracticeServerPanel(m_server, this);
    m_serverDock = new QDockWidget(tr("Practice Server"), this);
    m_serverDock->setObjectName(QStringLiteral("practiceServerDock"));
    m_serverDock->setWidget(m_serverPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_serverDock);
    m_serverDock->hide();
    m_serverLabel = new QLabel(this);
    m_serverLabel->setTextFormat(Qt::RichText);
    connect(m_serverLabel, &QLabel::linkActivated, this, [this] {
        m_serverDock->show();
        m_serverDock->raise();
    });
    auto showServer = [this] {
        const QString state = m_server->isRunning()
            ? tr("practice server: %1 (on)").arg(m_server->url().toString())
            : tr("practice server: off");
        m_serverLabel->setText(QStringLiteral("<a href=\"#server\">%1</a>").arg(state.toHtmlEscaped()));
    };
    connect(m_server, &PracticeServerController::started, this, showServer);
    connect(m_server, &PracticeServerController::stopped, this, showServer);
    showServer();
    statusBar()->addWidget(m_overallBar);
    statusBar()->addWidget(m_overallLabel);
    statusBar()->addWidget(m_orphanLabel);
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_saveLabel);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &MainWindow::onFilterChanged);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &MainWindow::onFilterChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            const QModelIndex source = m_filter->mapToSource(current);
            m_detail->setNode(source);
            const QString id = m_detail->nodeId();
            if (!id.isEmpty()) {
                m_progress->requestNote(id);
                refreshPracticeFiles(id);
            }
        });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeContextMenu);
    connect(m_detail, &NodeDetailWidget::practiceRequested, this, &MainWindow::openPracticeFile);
    connect(m_detail, &NodeDetailWidget::collectionRequested, this, &MainWindow::openCollection);
    connect(m_detail, &NodeDetailWidget::openFileRequested, this,
        [this](const QString &path) { m_editors->openScratchPad(path); });
    connect(m_editors, &EditorTabs::currentDocumentChanged, this, &MainWindow::wireRunMarkers);
    connect(m_editors, &EditorTabs::errorOccurred, this,
        [this](const QString &message) { showError(tr("Workbench"), message); });
    updateSaveStatus();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QMenu *curricula = file->addMenu(tr("&Curriculum"));
    connect(curricula, &QMenu::aboutToShow, this, [this, curricula] { fillCurriculumMenu(curricula); });
    fillCurriculumMenu(curricula);
    // Listing the folders of installed curricula is disk work: off the GUI thread, once.
    runAsync(this, &installedCurricula, [this](const QStringList &result) { m_installedCurricula = result; });
    file->addSeparator();
    for (auto which : { EditorTabs::Action::New, EditorTabs::Action::Open, EditorTabs::Action::Save,
             EditorTabs::Action::SaveAs, EditorTabs::Action::Close })
        file->addAction(m_editors->action(which));
    file->addMenu(m_editors->recentFilesMenu());
    file->addSeparator();
    file->addAction(tr("&Back Up Now"), m_progress, &ProgressService::backUpNow);
    file->addAction(tr("&Restore from Backup…"), this, [this] { m_progress->listBackups(); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Filter the Curriculum"), this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    for (auto which : { EditorTabs::Action::Find, EditorTabs::Action::Replace, EditorTabs::Action::GoToLine })
        edit->addAction(m_editors->action(which));
    edit->addSeparator();
    QAction *toggle = edit->addAction(tr("&Toggle Done"), this, &MainWindow::toggleCurrent);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QMenu *setState = edit->addMenu(tr("Set &State"));
    const Qt::Key keys[] = { Qt::Key_0, Qt::Key_1, Qt::Key_2, Qt::Key_3 };
    int i = 0;
    for (ItemState s : kAllStates) {
        QAction *a = setState->addAction(StateIcons::icon(s), stateLabel(s), this,
            [this, s] { m_model->requestState(m_filter->mapToSource(m_tree->currentIndex()), s); });
        a->setShortcut(QKeySequence(Qt::ALT | keys[i++]));
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Expand All"), m_tree, &QTreeView::expandAll);
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);
    view->addSeparator();
    view->addMenu(m_editors->syntaxMenu());
    view->addMenu(m_editors->themeMenu());
    QMenu *appearance = view->addMenu(tr("&Appearance"));
    auto *group = new QActionGroup(this);
    const QString current
        = m_settings->value(QStringLiteral("appearance"), QStringLiteral("system")).toString();
    const std::pair<QString, QString> choices[] = { { QStringLiteral("system"), tr("Follow the &System") },
        { QStringLiteral("light"), tr("&Light") }, { QStringLiteral("dark"), tr("&Dark") } };
    for (const auto &[key, label] : choices) {
        QAction *a = appearance->addAction(label, this, [this, key] {
            m_settings->setValue(QStringLiteral("appearance"), key);
            Appearance::apply(key);
        });
        a->setCheckable(true);
        a->setChecked(key == current);
        group->addAction(a);
    }
    view->addSeparator();
    view->addAction(tr("&Orphaned Progress…"), this, &MainWindow::showOrphans);

    menuBar()->addMenu(m_http->menu());
    QMenu *practice = menuBar()->addMenu(tr("&Practice"));
    QAction *practiceHere = practice->addAction(tr("&Practice This Item"), this, [this] {
        if (!selectedNodeId().isEmpty())
            openPracticeFile(selectedNodeId(), QStringLiteral("practice.md"));
    });
    practiceHere->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    practice->addAction(tr("Practice with &HTTP Requests"), this, [this] {
        if (!selectedNodeId().isEmpty())
            openPracticeFile(selectedNodeId(), QStringLiteral("requests.http"));
    });

    practice->addSeparator();
    QAction *serverView = m_serverDock->toggleViewAction();
    serverView->setText(tr("Practice &Server"));
    practice->addAction(serverView);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About StudyBench"), this, [this] { showAboutBox(this, m_dataDir); });
}

void MainWindow::fillCurriculumMenu(QMenu *menu)
{
    menu->clear();
    auto *group = new QActionGroup(menu);
    const QString current = profileDirectory(m_dataDir, m_curriculumFile);
    auto add = [this, menu, group, &current](const QString &label, const QString &file) {
        QAction *a = menu->addAction(label, this, [this, file] { chooseCurriculum(file); });
        a->setCheckable(true);
        a->setChecked(profileDirectory(m_dataDir, file) == current && current == m_profileDir);
        a->setToolTip(file.isEmpty() ? tr("Compiled into StudyBench") : QDir::toNativeSeparators(file));
        group->addAction(a);
    };
    add(tr("Backend Developer Mastery (built in)"), {});
    QStringList shown;
    for (const QString &file : std::as_const(m_installedCurricula)) {
        if (profileDirectory(m_dataDir, file) == m_dataDir)
            continue; // the built-in one, as a package installs it
        add(QFileInfo(file).completeBaseName(), file);
        shown.append(QFileInfo(file).completeBaseName());
    }
    const QStringList own = m_settings->value(QStringLiteral("recentCurricula")).toStringList();
    if (!own.isEmpty())
        menu->addSection(tr("Your Files"));
    for (const QString &file : own) {
        if (!shown.contains(QFileInfo(file).completeBaseName()))
            add(QFileInfo(file).fileName(), file);
    }
    menu->addSeparator();
    QAction *open = menu->addAction(tr("&Open Curriculum File…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a curriculum"), QDir::homePath(),
            tr("Markdown (*.md *.markdown *.txt);;All files (*)"));
        if (!path.isEmpty())
            chooseCurriculum(path);
    });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
}

void MainWindow::chooseCurriculum(const QString &file)
{
    // The learner's own files are offered again in File › Curriculum.
    if (!file.isEmpty() && !m_installedCurricula.contains(file)) {
        QStringList own = m_settings->value(QStringLiteral("recentCurricula")).toStringList();
        own.removeAll(file);
        own.prepend(file);
        m_settings->setValue(QStringLiteral("recentCurricula"), own.mid(0, 8));
    }
    if (profileDirectory(m_dataDir, file) == m_profileDir) {
        loadCurriculum(file);
        return;
    }
    Q_EMIT curriculumSwitchRequested(file);
}

void MainWindow::openPracticeFile(const QString &nodeId, const QString &fileName)
{
    // Creating the file and its folders is disk work: off the GUI thread.
    const ScratchPads pads(m_profileDir);
    runAsync(
        this,
        [pads, nodeId, fileName] {
            QString error;
            const QString path = pads.practiceFile(nodeId, fileName, &error);
            return std::pair<QString, QString>(path, error);
        },
        [this, nodeId](const std::pair<QString, QString> &result) {
            const auto [path, error] = result;
            if (path.isEmpty()) {
                showError(tr("Cannot create the practice file"), error);
                return;
            }
            const int tab = m_editors->openScratchPad(path);
            if (tab >= 0) {
                m_editors->setCurrentIndex(tab);
                m_editors->currentWidget()->setFocus(Qt::OtherFocusReason);
                Q_EMIT practiceFileOpened(path);
            }
            // Requests written in the editor can be sent from the HTTP client beside it.
            if (path.endsWith(QLatin1StringView(".http")))
                m_http->openFile(path);
            refreshPracticeFiles(nodeId);
        });
}

void MainWindow::openCollectionFile(const QString &path)
{
    m_http->setEnvironment(QStringLiteral("local"));
    m_http->openFile(path);
}

void MainWindow::wireRunMarkers(EditorDocument *document)
{
    CodeEditor *editor = document ? document->editor() : nullptr;
    // Once per editor; the mark lives and dies with it.
    if (!editor || editor->property("studybenchRunMarkers").toBool())
        return;
    editor->setProperty("studybenchRunMarkers", true);
    // The requests of the text as it is now (in memory: no disk access), a moment after typing stops.
    auto *timer = new QTimer(editor);
    timer->setSingleShot(true);
    timer->setInterval(300);
    auto refresh = [editor, document = QPointer<EditorDocument>(document)] {
        QList<int> lines;
        if (document && document->filePath().endsWith(QLatin1StringView(".http"))) {
            const HttpFile file = HttpFileParser::parse(editor->toPlainText(), document->filePath());
            for (const HttpRequestTemplate &request : file.requests)
                lines.append(request.line - 1);
        }
        editor->setRunMarkers(lines);
    };
    connect(timer, &QTimer::timeout, editor, refresh);
    connect(editor, &QPlainTextEdit::textChanged, timer, qOverload<>(&QTimer::start));
    connect(document, &EditorDocument::filePathChanged, editor, refresh);
    connect(document, &EditorDocument::loadFinished, editor, refresh);
    connect(editor, &CodeEditor::runRequested, this,
        [this, document = QPointer<EditorDocument>(document)](int blockNumber) {
            if (document)
                sendFromEditor(document, blockNumber);
        });
    refresh();
}

void MainWindow::sendFromEditor(EditorDocument *document, int blockNumber)
{
    // The HTTP client sends what is on disk: save first.
    if (document->isModified() && !document->save()) {
        showError(tr("Cannot send the request"), document->errorString());
        return;
    }
    // Sent once the client has read the saved file (an earlier read may still be arriving).
    m_pendingSendPath = document->filePath();
    m_pendingSendLine = blockNumber + 1;
    m_http->openFile(m_pendingSendPath);
}

void MainWindow::sendPendingRequest(const QString &path, bool ok)
{
    if (!ok || path != m_pendingSendPath)
        return;
    const QList<HttpRequestTemplate> &requests = m_http->fileView()->file().requests;
    for (int i = 0; i < requests.size(); ++i) {
        if (requests.at(i).line == m_pendingSendLine) {
            m_pendingSendPath.clear();
            m_http->sendFileRequest(i);
            return;
        }
    }
}

void MainWindow::openCollection(const QString &fileName)
{
    const quint16 port
        = m_server->isRunning() ? quint16(m_server->url().port()) : PracticeServer::kDefaultPort;
    const QString dataDir = m_dataDir;
    runAsync(
        this,
        [dataDir, fileName, port] {
            QString error;
            const QString path = PracticeCollections::materialize(dataDir, fileName, port, &error);
            return std::pair<QString, QString>(path, error);
        },
        [this](const std::pair<QString, QString> &result) {
            const auto [path, error] = result;
            if (path.isEmpty()) {
                showError(tr("Cannot open the request collection"), error);
                return;
            }
            openCollectionFile(path);
            if (!m_server->isRunning())
                statusBar()->showMessage(
                    tr("Start the practice server (Practice › Practice Server) to send these requests."),
                    10000);
            Q_EMIT collectionOpened(path);
        });
}

void MainWindow::refreshPracticeFiles(const QString &nodeId)
{
    const ScratchPads pads(m_profileDir);
    runAsync(
        this, [pads, nodeId] { return pads.files(nodeId); },
        [this, nodeId](const QStringList &result) { m_detail->showPracticeFiles(nodeId, result); });
}

void MainWindow::loadCurriculum(const QString &file)
{
    if (file.isEmpty()) {
        const CurriculumParseResult r = CurriculumParser::builtin();
        if (!r.ok())
            qFatal("the built-in curriculum does not parse: %s", qPrintable(r.error.toString()));
        setCurriculum(r.curriculum, {});
        return;
    }
    runAsync(
        this, [file] { return CurriculumParser::parseFile(file); },
        [this, file](const CurriculumParseResult &result) {
            const CurriculumParseResult r = result;
            if (r.ok()) {
                setCurriculum(r.curriculum, file);
                return;
            }
            loadCurriculum({});
            showError(tr("Cannot use this curriculum"),
                tr("%1\n\nStudyBench is showing the built-in curriculum instead. Fix the file and open it "
                   "again "
                   "with File › Open Curriculum.")
                    .arg(r.error.toString()));
        });
}

void MainWindow::setCurriculum(const CurriculumPtr &curriculum, const QString &file)
{
    const QString keepSelection = m_pendingSelection.isEmpty() ? selectedNodeId() : m_pendingSelection;
    m_curriculumFile = file;
    // Only a change is written: QSettings then rewrites ui.ini and syncs it to disk on this thread,
    // which cost 10-20 ms before the first frame at every start.
    // With nothing stored, the administrator's default (or the built-in one) is what starts.
    const QString stored = m_settings->contains(QStringLiteral("curriculum"))
        ? m_settings->value(QStringLiteral("curriculum")).toString()
        : m_defaultCurriculum;
    if (stored != file)
        m_settings->setValue(QStringLiteral("curriculum"), file);

    m_model->setCurriculum(curriculum);
    m_progress->reconcile(curriculum);
    setWindowTitle(curriculum->title());
    // Sections open, unless the learner's own expansion was saved.
    if (!m_stateRestored || m_savedExpanded.isEmpty()) {
        for (int r = 0; r < m_filter->rowCount(); ++r)
            m_tree->expand(m_filter->index(r, 0));
    } else {
        for (const QString &id : std::as_const(m_savedExpanded))
            m_tree->expand(m_filter->mapFromSource(m_model->indexForId(id)));
    }
    if (!selectNode(keepSelection))
        m_tree->setCurrentIndex(m_filter->index(0, 0));
    m_pendingSelection.clear();
    updateStatus();
    m_tree->setFocus(Qt::OtherFocusReason);
    Q_EMIT curriculumReady();
}

bool MainWindow::selectNode(const QString &nodeId)
{
    if (nodeId.isEmpty())
        return false;
    const QModelIndex source = m_model->indexForId(nodeId);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) {
        m_filterEdit->clear();
        m_stateFilter->setCurrentIndex(0);
        proxy = m_filter->mapFromSource(source);
    }
    for (QModelIndex p = proxy.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(proxy);
    m_tree->scrollTo(proxy, QAbstractItemView::PositionAtCenter);
    return true;
}

QString MainWindow::selectedNodeId() const
{
    return m_tree->currentIndex().data(CurriculumModel::NodeIdRole).toString();
}

void MainWindow::toggleCurrent()
{
    const QModelIndex source = m_filter->mapToSource(m_tree->currentIndex());
    const CurriculumNode *node = m_model->nodeAt(source);
    if (!node || !isCheckable(node->kind))
        return;
    m_model->requestState(
        source, m_model->state(node->id) == ItemState::Done ? ItemState::NotStarted : ItemState::Done);
}

void MainWindow::onFilterChanged()
{
    const QString keep = selectedNodeId();
    m_filter->setText(m_filterEdit->text());
    m_filter->setStateFilter(
        static_cast<CurriculumFilter::StateFilter>(m_stateFilter->currentData().toInt()));
    if (m_filter->isActive())
        m_tree->expandAll();
    const QModelIndex proxy = m_filter->mapFromSource(m_model->indexForId(keep));
    if (proxy.isValid()) {
        m_tree->setCurrentIndex(proxy);
        m_tree->scrollTo(proxy);
    }
}

void MainWindow::showTreeContextMenu(const QPoint &pos)
{
    const QModelIndex source = m_filter->mapToSource(m_tree->indexAt(pos));
    const CurriculumNode *node = m_model->nodeAt(source);
    if (!source.isValid() || !node)
        return;
    QMenu menu(this);
    if (isCheckable(node->kind)) {
        const ItemState current = m_model->state(node->id);
        for (ItemState s : kAllStates) {
            QAction *a = menu.addAction(StateIcons::icon(s), stateLabel(s));
            a->setCheckable(true);
            a->setChecked(s == current);
            connect(a, &QAction::triggered, this, [this, source, s] { m_model->requestState(source, s); });
        }
        menu.addSeparator();
    }
    menu.addAction(tr("Copy ID"), this, [node] { QApplication::clipboard()->setText(node->id); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::updateStatus()
{
    const Tally t = m_model->overallTally();
    m_overallBar->setValue(qRound(t.percent() * 10));
    m_overallLabel->setText(tr("%1/%2 done · %3%").arg(t.done).arg(t.counted()).arg(t.percent(), 0, 'f', 0));
    m_overallLabel->setToolTip(tr("%1 done, %2 in progress, %3 skipped of %4 items")
            .arg(t.done)
            .arg(t.inProgress)
            .arg(t.skipped)
            .arg(t.total));
    const CurriculumPtr c = m_model->curriculum();
    const int orphans = c ? int(orphanedRecords(*c, m_model->records()).size()) : 0;
    m_orphanLabel->setVisible(orphans > 0);
    m_orphanLabel->setText(QStringLiteral("<a href=\"#orphans\">%1</a>")
            .arg(tr("%n orphaned item(s)", nullptr, orphans).toHtmlEscaped()));
    m_orphanLabel->setToolTip(
        tr("Progress recorded for items that are not in this curriculum any more. It is kept."));
}

void MainWindow::updateSaveStatus()
{
    const int pending = m_progress->pendingCount();
    QPalette pal = m_saveLabel->palette();
    if (!m_saveError.isEmpty() && pending == 0) {
        m_saveLabel->setText(tr("Not saved"));
        m_saveLabel->setToolTip(m_saveError);
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    } else if (pending > 0) {
        m_saveLabel->setText(tr("Saving…"));
        m_saveLabel->setToolTip(tr("%n change(s) being written to disk", nullptr, pending));
        pal = QPalette();
    } else {
        m_saveLabel->setText(tr("All changes saved"));
        m_saveLabel->setToolTip(m_progress->databasePath());
        pal = QPalette();
    }
    m_saveLabel->setPalette(pal);
}

void MainWindow::showError(const QString &title, const QString &text)
{
    m_lastError = text;
    qWarning("%s: %s", qPrintable(title), qPrintable(text));
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showOrphans()
{
    const CurriculumPtr c = m_model->curriculum();
    if (!c)
        return;
    const QList<ItemRecord> orphans = orphanedRecords(*c, m_model->records());
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Orphaned Progress"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(orphans.isEmpty()
            ? tr("All recorded progress belongs to items of this curriculum.")
            : tr("These items have recorded progress but are not in the curriculum any more "
                 "(renamed or removed). Their progress and history are kept; if an item comes "
                 "back under the same ID, its progress returns with it."),
        &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (!orphans.isEmpty()) {
        auto *list = new QTreeWidget(&dialog);
        list->setHeaderLabels({ tr("Title"), tr("State"), tr("Last change"), tr("ID") });
        list->setRootIsDecorated(false);
        for (const ItemRecord &r : orphans) {
            new QTreeWidgetItem(list,
                { r.title, stateLabel(r.state),
                    QLocale().toString(r.updatedAt.toLocalTime(), QLocale::ShortFormat), r.nodeId });
        }
        for (int col = 0; col < 4; ++col)
            list->resizeColumnToContents(col);
        layout->addWidget(list);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(720, orphans.isEmpty() ? 140 : 360);
    dialog.exec();
}

void MainWindow::showBackups(const QList<BackupInfo> &backups)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Restore from Backup"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(backups.isEmpty()
            ? tr("There are no backups yet. StudyBench makes one when it starts (at most every "
                 "30 minutes) and before every change to the database's format; "
                 "File › Back Up Now makes one at once.")
            : tr("Choose the backup to go back to. Your progress as it is now is backed up first, "
                 "so this can be undone."),
        &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *list = new QTreeWidget(&dialog);
    list->setHeaderLabels({ tr("Made"), tr("Why"), tr("Items with progress"), tr("Done"), tr("File") });
    list->setRootIsDecorated(false);
    list->setAlternatingRowColors(true);
    for (const BackupInfo &b : backups) {
        const QString reason = b.reason == QLatin1StringView("auto") ? tr("automatic")
            : b.reason == QLatin1StringView("manual")                ? tr("made by you")
            : b.reason == QLatin1StringView("pre-migration")         ? tr("before an upgrade")
            : b.reason == QLatin1StringView("pre-restore")           ? tr("before a restore")
                                                                     : b.reason;
        auto *item = new QTreeWidgetItem(list,
            { QLocale().toString(b.createdAt.toLocalTime(), QLocale::ShortFormat), reason,
                b.healthy ? QString::number(b.items) : tr("damaged"),
                b.healthy ? QString::number(b.done) : QString(), QFileInfo(b.path).fileName() });
        item->setData(0, Qt::UserRole, QVariant::fromValue(b));
        item->setDisabled(!b.healthy);
    }
    for (int col = 0; col < list->columnCount(); ++col)
        list->resizeColumnToContents(col);
    list->setVisible(!backups.isEmpty());
    layout->addWidget(list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    QPushButton *restore = buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    restore->setEnabled(false);
    connect(list, &QTreeWidget::currentItemChanged, restore,
        [restore](QTreeWidgetItem *current) { restore->setEnabled(current && !current->isDisabled()); });
    connect(list, &QTreeWidget::itemDoubleClicked, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(760, backups.isEmpty() ? 160 : 420);
    if (dialog.exec() != QDialog::Accepted || !list->currentItem() || list->currentItem()->isDisabled())
        return;
    m_progress->restoreBackup(list->currentItem()->data(0, Qt::UserRole).value<BackupInfo>());
}

void MainWindow::restoreUiState()
{
    if (!restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    QMainWindow::restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    if (!m_splitter->restoreState(m_settings->value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({ 400, 880 });
    if (!m_rightSplitter->restoreState(
            m_settings->value(QStringLiteral("window/rightSplitter")).toByteArray()))
        m_rightSplitter->setSizes({ 300, 500 });
    if (!m_workbenchSplitter->restoreState(
            m_settings->value(QStringLiteral("window/workbenchSplitter")).toByteArray()))
        m_workbenchSplitter->setSizes({ 320, 560 }); // the HTTP client needs the room more
    m_editors->setThemeName(m_settings->value(QStringLiteral("workbench/theme")).toString());
    m_editors->setRecentFiles(m_settings->value(QStringLiteral("workbench/recentFiles")).toStringList());
    const QStringList skipped
        = m_editors->restoreOpenFiles(m_settings->value(QStringLiteral("workbench/openFiles")).toStringList(),
            m_settings->value(QStringLiteral("workbench/currentFile")).toString());
    // Practice files keep saving themselves after a restart too.
    const QString scratchRoot = ScratchPads(m_profileDir).rootPath() + QLatin1Char('/');
    for (int i = 0; i < m_editors->count(); ++i) {
        if (EditorDocument *doc = m_editors->documentAt(i); doc && doc->filePath().startsWith(scratchRoot))
            doc->setAutosave(true);
    }
    if (!skipped.isEmpty())
        statusBar()->showMessage(tr("%n file(s) from last time are gone: %1", nullptr, int(skipped.size()))
                                     .arg(skipped.join(QStringLiteral(", "))),
            10000);
    m_savedExpanded = m_settings->value(QStringLiteral("tree/expanded")).toStringList();
    m_pendingSelection = m_settings->value(QStringLiteral("tree/selected")).toString();
    m_stateRestored = m_settings->contains(QStringLiteral("tree/expanded"));
}

void MainWindow::saveUiState()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    m_settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    m_settings->setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    m_settings->setValue(QStringLiteral("window/workbenchSplitter"), m_workbenchSplitter->saveState());
    m_settings->setValue(QStringLiteral("workbench/openFiles"), m_editors->openFiles());
    m_settings->setValue(QStringLiteral("workbench/currentFile"), m_editors->currentFilePath());
    m_settings->setValue(QStringLiteral("workbench/recentFiles"), m_editors->recentFiles());
    m_settings->setValue(QStringLiteral("workbench/theme"), m_editors->themeName());
    m_settings->setValue(QStringLiteral("tree/selected"), selectedNodeId());
    QStringList expanded;
    if (!m_filter->isActive()) {
        const CurriculumPtr c = m_model->curriculum();
        for (const CurriculumNode *node : c ? c->allNodes() : QList<const CurriculumNode *>()) {
            if (!node->children.empty() && node->parent
                && m_tree->isExpanded(m_filter->mapFromSource(m_model->indexForId(node->id))))
                expanded.append(node->id);
        }
        m_settings->setValue(QStringLiteral("tree/expanded"), expanded);
    }
    m_settings->sync();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            m_filterEdit->clear();
            m_tree->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_tree->setFocus(Qt::TabFocusReason);
            if (!m_tree->currentIndex().isValid())
                m_tree->setCurrentIndex(m_filter->index(0, 0));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // The view has its real height only now: centre the selected item.
    QTimer::singleShot(
        0, this, [this] { m_tree->scrollTo(m_tree->currentIndex(), QAbstractItemView::PositionAtCenter); });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_detail->flushNote();
    saveUiState(); // before the tabs close, so they open again next time
    if (!m_editors->closeAll()) {
        event->ignore();
        return;
    }
    m_progress->waitForIdle();
    event->accept();
}

} // namespace StudyBench
