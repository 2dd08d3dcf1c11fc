#pragma once

#include <QStyledItemDelegate>

namespace StudyBench {

/// Draws a kind heading as a small caption, and a hit as two lines: its title (with where it is,
/// dimmed, on the right) over its snippet with the matched words marked.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintHeading(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// Draws @p text on one line in @p rect, the stretches in @p highlights marked.
    static void paintMarked(QPainter *painter, const QStyleOptionViewItem &option, const QString &text,
        const QFont &font, const QVariantList &highlights, const QRect &rect, const QColor &color);
    /// Where the hit is, for the right of its title: a node's section path, a file's line, a request's id.
    static QString place(const QModelIndex &index);
};

} // namespace StudyBench
