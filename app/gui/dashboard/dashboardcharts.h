#pragma once

#include "stats/dashboarddata.h"

#include <QColor>
#include <QDate>
#include <QWidget>

#include <functional>

class QAbstractItemModel;
class QPainter;

namespace StudyBench {

/// The dashboard's colours, all derived from the palette so light and dark both read well.
namespace ChartColors {
QColor mix(const QColor &a, const QColor &b, double t);
/// The heatmap's five shades: 0 no activity, then 1..4 towards the palette's highlight.
QColor shade(const QPalette &palette, int level);
/// Done, in progress, skipped, not started (the order of the state columns).
QColor state(const QPalette &palette, int column);
/// Confidence 1..5 in columns 0..4, then unrated.
QColor confidence(const QPalette &palette, int column);
} // namespace ChartColors

/// A chart drawn with QPainter over a model whose numbers a table view shows too. While it has
/// nothing to show it paints its empty text (what to do to fill it) instead of blank axes.
class ChartWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ChartWidget(QAbstractItemModel *model, QWidget *parent = nullptr);

    /// The friendly text shown instead of the chart; empty when there is data to draw.
    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }

protected:
    void paintEvent(QPaintEvent *event) final;
    virtual void paintChart(QPainter &painter) = 0;
    QAbstractItemModel *model() const { return m_model; }
    double number(int row, int column) const;
    QString text(int row, int column) const;
    int lineHeight() const;

private:
    QAbstractItemModel *m_model;
    QString m_emptyText;
};

/// Horizontal stacked bars: a row per model row, labelled by column 0, a segment per further
/// column (coloured by colorOf), each bar scaled to its own total; column 0's Qt::UserRole is
/// written at the bar's end. A legend names the segments after the model's headers.
class StackedBarChart : public ChartWidget
{
    Q_OBJECT

public:
    using ColorOf = std::function<QColor(const QPalette &, int segment)>;
    StackedBarChart(QAbstractItemModel *model, ColorOf colorOf, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintChart(QPainter &painter) override;

private:
    int paintLegend(QPainter &painter);
    ColorOf m_colorOf;
};

/// Vertical bars of column 1 over the labels in column 0 (the review forecast).
class ColumnChart : public ChartWidget
{
    Q_OBJECT

public:
    using ChartWidget::ChartWidget;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintChart(QPainter &painter) override;
};

/// The activity calendar: a column per week, Monday to Sunday downwards, month names above, five
/// shades by quartile. Hovering a day shows its counts; a click (or Enter on the focused day)
/// asks for its list of changes. Arrow keys move between days.
class HeatmapChart : public ChartWidget
{
    Q_OBJECT

public:
    explicit HeatmapChart(QAbstractItemModel *model, QWidget *parent = nullptr);
    void setData(const DashboardData &dashboard);
    QDate selectedDate() const { return m_selected; }
    /// The tooltip of @p date: its date and what was done.
    QString toolTipFor(QDate date) const;
    /// Where @p date is drawn (empty outside the year shown).
    QRect cellRect(QDate date) const;
    QDate dateAt(const QPoint &pos) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void dayActivated(QDate date);

protected:
    void paintChart(QPainter &painter) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Geometry
    {
        int left = 0;
        int top = 0;
        int cell = 0;
        int step = 0;
    };
    Geometry geometry(int width) const;
    int heightAt(int width) const;
    int columnOf(QDate date) const;
    void paintLabels(QPainter &painter, const Geometry &g);
    void paintLegend(QPainter &painter, const Geometry &g);
    void select(QDate date);

    DashboardData m_data;
    QDate m_selected;
};

/// True retention: for each period (a model row), bars for young, mature and all cards (columns
/// 1..3, the rate 0..1 in Qt::UserRole, -1 for none) against the desired retention's line.
class RetentionChart : public ChartWidget
{
    Q_OBJECT

public:
    using ChartWidget::ChartWidget;
    void setDesired(double retention);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintChart(QPainter &painter) override;

private:
    double m_desired = 0.9;
};

/// Drill scores over time: a dot per attempt (column 0's Qt::UserRole the time, column 2 the mean
/// score 1..4), joined in order.
class ScoreChart : public ChartWidget
{
    Q_OBJECT

public:
    using ChartWidget::ChartWidget;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintChart(QPainter &painter) override;

private:
    void paintAxes(QPainter &painter, const QRect &plot);
};

} // namespace StudyBench
