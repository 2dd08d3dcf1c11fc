#include "cohort/cohortwindow.h"

#include "cohort/cohortdelegate.h"
#include "cohort/cohortmodels.h"
#include "util/asyncrun.h"

#include <QDir>
#include <QEvent>
#include <QFileSystemWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace StudyBench {

using namespace Qt::StringLiterals;

/// What a read on the worker thread brings back.
struct CohortWindow::Outcome
{
    QString folder;
    CohortOverview overview;
    QString error;
    QStringList watched; ///< the folder, its learners folder and each learner's folder
};

namespace {

constexpr int kSoonMs = 500;

QGroupBox *group(const QString &title, const QString &rule, QWidget *view, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    if (!rule.isEmpty()) {
        auto *label = new QLabel(rule, box);
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(label);
    }
    layout->addWidget(view, 1);
    return box;
}

QTreeView *listTree(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    return view;
}

QStringList watchedFolders(const QString &folder)
{
    QStringList watched { folder };
    const QDir learners(CohortSummary::learnersFolder(folder));
    if (learners.exists()) {
        watched.append(learners.path());
        for (const QString &device : learners.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            watched.append(learners.filePath(device));
    }
    return watched;
}

} // namespace

CohortWindow::CohortWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(new CohortTableModel(this))
    , m_stuckModel(new CohortStuckModel(this))
    , m_inactiveModel(new QStandardItemModel(this))
    , m_problemsModel(new QStringListModel(this))
    , m_header(new QLabel(this))
    , m_table(new QTableView(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_soon(new QTimer(this))
{
    setWindowTitle(tr("Cohort"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *reloadButton = new QPushButton(tr("&Reload"), this);
    reloadButton->setShortcut(QKeySequence::Refresh);
    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(reloadButton, 0, Qt::AlignTop);
    buildTable();
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(buildLists());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    m_soon->setSingleShot(true);
    m_soon->setInterval(kSoonMs);
    connect(reloadButton, &QPushButton::clicked, this, &CohortWindow::reload);
    connect(m_soon, &QTimer::timeout, this, &CohortWindow::reload);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_soon, qOverload<>(&QTimer::start));
    resize(1280, 800);
}

CohortWindow::~CohortWindow() = default;

void CohortWindow::buildTable()
{
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CohortCellDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(CohortCellDelegate::cellSize(m_table->font()).height());
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CohortWindow::fitColumns);
    m_table->viewport()->installEventFilter(this);
}

QWidget *CohortWindow::buildLists()
{
    m_stuckView = listTree(m_stuckModel, this);
    m_stuckView->setWordWrap(false);
    m_stuckView->setItemDelegateForColumn(CohortStuckModel::WhoColumn, new CohortWhoDelegate(m_stuckView));
    m_stuckView->header()->setStretchLastSection(false);
    m_stuckView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stuckView->header()->setSectionResizeMode(CohortStuckModel::ItemColumn, QHeaderView::Stretch);
    m_stuckView->header()->setSectionResizeMode(CohortStuckModel::WhoColumn, QHeaderView::Stretch);
    m_inactiveModel->setHorizontalHeaderLabels({ tr("Learner"), tr("Last active") });
    m_inactiveView = listTree(m_inactiveModel, this);
    m_problemsView = new QListView(this);
    m_problemsView->setModel(m_problemsModel);
    m_problemsView->setWordWrap(true);
    m_problemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problemsView->setAlternatingRowColors(true);
    auto *lists = new QSplitter(Qt::Horizontal, this);
    lists->addWidget(group(tr("Stuck Items"), CohortOverview::stuckRule(), m_stuckView, lists));
    lists->addWidget(group(tr("Inactive Learners"), CohortOverview::inactiveRule(), m_inactiveView, lists));
    m_problemsBox = group(tr("Files Skipped"), QString(), m_problemsView, lists);
    lists->addWidget(m_problemsBox);
    lists->setStretchFactor(0, 6);
    lists->setStretchFactor(1, 2);
    lists->setStretchFactor(2, 2);
    lists->setChildrenCollapsible(false);
    return lists;
}

void CohortWindow::setCurriculum(CurriculumPtr curriculum, const QString &curriculumId)
{
    m_curriculum = std::move(curriculum);
    m_curriculumId = curriculumId;
    if (!m_folder.isEmpty())
        reload();
}

void CohortWindow::setFolder(const QString &folder)
{
    m_folder = QDir(folder).absolutePath();
    setWindowTitle(tr("Cohort — %1").arg(QDir(m_folder).dirName()));
    reload();
}

QStringList CohortWindow::watched() const
{
    return m_watcher->directories();
}

void CohortWindow::reload()
{
    if (m_folder.isEmpty() || !m_curriculum)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    runAsync(
        this,
        [folder = m_folder, curriculum = m_curriculum, id = m_curriculumId, now = m_now] {
            Outcome outcome;
            outcome.folder = folder;
            const CohortFolder read
                = CohortReader::read(folder, id, CohortSummary::curriculumVersion(*curriculum));
            outcome.error = read.error;
            outcome.overview = CohortOverview::compute(
                read, *curriculum, id, now.isValid() ? now : QDateTime::currentDateTimeUtc());
            if (read.error.isEmpty())
                outcome.watched = watchedFolders(folder);
            return outcome;
        },
        [this](const Outcome &outcome) { finished(outcome); });
}

void CohortWindow::finished(const Outcome &outcome)
{
    m_running = false;
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    if (!outcome.watched.isEmpty())
        m_watcher->addPaths(outcome.watched);
    if (outcome.folder == m_folder)
        showOverview(outcome.overview, outcome.error);
    Q_EMIT loaded();
    if (std::exchange(m_again, false) || outcome.folder != m_folder)
        reload();
}

void CohortWindow::showOverview(const CohortOverview &o, const QString &error)
{
    m_model->setOverview(o);
    m_stuckModel->setOverview(o);
    m_inactiveModel->removeRows(0, m_inactiveModel->rowCount());
    for (const CohortRow *row : o.inactive()) {
        auto *name = new QStandardItem(row->name);
        auto *when = new QStandardItem(CohortOverview::ago(row->lastActivity, o.now));
        m_inactiveModel->appendRow({ name, when });
    }
    m_problemsModel->setStringList(error.isEmpty() ? o.messages : QStringList { error });
    m_problemsBox->setVisible(m_problemsModel->rowCount() > 0);
    m_problemsBox->setTitle(tr("Files Skipped (%1)").arg(m_problemsModel->rowCount()));
    const QString where = QDir::toNativeSeparators(m_folder).toHtmlEscaped();
    const QString when = QLocale().toString(o.now.toLocalTime(), QLocale::ShortFormat);
    m_header->setText(error.isEmpty()
            ? tr("<b>%1</b><br>%n learner(s) in the curriculum %2, as of %3. Each cell: percent done of the "
                 "items not skipped, and the average confidence as dots (of 5).",
                  nullptr, int(o.rows.size()))
                  .arg(where, o.curriculumId.toHtmlEscaped(), when)
            : tr("<b>%1</b><br>%2").arg(where, error.toHtmlEscaped()));
    m_inactiveView->resizeColumnToContents(0);
    m_table->setCurrentIndex({});
}

void CohortWindow::fitColumns()
{
    // The learner, drills and last activity columns fit their contents; the section columns share
    // the rest, each at least as wide as its cells and the longest line of its title.
    QHeaderView *header = m_table->horizontalHeader();
    header->setMinimumSectionSize(1);
    header->setSectionResizeMode(QHeaderView::Interactive);
    int room = m_table->viewport()->width();
    for (const int c :
        { int(CohortTableModel::LearnerColumn), m_model->drillsColumn(), m_model->lastActiveColumn() }) {
        m_table->resizeColumnToContents(c);
        header->resizeSection(c, qMax(header->sectionSize(c), header->sectionSizeHint(c)) + 8);
        room -= header->sectionSize(c);
    }
    const int cell = CohortCellDelegate::cellSize(m_table->font()).width();
    QList<int> least;
    int total = 0;
    for (int c = CohortTableModel::OverallColumn; c < m_model->drillsColumn(); ++c) {
        const QString title = m_model->headerData(c, Qt::Horizontal).toString();
        least.append(qMax(cell, header->fontMetrics().size(0, title).width() + 14));
        total += least.last();
    }
    const int extra = least.isEmpty() ? 0 : qMax(0, room - total) / int(least.size());
    for (int i = 0; i < least.size(); ++i)
        header->resizeSection(CohortTableModel::OverallColumn + i, least.at(i) + extra);
}

bool CohortWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

} // namespace StudyBench
