#include "editor/codedocumentlayout.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace StudyBench {

void CodeDocumentLayout::documentChanged(int from, int charsRemoved, int charsAdded)
{
    const int blocks = document()->blockCount();
    if (blocks == m_blockCount && charsAdded > 0 && charsRemoved > 0) {
        const QTextBlock block = document()->findBlock(from);
        if (block.isValid() && from + charsAdded <= block.position() + block.length()) {
            // New formats for a block that is not laid out (not shown yet): it will be laid
            // out with them when it is first painted.
            if (charsRemoved == charsAdded && block.layout()->lineCount() == 0)
                return;
            QPlainTextDocumentLayout::documentChanged(from, 0, charsAdded);
            return;
        }
    }
    m_blockCount = blocks;
    QPlainTextDocumentLayout::documentChanged(from, charsRemoved, charsAdded);
}

QTextDocument *createCodeDocument(QObject *parent)
{
    auto *document = new QTextDocument(parent);
    document->setDocumentLayout(new CodeDocumentLayout(document));
    return document;
}

} // namespace StudyBench
