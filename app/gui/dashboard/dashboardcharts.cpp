#include "dashboard/dashboardcharts.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace StudyBench {

namespace ChartColors {

QColor mix(const QColor &a, const QColor &b, double t)
{
    const auto lerp = [t](double x, double y) {
        return x + (y - x) * t;
    };
    return QColor::fromRgbF(float(lerp(a.redF(), b.redF())), float(lerp(a.greenF(), b.greenF())),
        float(lerp(a.blueF(), b.blueF())));
}

QColor shade(const QPalette &palette, int level)
{
    if (level <= 0)
        return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.09);
    static constexpr double kStrength[] = { 0.3, 0.52, 0.76, 1.0 };
    return mix(
        palette.color(QPalette::Base), palette.color(QPalette::Highlight), kStrength[std::min(level, 4) - 1]);
}

QColor state(const QPalette &palette, int column)
{
    const QColor base = palette.color(QPalette::Base);
    switch (column) {
    case 0:
        return palette.color(QPalette::Highlight);
    case 1:
        return mix(base, palette.color(QPalette::Highlight), 0.45);
    case 2:
        return mix(base, palette.color(QPalette::Text), 0.38);
    default:
        return mix(base, palette.color(QPalette::Text), 0.1);
    }
}

QColor confidence(const QPalette &palette, int column)
{
    if (column >= 5)
        return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.1);
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Highlight), 0.28 + 0.18 * column);
}

} // namespace ChartColors

using namespace ChartColors;

namespace {

QColor axisColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.3);
}

} // namespace

ChartWidget::ChartWidget(QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    const auto changed = [this] {
        updateGeometry();
        update();
    };
    connect(model, &QAbstractItemModel::modelReset, this, changed);
    connect(model, &QAbstractItemModel::dataChanged, this, changed);
    connect(model, &QAbstractItemModel::rowsInserted, this, changed);
    connect(model, &QAbstractItemModel::rowsRemoved, this, changed);
}

void ChartWidget::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_emptyText.isEmpty()) {
        paintChart(painter);
        return;
    }
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}

double ChartWidget::number(int row, int column) const
{
    return m_model->index(row, column).data().toDouble();
}

QString ChartWidget::text(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

int ChartWidget::lineHeight() const
{
    return fontMetrics().height();
}

// Stacked bars ---------------------------------------------------------------------------------

StackedBarChart::StackedBarChart(QAbstractItemModel *model, ColorOf colorOf, QWidget *parent)
    : ChartWidget(model, parent)
    , m_colorOf(std::move(colorOf))
{ }

QSize StackedBarChart::sizeHint() const
{
    return { 420, lineHeight() * 2 + model()->rowCount() * (lineHeight() + 8) + 8 };
}

QSize StackedBarChart::minimumSizeHint() const
{
    return { 260, sizeHint().height() };
}

int StackedBarChart::paintLegend(QPainter &painter)
{
    const QFontMetrics fm = fontMetrics();
    int x = 0;
    const int swatch = fm.ascent() - 2;
    for (int c = 1; c < model()->columnCount(); ++c) {
        const QString name = model()->headerData(c, Qt::Horizontal).toString();
        painter.fillRect(QRect(x, (fm.height() - swatch) / 2, swatch, swatch), m_colorOf(palette(), c - 1));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPoint(x + swatch + 4, fm.ascent()), name);
        x += swatch + 4 + fm.horizontalAdvance(name) + 14;
    }
    return fm.height() + 8;
}

void StackedBarChart::paintChart(QPainter &painter)
{
    const QFontMetrics fm = fontMetrics();
    int y = paintLegend(painter);
    int labelWidth = 0;
    int noteWidth = 0;
    for (int r = 0; r < model()->rowCount(); ++r) {
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(text(r, 0)));
        noteWidth
            = std::max(noteWidth, fm.horizontalAdvance(model()->index(r, 0).data(Qt::UserRole).toString()));
    }
    labelWidth = std::min(labelWidth + 16, width() * 2 / 5);
    noteWidth += noteWidth > 0 ? 10 : 0;
    const int barWidth = std::max(20, width() - labelWidth - noteWidth);
    const int rowHeight = fm.height() + 8;
    for (int r = 0; r < model()->rowCount(); ++r, y += rowHeight) {
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect labelRect(0, y, labelWidth - 8, rowHeight);
        painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft,
            fm.elidedText(text(r, 0), Qt::ElideRight, labelRect.width()));
        double total = 0;
        for (int c = 1; c < model()->columnCount(); ++c)
            total += number(r, c);
        double x = labelWidth;
        const QRectF bar(labelWidth, y + 3, barWidth, rowHeight - 6);
        painter.fillRect(bar, shade(palette(), 0));
        for (int c = 1; total > 0 && c < model()->columnCount(); ++c) {
            const double w = barWidth * number(r, c) / total;
            painter.fillRect(QRectF(x, bar.top(), w, bar.height()), m_colorOf(palette(), c - 1));
            x += w;
        }
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(labelWidth + barWidth + 10, y, noteWidth, rowHeight),
            Qt::AlignVCenter | Qt::AlignLeft, model()->index(r, 0).data(Qt::UserRole).toString());
    }
}

// Column bars ----------------------------------------------------------------------------------

QSize ColumnChart::sizeHint() const
{
    return { 420, lineHeight() * 9 };
}

QSize ColumnChart::minimumSizeHint() const
{
    return { 260, lineHeight() * 7 };
}

void ColumnChart::paintChart(QPainter &painter)
{
    const QFontMetrics fm = fontMetrics();
    const int rows = model()->rowCount();
    if (rows == 0)
        return;
    double top = 1;
    for (int r = 0; r < rows; ++r)
        top = std::max(top, number(r, 1));
    const int axis = fm.horizontalAdvance(QLocale().toString(int(top))) + 8;
    const QRect plot(axis, fm.height() / 2, width() - axis, height() - fm.height() * 2);
    painter.setPen(axisColor(palette()));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, plot.top() - fm.height() / 2, axis - 6, fm.height()), Qt::AlignRight,
        QLocale().toString(int(top)));
    painter.drawText(
        QRect(0, plot.bottom() - fm.height(), axis - 6, fm.height()), Qt::AlignRight, QStringLiteral("0"));
    const double slot = double(plot.width()) / rows;
    int nextLabel = 0;
    for (int r = 0; r < rows; ++r) {
        const double h = plot.height() * number(r, 1) / top;
        const QRectF bar(plot.left() + r * slot + slot * 0.15, plot.bottom() - h, slot * 0.7, h);
        painter.fillRect(bar, r == 0 ? palette().color(QPalette::Highlight) : shade(palette(), 2));
        const QString label = text(r, 0);
        const int x = int(plot.left() + r * slot + slot / 2 - fm.horizontalAdvance(label) / 2);
        if (x >= nextLabel && x + fm.horizontalAdvance(label) <= width()) {
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QPoint(x, plot.bottom() + fm.ascent() + 4), label);
            nextLabel = x + fm.horizontalAdvance(label) + fm.horizontalAdvance(QStringLiteral("MM"));
        }
    }
}

// Heatmap --------------------------------------------------------------------------------------

HeatmapChart::HeatmapChart(QAbstractItemModel *model, QWidget *parent)
    : ChartWidget(model, parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
}

void HeatmapChart::setData(const DashboardData &dashboard)
{
    m_data = dashboard;
    if (!m_data.day(m_selected))
        m_selected = {};
    updateGeometry();
    update();
}

int HeatmapChart::columnOf(QDate date) const
{
    const QDate first = m_data.days.isEmpty() ? date : m_data.days.first().date;
    const QDate firstMonday = first.addDays(1 - first.dayOfWeek());
    return int(firstMonday.daysTo(date) / 7);
}

HeatmapChart::Geometry HeatmapChart::geometry(int width) const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    g.left = fm.horizontalAdvance(QLocale().dayName(3, QLocale::ShortFormat)) + 8;
    g.top = fm.height() + 4;
    const int columns = m_data.days.isEmpty() ? 53 : columnOf(m_data.days.last().date) + 1;
    g.step = std::clamp((width - g.left) / columns, 8, 26);
    g.cell = g.step - std::max(2, g.step / 6);
    return g;
}

QSize HeatmapChart::sizeHint() const
{
    return { 54 * 12 + 40, heightAt(std::max(width(), 54 * 12 + 40)) };
}

QSize HeatmapChart::minimumSizeHint() const
{
    return { 54 * 8 + 40, heightAt(width()) };
}

int HeatmapChart::heightAt(int width) const
{
    const Geometry g = geometry(width);
    return g.top + 7 * g.step + fontMetrics().height() + 8;
}

void HeatmapChart::resizeEvent(QResizeEvent *event)
{
    // The cells grow with the width, and the height with them (without height-for-width, which
    // a scroll area's layout would let squeeze the other charts).
    if (geometry(event->size().width()).step != geometry(event->oldSize().width()).step)
        updateGeometry();
    ChartWidget::resizeEvent(event);
}

QRect HeatmapChart::cellRect(QDate date) const
{
    if (!m_data.day(date))
        return {};
    const Geometry g = geometry(width());
    return QRect(g.left + columnOf(date) * g.step, g.top + (date.dayOfWeek() - 1) * g.step, g.cell, g.cell);
}

QDate HeatmapChart::dateAt(const QPoint &pos) const
{
    const Geometry g = geometry(width());
    if (m_data.days.isEmpty() || pos.x() < g.left || pos.y() < g.top)
        return {};
    const int column = (pos.x() - g.left) / g.step;
    const int row = (pos.y() - g.top) / g.step;
    if (row > 6)
        return {};
    const QDate first = m_data.days.first().date;
    const QDate date = first.addDays(1 - first.dayOfWeek() + column * 7 + row);
    return cellRect(date).contains(pos) ? date : QDate();
}

QString HeatmapChart::toolTipFor(QDate date) const
{
    const DayActivity *day = m_data.day(date);
    if (!day)
        return {};
    const QString when = QLocale().toString(date, QLocale::LongFormat);
    if (day->total() == 0)
        return tr("%1: no activity").arg(when);
    return tr("%1\nState changes: %2\nReviews: %3\nDrill attempts: %4\nNotes edited: %5")
        .arg(when)
        .arg(day->stateChanges)
        .arg(day->reviews)
        .arg(day->drills)
        .arg(day->notes);
}

void HeatmapChart::paintLabels(QPainter &painter, const Geometry &g)
{
    const QFontMetrics fm = fontMetrics();
    painter.setPen(palette().color(QPalette::WindowText));
    for (const int weekday : { 1, 3, 5 }) {
        const int y = g.top + (weekday - 1) * g.step + (g.cell + fm.ascent() - fm.descent()) / 2;
        painter.drawText(QPoint(0, y), QLocale().dayName(weekday, QLocale::ShortFormat));
    }
    int nextFree = 0;
    for (const DayActivity &d : m_data.days) {
        if (d.date.day() != 1 && &d != &m_data.days.first())
            continue;
        const int x = g.left + columnOf(d.date) * g.step;
        const QString month = QLocale().monthName(d.date.month(), QLocale::ShortFormat);
        if (x < nextFree || x + fm.horizontalAdvance(month) > width())
            continue;
        painter.drawText(QPoint(x, fm.ascent()), month);
        nextFree = x + fm.horizontalAdvance(month) + 6;
    }
}

void HeatmapChart::paintLegend(QPainter &painter, const Geometry &g)
{
    const QFontMetrics fm = fontMetrics();
    const int y = g.top + 7 * g.step + 6;
    const QString less = tr("Less");
    const QString more = tr("More");
    int x = width() - fm.horizontalAdvance(more) - 5 * g.step - fm.horizontalAdvance(less) - 12;
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QPoint(x, y + fm.ascent()), less);
    x += fm.horizontalAdvance(less) + 6;
    for (int level = 0; level <= 4; ++level, x += g.step)
        painter.fillRect(QRect(x, y + (fm.height() - g.cell) / 2, g.cell, g.cell), shade(palette(), level));
    painter.drawText(QPoint(x + 6, y + fm.ascent()), more);
}

void HeatmapChart::paintChart(QPainter &painter)
{
    const Geometry g = geometry(width());
    paintLabels(painter, g);
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (const DayActivity &d : m_data.days)
        painter.fillRect(cellRect(d.date), shade(palette(), m_data.shade(d.total())));
    if (m_selected.isValid()) {
        painter.setPen(QPen(palette().color(QPalette::Text), 2));
        painter.drawRect(cellRect(m_selected).adjusted(-1, -1, 1, 1));
    }
    paintLegend(painter, g);
}

bool HeatmapChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QDate date = dateAt(help->pos());
        if (date.isValid())
            QToolTip::showText(help->globalPos(), toolTipFor(date), this, cellRect(date));
        else
            QToolTip::hideText();
        return true;
    }
    return ChartWidget::event(event);
}

void HeatmapChart::select(QDate date)
{
    if (!m_data.day(date))
        return;
    m_selected = date;
    update();
    Q_EMIT dayActivated(date);
}

void HeatmapChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        select(dateAt(event->position().toPoint()));
    ChartWidget::mousePressEvent(event);
}

void HeatmapChart::keyPressEvent(QKeyEvent *event)
{
    const QDate from = m_selected.isValid() ? m_selected : m_data.today;
    int step = 0;
    switch (event->key()) {
    case Qt::Key_Left:
        step = -7;
        break;
    case Qt::Key_Right:
        step = 7;
        break;
    case Qt::Key_Up:
        step = -1;
        break;
    case Qt::Key_Down:
        step = 1;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        break;
    default:
        ChartWidget::keyPressEvent(event);
        return;
    }
    select(m_data.day(from.addDays(step)) ? from.addDays(step) : from);
}

// Retention ------------------------------------------------------------------------------------

void RetentionChart::setDesired(double retention)
{
    m_desired = retention;
    update();
}

QSize RetentionChart::sizeHint() const
{
    return { 420, model()->rowCount() * (lineHeight() * 4 + 10) + lineHeight() * 2 };
}

QSize RetentionChart::minimumSizeHint() const
{
    return { 260, sizeHint().height() };
}

void RetentionChart::paintChart(QPainter &painter)
{
    const QFontMetrics fm = fontMetrics();
    int labelWidth = 0;
    for (int c = 1; c < model()->columnCount(); ++c)
        labelWidth
            = std::max(labelWidth, fm.horizontalAdvance(model()->headerData(c, Qt::Horizontal).toString()));
    labelWidth += 12;
    const int valueWidth = fm.horizontalAdvance(QStringLiteral("100.0% (0000 of 0000)")) + 10;
    const int barWidth = std::max(40, width() - labelWidth - valueWidth);
    int y = fm.height() + 4;
    const int desiredX = labelWidth + int(barWidth * m_desired);
    for (int r = 0; r < model()->rowCount(); ++r) {
        painter.setPen(palette().color(QPalette::WindowText));
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QPoint(0, y + fm.ascent()), text(r, 0));
        painter.setFont(font());
        y += fm.height() + 2;
        for (int c = 1; c < model()->columnCount(); ++c, y += fm.height() + 2) {
            const double rate = model()->index(r, c).data(Qt::UserRole).toDouble();
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QPoint(0, y + fm.ascent()), model()->headerData(c, Qt::Horizontal).toString());
            const QRectF track(labelWidth, y + 2, barWidth, fm.height() - 4);
            painter.fillRect(track, shade(palette(), 0));
            if (rate >= 0) {
                const QColor fill
                    = rate >= m_desired ? palette().color(QPalette::Highlight) : shade(palette(), 2);
                painter.fillRect(QRectF(track.left(), track.top(), barWidth * rate, track.height()), fill);
            }
            painter.drawText(QPoint(labelWidth + barWidth + 8, y + fm.ascent()), text(r, c));
        }
        y += 6;
    }
    painter.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    painter.drawLine(desiredX, fm.height() + 2, desiredX, y - 6);
    const QString desired = tr("Desired %1%").arg(QLocale().toString(m_desired * 100, 'f', 0));
    painter.drawText(QPoint(std::max(0, desiredX - fm.horizontalAdvance(desired) / 2), fm.ascent()), desired);
}

// Drill scores ---------------------------------------------------------------------------------

QSize ScoreChart::sizeHint() const
{
    return { 420, lineHeight() * 10 };
}

QSize ScoreChart::minimumSizeHint() const
{
    return { 260, lineHeight() * 7 };
}

void ScoreChart::paintAxes(QPainter &painter, const QRect &plot)
{
    const QFontMetrics fm = fontMetrics();
    for (int score = 1; score <= 4; ++score) {
        const int y = plot.bottom() - (score - 1) * plot.height() / 3;
        painter.setPen(axisColor(palette()));
        painter.drawLine(plot.left(), y, plot.right(), y);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(score));
    }
    const int rows = model()->rowCount();
    const QString first
        = QLocale().toString(model()->index(0, 0).data(Qt::UserRole).toDate(), QLocale::ShortFormat);
    const QString last
        = QLocale().toString(model()->index(rows - 1, 0).data(Qt::UserRole).toDate(), QLocale::ShortFormat);
    painter.drawText(QPoint(plot.left(), plot.bottom() + fm.ascent() + 4), first);
    if (rows > 1)
        painter.drawText(
            QPoint(plot.right() - fm.horizontalAdvance(last), plot.bottom() + fm.ascent() + 4), last);
}

void ScoreChart::paintChart(QPainter &painter)
{
    const QFontMetrics fm = fontMetrics();
    const int rows = model()->rowCount();
    if (rows == 0)
        return;
    const QRect plot(fm.horizontalAdvance(QStringLiteral("4")) + 10, fm.height() / 2, 0, 0);
    const QRect area(plot.topLeft(), QPoint(width() - 8, height() - fm.height() * 2));
    paintAxes(painter, area);
    const qint64 t0 = model()->index(0, 0).data(Qt::UserRole).toDateTime().toMSecsSinceEpoch();
    const qint64 t1 = model()->index(rows - 1, 0).data(Qt::UserRole).toDateTime().toMSecsSinceEpoch();
    QPainterPath line;
    QList<QPointF> points;
    for (int r = 0; r < rows; ++r) {
        const qint64 t = model()->index(r, 0).data(Qt::UserRole).toDateTime().toMSecsSinceEpoch();
        const double x
            = t1 > t0 ? area.left() + double(t - t0) / double(t1 - t0) * area.width() : area.center().x();
        const double y = area.bottom() - (number(r, 2) - 1.0) / 3.0 * area.height();
        points.append({ x, y });
        r == 0 ? line.moveTo(x, y) : line.lineTo(x, y);
    }
    painter.setPen(QPen(shade(palette(), 2), 1.5));
    painter.drawPath(line);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    const double radius = rows > 150 ? 2.0 : 3.5;
    for (const QPointF &p : points)
        painter.drawEllipse(p, radius, radius);
}

} // namespace StudyBench
