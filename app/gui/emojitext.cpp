#include "emojitext.h"

#include <QFontMetricsF>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QTextBoundaryFinder>
#include <QTextLayout>

#include <cmath>

namespace StudyBench {

namespace {

// A cluster worth checking: an emoji presentation or joiner, or a pictograph block. Whether it is
// drawn in colour is then seen once (glyphFor): text-style symbols such as U+2601 are drawn by the
// text font in the pen's colour and stay plain text.
bool mayBeEmoji(QStringView cluster)
{
    if (cluster.contains(QChar(0xFE0F)) || cluster.contains(QChar(0x200D)))
        return true;
    const char32_t first = cluster.toUcs4().value(0);
    return (first >= 0x1F000 && first <= 0x1FAFF) || (first >= 0x2300 && first <= 0x23FF)
        || (first >= 0x2600 && first <= 0x27BF) || (first >= 0x2B00 && first <= 0x2BFF);
}

// One emoji as drawn with one font (a Run with emoji set), or not colour: then the text font
// draws it, in the pen's colour, and it is laid out as text.
using Glyph = EmojiText::Run;

// The cluster drawn by @p layout with @p pen.
QImage drawn(const QTextLayout &layout, const QSize &size, qreal dpr, const QColor &pen)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setPen(pen);
    layout.draw(&p, QPointF(0, 0));
    return image;
}

Glyph glyphFor(const QString &cluster, const QFont &font, qreal dpr)
{
    static QHash<QString, Glyph> cache;
    const QString key = cluster + QChar(0) + font.key() + QChar(0) + QString::number(dpr);
    if (auto it = cache.constFind(key); it != cache.cend())
        return *it;
    QTextLayout layout(cluster, font);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    layout.endLayout();
    Glyph glyph { cluster, false, {}, 0, 0, 0 };
    glyph.advance = line.naturalTextWidth();
    glyph.ascent = line.ascent();
    glyph.descent = line.descent();
    // Only what looks the same whatever the pen becomes an image: a keycap's digit, or a symbol
    // the text font draws, takes the pen's colour and stays text.
    const QSize size(qMax(1, qCeil(glyph.advance * dpr)), qMax(1, qCeil(line.height() * dpr)));
    const QImage red = drawn(layout, size, dpr, Qt::red);
    glyph.emoji = red == drawn(layout, size, dpr, Qt::blue);
    if (glyph.emoji)
        glyph.image = red;
    return *cache.insert(key, glyph);
}

} // namespace

EmojiText::EmojiText(const QString &text, const QFont &font, qreal dpr)
    : m_font(font)
    , m_dpr(dpr)
{
    QTextBoundaryFinder clusters(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    for (qsizetype end = clusters.toNextBoundary(); end != -1; end = clusters.toNextBoundary()) {
        const QString cluster = text.mid(start, end - start);
        if (mayBeEmoji(cluster)) {
            if (Run glyph = glyphFor(cluster, font, dpr); glyph.emoji) {
                m_runs.append(std::move(glyph));
                start = end;
                continue;
            }
        }
        if (m_runs.isEmpty() || m_runs.last().emoji)
            m_runs.append({ cluster, false, {}, 0, 0, 0 });
        else
            m_runs.last().text += cluster;
        start = end;
    }
}

EmojiText::EmojiText(QList<Run> runs, const QFont &font, qreal dpr)
    : m_runs(std::move(runs))
    , m_font(font)
    , m_dpr(dpr)
{ }

bool EmojiText::suits(const QString &text)
{
    bool emoji = false;
    for (const QChar c : text) {
        switch (c.direction()) {
        case QChar::DirR:
        case QChar::DirAL:
        case QChar::DirRLE:
        case QChar::DirRLO:
        case QChar::DirRLI:
            return false;
        default:
            break;
        }
        const char16_t u = c.unicode();
        emoji = emoji || c.isHighSurrogate() || u == 0xFE0F || u == 0x200D || (u >= 0x2300 && u <= 0x27BF)
            || (u >= 0x2B00 && u <= 0x2BFF);
    }
    return emoji;
}

qreal EmojiText::runWidth(const Run &run) const
{
    return run.emoji ? run.advance : QFontMetricsF(m_font).horizontalAdvance(run.text);
}

int EmojiText::width() const
{
    qreal total = 0;
    for (const Run &run : m_runs)
        total += runWidth(run);
    return qCeil(total);
}

EmojiText EmojiText::elided(int available) const
{
    if (width() <= available)
        return *this;
    const QFontMetricsF fm(m_font);
    const qreal ellipsis = fm.horizontalAdvance(QChar(0x2026));
    QList<Run> kept;
    qreal used = 0;
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        const qreal w = runWidth(m_runs[i]);
        if (used + w + ellipsis <= available) {
            kept.append(m_runs[i]);
            used += w;
            continue;
        }
        // What does not fit is elided by Qt, as one text: with its "…" whatever the next run is.
        QString rest;
        for (qsizetype j = i; j < m_runs.size(); ++j)
            rest += m_runs[j].text;
        kept.append({ QFontMetrics(m_font).elidedText(rest, Qt::ElideRight, qFloor(available - used)), false,
            {}, 0, 0, 0 });
        break;
    }
    return EmojiText(std::move(kept), m_font, m_dpr);
}

void EmojiText::draw(QPainter *painter, const QRect &rect) const
{
    const QFontMetricsF fm(m_font);
    qreal ascent = fm.ascent();
    qreal descent = fm.descent();
    for (const Run &run : m_runs) {
        if (run.emoji) {
            ascent = qMax(ascent, run.ascent);
            descent = qMax(descent, run.descent);
        }
    }
    const qreal baseline = rect.top() + (rect.height() - (ascent + descent)) / 2 + ascent;
    painter->save();
    painter->setFont(m_font);
    qreal x = rect.left();
    // Qt draws a colour glyph with the pen's alpha (an inactive window's selected text has some).
    const qreal opacity = painter->opacity() * painter->pen().color().alphaF();
    for (const Run &run : m_runs) {
        if (run.emoji) {
            const qreal before = painter->opacity();
            painter->setOpacity(opacity);
            painter->drawImage(QPointF(std::floor(x), baseline - run.ascent), run.image);
            painter->setOpacity(before);
        } else {
            painter->drawText(QPointF(x, baseline), run.text);
        }
        x += runWidth(run);
    }
    painter->restore();
}

} // namespace StudyBench
