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
class CodeDocumentLayout : public QPlainTextDocumentLayout
{
public:
    using QPlainTextDocumentLayout::QPlainTextDocumentLayout;

protected:
    void documentChanged(int from, int charsRemoved, int charsAdded) override;

private:
    int m_blockCount = 1;
};

/// A new document laid out by CodeDocumentLayout.
QTextDocument *createCodeDocument(QObject *parent);

} // namespace StudyBench
