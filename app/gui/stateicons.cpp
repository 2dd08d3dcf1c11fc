#include "stateicons.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace StudyBench::StateIcons {

namespace {

QPixmap draw(ItemState state, int size, qreal dpr)
{
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = QApplication::palette();
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor ink = pal.color(QPalette::Text);
    const qreal m = size * 0.14;
    const QRectF r(m, m, size - 2 * m, size - 2 * m);
    QPen pen(ink, qMax(1.0, size / 11.0));
    switch (state) {
    case ItemState::NotStarted:
        pen.setColor(pal.color(QPalette::Disabled, QPalette::Text));
        p.setPen(pen);
        p.drawEllipse(r);
        break;
    case ItemState::InProgress: {
        pen.setColor(accent);
        p.setPen(pen);
        p.drawEllipse(r);
        QPainterPath half;
        half.moveTo(r.center());
        half.arcTo(r, 90, 180);
        half.closeSubpath();
        p.fillPath(half, accent);
        break;
    }
    case ItemState::Done: {
        p.setPen(Qt::NoPen);
        p.setBrush(accent);
        p.drawEllipse(r);
        QPen tick(pal.color(QPalette::HighlightedText), qMax(1.5, size / 8.0), Qt::SolidLine, Qt::RoundCap,
            Qt::RoundJoin);
        p.setPen(tick);
        p.drawPolyline(QPolygonF { QPointF(r.left() + r.width() * 0.25, r.center().y()),
            QPointF(r.left() + r.width() * 0.45, r.bottom() - r.height() * 0.28),
            QPointF(r.right() - r.width() * 0.22, r.top() + r.height() * 0.3) });
        break;
    }
    case ItemState::Skipped: {
        pen.setColor(pal.color(QPalette::Disabled, QPalette::Text));
        p.setPen(pen);
        p.drawEllipse(r);
        QPen arrow(ink, qMax(1.5, size / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(arrow);
        const qreal y = r.center().y();
        p.drawLine(QPointF(r.left() + r.width() * 0.22, y), QPointF(r.right() - r.width() * 0.22, y));
        p.drawPolyline(QPolygonF { QPointF(r.right() - r.width() * 0.42, y - r.height() * 0.2),
            QPointF(r.right() - r.width() * 0.22, y),
            QPointF(r.right() - r.width() * 0.42, y + r.height() * 0.2) });
        break;
    }
    }
    return pm;
}

} // namespace

QIcon icon(ItemState state)
{
    static QHash<QString, QIcon> cache;
    const QPalette pal = QApplication::palette();
    const QString key = QStringLiteral("%1-%2-%3")
                            .arg(int(state))
                            .arg(pal.color(QPalette::Highlight).rgba())
                            .arg(pal.color(QPalette::Text).rgba());
    if (auto it = cache.constFind(key); it != cache.cend())
        return it.value();
    QIcon ic;
    for (int size : { 16, 22, 32 })
        ic.addPixmap(draw(state, size, 1.0));
    cache.insert(key, ic);
    return ic;
}

} // namespace StudyBench::StateIcons
