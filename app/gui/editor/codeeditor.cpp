#include "editor/codeeditor.h"

#include "editor/bracketmatcher.h"
#include "editor/codedocumentlayout.h"
#include "editor/editorgutter.h"
#include "editor/folding.h"
#include "editor/progressivehighlighter.h"
#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <QApplication>
#include <QFontDatabase>
#include <QInputDialog>
#include <QKeyEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPointer>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace StudyBench {

namespace {

qsizetype s_progressiveThreshold = 256 * 1024;

// How long one slice of background highlighting may keep the event loop busy.
constexpr int kSliceMilliseconds = 8;
// New highlighting where bracket matching looked redoes it after this long, at most once meanwhile.
constexpr int kBracketRefreshMilliseconds = 20;
// Folding at the cursor looks this many lines up for the region's start.
constexpr int kFoldSearchBlocks = 2000;

QString leadingWhitespace(const QString &line)
{
    qsizetype i = 0;
    while (i < line.size() && (line.at(i) == QLatin1Char(' ') || line.at(i) == QLatin1Char('\t')))
        ++i;
    return line.left(i);
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new ProgressiveHighlighter(createCodeDocument(this)))
    , m_gutter(new EditorGutter(this))
{
    setDocument(m_highlighter->document());
    followEdits(document());
    // QSyntaxHighlighter makes the document its parent; long texts replace the document, so the
    // editor owns the highlighter instead.
    m_highlighter->setParent(this);
    m_baseFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setCenterOnScroll(false);
    m_highlightTimer.setInterval(0);
    connect(&m_highlightTimer, &QTimer::timeout, this, &CodeEditor::highlightNextSlice);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutterArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    // Bracket matching reads the highlighting, which may come later (background highlighting, or
    // the lines after an edit that opens or closes a comment): it looks again when that arrives.
    m_bracketRefreshTimer.setSingleShot(true);
    m_bracketRefreshTimer.setInterval(kBracketRefreshMilliseconds);
    connect(&m_bracketRefreshTimer, &QTimer::timeout, this, &CodeEditor::updateExtraSelections);
    m_highlighter->setBlockHandler([this](const QTextBlock &block) {
        if (m_bracketFirstBlock > m_bracketLastBlock || m_bracketRefreshTimer.isActive())
            return;
        const int number = block.blockNumber();
        if (number >= m_bracketFirstBlock && number <= m_bracketLastBlock)
            m_bracketRefreshTimer.start();
    });

    applyFont();
    setTheme({});
}

void CodeEditor::followEdits(QTextDocument *document)
{
    // An edit above the background highlighting's frontier can remove lines, which would make it
    // skip some: it starts again from the edit.
    connect(document, &QTextDocument::contentsChange, this, [this](int from, int, int) {
        if (!m_highlighter->isGated())
            return;
        const int edited = this->document()->findBlock(from).blockNumber();
        if (edited <= m_highlighter->frontier())
            m_highlighter->setFrontier(qMax(-1, edited - 1));
    });
}

CodeEditor::~CodeEditor()
{
    // A document of ours outlives this destructor (it is a child); it must not call back.
    m_highlightTimer.stop();
    m_bracketRefreshTimer.stop();
    m_highlighter->setBlockHandler({});
    disconnect(document(), nullptr, this, nullptr);
}

qsizetype CodeEditor::progressiveThreshold()
{
    return s_progressiveThreshold;
}

void CodeEditor::setProgressiveThreshold(qsizetype characters)
{
    s_progressiveThreshold = characters;
}

bool CodeEditor::isHighlightingComplete() const
{
    return !m_highlighter->isGated();
}

void CodeEditor::setText(const QString &text)
{
    m_highlightTimer.stop();
    if (text.size() < s_progressiveThreshold) {
        m_highlighter->setGate(false);
        setPlainText(text);
        return;
    }

    // A long text goes into a fresh document while the highlighter is attached but not listening
    // (the signals are blocked), so that nothing is highlighted yet; the slices do that afterwards.
    // The text control deletes its own first document; ours (parented to the editor) we delete.
    const QPointer<QTextDocument> previous = document();
    QTextDocument *fresh = createCodeDocument(this);
    fresh->setDefaultFont(font());
    fresh->setDefaultTextOption(previous->defaultTextOption());
    m_highlighter->setGate(true, -1);
    m_highlighter->setDocument(fresh);
    {
        const QSignalBlocker blocker(fresh);
        fresh->setUndoRedoEnabled(false);
        QTextCursor(fresh).insertText(text);
        fresh->setUndoRedoEnabled(true);
        fresh->setModified(false);
    }
    setDocument(fresh);
    if (previous && previous->parent() == this)
        delete previous.data();
    followEdits(fresh);
    applyFont();
    updateGutterGeometry();
    updateExtraSelections();
    startProgressiveHighlighting();
}

void CodeEditor::highlightVisibleBlocks()
{
    const int lines = viewport()->height() / qMax(1, fontMetrics().lineSpacing()) + 2;
    m_highlighter->highlightAhead(firstVisibleBlock(), lines);
}

void CodeEditor::startProgressiveHighlighting()
{
    // The first slice now, so that the first paint is already highlighted; the rest from the loop.
    highlightNextSlice();
    if (m_highlighter->isGated())
        m_highlightTimer.start();
}

void CodeEditor::highlightNextSlice()
{
    if (m_highlighter->highlightSlice(kSliceMilliseconds))
        return;
    m_highlightTimer.stop();
    m_highlighter->setGate(false);
    m_gutter->update();
    Q_EMIT highlightingFinished();
}

KSyntaxHighlighting::Definition CodeEditor::definition() const
{
    return m_highlighter->definition();
}

void CodeEditor::setDefinition(const KSyntaxHighlighting::Definition &definition)
{
    if (definition == m_highlighter->definition())
        return;
    unfoldAll();
    if (document()->characterCount() >= s_progressiveThreshold) {
        m_highlightTimer.stop();
        m_highlighter->setGate(true, -1);
        // With the gate closed, SyntaxHighlighter's full pass only clears old formats.
        m_highlighter->setDefinition(definition);
        highlightVisibleBlocks();
        startProgressiveHighlighting();
    } else {
        m_highlighter->setGate(false);
        m_highlighter->setDefinition(definition);
    }
    m_gutter->update();
    Q_EMIT definitionChanged(definition);
}

bool CodeEditor::setDefinitionByName(const QString &name)
{
    const auto found = syntaxRepository().definitionForName(name);
    if (!found.isValid())
        return false;
    setDefinition(found);
    return true;
}

void CodeEditor::detectDefinition(const QString &fileName)
{
    QString sample;
    for (QTextBlock b = document()->firstBlock(); b.isValid() && sample.size() < 4096; b = b.next())
        sample += b.text() + QLatin1Char('\n');
    setDefinition(definitionFor(fileName, sample));
}

KSyntaxHighlighting::Theme CodeEditor::theme() const
{
    return m_highlighter->theme();
}

void CodeEditor::setTheme(const KSyntaxHighlighting::Theme &theme)
{
    m_followPalette = !theme.isValid();
    if (m_followPalette) {
        const QPalette outer = parentWidget() ? parentWidget()->palette() : QApplication::palette(this);
        applyTheme(syntaxRepository().themeForPalette(outer));
    } else {
        applyTheme(theme);
    }
}

bool CodeEditor::setThemeByName(const QString &name)
{
    if (name.isEmpty()) {
        setTheme({});
        return true;
    }
    const auto found = syntaxRepository().theme(name);
    if (!found.isValid() || found.name() != name)
        return false;
    setTheme(found);
    return true;
}

void CodeEditor::applyTheme(const KSyntaxHighlighting::Theme &theme)
{
    m_applyingTheme = true;
    QPalette pal = parentWidget() ? parentWidget()->palette() : QApplication::palette(this);
    if (theme.isValid()) {
        const QColor background
            = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
        const QColor text = QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal));
        pal.setColor(QPalette::Base, background);
        pal.setColor(QPalette::Window, background);
        pal.setColor(QPalette::Text, text);
        pal.setColor(QPalette::Highlight,
            QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
        pal.setColor(QPalette::HighlightedText, text);
    }
    setPalette(pal);
    if (theme.name() != m_highlighter->theme().name() || !m_highlighter->theme().isValid()) {
        if (document()->characterCount() >= s_progressiveThreshold) {
            // No full pass over a long text: what is on screen now, the rest in slices.
            m_highlightTimer.stop();
            m_highlighter->setGate(true, -1);
            m_highlighter->setTheme(theme);
            highlightVisibleBlocks();
            startProgressiveHighlighting();
        } else {
            m_highlighter->setTheme(theme);
            m_highlighter->rehighlight();
        }
    }
    m_gutter->update();
    updateExtraSelections();
    m_applyingTheme = false;
    Q_EMIT themeChanged(theme);
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (m_applyingTheme)
        return;
    if (event->type() == QEvent::FontChange) {
        updateGutterGeometry();
    } else if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        && m_followPalette) {
        const QPalette outer = parentWidget() ? parentWidget()->palette() : QApplication::palette(this);
        const auto wanted = syntaxRepository().themeForPalette(outer);
        if (wanted.name() != theme().name())
            applyTheme(wanted);
    }
}

void CodeEditor::setTabWidth(int columns)
{
    columns = std::clamp(columns, 1, 16);
    if (columns == m_tabWidth)
        return;
    m_tabWidth = columns;
    applyFont();
    Q_EMIT indentationChanged();
}

void CodeEditor::setInsertsSpaces(bool spaces)
{
    if (spaces == m_insertSpaces)
        return;
    m_insertSpaces = spaces;
    Q_EMIT indentationChanged();
}

void CodeEditor::detectIndentation()
{
    int tabs = 0;
    int spaces = 0;
    std::array<int, 9> steps {};
    int previous = 0;
    int lines = 0;
    for (QTextBlock b = document()->firstBlock(); b.isValid() && lines < 2000; b = b.next(), ++lines) {
        const QString text = b.text();
        if (text.trimmed().isEmpty())
            continue;
        const QString lead = leadingWhitespace(text);
        if (lead.startsWith(QLatin1Char('\t'))) {
            ++tabs;
            continue;
        }
        const int width = int(lead.size());
        if (width > 0)
            ++spaces;
        const int step = std::abs(width - previous);
        if (step >= 2 && step <= 8)
            ++steps[size_t(step)];
        previous = width;
    }
    if (tabs > spaces) {
        setInsertsSpaces(false);
        return;
    }
    if (spaces == 0)
        return;
    setInsertsSpaces(true);
    const auto best = std::max_element(steps.begin(), steps.end());
    if (*best > 0)
        setTabWidth(int(best - steps.begin()));
}

void CodeEditor::setZoomSteps(int steps)
{
    steps = std::clamp(steps, -8, 24);
    if (steps == m_zoomSteps)
        return;
    m_zoomSteps = steps;
    applyFont();
    Q_EMIT zoomChanged(steps);
}

void CodeEditor::applyFont()
{
    QFont f = m_baseFont;
    const qreal base = m_baseFont.pointSizeF() > 0 ? m_baseFont.pointSizeF() : 10.0;
    f.setPointSizeF(qMax(4.0, base + m_zoomSteps));
    setFont(f);
    setTabStopDistance(QFontMetricsF(f).horizontalAdvance(QLatin1Char(' ')) * m_tabWidth);
    updateGutterGeometry();
}

int CodeEditor::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

int CodeEditor::currentColumn() const
{
    return textCursor().positionInBlock() + 1;
}

bool CodeEditor::goToLine(int line, int column)
{
    QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return false;
    // Unfold every region that hides the line.
    while (!block.isVisible()) {
        QTextBlock start = block.previous();
        while (start.isValid() && !start.isVisible())
            start = start.previous();
        if (!start.isValid())
            break;
        unfold(start);
    }
    QTextCursor cursor(block);
    cursor.movePosition(
        QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    return true;
}

void CodeEditor::askForLine()
{
    bool ok = false;
    const int line = QInputDialog::getInt(
        this, tr("Go to Line"), tr("Line (1–%1):").arg(blockCount()), currentLine(), 1, blockCount(), 1, &ok);
    if (ok)
        goToLine(line);
}

bool CodeEditor::isFoldable(const QTextBlock &block) const
{
    return m_highlighter->startsFoldingRegion(block);
}

bool CodeEditor::isFolded(const QTextBlock &block) const
{
    return Folding::isFolded(block);
}

QTextBlock CodeEditor::foldingRegionEnd(const QTextBlock &startBlock) const
{
    return Folding::regionEnd(*m_highlighter, startBlock);
}

void CodeEditor::toggleFold(const QTextBlock &startBlock)
{
    if (isFolded(startBlock))
        unfold(startBlock);
    else
        fold(startBlock);
}

void CodeEditor::fold(const QTextBlock &startBlock)
{
    if (!isFoldable(startBlock) || isFolded(startBlock))
        return;
    // The closing line goes too, as in the KSyntaxHighlighting example: "{ … }" on one line.
    const QTextBlock end = foldingRegionEnd(startBlock).next();
    if (!Folding::hideBetween(startBlock, end))
        return;
    // The cursor must not stay in a hidden block.
    const int cursorBlock = textCursor().blockNumber();
    if (cursorBlock > startBlock.blockNumber() && (!end.isValid() || cursorBlock < end.blockNumber())) {
        QTextCursor c(startBlock);
        c.movePosition(QTextCursor::EndOfBlock);
        setTextCursor(c);
    }
    Folding::relayout(document(), startBlock, end);
    viewport()->update();
    m_gutter->update();
}

void CodeEditor::unfold(const QTextBlock &startBlock)
{
    if (!isFolded(startBlock))
        return;
    Folding::relayout(document(), startBlock, Folding::showAfter(startBlock));
    viewport()->update();
    m_gutter->update();
}

void CodeEditor::unfoldAll()
{
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next()) {
        if (isFolded(b))
            unfold(b);
    }
}

void CodeEditor::foldAtCursor()
{
    const QTextBlock start
        = Folding::enclosingRegionStart(*m_highlighter, textCursor().block(), kFoldSearchBlocks);
    if (start.isValid())
        fold(start);
}

void CodeEditor::unfoldAtCursor()
{
    unfold(textCursor().block());
}

int CodeEditor::matchingBracketPosition() const
{
    return findMatchingBracket(textCursor()).match;
}

QRect CodeEditor::lineRect(const QTextBlock &block) const
{
    if (!block.isValid() || !block.isVisible())
        return {};
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    return QRect(0, int(r.top()), viewport()->width(), int(std::ceil(r.height())));
}

void CodeEditor::keepGlyphsOnScreen()
{
    auto *layout = qobject_cast<CodeDocumentLayout *>(document()->documentLayout());
    QTextBlock block = firstVisibleBlock();
    if (!layout || !block.isValid())
        return;
    // Each block's cache goes on before its geometry is asked for, which lays it out if it is
    // not yet: the glyphs shaped for that layout are then the ones drawn.
    QList<int> onScreen;
    block.layout()->setCacheEnabled(true);
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int bottom = viewport()->height();
    for (; block.isValid() && top <= bottom; block = Folding::nextVisibleBlock(block)) {
        block.layout()->setCacheEnabled(true);
        top += blockBoundingRect(block).height();
        onScreen.append(block.blockNumber());
    }
    layout->keepGlyphs(onScreen);
}

void CodeEditor::paintEvent(QPaintEvent *event)
{
    keepGlyphsOnScreen();
    // The current line's background is painted here rather than as a full-width extra selection:
    // QPlainTextEdit repaints the whole viewport for those, on every keystroke.
    const QRect line = lineRect(textCursor().block()).intersected(event->rect());
    if (!line.isEmpty()) {
        QPainter painter(viewport());
        painter.fillRect(line,
            QColor::fromRgba(m_highlighter->theme().editorColor(KSyntaxHighlighting::Theme::CurrentLine)));
    }
    paintSearchHighlights(event->rect());
    QPlainTextEdit::paintEvent(event);
    paintFoldedMarkers(event->rect());
}

void CodeEditor::setSearchHighlight(const QRegularExpression &pattern)
{
    if (pattern == m_searchPattern)
        return;
    m_searchPattern = pattern;
    viewport()->update();
}

void CodeEditor::paintSearchHighlights(const QRect &area)
{
    if (m_searchPattern.pattern().isEmpty() || !m_searchPattern.isValid())
        return;
    // Only the lines on screen are searched, so this costs the same in any file.
    QPainter painter(viewport());
    const QColor color
        = QColor::fromRgba(m_highlighter->theme().editorColor(KSyntaxHighlighting::Theme::SearchHighlight));
    // Each block's top from the one before it: blockBoundingGeometry() walks from the top of the
    // screen on every call, which made this loop quadratic in the lines on screen.
    const QPointF offset = contentOffset();
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(offset).top();
    for (; block.isValid() && top <= area.bottom(); block = Folding::nextVisibleBlock(block)) {
        const QRectF r = blockBoundingRect(block).translated(offset.x(), top);
        top += block.isVisible() ? r.height() : 0;
        if (!block.isVisible() || r.bottom() < area.top())
            continue;
        QTextLayout *layout = block.layout();
        const QString text = block.text();
        auto it = m_searchPattern.globalMatchView(text);
        while (it.hasNext()) {
            const auto match = it.next();
            if (match.capturedLength() == 0)
                continue;
            const int start = int(match.capturedStart());
            const int end = int(match.capturedEnd());
            const QTextLine line = layout->lineForTextPosition(start);
            if (!line.isValid())
                continue;
            const qreal x1 = line.cursorToX(start);
            const qreal x2 = line.cursorToX(end);
            painter.fillRect(QRectF(r.left() + x1, r.top() + line.y(), x2 - x1, line.height()), color);
        }
    }
}

void CodeEditor::paintFoldedMarkers(const QRect &area)
{
    // A folded line ends in a small "…" box, so that it shows that there is more. The painter and
    // the box's measures are made for the first folded line only: most paints (a keystroke's) have
    // none, and a painter on the viewport costs more than the walk over the lines on screen.
    std::optional<QPainter> painter;
    const QString ellipsis = QStringLiteral(" … ");
    // Each block's top from the one before it, as in paintSearchHighlights().
    const QPointF offset = contentOffset();
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(offset).top();
    while (block.isValid() && top <= area.bottom()) {
        const QRectF r = blockBoundingRect(block).translated(offset.x(), top);
        top += block.isVisible() ? r.height() : 0;
        if (block.isVisible() && r.bottom() >= area.top() && isFolded(block)
            && block.layout()->lineCount() > 0) {
            if (!painter) {
                painter.emplace(viewport());
                painter->setBrush(QColor::fromRgba(
                    m_highlighter->theme().editorColor(KSyntaxHighlighting::Theme::CodeFolding)));
            }
            const QTextLine last = block.layout()->lineAt(block.layout()->lineCount() - 1);
            const QRectF box(
                r.left() + last.naturalTextWidth() + fontMetrics().horizontalAdvance(QLatin1Char(' ')),
                r.top() + last.y() + 1, fontMetrics().horizontalAdvance(ellipsis), last.height() - 2);
            painter->setPen(Qt::NoPen);
            painter->drawRoundedRect(box, 3, 3);
            painter->setPen(
                QColor::fromRgba(m_highlighter->theme().textColor(KSyntaxHighlighting::Theme::Normal)));
            painter->drawText(box, Qt::AlignCenter, ellipsis);
        }
        block = Folding::nextVisibleBlock(block);
    }
}

void CodeEditor::updateExtraSelections()
{
    // Block numbers, not blocks: a remembered block may have been deleted since.
    const QTextBlock current = textCursor().block();
    if (current.blockNumber() != m_currentLine) {
        viewport()->update(lineRect(document()->findBlockByNumber(m_currentLine)));
        viewport()->update(lineRect(current));
        m_currentLine = current.blockNumber();
    }
    QList<QTextEdit::ExtraSelection> selections;
    const auto &theme = m_highlighter->theme();

    m_bracketRefreshTimer.stop();
    const BracketMatch brackets = findMatchingBracket(textCursor());
    m_bracketFirstBlock = brackets.firstBlock;
    m_bracketLastBlock = brackets.lastBlock;
    if (brackets.match >= 0) {
        const QColor color = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BracketMatching));
        const QColor textColor = QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal));
        for (const int position : { brackets.bracket, brackets.match }) {
            QTextEdit::ExtraSelection bracket;
            bracket.format.setBackground(color);
            bracket.format.setForeground(textColor);
            bracket.cursor = QTextCursor(document());
            bracket.cursor.setPosition(position);
            bracket.cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
            selections.append(bracket);
        }
    }
    setExtraSelections(selections);
}

QString CodeEditor::indentUnit() const
{
    return m_insertSpaces ? QString(m_tabWidth, QLatin1Char(' ')) : QStringLiteral("\t");
}

void CodeEditor::insertNewline()
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    cursor.removeSelectedText();
    const QString text = cursor.block().text();
    const int column = cursor.positionInBlock();
    QString indent = leadingWhitespace(text);
    if (indent.size() > column)
        indent.truncate(column);
    const QChar before = column > 0 ? text.at(column - 1) : QChar();
    const QChar after = column < text.size() ? text.at(column) : QChar();
    if (isOpener(before)) {
        cursor.insertText(QLatin1Char('\n') + indent + indentUnit());
        if (after == partnerOf(before)) {
            const int inside = cursor.position();
            cursor.insertText(QLatin1Char('\n') + indent);
            cursor.setPosition(inside);
        }
    } else {
        cursor.insertText(QLatin1Char('\n') + indent);
    }
    cursor.endEditBlock();
    setTextCursor(cursor);
    ensureCursorVisible();
}

bool CodeEditor::indentSelection(bool outdent)
{
    QTextCursor cursor = textCursor();
    QTextBlock first = document()->findBlock(cursor.selectionStart());
    QTextBlock last = document()->findBlock(cursor.selectionEnd());
    if (cursor.hasSelection() && last != first && cursor.selectionEnd() == last.position())
        last = last.previous();
    cursor.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        QTextCursor line(b);
        if (outdent) {
            const QString lead = leadingWhitespace(b.text());
            int remove = 0;
            if (lead.startsWith(QLatin1Char('\t')))
                remove = 1;
            else
                remove = int(qMin<qsizetype>(lead.size(), m_tabWidth));
            line.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, remove);
            line.removeSelectedText();
        } else if (!b.text().isEmpty()) {
            line.insertText(indentUnit());
        }
        if (b == last)
            break;
    }
    cursor.endEditBlock();
    return true;
}

bool CodeEditor::event(QEvent *event)
{
    // Our shortcuts win over application-wide ones while the editor has the focus.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const auto mods = key->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier);
        if (mods == Qt::ControlModifier && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && runMarkerAtCursor() >= 0) {
            event->accept();
            return true;
        }
        if (mods & Qt::ControlModifier) {
            switch (key->key()) {
            case Qt::Key_BracketLeft:
            case Qt::Key_BraceLeft:
            case Qt::Key_BracketRight:
            case Qt::Key_BraceRight:
                if (mods & Qt::ShiftModifier) {
                    event->accept();
                    return true;
                }
                break;
            case Qt::Key_Equal:
            case Qt::Key_Plus:
            case Qt::Key_Minus:
            case Qt::Key_0:
                event->accept();
                return true;
            default:
                break;
            }
        }
    }
    return QPlainTextEdit::event(event);
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (handleShortcut(event))
        return;
    const auto mods = event->modifiers() & (Qt::ControlModifier | Qt::AltModifier);
    if (isReadOnly() || mods != Qt::NoModifier || !handleEditingKey(event))
        QPlainTextEdit::keyPressEvent(event);
}

bool CodeEditor::handleShortcut(QKeyEvent *event)
{
    const auto mods = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier);
    const int key = event->key();
    if (mods == Qt::ControlModifier && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
        if (const int marker = runMarkerAtCursor(); marker >= 0) {
            Q_EMIT runRequested(marker);
            return true;
        }
    }
    if (!(mods & Qt::ControlModifier))
        return false;
    const bool shift = mods & Qt::ShiftModifier;
    if ((key == Qt::Key_BracketLeft || key == Qt::Key_BraceLeft) && shift)
        foldAtCursor();
    else if ((key == Qt::Key_BracketRight || key == Qt::Key_BraceRight) && shift)
        unfoldAtCursor();
    else if (key == Qt::Key_Equal || key == Qt::Key_Plus)
        zoomInText();
    else if (key == Qt::Key_Minus)
        zoomOutText();
    else if (key == Qt::Key_0)
        resetZoom();
    else if (key == Qt::Key_G && mods == Qt::ControlModifier)
        askForLine();
    else
        return false;
    return true;
}

bool CodeEditor::handleEditingKey(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        insertNewline();
        return true;
    case Qt::Key_Backtab:
        indentSelection(true);
        return true;
    case Qt::Key_Tab:
        insertTab();
        return true;
    default:
        return outdentClosingBracket(event->text());
    }
}

void CodeEditor::insertTab()
{
    const QTextCursor cursor = textCursor();
    if (cursor.hasSelection()
        && document()->findBlock(cursor.selectionStart()) != document()->findBlock(cursor.selectionEnd())) {
        indentSelection(false);
    } else if (m_insertSpaces) {
        const int column = cursor.positionInBlock();
        insertPlainText(QString(m_tabWidth - column % m_tabWidth, QLatin1Char(' ')));
    } else {
        insertPlainText(QStringLiteral("\t"));
    }
}

bool CodeEditor::outdentClosingBracket(const QString &typed)
{
    // A closing bracket typed first on a line goes back one level.
    if (typed.size() != 1 || !isCloser(typed.at(0)))
        return false;
    QTextCursor cursor = textCursor();
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    if (cursor.hasSelection() || before.isEmpty() || !before.trimmed().isEmpty())
        return false;
    cursor.beginEditBlock();
    const int remove
        = before.endsWith(QLatin1Char('\t')) ? 1 : int(qMin<qsizetype>(before.size(), m_tabWidth));
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, remove);
    cursor.removeSelectedText();
    cursor.insertText(typed);
    cursor.endEditBlock();
    setTextCursor(cursor);
    return true;
}

void CodeEditor::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = event->angleDelta().y();
        if (delta > 0)
            zoomInText();
        else if (delta < 0)
            zoomOutText();
        event->accept();
        return;
    }
    QPlainTextEdit::wheelEvent(event);
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
}

int CodeEditor::foldMarkerWidth() const
{
    return fontMetrics().lineSpacing();
}

void CodeEditor::setRunMarkers(const QList<int> &blockNumbers)
{
    if (blockNumbers == m_runMarkers)
        return;
    m_runMarkers = blockNumbers;
    std::sort(m_runMarkers.begin(), m_runMarkers.end());
    updateGutterGeometry();
}

int CodeEditor::runMarkerAtCursor() const
{
    const int line = textCursor().blockNumber();
    int found = -1;
    for (int marker : m_runMarkers) {
        if (marker <= line)
            found = marker;
    }
    return found;
}

int CodeEditor::runMarkerWidth() const
{
    return m_runMarkers.isEmpty() ? 0 : fontMetrics().lineSpacing() + 2;
}

void CodeEditor::updateGutterGeometry()
{
    const int width = m_gutter->neededWidth();
    if (viewportMargins().left() != width)
        setViewportMargins(width, 0, 0, 0);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), width, r.height()));
    m_gutter->update();
}

void CodeEditor::updateGutterArea(const QRect &rect, int dy)
{
    if (dy) {
        m_gutter->scroll(0, dy);
        return;
    }
    // A horizontal scroll asks for the whole viewport, but the line numbers do not move with it.
    const int horizontal = horizontalScrollBar()->value();
    const bool scrolledSideways = horizontal != m_gutterHorizontal;
    m_gutterHorizontal = horizontal;
    if (scrolledSideways && rect == viewport()->rect())
        return;
    m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

QTextBlock CodeEditor::blockAtY(int y) const
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= y) {
        if (block.isVisible()) {
            const qreal bottom = top + blockBoundingRect(block).height();
            if (y < bottom)
                return block;
            top = bottom;
        }
        block = Folding::nextVisibleBlock(block);
    }
    return {};
}

} // namespace StudyBench
