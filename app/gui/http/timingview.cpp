#include "http/timingview.h"

#include "common/appearance.h"

#include <QEvent>
#include <QPaintEvent>
#include <QPainter>

namespace StudyBench {

namespace {
constexpr int kMargin = 12;
constexpr int kGap = 12;
} // namespace

TimingView::TimingView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    clear();
}

void TimingView::clear()
{
    m_set = false;
    m_phases.clear();
    m_totalMs = -1;
    m_note = tr("Send a request to see where its time goes.");
    updateGeometry();
    update();
}

void TimingView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_set)
        setTimings(m_timings, m_viaHttp1); // the colours follow light and dark
}

void TimingView::setTimings(const HttpTimings &t, bool viaHttp1)
{
    m_timings = t;
    m_viaHttp1 = viaHttp1;
    m_set = true;
    m_phases.clear();
    m_totalMs = t.totalMs;
    const bool dark = Appearance::isDark();
    auto color = [dark](const char *light, const char *darkColor) {
        return QColor(QLatin1StringView(dark ? darkColor : light));
    };
    qint64 at = 0;
    auto add = [&](const QString &name, qint64 duration, const QColor &c) {
        if (duration < 0)
            return;
        m_phases.append({ name, at, duration, c });
        at += duration;
    };
    if (viaHttp1 && t.firstByteMs >= 0) {
        const qint64 dns = qMax<qint64>(0, t.dnsMs);
        const qint64 connect = qMax<qint64>(0, t.connectMs) + qMax<qint64>(0, t.tlsMs);
        const qint64 wait = qMax<qint64>(0, t.waitMs);
        add(tr("DNS lookup"), t.dnsMs, color("#00897b", "#4db6ac"));
        add(tr("TCP connect"), t.connectMs, color("#ef6c00", "#ffb74d"));
        add(tr("TLS handshake"), t.tlsMs, color("#6a1b9a", "#ce93d8"));
        // What is left before the wait: writing the request, and earlier hops of a redirect.
        add(tr("Sending"), qMax<qint64>(0, t.firstByteMs - wait - dns - connect),
            color("#757575", "#bdbdbd"));
        add(tr("Waiting (first byte)"), wait, color("#2e7d32", "#81c784"));
    } else if (t.firstByteMs >= 0) {
        add(tr("Until the first byte"), t.firstByteMs, color("#2e7d32", "#81c784"));
    }
    if (t.firstByteMs >= 0 && t.totalMs >= t.firstByteMs)
        add(tr("Downloading"), t.totalMs - t.firstByteMs, color("#1565c0", "#64b5f6"));

    if (t.totalMs < 0)
        m_note = tr("No timing: the request was not sent.");
    else if (t.firstByteMs < 0)
        m_note = tr("No response arrived; the request took %1 ms in all.").arg(t.totalMs);
    else if (t.reusedConnection)
        m_note = tr("A kept-alive connection was reused: no DNS lookup, no connect.");
    else if (!viaHttp1)
        m_note = tr("This HTTPS request went through Qt's network stack (HTTP/2 when the server offers "
                    "it), which does not report DNS, connect and TLS times. Ask for HTTP/1.1 to see "
                    "every phase.");
    else
        m_note.clear();
    updateGeometry();
    update();
}

QString TimingView::summary() const
{
    QStringList parts;
    for (const Phase &p : m_phases)
        parts.append(tr("%1 %2 ms").arg(p.name).arg(p.durationMs));
    if (m_totalMs >= 0)
        parts.append(tr("total %1 ms").arg(m_totalMs));
    return parts.join(QStringLiteral(" · "));
}

int TimingView::rowHeight() const
{
    return fontMetrics().height() + 10;
}

QSize TimingView::sizeHint() const
{
    const int rows = int(m_phases.size()) + 1 + (m_note.isEmpty() ? 0 : 2);
    return { 480, 2 * kMargin + rows * rowHeight() };
}

QSize TimingView::minimumSizeHint() const
{
    return { 240, 2 * kMargin + rowHeight() * 2 };
}

void TimingView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int row = rowHeight();

    int labelWidth = 0;
    for (const Phase &phase : m_phases)
        labelWidth = qMax(labelWidth, fm.horizontalAdvance(phase.name));
    labelWidth = qMax(labelWidth, fm.horizontalAdvance(tr("Total")));
    const QString widest = tr("%1 ms").arg(qMax<qint64>(m_totalMs, 99999));
    const int valueWidth = fm.horizontalAdvance(widest);
    const int barLeft = kMargin + labelWidth + kGap;
    const int barWidth = qMax(40, width() - barLeft - kGap - valueWidth - kMargin);
    const double scale = m_totalMs > 0 ? double(barWidth) / double(m_totalMs) : 0.0;

    int y = kMargin;
    const QColor text = palette().color(QPalette::WindowText);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    const QColor track = palette().color(QPalette::Mid);
    auto drawRow = [&](const QString &name, qint64 start, qint64 duration, const QColor &color, bool bold) {
        QFont f = font();
        f.setBold(bold);
        p.setFont(f);
        p.setPen(text);
        p.drawText(QRect(kMargin, y, labelWidth, row), Qt::AlignLeft | Qt::AlignVCenter, name);
        p.setPen(Qt::NoPen);
        QColor trackColor = track;
        trackColor.setAlpha(60);
        p.setBrush(trackColor);
        const int barHeight = row / 2;
        const int barTop = y + (row - barHeight) / 2;
        p.drawRoundedRect(QRectF(barLeft, barTop, barWidth, barHeight), 3, 3);
        const double x = barLeft + start * scale;
        const double w = qMax(2.0, duration * scale);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(x, barTop, qMin(w, barLeft + barWidth - x), barHeight), 3, 3);
        p.setPen(text);
        p.drawText(QRect(barLeft + barWidth + kGap, y, valueWidth, row), Qt::AlignRight | Qt::AlignVCenter,
            tr("%1 ms").arg(duration));
        y += row;
    };
    for (const Phase &phase : m_phases)
        drawRow(phase.name, phase.startMs, phase.durationMs, phase.color, false);
    if (m_totalMs >= 0)
        drawRow(tr("Total"), 0, m_totalMs, palette().color(QPalette::Highlight), true);
    if (!m_note.isEmpty()) {
        p.setFont(font());
        p.setPen(muted);
        p.drawText(QRect(kMargin, y + 4, width() - 2 * kMargin, height() - y - 4),
            Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_note);
    }
}

} // namespace StudyBench
