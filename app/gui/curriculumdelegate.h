#pragma once

#include <QStyledItemDelegate>

namespace StudyBench {

/// Paints a concept as its term followed by its explanation in a quieter colour, elided to fit,
/// so the tree reads like the curriculum without opening each item; a small dot after the title
/// marks an item whose note a sync merge kept another device's text in (until it is seen).
class CurriculumDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintText(QPainter *painter, const QStyleOptionViewItem &opt, const QString &text, bool merged,
        const QString &explanation) const;
    void paintFocusFrame(QPainter *painter, const QStyleOptionViewItem &opt, const QStyle *style) const;
};

} // namespace StudyBench
