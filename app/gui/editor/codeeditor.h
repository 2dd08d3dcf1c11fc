#pragma once

#include "editor/bracketmatcher.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTimer>

namespace StudyBench {

class EditorGutter;
class ProgressiveHighlighter;

/// A plain-text editor for code, highlighted by KSyntaxHighlighting.
///
/// It paints line numbers and folding markers in a gutter (EditorGutter), highlights the current line and the
/// bracket matching the one at the cursor, folds regions the syntax definition marks (click the
/// marker, or Ctrl+Shift+[ and Ctrl+Shift+]), keeps the previous line's indentation on Return,
/// indents with spaces or tabs as set per file, zooms with Ctrl+= / Ctrl+- / Ctrl+0 and jumps to
/// a line with Ctrl+G. Texts longer than progressiveThreshold() are highlighted a slice at a time
/// from the event loop, so opening them does not freeze the window.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    /// Replaces the whole text: no undo history, not modified, cursor at the start.
    void setText(const QString &text);
    /// Characters from which setText() highlights progressively (default 256 Ki).
    static qsizetype progressiveThreshold();
    static void setProgressiveThreshold(qsizetype characters);
    /// False while a long text is still being highlighted in the background.
    bool isHighlightingComplete() const;

    KSyntaxHighlighting::Definition definition() const;
    void setDefinition(const KSyntaxHighlighting::Definition &definition);
    /// By the definition's (untranslated) name, e.g. "JSON"; false when there is none such.
    bool setDefinitionByName(const QString &name);
    /// Picks the definition from the file name, then from the MIME type of name and content.
    void detectDefinition(const QString &fileName);

    KSyntaxHighlighting::Theme theme() const;
    /// Uses @p theme for the text and the editor's colours; an invalid theme means "follow the palette".
    void setTheme(const KSyntaxHighlighting::Theme &theme);
    /// By name, e.g. "Breeze Dark"; an empty name follows the palette. False when there is none such.
    bool setThemeByName(const QString &name);
    /// True when the theme is chosen from the palette (light or dark) and follows its changes.
    bool followsPalette() const { return m_followPalette; }

    int tabWidth() const { return m_tabWidth; }
    void setTabWidth(int columns);
    bool insertsSpaces() const { return m_insertSpaces; }
    void setInsertsSpaces(bool spaces);
    /// Guesses tabs or spaces and the width from the leading whitespace of the text.
    void detectIndentation();

    int zoomSteps() const { return m_zoomSteps; }
    void setZoomSteps(int steps);

    /// 1-based line and column of the cursor.
    int currentLine() const;
    int currentColumn() const;
    /// Moves the cursor to @p line (1-based), unfolding it if needed; false when out of range.
    bool goToLine(int line, int column = 1);

    bool isFoldable(const QTextBlock &block) const;
    bool isFolded(const QTextBlock &block) const;
    /// The last block of the region @p startBlock opens (the block itself when it opens none).
    QTextBlock foldingRegionEnd(const QTextBlock &startBlock) const;
    void toggleFold(const QTextBlock &startBlock);
    void fold(const QTextBlock &startBlock);
    void unfold(const QTextBlock &startBlock);

    /// Marks every match of @p pattern on screen (the find bar's); an empty pattern marks none.
    void setSearchHighlight(const QRegularExpression &pattern);
    QRegularExpression searchHighlight() const { return m_searchPattern; }

    /// The position of the bracket matching the one at (or just before) the cursor, or -1.
    ///
    /// As in Kate and VS Code, brackets in strings, comments, character literals and regular
    /// expressions do not count, by the highlighter's formats. A bracket that is itself in one pairs
    /// only with brackets of its own format (as in Kate), within that same string or comment. Lines the
    /// background highlighting has not reached yet count every bracket; the highlight is brought up to date
    /// when it reaches them.
    int matchingBracketPosition() const;

    /// Lines (block numbers, from 0) that start something runnable, such as the requests of a
    /// .http file: the gutter shows a "run" marker there; clicking it, or Ctrl+Enter on or below
    /// such a line, emits runRequested().
    void setRunMarkers(const QList<int> &blockNumbers);
    QList<int> runMarkers() const { return m_runMarkers; }
    /// The marker at or above the cursor's line, or -1.
    int runMarkerAtCursor() const;

    // For the gutter (see EditorGutter).
    int runMarkerWidth() const;
    int foldMarkerWidth() const;
    /// The block on screen at viewport height @p y, or an invalid one.
    QTextBlock blockAtY(int y) const;

public Q_SLOTS:
    /// Folds the innermost region around the cursor (Ctrl+Shift+[).
    void foldAtCursor();
    /// Unfolds the region at the cursor's line (Ctrl+Shift+]).
    void unfoldAtCursor();
    void unfoldAll();
    void zoomInText() { setZoomSteps(m_zoomSteps + 1); }
    void zoomOutText() { setZoomSteps(m_zoomSteps - 1); }
    void resetZoom() { setZoomSteps(0); }
    /// Asks for a line number and goes there (Ctrl+G).
    void askForLine();

Q_SIGNALS:
    void definitionChanged(const KSyntaxHighlighting::Definition &definition);
    void themeChanged(const KSyntaxHighlighting::Theme &theme);
    void zoomChanged(int steps);
    void indentationChanged();
    /// A long text has been highlighted to its end.
    void highlightingFinished();
    /// The learner asked to run what starts at @p blockNumber (see setRunMarkers()).
    void runRequested(int blockNumber);

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The gutter paints from firstVisibleBlock(), with the editor's block geometry.
    friend class EditorGutter;

    QList<int> m_runMarkers;
    void applyTheme(const KSyntaxHighlighting::Theme &theme);
    void applyFont();
    void updateGutterGeometry();
    void updateGutterArea(const QRect &rect, int dy);
    void updateExtraSelections();
    void highlightNextSlice();
    void startProgressiveHighlighting();
    void highlightVisibleBlocks();
    void followEdits(QTextDocument *document);
    QRect lineRect(const QTextBlock &block) const;
    void paintFoldedMarkers(const QRect &area);
    /// The blocks on screen keep their shaped glyphs between paints (CodeDocumentLayout::keepGlyphs()).
    void keepGlyphsOnScreen();
    void paintSearchHighlights(const QRect &area);
    QString indentUnit() const;
    void insertNewline();
    bool indentSelection(bool outdent);
    /// Ctrl shortcuts and Ctrl+Enter on a run marker; false when @p event is none of them.
    bool handleShortcut(QKeyEvent *event);
    /// Return, Tab, Backtab and a closing bracket, edited the code way; false for other keys.
    bool handleEditingKey(QKeyEvent *event);
    /// Tab: indents a multi-line selection, else inserts up to the next tab stop.
    void insertTab();
    /// A closing bracket typed first on a line goes back one level; false when it is not that.
    bool outdentClosingBracket(const QString &typed);

    ProgressiveHighlighter *m_highlighter;
    EditorGutter *m_gutter;
    QTimer m_highlightTimer;
    QTimer m_bracketRefreshTimer;
    int m_bracketFirstBlock = -1;
    int m_bracketLastBlock = -2;
    int m_currentLine = -1;
    /// The horizontal scroll at the gutter's last update request (updateGutterArea()).
    int m_gutterHorizontal = 0;
    QRegularExpression m_searchPattern;
    QFont m_baseFont;
    int m_zoomSteps = 0;
    int m_tabWidth = 4;
    bool m_insertSpaces = true;
    bool m_followPalette = true;
    bool m_applyingTheme = false;
};

} // namespace StudyBench
