#include "dashboard/dashboardwindow.h"

#include "dashboard/dashboardcharts.h"
#include "dashboard/dashboardmodels.h"
#include "util/asyncrun.h"
#include "util/preferences.h"

#include <QCheckBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace StudyBench {

namespace {

QTableView *tableOver(QStandardItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

/// A chart's numbers in words, for screen readers: its rows, at most a screenful of them.
QString describe(const QStandardItemModel *model)
{
    QStringList rows;
    for (int r = 0; r < std::min(model->rowCount(), 31); ++r) {
        QStringList cells;
        for (int c = 1; c < model->columnCount(); ++c) {
            cells.append(QStringLiteral("%1 %2").arg(
                model->headerData(c, Qt::Horizontal).toString(), model->index(r, c).data().toString()));
        }
        rows.append(QStringLiteral("%1: %2").arg(
            model->index(r, 0).data().toString(), cells.join(QStringLiteral(", "))));
    }
    return rows.join(QStringLiteral("; "));
}

bool nothingMarked(const DashboardData &data)
{
    return std::all_of(data.sections.cbegin(), data.sections.cend(),
        [](const SectionStats &s) { return s.tally.done + s.tally.inProgress + s.tally.skipped == 0; });
}

bool nothingRated(const DashboardData &data)
{
    return std::all_of(data.sections.cbegin(), data.sections.cend(),
        [](const SectionStats &s) { return s.confidence[0] == s.tally.total; });
}

} // namespace

DashboardWindow::DashboardWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_dayModel(new QStandardItemModel(this))
{
    setWindowTitle(tr("Dashboard"));
    setAccessibleName(tr("Dashboard"));
    for (auto &model : m_models)
        model = new QStandardItemModel(this);
    auto *content = new QWidget;
    m_grid = new QGridLayout(content);
    // The charts grow with their data: the scroll area follows the content's minimum size.
    m_grid->setSizeConstraint(QLayout::SetMinimumSize);
    auto *heatmap = new HeatmapChart(m_models[Activity]);
    const auto bars = [this](Chart chart, StackedBarChart::ColorOf colors) {
        return new StackedBarChart(m_models[chart], std::move(colors));
    };
    buildPanel(Sections, tr("Progress per Section"), bars(Sections, &ChartColors::state));
    buildPanel(Kinds, tr("States per Kind"), bars(Kinds, &ChartColors::state));
    buildPanel(Activity, tr("Activity in the Last Year"), heatmap);
    buildPanel(Confidence, tr("Confidence per Section"), bars(Confidence, &ChartColors::confidence));
    buildPanel(Forecast, tr("Review Forecast, Next 30 Days"), new ColumnChart(m_models[Forecast]));
    buildPanel(Retention, tr("True Retention"), new RetentionChart(m_models[Retention]));
    buildPanel(DrillScores, tr("Drill Scores over Time"), new ScoreChart(m_models[DrillScores]));
    m_dayPanel = buildDayPanel();
    arrange(2);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    layout->addWidget(scroll, 1);
    connect(heatmap, &HeatmapChart::dayActivated, this, &DashboardWindow::listDay);
    resize(1100, 760);
}

DashboardWindow::~DashboardWindow() = default;

HeatmapChart *DashboardWindow::heatmap() const
{
    return static_cast<HeatmapChart *>(m_charts[Activity]);
}

QWidget *DashboardWindow::buildHeader()
{
    auto *header = new QWidget;
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(tr("Reading your progress…"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_streakLabel = new QLabel;
    m_streakBox = new QCheckBox(tr("Show &streaks"));
    m_streakBox->setToolTip(tr("Show how many days in a row you have studied"));
    Preferences preferences;
    m_streakBox->setChecked(preferences.showStreaks());
    m_streakBox->setEnabled(!preferences.isLocked(Preferences::kShowStreaks));
    connect(m_streakBox, &QCheckBox::toggled, this, [this](bool on) {
        Preferences().setValue(Preferences::kShowStreaks, on);
        applyStreak();
    });
    auto *refresh = new QPushButton(tr("&Refresh"));
    connect(refresh, &QPushButton::clicked, this, &DashboardWindow::reload);
    row->addWidget(m_summary, 1);
    row->addWidget(m_streakLabel);
    row->addSpacing(12);
    row->addWidget(m_streakBox);
    row->addWidget(refresh);
    applyStreak();
    return header;
}

void DashboardWindow::buildPanel(Chart chart, const QString &title, ChartWidget *view)
{
    auto *panel = new QFrame;
    panel->setFrameShape(QFrame::StyledPanel);
    auto *stack = new QStackedWidget;
    view->setAccessibleName(title);
    m_charts[chart] = view;
    m_tables[chart] = tableOver(m_models[chart], tr("%1 (table)").arg(title), panel);
    stack->addWidget(view);
    stack->addWidget(m_tables[chart]);
    auto *heading = new QLabel(title);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto *toggle = new QToolButton;
    toggle->setText(tr("Show as Table"));
    toggle->setCheckable(true);
    toggle->setAccessibleName(tr("Show %1 as a table").arg(title));
    toggle->setAutoRaise(true);
    connect(toggle, &QToolButton::toggled, stack, [stack, toggle](bool table) {
        stack->setCurrentIndex(table ? 1 : 0);
        toggle->setText(table ? tr("Show as Chart") : tr("Show as Table"));
    });
    toggle->setToolTip(tr("Show the chart's numbers as a table, or the chart again"));
    m_toggles[chart] = toggle;
    m_panels[chart] = panel;
    auto *layout = new QVBoxLayout(panel);
    auto *top = new QHBoxLayout;
    top->addWidget(heading, 1);
    top->addWidget(toggle);
    layout->addLayout(top);
    layout->addWidget(stack, 1);
}

QWidget *DashboardWindow::buildDayPanel()
{
    auto *box = new QFrame;
    box->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(box);
    m_dayLabel
        = new QLabel(tr("Click a day in the calendar (or press Enter on it) to list its changes here."));
    m_dayLabel->setWordWrap(true);
    QFont bold = m_dayLabel->font();
    bold.setBold(true);
    m_dayLabel->setFont(bold);
    m_dayTable = tableOver(m_dayModel, tr("Changes of the chosen day"), box);
    m_dayTable->setMinimumHeight(fontMetrics().height() * 7);
    m_dayTable->setMaximumHeight(fontMetrics().height() * 12);
    layout->addWidget(m_dayLabel);
    layout->addWidget(m_dayTable);
    layout->addStretch(1);
    DashboardModels::fillDay(m_dayModel, {});
    return box;
}

void DashboardWindow::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget *panel : m_panels)
        m_grid->removeWidget(panel);
    m_grid->removeWidget(m_dayPanel);
    struct Place
    {
        QWidget *panel;
        int row, column, columnSpan;
    };
    // Two columns: the heatmap across both, over the day's list. Three (a wide window): the
    // progress charts side by side, the heatmap beside the day's list, then the review charts.
    const QList<Place> places = columns == 2
        ? QList<Place> { { m_panels[Sections], 0, 0, 1 }, { m_panels[Kinds], 0, 1, 1 },
              { m_panels[Activity], 1, 0, 2 }, { m_dayPanel, 2, 0, 2 }, { m_panels[Confidence], 3, 0, 1 },
              { m_panels[Forecast], 3, 1, 1 }, { m_panels[Retention], 4, 0, 1 },
              { m_panels[DrillScores], 4, 1, 1 } }
        : QList<Place> { { m_panels[Sections], 0, 0, 1 }, { m_panels[Confidence], 0, 1, 1 },
              { m_panels[Kinds], 0, 2, 1 }, { m_panels[Activity], 1, 0, 2 }, { m_dayPanel, 1, 2, 1 },
              { m_panels[Forecast], 2, 0, 1 }, { m_panels[Retention], 2, 1, 1 },
              { m_panels[DrillScores], 2, 2, 1 } };
    for (const Place &p : places)
        m_grid->addWidget(p.panel, p.row, p.column, 1, p.columnSpan);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    for (int r = 0; r < 6; ++r)
        m_grid->setRowStretch(r, r == (columns == 2 ? 5 : 3) ? 1 : 0);
}

void DashboardWindow::resizeEvent(QResizeEvent *event)
{
    arrange(event->size().width() >= kThreeColumnWidth ? 3 : 2);
    QWidget::resizeEvent(event);
}

void DashboardWindow::setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum)
{
    m_path = databasePath;
    m_curriculum = std::move(curriculum);
    if (isVisible())
        reload();
}

void DashboardWindow::setClock(const QDateTime &now, const QTimeZone &zone)
{
    m_now = now;
    m_zone = zone;
}

void DashboardWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void DashboardWindow::reload()
{
    if (m_path.isEmpty() || !m_curriculum)
        return;
    const int request = ++m_request;
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, now, zone = m_zone] {
            return DashboardData::load(path, *curriculum, now, zone);
        },
        [this, request](const DashboardData &data) {
            if (request == m_request)
                apply(data);
        });
}

void DashboardWindow::listDay(QDate day)
{
    if (m_path.isEmpty() || !m_curriculum || !day.isValid())
        return;
    const int request = ++m_dayRequest;
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, day, zone = m_zone] {
            return DashboardData::dayEntries(path, *curriculum, day, zone);
        },
        [this, request, day](const QList<ActivityEntry> &entries) {
            if (request != m_dayRequest)
                return;
            m_listedDay = day;
            DashboardModels::fillDay(m_dayModel, entries);
            m_dayTable->resizeColumnsToContents();
            const QString date = QLocale().toString(day, QLocale::LongFormat);
            m_dayLabel->setText(
                entries.isEmpty() ? tr("Nothing recorded on %1.").arg(date) : tr("Changes on %1:").arg(date));
            Q_EMIT dayListed(day);
        });
}

void DashboardWindow::apply(const DashboardData &data)
{
    m_data = data;
    DashboardModels::fillSections(m_models[Sections], data);
    DashboardModels::fillKinds(m_models[Kinds], data);
    DashboardModels::fillConfidence(m_models[Confidence], data);
    DashboardModels::fillActivity(m_models[Activity], data);
    DashboardModels::fillForecast(m_models[Forecast], data);
    DashboardModels::fillRetention(m_models[Retention], data);
    DashboardModels::fillDrillScores(m_models[DrillScores], data);
    heatmap()->setData(data);
    static_cast<RetentionChart *>(m_charts[Retention])->setDesired(data.desiredRetention);
    for (QTableView *table : m_tables)
        table->resizeColumnToContents(0);
    applyEmptyStates();
    applyStreak();
    describeCharts();
    if (!data.error.isEmpty()) {
        m_summary->setText(tr("Could not read your progress: %1").arg(data.error));
    } else {
        Tally all;
        for (const SectionStats &s : data.sections)
            all += s.tally;
        m_summary->setText(tr("%1 of %2 items done (%3%) · %4 review cards · %5 reviews")
                .arg(all.done)
                .arg(all.total)
                .arg(QLocale().toString(all.percent(), 'f', 0))
                .arg(data.cardCount)
                .arg(data.reviewCount));
    }
    if (m_listedDay.isValid())
        listDay(m_listedDay);
    Q_EMIT loaded();
}

void DashboardWindow::applyEmptyStates()
{
    const QString marked = tr("Nothing marked yet — select an item in the curriculum and set its state.");
    m_charts[Sections]->setEmptyText(nothingMarked(m_data) ? marked : QString());
    m_charts[Kinds]->setEmptyText(nothingMarked(m_data) ? marked : QString());
    m_charts[Confidence]->setEmptyText(nothingRated(m_data)
            ? tr("No confidence ratings yet — rate an item from 1 to 5 in its detail pane.")
            : QString());
    m_charts[Activity]->setEmptyText(m_data.hasActivity()
            ? QString()
            : tr("No activity in the last year yet — mark items, review "
                 "cards or try a drill, and each day fills in here."));
    m_charts[Forecast]->setEmptyText(
        m_data.cardCount > 0 ? QString() : tr("No review cards yet — mark items done and press F7."));
    m_charts[Retention]->setEmptyText(
        m_data.reviewCount > 0 ? QString() : tr("No reviews yet — mark items done and press F7."));
    m_charts[DrillScores]->setEmptyText(m_data.drillScores.isEmpty()
            ? tr("No drill attempts yet — try one from Drills › Interview Drills… (Ctrl+Shift+D).")
            : QString());
}

void DashboardWindow::applyStreak()
{
    m_streakLabel->setVisible(m_streakBox->isChecked());
    m_streakLabel->setText(
        tr("Days in a row: %1 now, %2 at most").arg(m_data.currentStreak).arg(m_data.longestStreak));
}

void DashboardWindow::describeCharts()
{
    for (int c = 0; c < ChartCount; ++c) {
        ChartWidget *view = m_charts[size_t(c)];
        view->setAccessibleDescription(
            view->emptyText().isEmpty() ? describe(m_models[size_t(c)]) : view->emptyText());
    }
    int active = 0;
    const DayActivity *busiest = nullptr;
    for (const DayActivity &d : m_data.days) {
        active += d.total() > 0 ? 1 : 0;
        if (!busiest || d.total() > busiest->total())
            busiest = &d;
    }
    if (active > 0) {
        heatmap()->setAccessibleDescription(
            tr("%1 of the last %2 days with activity; the busiest, %3, with %4.")
                .arg(active)
                .arg(m_data.days.size())
                .arg(QLocale().toString(busiest->date, QLocale::LongFormat))
                .arg(busiest->total()));
    }
}

} // namespace StudyBench
