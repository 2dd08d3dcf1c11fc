#include "editor/codeeditor.h"

#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QApplication>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QPointer>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTextDocument>
#include <QTextLayout>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace StudyBench {

namespace {

qsizetype s_progressiveThreshold = 256 * 1024;

// How long one slice of background highlighting may keep the event loop busy.
constexpr int kSliceMilliseconds = 8;
// Bracket matching gives up this far from the cursor, so typing stays fast in huge files.
constexpr int kBracketSearchBlocks = 4000;
// New highlighting where bracket matching looked redoes it after this long, at most once meanwhile.
constexpr int kBracketRefreshMilliseconds = 20;
// Folding at the cursor looks this many lines up for the region's start.
constexpr int kFoldSearchBlocks = 2000;

bool isOpener(QChar c)
{
    return c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{');
}

bool isCloser(QChar c)
{
    return c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}');
}

bool isBracket(QChar c)
{
    return isOpener(c) || isCloser(c);
}

// The highlighter marks every character with its bracket class, a property of its format: code;
// a decoration inside comments (an alert such as TODO, a Doxygen tag), which counts as code but does
// not end the comment; or, in a string, comment, character or regular expression, the
// KSyntaxHighlighting format's id plus 1.
constexpr int kBracketClassProperty = QTextFormat::UserProperty + 1;
constexpr int kCodeClass = 0;
constexpr int kDecorationClass = -1;

int bracketClassOf(const KSyntaxHighlighting::Format &format)
{
    using KSyntaxHighlighting::Theme;
    switch (format.textStyle()) {
    case Theme::Char:
    case Theme::SpecialChar: // escapes, and the insides of regular expressions
    case Theme::String:
    case Theme::VerbatimString:
    case Theme::SpecialString: // regular expressions
    case Theme::Comment:
    case Theme::Documentation:
        return format.id() + 1;
    case Theme::Annotation:
    case Theme::CommentVar:
    case Theme::RegionMarker:
    case Theme::Information:
    case Theme::Warning:
    case Theme::Alert:
        return kDecorationClass;
    case Theme::DataType:
        // JSON's keys are strings, styled as data types.
        return format.name().contains(u"String") ? format.id() + 1 : kCodeClass;
    default:
        return kCodeClass;
    }
}

/// The bracket classes of the characters of one block, from the formats the highlighter gave it.
class BracketClasses
{
public:
    explicit BracketClasses(const QTextBlock &block)
        : m_ranges(block.layout()->formats())
        , m_classes(m_ranges.size(), kUnknownClass)
    { }

    /// False while the (background) highlighting has not reached the block, and for an empty one.
    bool isHighlighted() const { return !m_ranges.isEmpty(); }

    int at(int column)
    {
        // Searches go character by character: the range of the last answer is the likeliest.
        if (!contains(m_last, column)) {
            // The highlighter sets the ranges in order, without overlaps.
            const auto after = std::upper_bound(m_ranges.cbegin(), m_ranges.cend(), column,
                [](int c, const QTextLayout::FormatRange &range) { return c < range.start; });
            const qsizetype index = after - m_ranges.cbegin() - 1;
            if (!contains(index, column))
                return kCodeClass;
            m_last = index;
        }
        // Reading a format's property costs more than the rest: once per range, and only when asked.
        int &bracketClass = m_classes[m_last];
        if (bracketClass == kUnknownClass)
            bracketClass = m_ranges.at(m_last).format.intProperty(kBracketClassProperty);
        return bracketClass;
    }

private:
    static constexpr int kUnknownClass = std::numeric_limits<int>::min();

    bool contains(qsizetype index, int column) const
    {
        if (index < 0 || index >= m_ranges.size())
            return false;
        const auto &range = m_ranges.at(index);
        return column >= range.start && column < range.start + range.length;
    }

    QList<QTextLayout::FormatRange> m_ranges;
    QVarLengthArray<int, 16> m_classes;
    qsizetype m_last = 0;
};

QChar partnerOf(QChar c)
{
    switch (c.unicode()) {
    case u'(':
        return QLatin1Char(')');
    case u'[':
        return QLatin1Char(']');
    case u'{':
        return QLatin1Char('}');
    case u')':
        return QLatin1Char('(');
    case u']':
        return QLatin1Char('[');
    case u'}':
        return QLatin1Char('{');
    default:
        return {};
    }
}

QString leadingWhitespace(const QString &line)
{
    qsizetype i = 0;
    while (i < line.size() && (line.at(i) == QLatin1Char(' ') || line.at(i) == QLatin1Char('\t')))
        ++i;
    return line.left(i);
}

} // namespace

/// The highlighter, able to hold back: while gated, only blocks up to the frontier are highlighted,
/// and highlightSlice() moves the frontier down the document for a few milliseconds at a time.
class ProgressiveHighlighter : public KSyntaxHighlighting::SyntaxHighlighter
{
public:
    explicit ProgressiveHighlighter(QTextDocument *document)
        : KSyntaxHighlighting::SyntaxHighlighter(document)
    { }

    bool isGated() const { return m_gated; }
    int frontier() const { return m_frontier; }
    void setGate(bool gated, int frontier = -1)
    {
        m_gated = gated;
        m_frontier = frontier;
    }
    void setFrontier(int frontier) { m_frontier = frontier; }
    /// Called with each block that is about to be highlighted (or, past the frontier, left plain).
    void setBlockHandler(std::function<void(const QTextBlock &)> handler)
    {
        m_blockHandler = std::move(handler);
    }

    /// Highlights the blocks after the frontier for about @p milliseconds. False at the end.
    bool highlightSlice(int milliseconds)
    {
        const QTextBlock first = document()->findBlockByNumber(m_frontier + 1);
        if (!first.isValid())
            return false;
        m_sliceNext = m_frontier + 1;
        m_sliceBudget = milliseconds;
        m_sliceClock.start();
        m_inSlice = true;
        // One call for the whole slice: highlightBlock() keeps QSyntaxHighlighter going from
        // block to block, which costs far less than a rehighlightBlock() per block.
        rehighlightBlock(first);
        m_inSlice = false;
        return m_frontier + 1 < document()->blockCount();
    }

    /// Highlights @p count blocks from @p first now, ahead of the frontier (what is on screen).
    void highlightAhead(const QTextBlock &first, int count)
    {
        if (!first.isValid() || count <= 0)
            return;
        m_aheadRemaining = count;
        rehighlightBlock(first);
        m_aheadRemaining = 0;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        KSyntaxHighlighting::SyntaxHighlighter::applyFormat(offset, length, format);
        if (length <= 0)
            return;
        QTextCharFormat marked = QSyntaxHighlighter::format(offset);
        marked.setProperty(kBracketClassProperty, bracketClassOf(format));
        QSyntaxHighlighter::setFormat(offset, length, marked);
    }

    void highlightBlock(const QString &text) override
    {
        if (m_blockHandler)
            m_blockHandler(currentBlock());
        if (m_aheadRemaining > 0) {
            KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
            if (--m_aheadRemaining > 0)
                setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
            return;
        }
        if (m_inSlice) {
            const int number = m_sliceNext++;
            m_frontier = number;
            KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
            // QSyntaxHighlighter goes on to the next block when this block's state changed.
            // KSyntaxHighlighting keeps its state elsewhere, so the state is free for this.
            const bool more = (number % 64) != 63 || m_sliceClock.elapsed() < m_sliceBudget;
            if (more)
                setCurrentBlockState(currentBlockState() == 0 ? 1 : 0);
            return;
        }
        if (m_gated && currentBlock().blockNumber() > m_frontier)
            return;
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
    }

private:
    bool m_gated = false;
    int m_frontier = -1;
    bool m_inSlice = false;
    int m_aheadRemaining = 0;
    int m_sliceNext = 0;
    int m_sliceBudget = 0;
    QElapsedTimer m_sliceClock;
    std::function<void(const QTextBlock &)> m_blockHandler;
};

/// QPlainTextDocumentLayout, told precisely which block changed.
///
/// QPlainTextDocumentLayout takes a change to reach from its start over the removed plus the added
/// characters. When QSyntaxHighlighter marks the whole block it just highlighted as dirty, that
/// merges with the keystroke into "n - 1 removed, n added" from the start of the block, which then
/// seems to reach into the next block, and the whole viewport is repainted on every keystroke.
/// When the number of blocks is unchanged and the new text lies in one block, the change is
/// passed on as that block alone, so only it is laid out and repainted; new formats for a block
/// that is not laid out need nothing at all (background highlighting of a long file).
class CodeEditorDocumentLayout : public QPlainTextDocumentLayout
{
public:
    using QPlainTextDocumentLayout::QPlainTextDocumentLayout;

protected:
    void documentChanged(int from, int charsRemoved, int charsAdded) override
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

private:
    int m_blockCount = 1;
};

QTextDocument *createDocument(QObject *parent)
{
    auto *document = new QTextDocument(parent);
    document->setDocumentLayout(new CodeEditorDocumentLayout(document));
    return document;
}

/// Line numbers and folding markers, painted by the editor.
class CodeEditorSidebar : public QWidget
{
public:
    explicit CodeEditorSidebar(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
        setCursor(Qt::ArrowCursor);
    }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintSidebar(event); }
    void mousePressEvent(QMouseEvent *event) override { event->accept(); }
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton && event->position().x() < m_editor->runMarkerWidth()) {
            const QTextBlock block = m_editor->blockAtY(int(event->position().y()));
            if (block.isValid() && m_editor->runMarkers().contains(block.blockNumber()))
                Q_EMIT m_editor->runRequested(block.blockNumber());
            return;
        }
        if (event->button() != Qt::LeftButton
            || event->position().x() < width() - m_editor->foldMarkerWidth())
            return;
        const QTextBlock block = m_editor->blockAtY(int(event->position().y()));
        if (block.isValid() && m_editor->isFoldable(block))
            m_editor->toggleFold(block);
    }

private:
    CodeEditor *m_editor;
};

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new ProgressiveHighlighter(createDocument(this)))
    , m_sidebar(new CodeEditorSidebar(this))
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

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateSidebarGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateSidebarArea);
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
    QTextDocument *fresh = createDocument(this);
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
    updateSidebarGeometry();
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
    m_sidebar->update();
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
    m_sidebar->update();
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
    m_sidebar->update();
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
        updateSidebarGeometry();
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
    updateSidebarGeometry();
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
    if (!block.isValid() || !block.isVisible())
        return false;
    const QTextBlock next = block.next();
    return next.isValid() && !next.isVisible();
}

QTextBlock CodeEditor::foldingRegionEnd(const QTextBlock &startBlock) const
{
    if (!isFoldable(startBlock))
        return startBlock;
    const QTextBlock end = m_highlighter->findFoldingRegionEnd(startBlock);
    return end.isValid() ? end : document()->lastBlock();
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
    if (startBlock.next() == end)
        return;
    for (QTextBlock b = startBlock.next(); b.isValid() && b != end; b = b.next()) {
        b.setVisible(false);
        b.setLineCount(0);
    }
    // The cursor must not stay in a hidden block.
    const int cursorBlock = textCursor().blockNumber();
    if (cursorBlock > startBlock.blockNumber() && (!end.isValid() || cursorBlock < end.blockNumber())) {
        QTextCursor c(startBlock);
        c.movePosition(QTextCursor::EndOfBlock);
        setTextCursor(c);
    }
    const int endPosition = end.isValid() ? end.position() : document()->characterCount();
    document()->markContentsDirty(startBlock.position(), endPosition - startBlock.position());
    Q_EMIT document()->documentLayout()->documentSizeChanged(document()->documentLayout()->documentSize());
    viewport()->update();
    m_sidebar->update();
}

void CodeEditor::unfold(const QTextBlock &startBlock)
{
    if (!isFolded(startBlock))
        return;
    QTextBlock b = startBlock.next();
    while (b.isValid() && !b.isVisible()) {
        b.setVisible(true);
        b.setLineCount(qMax(1, b.layout()->lineCount()));
        b = b.next();
    }
    const int endPosition = b.isValid() ? b.position() : document()->characterCount();
    document()->markContentsDirty(startBlock.position(), endPosition - startBlock.position());
    Q_EMIT document()->documentLayout()->documentSizeChanged(document()->documentLayout()->documentSize());
    viewport()->update();
    m_sidebar->update();
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
    const QTextBlock cursorBlock = textCursor().block();
    QTextBlock b = cursorBlock;
    for (int i = 0; b.isValid() && i < kFoldSearchBlocks; ++i, b = b.previous()) {
        if (!isFoldable(b) || isFolded(b))
            continue;
        if (foldingRegionEnd(b).blockNumber() >= cursorBlock.blockNumber()) {
            fold(b);
            return;
        }
    }
}

void CodeEditor::unfoldAtCursor()
{
    unfold(textCursor().block());
}

int CodeEditor::matchingBracketPosition() const
{
    return findMatchingBracket().match;
}

CodeEditor::BracketMatch CodeEditor::findMatchingBracket() const
{
    BracketMatch result;
    const QTextCursor cursor = textCursor();
    QTextBlock block = cursor.block();
    QString line = block.text();
    int i = cursor.positionInBlock();
    // The bracket after the cursor, else the one before it.
    if (i >= line.size() || !isBracket(line.at(i))) {
        if (i == 0 || !isBracket(line.at(i - 1)))
            return result;
        --i;
    }
    const QChar bracket = line.at(i);
    const QChar partner = partnerOf(bracket);
    const bool forward = isOpener(bracket);
    const int start = block.blockNumber();
    result.bracket = block.position() + i;
    result.firstBlock = result.lastBlock = start;

    // From code, brackets in strings, comments, characters and regular expressions do not count.
    // From a bracket in one of those, only brackets of the same format count (as in Kate), up to the
    // end of that string or comment. Lines not highlighted yet count every bracket.
    std::optional<BracketClasses> classes(std::in_place, block);
    const int own = qMax(kCodeClass, classes->at(i));
    int depth = 0;
    for (int blocks = 1;; ++blocks) {
        for (; forward ? i < line.size() : i >= 0; i += forward ? 1 : -1) {
            const QChar c = line.at(i);
            const bool candidate = c == bracket || c == partner;
            if (own == kCodeClass) {
                if (!candidate)
                    continue;
                if (!classes)
                    classes.emplace(block);
                if (classes->at(i) > kCodeClass)
                    continue;
            } else {
                const int here = classes->at(i);
                if (here == kCodeClass)
                    return result; // out of the string or comment
                if (!candidate || here != own)
                    continue;
            }
            if (c == bracket) {
                ++depth;
            } else if (--depth == 0) {
                result.match = block.position() + i;
                return result;
            }
        }
        block = forward ? block.next() : block.previous();
        if (!block.isValid() || blocks >= kBracketSearchBlocks)
            return result;
        if (forward)
            result.lastBlock = start + blocks;
        else
            result.firstBlock = start - blocks;
        line = block.text();
        i = forward ? 0 : int(line.size()) - 1;
        classes.reset();
        if (own != kCodeClass && !line.isEmpty()) {
            classes.emplace(block);
            // Whether the string or comment goes on is not known yet.
            if (!classes->isHighlighted())
                return result;
        }
    }
}

QRect CodeEditor::lineRect(const QTextBlock &block) const
{
    if (!block.isValid() || !block.isVisible())
        return {};
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    return QRect(0, int(r.top()), viewport()->width(), int(std::ceil(r.height())));
}

void CodeEditor::paintEvent(QPaintEvent *event)
{
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
    const QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = nextVisibleBlock(block)) {
        const QRectF r = blockBoundingGeometry(block).translated(offset);
        if (r.top() > area.bottom())
            break;
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
    // A folded line ends in a small "…" box, so that it shows that there is more.
    QPainter painter(viewport());
    const QColor color
        = QColor::fromRgba(m_highlighter->theme().editorColor(KSyntaxHighlighting::Theme::CodeFolding));
    const QColor textColor
        = QColor::fromRgba(m_highlighter->theme().textColor(KSyntaxHighlighting::Theme::Normal));
    const QString ellipsis = QStringLiteral(" … ");
    const int boxWidth = fontMetrics().horizontalAdvance(ellipsis);
    QTextBlock block = firstVisibleBlock();
    const QPointF offset = contentOffset();
    while (block.isValid()) {
        const QRectF r = blockBoundingGeometry(block).translated(offset);
        if (r.top() > area.bottom())
            break;
        if (block.isVisible() && r.bottom() >= area.top() && isFolded(block)
            && block.layout()->lineCount() > 0) {
            const QTextLine last = block.layout()->lineAt(block.layout()->lineCount() - 1);
            const QRectF box(
                r.left() + last.naturalTextWidth() + fontMetrics().horizontalAdvance(QLatin1Char(' ')),
                r.top() + last.y() + 1, boxWidth, last.height() - 2);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawRoundedRect(box, 3, 3);
            painter.setPen(textColor);
            painter.drawText(box, Qt::AlignCenter, ellipsis);
        }
        block = nextVisibleBlock(block);
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
    const BracketMatch brackets = findMatchingBracket();
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
    const auto mods = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier);
    const int key = event->key();
    if (mods == Qt::ControlModifier && (key == Qt::Key_Return || key == Qt::Key_Enter)
        && !m_runMarkers.isEmpty()) {
        if (const int marker = runMarkerAtCursor(); marker >= 0) {
            Q_EMIT runRequested(marker);
            return;
        }
    }
    if (mods & Qt::ControlModifier) {
        if ((key == Qt::Key_BracketLeft || key == Qt::Key_BraceLeft) && (mods & Qt::ShiftModifier)) {
            foldAtCursor();
            return;
        }
        if ((key == Qt::Key_BracketRight || key == Qt::Key_BraceRight) && (mods & Qt::ShiftModifier)) {
            unfoldAtCursor();
            return;
        }
        if (key == Qt::Key_Equal || key == Qt::Key_Plus) {
            zoomInText();
            return;
        }
        if (key == Qt::Key_Minus) {
            zoomOutText();
            return;
        }
        if (key == Qt::Key_0) {
            resetZoom();
            return;
        }
        if (key == Qt::Key_G && mods == Qt::ControlModifier) {
            askForLine();
            return;
        }
    }
    if (isReadOnly() || (mods & (Qt::ControlModifier | Qt::AltModifier))) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        insertNewline();
        return;
    }
    if (key == Qt::Key_Backtab) {
        indentSelection(true);
        return;
    }
    if (key == Qt::Key_Tab) {
        const QTextCursor cursor = textCursor();
        if (cursor.hasSelection()
            && document()->findBlock(cursor.selectionStart())
                != document()->findBlock(cursor.selectionEnd())) {
            indentSelection(false);
        } else if (m_insertSpaces) {
            const int column = cursor.positionInBlock();
            insertPlainText(QString(m_tabWidth - column % m_tabWidth, QLatin1Char(' ')));
        } else {
            insertPlainText(QStringLiteral("\t"));
        }
        return;
    }
    const QString typed = event->text();
    if (typed.size() == 1 && isCloser(typed.at(0))) {
        // A closing bracket typed first on a line goes back one level.
        QTextCursor cursor = textCursor();
        const QString before = cursor.block().text().left(cursor.positionInBlock());
        if (!cursor.hasSelection() && !before.isEmpty() && before.trimmed().isEmpty()) {
            cursor.beginEditBlock();
            const int remove
                = before.endsWith(QLatin1Char('\t')) ? 1 : int(qMin<qsizetype>(before.size(), m_tabWidth));
            cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, remove);
            cursor.removeSelectedText();
            cursor.insertText(typed);
            cursor.endEditBlock();
            setTextCursor(cursor);
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
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
    updateSidebarGeometry();
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
    updateSidebarGeometry();
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

int CodeEditor::sidebarWidth() const
{
    int digits = 1;
    for (int count = qMax(1, blockCount()); count >= 10; count /= 10)
        ++digits;
    digits = qMax(digits, 3);
    const int margin = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    return runMarkerWidth() + margin + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits
        + foldMarkerWidth();
}

void CodeEditor::updateSidebarGeometry()
{
    const int width = sidebarWidth();
    if (viewportMargins().left() != width)
        setViewportMargins(width, 0, 0, 0);
    const QRect r = contentsRect();
    m_sidebar->setGeometry(QRect(r.left(), r.top(), width, r.height()));
    m_sidebar->update();
}

void CodeEditor::updateSidebarArea(const QRect &rect, int dy)
{
    if (dy)
        m_sidebar->scroll(0, dy);
    else
        m_sidebar->update(0, rect.y(), m_sidebar->width(), rect.height());
}

QTextBlock CodeEditor::nextVisibleBlock(const QTextBlock &block) const
{
    const QTextBlock next = block.next();
    if (!next.isValid() || next.isVisible())
        return next;
    // Skip a folded run in O(log n): hidden blocks count no lines.
    return document()->findBlockByLineNumber(block.firstLineNumber() + qMax(1, block.lineCount()));
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
        block = nextVisibleBlock(block);
    }
    return {};
}

void CodeEditor::paintSidebar(QPaintEvent *event)
{
    const auto &theme = m_highlighter->theme();
    QPainter painter(m_sidebar);
    painter.fillRect(
        event->rect(), QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder)));

    const int markerSize = foldMarkerWidth();
    const int numberRight = m_sidebar->width() - markerSize - 2;
    const int currentBlock = textCursor().blockNumber();
    const QColor numberColor = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers));
    const QColor currentColor
        = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLineNumber));
    const QColor markerColor = numberColor;

    // Only the blocks on screen: the cost does not grow with the document.
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int number = block.blockNumber();
            painter.setPen(number == currentBlock ? currentColor : numberColor);
            painter.drawText(QRectF(0, top, numberRight, lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                QString::number(number + 1));
            if (std::binary_search(m_runMarkers.cbegin(), m_runMarkers.cend(), number)) {
                // A green "run" triangle: click to send this request.
                const qreal size = markerSize * 0.7;
                const QPointF origin((runMarkerWidth() - size) / 2.0, top + (lineHeight - size) / 2.0);
                painter.save();
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(0x2e, 0xa0, 0x43));
                painter.drawPolygon(
                    QPolygonF { origin, origin + QPointF(0, size), origin + QPointF(size, size / 2.0) });
                painter.restore();
            }
            if (isFoldable(block)) {
                const bool folded = isFolded(block);
                QPolygonF marker;
                if (folded) {
                    marker << QPointF(markerSize * 0.35, markerSize * 0.25)
                           << QPointF(markerSize * 0.35, markerSize * 0.75)
                           << QPointF(markerSize * 0.75, markerSize * 0.5);
                } else {
                    marker << QPointF(markerSize * 0.25, markerSize * 0.35)
                           << QPointF(markerSize * 0.75, markerSize * 0.35)
                           << QPointF(markerSize * 0.5, markerSize * 0.75);
                }
                painter.save();
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(folded ? currentColor : markerColor);
                painter.translate(m_sidebar->width() - markerSize, top + (lineHeight - markerSize) / 2.0);
                painter.drawPolygon(marker);
                painter.restore();
            }
        }
        top += block.isVisible() ? height : 0;
        block = nextVisibleBlock(block);
    }
}

} // namespace StudyBench
