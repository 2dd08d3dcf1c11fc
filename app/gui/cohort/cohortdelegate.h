#pragma once

#include <QStyledItemDelegate>

namespace StudyBench {

/// Paints a learner's cell of CohortTableModel: percent done, under it the average confidence as
/// five dots (filled to the rounded mean; hollow when nothing is rated), under them a thin bar of
/// the percent. A section the learner has not started shows a dash. Other cells are painted as usual.
class CohortCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// The size a cell needs in @p font.
    static QSize cellSize(const QFont &font);

private:
    void paintBar(
        QPainter *painter, const QRectF &track, double percent, const QStyleOptionViewItem &option) const;
    void paintDots(
        QPainter *painter, const QRect &rect, double confidence, const QStyleOptionViewItem &option) const;
};

/// Paints the "Who, and why" cell of CohortStuckModel with as many learners named as the column's
/// width holds, the rest counted ("Ada, Bob and 5 others"); the tooltip lists every one.
class CohortWhoDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// The text painted in @p index's cell at @p option's rect and font.
    QString shownText(const QStyleOptionViewItem &option, const QModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace StudyBench
