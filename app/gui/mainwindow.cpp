#include "mainwindow.h"

#include "aboutbox.h"
#include "afterpaint.h"
#include "cohort/cohortactions.h"
#include "common/appearance.h"
#include "common/workbenchloader.h"
#include "common/workbenchmodule.h"
#include "curriculum/curriculumparser.h"
#include "curriculum/practicecollections.h"
#include "curriculumfilter.h"
#include "curriculummodel.h"
#include "curriculumpane.h"
#include "dashboard/dashboardaction.h"
#include "drill/drillactions.h"
#include "editor/scratchpads.h"
#include "nodedetailwidget.h"
#include "progress/progressservice.h"
#include "progress/progresssummary.h"
#include "report/reportactions.h"
#include "review/reviewactions.h"
#include "search/searchactions.h"
#include "sync/syncactions.h"
#include "util/asyncrun.h"
#include "util/datalocation.h"
#include "util/preferences.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
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
    connectProgress();
    connectPanes();
    connectSearch();
    m_progress->open();
    m_progress->setExternalChangeInterval(2000);
    restoreUiState();
}

void MainWindow::connectProgress()
{
    connect(m_model, &CurriculumModel::stateChangeRequested, this,
        [this](const QString &id, ItemState state, const QString &title) {
            m_model->markPending(id, state, m_progress->setState(id, state, title));
        });
    connect(m_progress, &ProgressService::stateSaved, m_model, &CurriculumModel::confirmState);
    // Marking an item in progress or done makes it a card: the count in the status bar follows.
    connect(m_progress, &ProgressService::stateSaved, m_review, &ReviewActions::refreshDueSoon);
    connect(m_progress, &ProgressService::stateSaved, m_dashboard, &DashboardAction::refreshSoon);
    connect(m_progress, &ProgressService::saveFailed, this,
        [this](quint64 ticket, const QString &id, const QString &error) {
            m_model->rejectState(ticket, id);
            m_saveError = error;
            updateSaveStatus();
            showError(tr("Could not save"), tr("Your change to “%1” was not saved:\n%2").arg(id, error));
        });
    connect(m_progress, &ProgressService::pendingCountChanged, this, &MainWindow::updateSaveStatus);
    connect(m_progress, &ProgressService::opened, this, [this](bool ok, const QString &error) {
        m_progressOpen = ok;
        updateReviewDatabase();
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
            loadWorkbenchAfterPaint();
        }
    });
    connect(m_model, &CurriculumModel::talliesChanged, this, &MainWindow::updateStatus);
}

MainWindow::~MainWindow()
{
    m_detail->flushNote();
}

QTreeView *MainWindow::tree() const
{
    return m_curriculum->tree();
}

QLineEdit *MainWindow::filterEdit() const
{
    return m_curriculum->filterEdit();
}

Workbench *MainWindow::workbench()
{
    WorkbenchPart *part = loadWorkbench();
    return part ? part->workbench() : nullptr;
}

EditorTabs *MainWindow::editors()
{
    WorkbenchPart *part = loadWorkbench();
    return part ? part->editors() : nullptr;
}

HttpClientWidget *MainWindow::httpClient()
{
    WorkbenchPart *part = loadWorkbench();
    return part ? part->httpClient() : nullptr;
}

PracticeServerController *MainWindow::practiceServer()
{
    WorkbenchPart *part = loadWorkbench();
    return part ? part->practiceServer() : nullptr;
}

PracticeServerPanel *MainWindow::practiceServerPanel()
{
    WorkbenchPart *part = loadWorkbench();
    return part ? part->practiceServerPanel() : nullptr;
}

void MainWindow::buildUi()
{
    setWindowTitle(tr("StudyBench"));
    m_curriculum = new CurriculumPane(m_model, m_filter, this);
    m_detail = new NodeDetailWidget(m_model, this);
    // The workbench's place: the module fills it once the first frame is up (or on first use).
    m_workbenchSlot = new QWidget(this);
    m_workbenchSlot->setObjectName(QStringLiteral("workbenchSlot"));
    m_review = new ReviewActions(this);
    m_drills = new DrillActions(this, m_profileDir);
    m_search = new SearchActions(this);
    m_report = new ReportActions(this);
    m_sync = new SyncActions(this);
    m_cohort = new CohortActions(this);
    m_curriculum->setContextActions(m_review->itemActions() << m_report->resetSectionAction());
    m_dashboard = new DashboardAction(this);
    m_detail->setReviewActions(m_review->cardInfoAction(), m_review->addToReviewAction());

    // Right: the detail pane over the workbench. The detail pane keeps its own minimum size
    // (its state selector and buttons stay whole); the workbench gives up room first.
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_detail);
    m_rightSplitter->addWidget(m_workbenchSlot);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setChildrenCollapsible(false);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_curriculum);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(true);
    setCentralWidget(m_splitter);

    buildServerLabel();
    buildStatusBar();
}

void MainWindow::buildServerLabel()
{
    // The practice server is off at start; the workbench module keeps the label current.
    m_serverLabel = new QLabel(practiceServerLink(false, {}), this);
    m_serverLabel->setTextFormat(Qt::RichText);
    connect(m_serverLabel, &QLabel::linkActivated, this,
        [this] { withWorkbench([](WorkbenchPart *part) { part->showServerPanel(); }); });
}

void MainWindow::buildStatusBar()
{
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
    statusBar()->addWidget(m_overallBar);
    statusBar()->addWidget(m_overallLabel);
    statusBar()->addWidget(m_orphanLabel);
    statusBar()->addPermanentWidget(m_sync->statusLabel());
    statusBar()->addPermanentWidget(m_review->dueLabel());
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_saveLabel);
    updateSaveStatus();
}

void MainWindow::connectPanes()
{
    connect(m_curriculum, &CurriculumPane::currentNodeChanged, this, &MainWindow::showNode);
    connect(m_progress, &ProgressService::noteLoaded, m_detail, &NodeDetailWidget::showNote);
    connect(m_detail, &NodeDetailWidget::noteEdited, this,
        [this](const QString &id, const QString &text) { m_progress->setNote(id, text); });
    connect(m_detail, &NodeDetailWidget::noteMergeDismissed, m_progress, &ProgressService::clearNoteMerged);
    connect(m_detail, &NodeDetailWidget::confidenceRequested, this,
        [this](const QString &id, int confidence, const QString &title) {
            m_model->setConfidence(id, confidence);
            m_progress->setConfidence(id, confidence, title);
        });
    connect(m_detail, &NodeDetailWidget::nodeActivated, this, [this](const QModelIndex &source) {
        selectNode(source.data(CurriculumModel::NodeIdRole).toString());
    });
    connect(m_detail, &NodeDetailWidget::practiceRequested, this, &MainWindow::openPracticeFile);
    connect(m_detail, &NodeDetailWidget::collectionRequested, this, &MainWindow::openCollection);
    connect(m_detail, &NodeDetailWidget::openFileRequested, this, [this](const QString &path) {
        withWorkbench([path](WorkbenchPart *part) { part->openScratchPad(path); });
    });
    connect(m_review, &ReviewActions::itemReviewChanged, m_detail, &NodeDetailWidget::showReviewStatus);
    connect(m_review, &ReviewActions::collectionRequested, this, &MainWindow::openCollection);
    connect(m_report, &ReportActions::progressChanged, m_progress, &ProgressService::reload);
    connect(m_sync, &SyncActions::progressChanged, m_progress, &ProgressService::reload);
    connect(m_sync, &SyncActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    connect(m_progress, &ProgressService::noteSaved, m_sync, &SyncActions::syncSoon);
    connect(m_progress, &ProgressService::stateSaved, m_sync, &SyncActions::syncSoon);
    connect(m_progress, &ProgressService::confidenceSaved, m_sync, &SyncActions::syncSoon);
    m_cohort->followSaves(m_progress);
    connect(m_cohort, &CohortActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    connect(m_report, &ReportActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    connect(m_review, &ReviewActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_drills, &DrillActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
}

void MainWindow::connectSearch()
{
    connect(m_search, &SearchActions::nodeRequested, this, [this](const QString &id) {
        setWorkbenchFocused(false);
        selectNode(id);
    });
    connect(m_search, &SearchActions::fileRequested, this, [this](const QString &path, int line) {
        withWorkbench([path, line](WorkbenchPart *part) { part->openFileAtLine(path, line); });
    });
    connect(m_search, &SearchActions::historyRequested, this,
        [this](qint64 id) { withWorkbench([id](WorkbenchPart *part) { part->openHistoryEntry(id); }); });
    connect(m_search, &SearchActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    // The index follows what the window writes: notes, sent requests, saved practice files.
    connect(m_progress, &ProgressService::noteSaved, m_search,
        [this](quint64, const QString &id) { m_search->noteSaved(id); });
    // Sent requests and saved practice files: through the workbench's hooks (installWorkbench()).
}

void MainWindow::showNode(const QModelIndex &source)
{
    m_detail->setNode(source);
    const QString id = m_detail->nodeId();
    m_review->setCurrentItem(id);
    m_report->setCurrentItem(id);
    if (!id.isEmpty()) {
        m_progress->requestNote(id);
        refreshPracticeFiles(id);
    }
}

void MainWindow::buildMenus()
{
    buildFileMenu();
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_curriculum->fillEditMenu(edit);
    edit->addSeparator();
    m_editMenu = edit;
    m_editAnchor = edit->addSeparator();
    edit->addAction(m_search->action());
    buildViewMenu();
    // The HTTP client's entries fill this menu once the workbench is loaded.
    m_httpMenu = menuBar()->addMenu(tr("H&TTP"));
    buildPracticeMenu();
    menuBar()->addMenu(m_review->menu());
    menuBar()->addMenu(m_drills->menu());
    // A menu opened before the workbench is loaded loads it first (on first use).
    for (QMenu *menu : { m_fileMenu, m_editMenu, m_viewMenu, m_httpMenu })
        connect(menu, &QMenu::aboutToShow, this, &MainWindow::loadWorkbench);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About StudyBench"), this, [this] { showAboutBox(this, m_dataDir); });
}

void MainWindow::buildFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QMenu *curricula = file->addMenu(tr("&Curriculum"));
    connect(curricula, &QMenu::aboutToShow, this, [this, curricula] { fillCurriculumMenu(curricula); });
    fillCurriculumMenu(curricula);
    // Listing the folders of installed curricula is disk work: off the GUI thread, once.
    runAsync(this, &installedCurricula, [this](const QStringList &result) { m_installedCurricula = result; });
    file->addSeparator();
    m_fileMenu = file;
    m_fileAnchor = file->addSeparator();
    file->addAction(tr("&Back Up Now"), m_progress, &ProgressService::backUpNow);
    file->addAction(tr("&Restore from Backup…"), this, [this] { m_progress->listBackups(); });
    file->addSeparator();
    file->addActions(m_report->fileActions());
    file->addAction(m_sync->folderAction());
    file->addActions(m_cohort->fileActions());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::buildViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_focusAction = view->addAction(tr("&Focus the Workbench"), this, &MainWindow::setWorkbenchFocused);
    m_focusAction->setCheckable(true);
    m_focusAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_focusAction->setToolTip(tr("Give the whole window to the editor and the HTTP client, and back"));
    view->addAction(m_dashboard->action());
    view->addSeparator();
    m_curriculum->fillViewMenu(view);
    view->addSeparator();
    QMenu *appearance = view->addMenu(tr("&Appearance"));
    m_viewMenu = view;
    m_viewAnchor = appearance->menuAction();
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
}

void MainWindow::buildPracticeMenu()
{
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
    // The practice server panel's own toggle takes this one's place once the workbench is loaded.
    m_practiceMenu = practice;
    m_serverAction = practice->addAction(tr("Practice &Server"), this,
        [this] { withWorkbench([](WorkbenchPart *part) { part->showServerPanel(); }); });
}

void MainWindow::setWorkbenchFocused(bool focused)
{
    m_curriculum->setVisible(!focused);
    m_detail->setVisible(!focused);
    if (m_focusAction->isChecked() != focused)
        m_focusAction->setChecked(focused);
    m_focusWorkbenchWhenLoaded = focused && !m_part;
    if (focused && m_part)
        m_part->focusEditor();
    else if (!focused)
        m_curriculum->tree()->setFocus(Qt::OtherFocusReason);
}

bool MainWindow::isWorkbenchFocused() const
{
    return m_focusAction->isChecked();
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
            withWorkbench([this, path](WorkbenchPart *part) {
                if (part->openPracticeFile(path) >= 0)
                    Q_EMIT practiceFileOpened(path);
            });
            refreshPracticeFiles(nodeId);
        });
}

void MainWindow::openCollection(const QString &fileName)
{
    withWorkbench([this, fileName](WorkbenchPart *part) {
        part->openCollection(fileName, [this](const QString &path) { Q_EMIT collectionOpened(path); });
    });
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
            : b.reason == QLatin1StringView("pre-import")            ? tr("before an import")
            : b.reason == QLatin1StringView("pre-reset")             ? tr("before a section reset")
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
    m_review->endSessions(); // their connections would write into the file being replaced
    m_progress->restoreBackup(list->currentItem()->data(0, Qt::UserRole).value<BackupInfo>());
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
    updateReviewDatabase();
    setWindowTitle(curriculum->title());
    // Sections open, unless the learner's own expansion was saved.
    m_curriculum->expandFresh(m_stateRestored ? m_savedExpanded : QStringList());
    if (!selectNode(keepSelection))
        tree()->setCurrentIndex(m_filter->index(0, 0));
    m_pendingSelection.clear();
    updateStatus();
    if (!isWorkbenchFocused())
        tree()->setFocus(Qt::OtherFocusReason);
    Q_EMIT curriculumReady();
    loadWorkbenchAfterPaint();
}

void MainWindow::updateReviewDatabase()
{
    // Review opens the progress database itself, on worker threads: only once the service has
    // opened it (created, migrated or recovered) and a curriculum names the items.
    if (m_progressOpen && m_model->curriculum()) {
        m_review->setDatabase(m_progress->databasePath(), m_model->curriculum());
        m_drills->setDatabase(m_progress->databasePath(), m_model->curriculum());
        // The search index is opened and checked on a thread of its own, which would compete with
        // the first frame for the CPU: a shown window opens it once that frame is up.
        m_searchSourcesPending = isVisible() && !m_firstFramePainted;
        if (!m_searchSourcesPending)
            updateSearchSources();
        m_report->setDatabase(m_progress->databasePath(), m_profileDir, m_model->curriculum());
        m_dashboard->setDatabase(m_progress->databasePath(), m_model->curriculum());
        m_sync->setProfile(m_profileDir, m_curriculumFile);
        m_cohort->setProfile(m_profileDir, m_curriculumFile, m_model->curriculum());
    }
}

void MainWindow::updateSearchSources()
{
    m_search->setSources(
        m_profileDir, QDir(m_dataDir).filePath(DataFile::httpHistory()), m_model->curriculum());
}

bool MainWindow::selectNode(const QString &nodeId)
{
    return m_curriculum->selectNode(nodeId);
}

QString MainWindow::selectedNodeId() const
{
    return m_curriculum->selectedNodeId();
}

void MainWindow::loadWorkbenchAfterPaint()
{
    // Once the window has shown the curriculum with the saved progress, the search index opens and
    // a worker maps the module (and Qt Network, HttpServer, Qml, KSyntaxHighlighting with it),
    // unless the learner's first click loaded it already.
    if (m_firstFrameArmed || !m_progressLoaded || !m_model->curriculum() || !isVisible())
        return;
    m_firstFrameArmed = true;
    QList<QWidget *> painted { tree()->viewport() };
    if (m_workbenchSlot)
        painted.append(m_workbenchSlot);
    runAfterPaint(painted, [this] {
        m_firstFramePainted = true;
        if (std::exchange(m_searchSourcesPending, false))
            updateSearchSources();
        if (!m_part && !m_workbenchFailed)
            withWorkbench({});
    });
}

WorkbenchPart *MainWindow::loadWorkbench()
{
    if (!m_part && !m_workbenchFailed) {
        QString error;
        WorkbenchModule *module = WorkbenchLoader::load(&error);
        installWorkbench(module, error);
    }
    return m_part;
}

void MainWindow::withWorkbench(std::function<void(WorkbenchPart *)> work)
{
    if (m_part) {
        if (work)
            work(m_part);
        return;
    }
    if (m_workbenchFailed) {
        if (work)
            showError(tr("The workbench is missing"), m_workbenchError);
        return;
    }
    if (work)
        m_waitingForWorkbench.append(std::move(work));
    if (!std::exchange(m_workbenchLoading, true)) {
        WorkbenchLoader::loadInBackground(
            this, [this](WorkbenchModule *module, const QString &error) { installWorkbench(module, error); });
    }
}

void MainWindow::installWorkbench(WorkbenchModule *module, const QString &error)
{
    if (m_part || m_workbenchFailed)
        return;
    if (!module) {
        m_workbenchFailed = true;
        m_workbenchError = error;
        m_waitingForWorkbench.clear();
        auto *message = new QLabel(error, m_workbenchSlot);
        message->setWordWrap(true);
        message->setTextInteractionFlags(Qt::TextSelectableByMouse);
        (new QVBoxLayout(m_workbenchSlot))->addWidget(message);
        showError(tr("The workbench is missing"), error);
        Q_EMIT workbenchLoaded(false);
        return;
    }
    WorkbenchHooks hooks;
    hooks.window = this;
    hooks.dataDir = m_dataDir;
    hooks.serverLabel = m_serverLabel;
    hooks.showError = [this](const QString &title, const QString &text) {
        showError(title, text);
    };
    hooks.practiceRequested = [this] {
        if (!selectedNodeId().isEmpty())
            openPracticeFile(selectedNodeId(), QStringLiteral("practice.md"));
    };
    hooks.historyRecorded = [this](qint64 id) {
        m_search->historyRecorded(id);
    };
    hooks.filesChanged = [this] {
        m_search->filesChanged();
    };
    m_part = module->createPart(hooks);
    delete m_rightSplitter->replaceWidget(m_rightSplitter->indexOf(m_workbenchSlot), m_part->pane());
    m_workbenchSlot = nullptr;
    placeWorkbenchMenus();
    m_part->restoreState(m_settings, ScratchPads(m_profileDir).rootPath());
    if (std::exchange(m_focusWorkbenchWhenLoaded, false))
        m_part->focusEditor();
    const QList<std::function<void(WorkbenchPart *)>> waiting = std::exchange(m_waitingForWorkbench, {});
    for (const std::function<void(WorkbenchPart *)> &work : waiting)
        work(m_part);
    Q_EMIT workbenchLoaded(true);
}

void MainWindow::placeWorkbenchMenus()
{
    m_part->fillMenus({ m_fileMenu, m_fileAnchor, m_editMenu, m_editAnchor, m_viewMenu, m_viewAnchor });
    // The HTTP menu may be what asked for the workbench, and is about to pop up: it takes the
    // HTTP client's entries rather than giving its place to the client's menu.
    m_httpMenu->addActions(m_part->httpMenu()->actions());
    // The stand-in for Practice Server may be what asked: it goes once its signal has returned.
    QAction *serverView = m_part->serverDock()->toggleViewAction();
    serverView->setText(tr("Practice &Server"));
    m_practiceMenu->insertAction(m_serverAction, serverView);
    m_practiceMenu->removeAction(m_serverAction);
    std::exchange(m_serverAction, nullptr)->deleteLater();
}

void MainWindow::restoreUiState()
{
    if (!restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    QMainWindow::restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    if (!m_splitter->restoreState(m_settings->value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({ 340, 940 });
    if (!m_rightSplitter->restoreState(
            m_settings->value(QStringLiteral("window/rightSplitter")).toByteArray()))
        m_rightSplitter->setSizes({ 280, 520 });
    // The workbench's part of ui.ini is read when it is loaded (installWorkbench()).
    setWorkbenchFocused(m_settings->value(QStringLiteral("window/workbenchFocused"), false).toBool());
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
    m_settings->setValue(QStringLiteral("window/workbenchFocused"), isWorkbenchFocused());
    if (m_part)
        m_part->saveState(m_settings);
    m_settings->setValue(QStringLiteral("tree/selected"), selectedNodeId());
    if (!m_filter->isActive())
        m_settings->setValue(QStringLiteral("tree/expanded"), m_curriculum->expandedIds());
    m_settings->sync();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    loadWorkbenchAfterPaint();
    // The view has its real height only now: centre the selected item.
    QTimer::singleShot(0, m_curriculum, &CurriculumPane::scrollToCurrent);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_detail->flushNote();
    saveUiState(); // before the tabs close, so they open again next time
    if (m_part && !m_part->closeAll()) {
        event->ignore();
        return;
    }
    m_progress->waitForIdle();
    event->accept();
}

} // namespace StudyBench
