#pragma once

#include <QPlainTextDocumentLayout>

namespace StudyBench {

/// QPlainTextDocumentLayout, told precisely which block changed.
///
/// QPlainTextDocumentLayout takes a change to reach from its start over the removed plus the added
/// characters. When QSyntaxHighlighter marks the whole block it just highlighted as dirty, that
/// merges with the keystroke into "n - 1 removed, n added" from the start of the block, which then
/// seems to reach into the next block, and the whole viewport is repainted on every keystroke.
/// When the number of blocks is unchanged and the new text lies in one block, the change is
/// passed on as that block alone, so only it is laid out and repainted; new formats for a block
/// that is not laid out need nothing at all (background highlighting of a long file).
///
/// It also keeps the shaped glyphs of the blocks on screen. QTextLayout throws its glyphs away
/// after every layout and every draw unless its cache is on (QTextLayout::setCacheEnabled), and
/// QPlainTextEdit never turns it on, so every paint shapes every line it shows again: for
/// highlighted code that is one HarfBuzz run per colour change, most of a keystroke's cost when
/// the viewport is repainted. The editor names the blocks on screen before each paint
/// (keepGlyphs()); a block that leaves the screen has its cache turned off and its glyphs
/// released from the event loop after the paint, so what is kept is bounded by a screenful
/// whatever the size of the file.
///
/// And it lays out an edited block once, not twice. QPlainTextDocumentLayout measures the block's
/// height before laying it out again, to know whether the lines below move; but the highlighter's
/// new formats have already thrown the block's lines away (QTextLayout::setFormats), so measuring
/// the old height lays the whole line out first, shaping every run of it. The height is noted
/// instead when the document announces the edit, before any highlighter hears of it.
class CodeDocumentLayout : public QPlainTextDocumentLayout
{
    Q_OBJECT

public:
    explicit CodeDocumentLayout(QTextDocument *document);

    /// The blocks numbered @p onScreen (in order: those on screen) keep their glyphs; the editor
    /// has turned their cache on before laying them out. Those kept before and not now are released.
    void keepGlyphs(const QList<int> &onScreen);
    /// How many blocks of the document keep their glyphs (walks every block: for tests).
    int blocksKeepingGlyphs() const;

protected:
    void documentChanged(int from, int charsRemoved, int charsAdded) override;

private:
    /// The height of the block at @p from before an edit, while its lines are still there.
    void noteHeightBefore(int from);
    /// Lays out @p block, edited with new formats, once; false when its old height is not known.
    bool relayoutEditedBlock(const QTextBlock &block, int noted);
    void releaseGlyphs();
    /// Lines added or removed at @p from: the kept range's numbers follow the blocks they named.
    void followBlockCount(int from, int delta);

    int m_blockCount = 1;
    int m_notedBlock = -1; ///< the block whose height before the edit is m_heightBefore
    qreal m_heightBefore = 0;
    QList<int> m_kept; ///< block numbers, in order: those on screen at the last paint
    QList<int> m_leaving; ///< block numbers to release after the paint
    bool m_releaseQueued = false;
};

/// A new document laid out by CodeDocumentLayout.
QTextDocument *createCodeDocument(QObject *parent);

} // namespace StudyBench
