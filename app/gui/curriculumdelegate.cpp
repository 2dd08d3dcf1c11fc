#include "curriculumdelegate.h"

#include "curriculummodel.h"
#include "emojitext.h"

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
    // Headings start with an emoji; EmojiText draws it from an image instead of having Qt decode
    // it again for every layout (emojitext.h).
    const QString display = index.data(Qt::DisplayRole).toString();
    const bool emoji = title && EmojiText::suits(display);
    if (!merged && !explained && !emoji) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const bool focus = opt.state & QStyle::State_HasFocus;
    opt.state &= ~QStyle::State_HasFocus; // the frame goes over the text, as Qt draws it: below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    paintText(painter, opt, text, merged, explained ? explanation : QString());
    if (focus)
        paintFocusFrame(painter, opt, style);
}

void CurriculumDelegate::paintText(QPainter *painter, const QStyleOptionViewItem &opt, const QString &text,
    bool merged, const QString &explanation) const
{
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The margin QCommonStyle gives an item's text, so these rows line up with those Qt draws.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect
        = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(margin, 0, -margin, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    // As QCommonStyle colours an item's text: an inactive window's selection has its own colours.
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                ? QPalette::Normal
                                                                            : QPalette::Inactive;
    painter->save();
    painter->setClipRect(opt.rect, Qt::IntersectClip); // as QCommonStyle: nothing spills over
    painter->setFont(opt.font);
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const EmojiText shownTitle
        = EmojiText(text, opt.font, dpr).elided(textRect.width() - (merged ? kMarkerSpace : 0));
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    shownTitle.draw(painter, textRect);
    int used = shownTitle.width();
    if (merged) {
        paintMergedMarker(painter, opt, textRect.left() + used, textRect);
        used += kMarkerSpace;
    }
    const QString rest = QStringLiteral("  \u2014  ") + explanation.simplified();
    const QRect restRect = textRect.adjusted(used, 0, 0, 0);
    if (!explanation.isEmpty() && restRect.width() > QFontMetrics(opt.font).averageCharWidth() * 4) {
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

// The current item's focus frame, as QCommonStyle draws it after an item's text.
void CurriculumDelegate::paintFocusFrame(
    QPainter *painter, const QStyleOptionViewItem &opt, const QStyle *style) const
{
    QStyleOptionFocusRect frame;
    frame.QStyleOption::operator=(opt);
    frame.state |= QStyle::State_HasFocus | QStyle::State_KeyboardFocusChange | QStyle::State_Item;
    frame.rect = style->subElementRect(QStyle::SE_ItemViewItemFocusRect, &opt, opt.widget);
    const QPalette::ColorGroup group
        = (opt.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    frame.backgroundColor = opt.palette.color(
        group, (opt.state & QStyle::State_Selected) ? QPalette::Highlight : QPalette::Window);
    style->drawPrimitive(QStyle::PE_FrameFocusRect, &frame, painter, opt.widget);
}

} // namespace StudyBench
