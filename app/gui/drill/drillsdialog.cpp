#include "drill/drillsdialog.h"

#include "drill/drillattemptmodel.h"
#include "drill/drillcatalog.h"
#include "drill/drilllistmodel.h"
#include "util/asyncrun.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QUrl>

namespace StudyBench {

namespace {

struct LoadResult
{
    QString error;
    QHash<QString, QList<DrillAttempt>> attempts;
};

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    return view;
}

} // namespace

DrillsDialog::DrillsDialog(const QString &databasePath, CurriculumPtr curriculum, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_curriculum(std::move(curriculum))
    , m_catalog(std::make_unique<DrillCatalog>(*m_curriculum))
    , m_model(new DrillListModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_attempts(new DrillAttemptModel(this))
{
    setWindowTitle(tr("Interview Drills"));
    m_model->setCatalog(m_catalog.get());
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(DrillListModel::KindRole);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(buildList());
    m_attemptsView = makeTable(m_attempts, splitter);
    QHeaderView *header = m_attemptsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DrillAttemptModel::ToFixColumn, QHeaderView::Stretch);
    connect(m_attemptsView, &QAbstractItemView::activated, this, &DrillsDialog::openAnswer);
    m_attemptsLabel = new QLabel(this);
    auto *lower = new QWidget(splitter);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_attemptsLabel);
    lowerLayout->addWidget(m_attemptsView);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(tr("&Start"), QDialogButtonBox::ActionRole);
    QPushButton *surprise = buttons->addButton(tr("Surprise &Me"), QDialogButtonBox::ActionRole);
    connect(m_start, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(selectedDrill()); });
    connect(surprise, &QPushButton::clicked, this, &DrillsDialog::surpriseRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(960, 640);
    if (m_filter->rowCount() > 0)
        m_drills->setCurrentIndex(m_filter->index(0, DrillListModel::TitleColumn));
    showAttempts();
}

DrillsDialog::~DrillsDialog()
{
    // The catalog goes with this object's members, before QDialog's destructor hides the views
    // (which then ask the model for its rows): the model lets go of it first.
    m_model->setCatalog(nullptr);
}

QWidget *DrillsDialog::buildList()
{
    auto *box = new QWidget(this);
    m_kind = new QComboBox(box);
    m_kind->addItem(tr("All kinds"), -1);
    for (DrillKind kind : { DrillKind::SystemDesign, DrillKind::Coding, DrillKind::PracticalProject,
             DrillKind::PortfolioProject })
        m_kind->addItem(drillKindName(kind), int(kind));
    connect(m_kind, &QComboBox::currentIndexChanged, this,
        [this] { setKindFilter(m_kind->currentData().toInt()); });
    auto *kindLabel = new QLabel(tr("&Kind:"), box);
    kindLabel->setBuddy(m_kind);
    m_drills = makeTable(m_filter, box);
    m_drills->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the curriculum's order
    m_drills->setSortingEnabled(true);
    QHeaderView *header = m_drills->horizontalHeader();
    header->setSectionResizeMode(DrillListModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(DrillListModel::KindColumn, 150);
    header->resizeSection(DrillListModel::TrendColumn, 180);
    connect(m_drills->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DrillsDialog::showAttempts);
    connect(
        m_drills, &QAbstractItemView::activated, this, [this] { Q_EMIT startRequested(selectedDrill()); });
    auto *top = new QHBoxLayout;
    top->addWidget(kindLabel);
    top->addWidget(m_kind);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_drills);
    return box;
}

void DrillsDialog::setKindFilter(int kind)
{
    const int at = m_kind->findData(kind);
    if (at >= 0 && at != m_kind->currentIndex())
        m_kind->setCurrentIndex(at); // comes back here through currentIndexChanged
    m_filter->setFilterRegularExpression(kind < 0 ? QString() : QStringLiteral("^%1$").arg(kind));
    showAttempts();
}

void DrillsDialog::selectDrill(const QString &id)
{
    QModelIndex source = m_model->index(m_model->rowOf(id), DrillListModel::TitleColumn);
    if (!source.isValid())
        return;
    if (!m_filter->mapFromSource(source).isValid())
        setKindFilter(-1);
    const QModelIndex index = m_filter->mapFromSource(source);
    m_drills->setCurrentIndex(index);
    m_drills->scrollTo(index);
}

QString DrillsDialog::selectedDrill() const
{
    return m_drills->currentIndex().data(DrillListModel::IdRole).toString();
}

void DrillsDialog::showAttempts()
{
    const QString id = selectedDrill();
    const QList<DrillAttempt> attempts = m_model->attempts(id);
    m_attempts->setAttempts(attempts);
    m_start->setEnabled(!id.isEmpty());
    const Drill *drill = m_catalog->find(id);
    m_attemptsLabel->setText(!drill ? tr("Select a drill to see its attempts.")
            : attempts.isEmpty()
            ? tr("No attempts at %1 yet.").arg(drill->title)
            : tr("%n attempt(s) at %1 (double-click an answer to open it):", nullptr, int(attempts.size()))
                  .arg(drill->title));
}

void DrillsDialog::openAnswer(const QModelIndex &index)
{
    const QString path
        = index.siblingAtColumn(DrillAttemptModel::AnswerColumn).data(DrillAttemptModel::PathRole).toString();
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

void DrillsDialog::load()
{
    runAsync(
        this,
        [path = m_databasePath] {
            LoadResult result;
            DrillStore store;
            if (!store.open(path)) {
                result.error = store.errorString();
                return result;
            }
            const QHash<QString, DrillSummary> summaries = store.summaries();
            for (auto it = summaries.cbegin(); it != summaries.cend(); ++it)
                result.attempts.insert(it.key(), store.attempts(it.key()));
            return result;
        },
        [this](const LoadResult &result) {
            m_error->setVisible(!result.error.isEmpty());
            m_error->setText(tr("The attempts could not be read: %1").arg(result.error));
            m_model->setAttempts(result.attempts);
            showAttempts();
            Q_EMIT loaded();
        });
}

} // namespace StudyBench
