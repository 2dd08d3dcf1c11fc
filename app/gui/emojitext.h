#pragma once

#include <QFont>
#include <QImage>
#include <QList>
#include <QString>

class QPainter;
class QRect;

namespace StudyBench {

/// One line of text whose colour emoji are drawn from images made once per emoji and font, and
/// measured the same way.
///
/// Why: Qt's FreeType engine does not keep the advance of a colour emoji glyph, so every time
/// text with an emoji is laid out, FreeType decodes the emoji's PNG bitmap again (Noto Color Emoji:
/// about 0.9 M instructions each). The curriculum tree lays out each heading several times a
/// paint; at start-up that was 152 decodes, a quarter of the instructions to the first frame.
/// With EmojiText, Qt lays out only the plain runs, and each emoji is decoded once per font.
///
/// GUI thread only (the images are kept in a cache of the thread's).
class EmojiText
{
public:
    /// Plain text that Qt lays out, or one colour emoji drawn from its image.
    struct Run
    {
        QString text;
        bool emoji = false;
        QImage image;
        qreal advance = 0;
        qreal ascent = 0;
        qreal descent = 0;
    };

    /// @p dpr: the device pixel ratio it will be drawn at (the emoji's images are made for it).
    EmojiText(const QString &text, const QFont &font, qreal dpr);

    /// True when EmojiText has something to save and draws @p text as Qt would: it has a character
    /// an emoji can start with, and no right-to-left character (runs are drawn in logical order).
    static bool suits(const QString &text);

    /// Width in pixels, as drawn (rounded up).
    int width() const;
    /// The text cut at the end with "…" so that it fits @p available pixels (the text itself when
    /// it fits); plain runs are elided as Qt elides them, an emoji that does not fit is dropped.
    EmojiText elided(int available) const;
    /// Draws the line in @p rect, left-aligned and centred vertically, with the painter's pen for
    /// the plain runs.
    void draw(QPainter *painter, const QRect &rect) const;

private:
    EmojiText(QList<Run> runs, const QFont &font, qreal dpr);
    qreal runWidth(const Run &run) const;

    QList<Run> m_runs;
    QFont m_font;
    qreal m_dpr = 1;
};

} // namespace StudyBench
