#include "search/searchresultdelegate.h"

#include "search/searchquery.h"
#include "search/searchresultmodel.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace StudyBench {

namespace {
constexpr int kMarginX = 10;
constexpr int kMarginY = 4;

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
        float(a.greenF() * (1 - t) + b.greenF() * t), float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

QString SearchResultDelegate::place(const QModelIndex &index)
{
    const auto kind = SearchKind(index.data(SearchResultModel::KindRole).toInt());
    const QString key = index.data(SearchResultModel::KeyRole).toString();
    switch (kind) {
    case SearchKind::File:
        return tr("line %1").arg(index.data(SearchResultModel::LineRole).toInt());
    case SearchKind::History:
        return tr("#%1").arg(key);
    default:
        return key.section(QLatin1Char('/'), 0, -2).replace(QLatin1Char('/'), QStringLiteral(" › "));
    }
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics fm(option.font);
    if (index.data(SearchResultModel::IsHeadingRole).toBool())
        return { 100, fm.height() + 2 * kMarginY + 4 };
    return { 100, 2 * fm.lineSpacing() + 2 * kMarginY + 2 };
}

void SearchResultDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(SearchResultModel::IsHeadingRole).toBool()) {
        paintHeading(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = blend(text, opt.palette.color(selected ? QPalette::Highlight : QPalette::Base), 0.4);
    const QRect rect = opt.rect.adjusted(kMarginX + 6, kMarginY, -kMarginX, -kMarginY);
    const QFontMetrics fm(opt.font);

    painter->save();
    const QString where = fm.elidedText(place(index), Qt::ElideLeft, rect.width() * 2 / 5);
    const int whereWidth = where.isEmpty() ? 0 : fm.horizontalAdvance(where) + 16;
    QFont bold = opt.font;
    bold.setBold(true);
    const QRect titleRect(rect.left(), rect.top(), rect.width() - whereWidth, fm.lineSpacing());
    paintMarked(painter, opt, index.data().toString(), bold,
        index.data(SearchResultModel::TitleHighlightsRole).toList(), titleRect, text);
    painter->setFont(opt.font);
    painter->setPen(dim);
    painter->drawText(QRect(rect.right() - whereWidth, rect.top(), whereWidth, fm.lineSpacing()),
        Qt::AlignRight | Qt::AlignVCenter, where);
    paintMarked(painter, opt, index.data(SearchResultModel::SnippetRole).toString(), opt.font,
        index.data(SearchResultModel::HighlightsRole).toList(),
        QRect(rect.left(), rect.top() + fm.lineSpacing(), rect.width(), fm.lineSpacing()), dim);
    painter->restore();
}

void SearchResultDelegate::paintMarked(QPainter *painter, const QStyleOptionViewItem &option,
    const QString &text, const QFont &font, const QVariantList &highlights, const QRect &rect,
    const QColor &color)
{
    const bool selected = option.state & QStyle::State_Selected;
    const QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, rect.width());
    QTextLayout layout(shown, font);
    QList<QTextLayout::FormatRange> formats;
    for (const QVariant &v : highlights) {
        if (v.toPoint().x() >= shown.size())
            continue;
        QTextCharFormat format;
        format.setFontWeight(QFont::Bold);
        format.setForeground(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        QColor mark = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
        mark.setAlpha(selected ? 60 : 70);
        format.setBackground(mark);
        formats.append({ v.toPoint().x(), v.toPoint().y(), format });
    }
    layout.setFormats(formats);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(rect.width());
    layout.endLayout();
    painter->save();
    painter->setClipRect(rect);
    painter->setPen(color);
    layout.draw(painter, rect.topLeft());
    painter->restore();
}

void SearchResultDelegate::paintHeading(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    painter->setFont(font);
    painter->setPen(option.palette.color(QPalette::PlaceholderText));
    const QRect rect = option.rect.adjusted(kMarginX, kMarginY + 2, -kMarginX, 0);
    painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, index.data().toString().toUpper());
    painter->restore();
}

} // namespace StudyBench
