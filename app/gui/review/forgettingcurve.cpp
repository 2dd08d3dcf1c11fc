#include "review/forgettingcurve.h"

#include <QPainter>
#include <QPainterPath>

namespace StudyBench {

ForgettingCurve::ForgettingCurve(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(320, 160);
}

void ForgettingCurve::setCard(const FsrsCard &card, const FsrsSettings &settings, const QDateTime &now)
{
    m_card = card;
    m_settings = settings;
    m_now = now;
    update();
}

void ForgettingCurve::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = QRectF(rect()).adjusted(44, 10, -12, -28);
    const QColor text = palette().color(QPalette::WindowText);
    p.setPen(text);
    if (!m_card.lastReview.isValid() || m_card.stability <= 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("No reviews yet: the curve starts at the first one."));
        return;
    }
    const Fsrs fsrs(m_settings);
    const double elapsed = std::max(0.0, m_card.lastReview.secsTo(m_now) / 86400.0);
    const double span = std::max({ 2.0, 2.0 * fsrs.intervalDays(m_card.stability), elapsed * 1.2 });
    const auto x = [&](double days) {
        return plot.left() + plot.width() * days / span;
    };
    const auto y = [&](double r) {
        return plot.bottom() - plot.height() * r;
    };
    p.setPen(QPen(text, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    for (const double r : { 0.0, 0.5, 1.0 })
        p.drawText(QRectF(0, y(r) - 8, 40, 16), Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("%1%").arg(r * 100));
    p.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 20), Qt::AlignRight,
        tr("%1 days since the last review").arg(span, 0, 'f', 0));
    QPainterPath curve;
    const int samples = 200;
    for (int i = 0; i <= samples; ++i) {
        const double days = span * i / samples;
        FsrsCard at = m_card;
        const double r = fsrs.retrievability(at, m_card.lastReview.addSecs(qint64(days * 86400)));
        const QPointF point(x(days), y(r));
        i == 0 ? curve.moveTo(point) : curve.lineTo(point);
    }
    p.setPen(QPen(QColor(0x3b, 0x82, 0xf6), 2));
    p.drawPath(curve);
    QPen retention(QColor(0xef, 0x44, 0x44), 1, Qt::DashLine);
    p.setPen(retention);
    p.drawLine(QPointF(plot.left(), y(m_settings.desiredRetention)),
        QPointF(plot.right(), y(m_settings.desiredRetention)));
    p.drawText(QRectF(plot.left() + 4, y(m_settings.desiredRetention) - 18, plot.width() - 8, 16),
        Qt::AlignRight, tr("desired retention %1%").arg(m_settings.desiredRetention * 100, 0, 'f', 0));
    p.setPen(QPen(QColor(0x22, 0xc5, 0x5e), 1, Qt::DotLine));
    p.drawLine(QPointF(x(elapsed), plot.top()), QPointF(x(elapsed), plot.bottom()));
    p.drawText(QPointF(x(elapsed) + 4, plot.top() + 12), tr("now"));
}

} // namespace StudyBench
