#include "editor/codedocumentlayout.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <utility>

namespace StudyBench {

CodeDocumentLayout::CodeDocumentLayout(QTextDocument *document)
    : QPlainTextDocumentLayout(document)
{
    // Made before the document gets a highlighter, so this hears of an edit first.
    connect(document, &QTextDocument::contentsChange, this,
        [this](int from, int, int) { noteHeightBefore(from); });
}

void CodeDocumentLayout::noteHeightBefore(int from)
{
    m_notedBlock = -1;
    const QTextBlock block = document()->findBlock(from);
    // Lines that are still there (an edit keeps them until it is laid out): reading them is free.
    if (block.isValid() && block.layout()->lineCount() > 0) {
        m_notedBlock = block.blockNumber();
        m_heightBefore = blockBoundingRect(block).height();
    }
}

bool CodeDocumentLayout::relayoutEditedBlock(const QTextBlock &block, int noted)
{
    if (noted != block.blockNumber() || block.layout()->lineCount() > 0)
        return false;
    // What QPlainTextDocumentLayout does for an edit within one block, with the height it would
    // have measured by laying the block out first.
    ensureBlockLayout(block);
    if (blockBoundingRect(block).height() == m_heightBefore)
        Q_EMIT updateBlock(block);
    else
        requestUpdate();
    return true;
}

void CodeDocumentLayout::documentChanged(int from, int charsRemoved, int charsAdded)
{
    const int blocks = document()->blockCount();
    const int noted = std::exchange(m_notedBlock, -1);
    if (blocks == m_blockCount && charsAdded > 0 && charsRemoved > 0) {
        const QTextBlock block = document()->findBlock(from);
        if (block.isValid() && from + charsAdded <= block.position() + block.length()) {
            // New formats, and nothing else, for a block that is not laid out (not shown yet):
            // it will be laid out with them when it is first painted. An edit of the same length
            // (overwrite, a character typed over a selected one) was announced: it is laid out.
            if (charsRemoved == charsAdded && block.layout()->lineCount() == 0
                && noted != block.blockNumber())
                return;
            if (relayoutEditedBlock(block, noted))
                return;
            QPlainTextDocumentLayout::documentChanged(from, 0, charsAdded);
            return;
        }
    }
    followBlockCount(from, blocks - m_blockCount);
    m_blockCount = blocks;
    QPlainTextDocumentLayout::documentChanged(from, charsRemoved, charsAdded);
}

void CodeDocumentLayout::followBlockCount(int from, int delta)
{
    if (delta == 0 || (m_kept.isEmpty() && m_leaving.isEmpty()))
        return;
    // Blocks after the edited one moved by delta; those removed with it have taken their
    // glyphs with them (a kept number then names another block, released or kept again later).
    const int edited = document()->findBlock(from).blockNumber();
    for (QList<int> *numbers : { &m_kept, &m_leaving }) {
        for (int &n : *numbers) {
            if (n > edited)
                n = qMax(edited, n + delta);
        }
    }
}

void CodeDocumentLayout::keepGlyphs(const QList<int> &onScreen)
{
    // A screenful each, in order: what leaves is found without walking the lines between (a
    // fold on screen can hide a million of them).
    for (const int n : std::as_const(m_kept)) {
        if (!std::binary_search(onScreen.cbegin(), onScreen.cend(), n))
            m_leaving.append(n);
    }
    m_kept = onScreen;
    if (!m_leaving.isEmpty() && !m_releaseQueued) {
        m_releaseQueued = true;
        QMetaObject::invokeMethod(this, &CodeDocumentLayout::releaseGlyphs, Qt::QueuedConnection);
    }
}

void CodeDocumentLayout::releaseGlyphs()
{
    m_releaseQueued = false;
    const QList<int> leaving = std::exchange(m_leaving, {});
    for (const int n : leaving) {
        if (std::binary_search(m_kept.cbegin(), m_kept.cend(), n))
            continue;
        const QTextBlock block = document()->findBlockByNumber(n);
        QTextLayout *layout = block.isValid() ? block.layout() : nullptr;
        if (!layout || !layout->cacheEnabled())
            continue;
        layout->setCacheEnabled(false);
        // QTextLayout frees what it shaped when a layout ends without its cache: lay it out
        // again, also when its lines were cleared (a zoom, a fold) and its glyphs are still held.
        layout->clearLayout();
        ensureBlockLayout(block);
    }
}

int CodeDocumentLayout::blocksKeepingGlyphs() const
{
    int count = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        count += block.layout()->cacheEnabled() ? 1 : 0;
    return count;
}

QTextDocument *createCodeDocument(QObject *parent)
{
    auto *document = new QTextDocument(parent);
    document->setDocumentLayout(new CodeDocumentLayout(document));
    return document;
}

} // namespace StudyBench
