#pragma once

#include "stats/dashboarddata.h"

#include <QDateTime>
#include <QTimeZone>
#include <QWidget>

#include <array>
#include <memory>

class QAbstractButton;
class QCheckBox;
class QGridLayout;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace StudyBench {

class ChartWidget;
class HeatmapChart;

/// View › Dashboard: where the learner stands, from the progress database. A non-modal window of
/// charts drawn with QPainter from the palette; each chart's "Show as Table" shows the same
/// model as a table. Data is read on a worker thread (DashboardData::load) when the window is
/// shown and on reload(); the GUI thread never waits on the disk.
class DashboardWindow : public QWidget
{
    Q_OBJECT

public:
    enum Chart
    {
        Sections,
        Kinds,
        Confidence,
        Activity,
        Forecast,
        Retention,
        DrillScores,
        ChartCount
    };

    /// From this width on, the panels stand in three columns.
    static constexpr int kThreeColumnWidth = 1600;

    explicit DashboardWindow(QWidget *parent = nullptr);
    ~DashboardWindow() override;

    void setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum);
    /// Reads the data as of @p now in @p zone instead of the clock and the system's zone (tests).
    void setClock(const QDateTime &now, const QTimeZone &zone);

    QStandardItemModel *model(Chart chart) const { return m_models[chart]; }
    ChartWidget *chart(Chart chart) const { return m_charts[chart]; }
    QAbstractButton *tableToggle(Chart chart) const { return m_toggles[chart]; }
    QTableView *table(Chart chart) const { return m_tables[chart]; }
    HeatmapChart *heatmap() const;
    /// The changes of the day last clicked in the heatmap.
    QStandardItemModel *dayModel() const { return m_dayModel; }
    QLabel *dayLabel() const { return m_dayLabel; }
    QCheckBox *streakBox() const { return m_streakBox; }
    QLabel *streakLabel() const { return m_streakLabel; }
    const DashboardData &data() const { return m_data; }

public Q_SLOTS:
    /// Reads the data again (on a worker thread); loaded() follows.
    void reload();
    /// Lists the changes of @p day below the heatmap (read on a worker thread); dayListed() follows.
    void listDay(QDate day);

Q_SIGNALS:
    void loaded();
    void dayListed(QDate day);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *buildHeader();
    void buildPanel(Chart chart, const QString &title, ChartWidget *view);
    QWidget *buildDayPanel();
    /// Lays the panels out in two or three columns.
    void arrange(int columns);
    void apply(const DashboardData &data);
    void applyEmptyStates();
    void applyStreak();
    void describeCharts();

    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
    QDateTime m_now;
    QTimeZone m_zone { QTimeZone::LocalTime };
    DashboardData m_data;
    std::array<QStandardItemModel *, ChartCount> m_models {};
    std::array<ChartWidget *, ChartCount> m_charts {};
    std::array<QAbstractButton *, ChartCount> m_toggles {};
    std::array<QTableView *, ChartCount> m_tables {};
    std::array<QWidget *, ChartCount> m_panels {};
    QWidget *m_dayPanel = nullptr;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
    QStandardItemModel *m_dayModel;
    QLabel *m_summary = nullptr;
    QLabel *m_dayLabel = nullptr;
    QTableView *m_dayTable = nullptr;
    QCheckBox *m_streakBox = nullptr;
    QLabel *m_streakLabel = nullptr;
    QDate m_listedDay;
    int m_request = 0;
    int m_dayRequest = 0;
};

} // namespace StudyBench
