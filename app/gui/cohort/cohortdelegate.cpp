#include "cohort/cohortdelegate.h"

#include "cohort/cohortmodels.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDots = 5;
constexpr int kDot = 6;
constexpr int kDotGap = 3;
constexpr int kBar = 4;
constexpr int kMargin = 6;

int dotsWidth()
{
    return kDots * kDot + (kDots - 1) * kDotGap;
}

} // namespace

void CohortCellDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant percent = index.data(CohortTableModel::PercentRole);
    if (!percent.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!index.data(CohortTableModel::StartedRole).toBool()) {
        painter->setPen(opt.palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(opt.rect, Qt::AlignCenter, u"–"_s);
        painter->restore();
        return;
    }
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &pal = opt.palette;
    const QFontMetrics fm(opt.font);
    const QRect text(opt.rect.left(), opt.rect.top() + kMargin / 2, opt.rect.width(), fm.height());
    painter->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    painter->drawText(text, Qt::AlignCenter, u"%1%"_s.arg(percent.toDouble(), 0, 'f', 0));
    const QRect dots(opt.rect.center().x() - dotsWidth() / 2, text.bottom() + 3, dotsWidth(), kDot);
    paintDots(painter, dots, index.data(CohortTableModel::ConfidenceRole).toDouble(), opt);
    paintBar(painter,
        QRectF(opt.rect.left() + kMargin, dots.bottom() + 5, opt.rect.width() - 2 * kMargin, kBar),
        percent.toDouble(), opt);
    painter->restore();
}

void CohortCellDelegate::paintBar(
    QPainter *painter, const QRectF &track, double percent, const QStyleOptionViewItem &option) const
{
    const QPalette &pal = option.palette;
    QColor trackColor = pal.color(QPalette::Mid);
    trackColor.setAlpha(90);
    painter->setPen(Qt::NoPen);
    painter->setBrush(trackColor);
    painter->drawRoundedRect(track, kBar / 2.0, kBar / 2.0);
    if (percent <= 0)
        return;
    QRectF fill = track;
    fill.setWidth(qMax(double(kBar), track.width() * percent / 100.0));
    const bool selected = option.state & QStyle::State_Selected;
    painter->setBrush(pal.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->drawRoundedRect(fill, kBar / 2.0, kBar / 2.0);
}

void CohortCellDelegate::paintDots(
    QPainter *painter, const QRect &rect, double confidence, const QStyleOptionViewItem &option) const
{
    const bool selected = option.state & QStyle::State_Selected;
    const QColor on = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor off = on;
    off.setAlpha(70);
    const int filled = qRound(confidence);
    const int top = rect.top();
    int left = rect.left();
    for (int i = 0; i < kDots; ++i, left += kDot + kDotGap) {
        const QRectF dot(left + 0.5, top + 0.5, kDot - 1, kDot - 1);
        if (i < filled) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(on);
        } else {
            painter->setPen(QPen(off, 1));
            painter->setBrush(Qt::NoBrush);
        }
        painter->drawEllipse(dot);
    }
}

QSize CohortCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(CohortTableModel::PercentRole).isValid())
        return QStyledItemDelegate::sizeHint(option, index);
    return cellSize(option.font);
}

QSize CohortCellDelegate::cellSize(const QFont &font)
{
    const QFontMetrics fm(font);
    return { qMax(fm.horizontalAdvance(u"100%"_s), dotsWidth()) + 2 * kMargin + 4,
        kMargin / 2 + fm.height() + 3 + kDot + 5 + kBar + kMargin / 2 + 2 };
}

QString CohortWhoDelegate::shownText(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem shown = option;
    initStyleOption(&shown, index);
    return shown.text;
}

void CohortWhoDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto *model = qobject_cast<const CohortStuckModel *>(index.model());
    const StuckItem *item = model ? model->item(index) : nullptr;
    if (!item || option->rect.width() <= 0)
        return;
    // The style paints the text inside a focus frame's margin on each side.
    const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option->widget) + 1;
    const int width = option->rect.width() - 2 * margin;
    const QFontMetrics &metrics = option->fontMetrics;
    const auto fits = [&](int names) {
        return metrics.horizontalAdvance(CohortStuckModel::whoText(*item, names)) <= width;
    };
    if (fits(-1))
        return;
    if (!fits(0)) {
        option->text = metrics.elidedText(CohortStuckModel::whoText(*item, 0), Qt::ElideRight, width);
        return;
    }
    // The most names that fit: 0 does, all do not.
    int low = 0;
    int high = int(item->learners.size());
    while (high - low > 1) {
        const int middle = (low + high) / 2;
        (fits(middle) ? low : high) = middle;
    }
    option->text = CohortStuckModel::whoText(*item, low);
}

} // namespace StudyBench
