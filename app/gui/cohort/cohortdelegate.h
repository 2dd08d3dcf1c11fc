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

} // namespace StudyBench
