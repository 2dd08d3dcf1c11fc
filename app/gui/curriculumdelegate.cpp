#include "curriculumdelegate.h"

#include "curriculummodel.h"

#include <QApplication>
#include <QPainter>

namespace StudyBench {

void CurriculumDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString explanation = index.data(CurriculumModel::TextRole).toString();
    const auto kind = static_cast<NodeKind>(index.data(CurriculumModel::KindRole).toInt());
    if (index.column() != CurriculumModel::TitleColumn || explanation.isEmpty()
        || kind != NodeKind::Concept) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString title = opt.text;
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
    const QString shownTitle = fm.elidedText(title, Qt::ElideRight, textRect.width());
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shownTitle);
    const int used = fm.horizontalAdvance(shownTitle);
    const QString rest = QStringLiteral("  \u2014  ") + explanation.simplified();
    const QRect restRect = textRect.adjusted(used, 0, 0, 0);
    if (restRect.width() > fm.averageCharWidth() * 4) {
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
