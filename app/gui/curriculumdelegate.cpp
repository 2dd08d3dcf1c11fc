#include "curriculumdelegate.h"

#include "curriculummodel.h"

#include <QApplication>
#include <QPainter>

namespace StudyBench {

namespace {

// The room the merged-note marker takes after an item's title.
constexpr int kMarkerSpace = 12;

// A small dot in the link colour after the title: the item's note kept another device's text.
void paintMergedMarker(QPainter *painter, const QStyleOptionViewItem &opt, int x, const QRect &textRect)
{
    const bool selected = opt.state & QStyle::State_Selected;
    const qreal d = 6;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Link));
    painter->drawEllipse(QRectF(x + (kMarkerSpace - d) / 2, textRect.center().y() - d / 2 + 1, d, d));
    painter->restore();
}

} // namespace

void CurriculumDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString explanation = index.data(CurriculumModel::TextRole).toString();
    const auto kind = static_cast<NodeKind>(index.data(CurriculumModel::KindRole).toInt());
    const bool title = index.column() == CurriculumModel::TitleColumn;
    const bool merged = title && index.data(CurriculumModel::NoteMergedRole).toDateTime().isValid();
    const bool explained = title && !explanation.isEmpty() && kind == NodeKind::Concept;
    if (!merged && !explained) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect
        = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -2, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
        = (opt.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    painter->save();
    painter->setFont(opt.font);
    const QFontMetrics fm(opt.font);
    const QString shownTitle
        = fm.elidedText(text, Qt::ElideRight, textRect.width() - (merged ? kMarkerSpace : 0));
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shownTitle);
    int used = fm.horizontalAdvance(shownTitle);
    if (merged) {
        paintMergedMarker(painter, opt, textRect.left() + used, textRect);
        used += kMarkerSpace;
    }
    const QString rest = QStringLiteral("  \u2014  ") + explanation.simplified();
    const QRect restRect = textRect.adjusted(used, 0, 0, 0);
    if (explained && restRect.width() > fm.averageCharWidth() * 4) {
        QColor quiet
            = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        if (selected)
            quiet.setAlphaF(0.75f);
        painter->setPen(quiet);
        QFont plain = opt.font;
        plain.setItalic(false);
        painter->setFont(plain);
        painter->drawText(restRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
            QFontMetrics(plain).elidedText(rest, Qt::ElideRight, restRect.width()));
    }
    painter->restore();
}

} // namespace StudyBench
