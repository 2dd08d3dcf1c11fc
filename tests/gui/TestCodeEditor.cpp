#include "editor/codedocumentlayout.h"
#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editorgutter.h"
#include "editor/editortabs.h"
#include "editor/findreplacebar.h"
#include "editor/scratchpads.h"
#include "editor/syntaxrepository.h"
#include "editor/textfile.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QPaintEvent>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <cmath>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<unreadable>");
    return f.readAll();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// The format the highlighter gave the character at @p column of @p block.
QTextCharFormat formatAt(const QTextBlock &block, int column)
{
    const auto ranges = block.layout()->formats();
    for (const auto &range : ranges) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return {};
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2c));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    return p;
}

/// A text for bracket matching, without its marks: "‸" where the cursor goes and "•" just before the
/// bracket that should match the one at the cursor (none: no match).
struct MarkedText
{
    QString text;
    int cursor = -1;
    int match = -1;
};

MarkedText unmark(const QString &marked)
{
    MarkedText result;
    for (const QChar c : marked) {
        if (c == u'‸')
            result.cursor = int(result.text.size());
        else if (c == u'•')
            result.match = int(result.text.size());
        else
            result.text += c;
    }
    return result;
}

const QString kJson = u"{\n"
                      "  \"a\": {\n"
                      "    \"b\": 1,\n"
                      "    \"c\": 2\n"
                      "  },\n"
                      "  \"d\": [\n"
                      "    1,\n"
                      "    2\n"
                      "  ]\n"
                      "}\n"_s;

/// The line of @p text drawn alone with @p formats in @p font, on white.
QImage drawnLine(const QString &text, const QList<QTextLayout::FormatRange> &formats, const QFont &font)
{
    QTextLayout layout(text, font);
    layout.setFormats(formats);
    layout.beginLayout();
    const QTextLine line = layout.createLine();
    layout.endLayout();
    QImage image(int(std::ceil(line.naturalTextWidth())) + 4, int(std::ceil(line.height())) + 2,
        QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    layout.draw(&painter, QPointF(2, 1));
    return image;
}

EditorGutter *gutterOf(const CodeEditor &editor)
{
    const QList<QWidget *> children = editor.findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (QWidget *child : children) {
        if (auto *gutter = dynamic_cast<EditorGutter *>(child))
            return gutter;
    }
    return nullptr;
}

/// The formats KSyntaxHighlighting's own highlighter gives @p text's first line.
QList<QTextLayout::FormatRange> stockFormats(const QString &text, const CodeEditor &editor)
{
    QTextDocument document;
    document.setPlainText(text);
    KSyntaxHighlighting::SyntaxHighlighter stock(&document);
    stock.setDefinition(editor.definition());
    stock.setTheme(editor.theme());
    stock.rehighlight();
    return document.firstBlock().layout()->formats();
}

/// Shows @p editor at 700×500 with @p lines lines of highlighted JSON objects.
void showJsonLines(CodeEditor &editor, int lines)
{
    QString text;
    for (int i = 0; i < lines; ++i)
        text += u"{\"key\": \"value %1\", \"n\": %1, \"ok\": true},\n"_s.arg(i);
    editor.resize(700, 500);
    editor.setDefinitionByName(u"JSON"_s);
    editor.setText(text);
    editor.show();
}

/// Collects the rectangles a widget paints.
class PaintRecorder : public QObject
{
public:
    QRegion painted;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return QObject::eventFilter(watched, event);
    }
};

/// Answers the unsaved-changes question without a dialog.
class ScriptedTabs : public EditorTabs
{
public:
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int asked = 0;

protected:
    QMessageBox::StandardButton askToSave(EditorDocument *) override
    {
        ++asked;
        return answer;
    }
};

} // namespace

class TestCodeEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonKeysAndValuesAreHighlightedDifferently()
    {
        CodeEditor editor;
        QVERIFY(editor.setDefinitionByName(u"JSON"_s));
        editor.setText(u"{\n  \"name\": \"value\",\n  \"n\": 12\n}\n"_s);
        const QTextBlock line = editor.document()->findBlockByNumber(1);
        QVERIFY(!line.layout()->formats().isEmpty());
        const QTextCharFormat key = formatAt(line, 4); // inside "name"
        const QTextCharFormat value = formatAt(line, 13); // inside "value"
        QVERIFY(key.hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY(value.hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY2(key.foreground().color() != value.foreground().color(),
            qPrintable(key.foreground().color().name() + u" == "_s + value.foreground().color().name()));
        // The number differs from both.
        const QTextCharFormat number = formatAt(editor.document()->findBlockByNumber(2), 8);
        QVERIFY(number.foreground().color() != key.foreground().color());
    }

    void definitionFromNameAndContent()
    {
        CodeEditor editor;
        editor.detectDefinition(u"settings.json"_s);
        QCOMPARE(editor.definition().name(), u"JSON"_s);
        editor.detectDefinition(u"main.py"_s);
        QCOMPARE(editor.definition().name(), u"Python"_s);
        editor.setText(u"#!/bin/bash\necho hello\n"_s);
        editor.detectDefinition(u"run-me"_s);
        QCOMPARE(editor.definition().name(), u"Bash"_s);
        editor.setText(u"just some words\n"_s);
        editor.detectDefinition(u"notes"_s);
        QVERIFY(!editor.definition().isValid());
        QVERIFY(!editor.setDefinitionByName(u"No Such Language"_s));
    }

    void foldingRegionsAndHiddenBlocks()
    {
        CodeEditor editor;
        editor.resize(400, 300);
        editor.setDefinitionByName(u"JSON"_s);
        editor.setText(kJson);
        QTextDocument *doc = editor.document();
        QVERIFY(editor.isFoldable(doc->findBlockByNumber(0)));
        QVERIFY(editor.isFoldable(doc->findBlockByNumber(1)));
        QVERIFY(!editor.isFoldable(doc->findBlockByNumber(2)));
        QCOMPARE(editor.foldingRegionEnd(doc->findBlockByNumber(1)).blockNumber(), 4);
        QCOMPARE(editor.foldingRegionEnd(doc->findBlockByNumber(5)).blockNumber(), 8);

        editor.fold(doc->findBlockByNumber(1));
        QVERIFY(editor.isFolded(doc->findBlockByNumber(1)));
        QVERIFY(doc->findBlockByNumber(1).isVisible());
        for (int n : { 2, 3, 4 })
            QVERIFY2(!doc->findBlockByNumber(n).isVisible(), qPrintable(QString::number(n)));
        for (int n : { 5, 6, 9 })
            QVERIFY2(doc->findBlockByNumber(n).isVisible(), qPrintable(QString::number(n)));

        editor.toggleFold(doc->findBlockByNumber(1));
        for (int n = 0; n < doc->blockCount(); ++n)
            QVERIFY(doc->findBlockByNumber(n).isVisible());

        // Ctrl+Shift+[ folds the region around the cursor; Ctrl+Shift+] unfolds it.
        QVERIFY(editor.goToLine(7)); // "1," inside "d"
        QTest::keyClick(&editor, Qt::Key_BracketLeft, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(editor.isFolded(doc->findBlockByNumber(5)));
        QVERIFY(!doc->findBlockByNumber(6).isVisible());
        QCOMPARE(editor.textCursor().blockNumber(), 5); // moved out of the hidden lines
        QTest::keyClick(&editor, Qt::Key_BracketRight, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(doc->findBlockByNumber(6).isVisible());

        // A click on the marker in the gutter folds, another unfolds.
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QRect line1 = editor.cursorRect(QTextCursor(doc->findBlockByNumber(1)));
        const QPoint inViewport(2, line1.center().y());
        QWidget *gutter = editor.childAt(editor.viewport()->mapTo(&editor, inViewport) - QPoint(4, 0));
        QVERIFY(gutter && gutter != editor.viewport());
        const QPoint marker(gutter->width() - editor.foldMarkerWidth() / 2, line1.center().y());
        QTest::mouseClick(gutter, Qt::LeftButton, {}, marker);
        QVERIFY(editor.isFolded(doc->findBlockByNumber(1)));
        QTest::mouseClick(
            gutter, Qt::LeftButton, {}, QPoint(2, line1.center().y())); // on the number: nothing
        QVERIFY(editor.isFolded(doc->findBlockByNumber(1)));
        QTest::mouseClick(gutter, Qt::LeftButton, {}, marker);
        QVERIFY(!editor.isFolded(doc->findBlockByNumber(1)));
        QVERIFY(doc->findBlockByNumber(3).isVisible());

        // Going to a hidden line unfolds it.
        editor.fold(doc->findBlockByNumber(0));
        QVERIFY(!doc->findBlockByNumber(3).isVisible());
        QVERIFY(editor.goToLine(4));
        QVERIFY(doc->findBlockByNumber(3).isVisible());
        QCOMPARE(editor.currentLine(), 4);
    }

    void findAndReplaceWithRegex()
    {
        CodeEditor editor;
        editor.setText(u"alpha1 beta22 gamma333\nAlpha4 ALPHA alpha\n"_s);
        FindReplaceBar bar;
        bar.setEditor(&editor);

        bar.setFindText(u"alpha"_s);
        QCOMPARE(bar.matchCount(), 4);
        QCOMPARE(bar.matchCountText(), u"Matches: 4"_s);
        bar.setCaseSensitive(true);
        QCOMPARE(bar.matchCount(), 2);
        bar.setWholeWords(true);
        QCOMPARE(bar.matchCount(), 1);
        bar.setCaseSensitive(false);
        QCOMPARE(bar.matchCount(), 2); // "ALPHA" and the last "alpha"
        bar.setWholeWords(false);

        bar.setRegularExpression(true);
        bar.setFindText(u"([a-z]+)(\\d+)"_s);
        QCOMPARE(bar.matchCount(), 4);
        bar.setFindText(u"(["_s);
        QCOMPARE(bar.matchCount(), -1);
        QCOMPARE(bar.matchCountText(), u"Invalid pattern"_s);
        bar.setFindText(u"([a-z]+)(\\d+)"_s);

        // Next selects the first match, and wraps around at the end.
        QVERIFY(bar.findNext());
        QCOMPARE(editor.textCursor().selectedText(), u"alpha1"_s);
        QVERIFY(bar.findNext());
        QCOMPARE(editor.textCursor().selectedText(), u"beta22"_s);
        QVERIFY(bar.findPrevious());
        QCOMPARE(editor.textCursor().selectedText(), u"alpha1"_s);

        bar.setReplaceText(u"\\2-\\1"_s);
        QVERIFY(bar.replaceCurrent());
        QVERIFY(editor.toPlainText().startsWith(u"1-alpha beta22"_s));
        QCOMPARE(editor.textCursor().selectedText(), u"beta22"_s); // the next match

        QCOMPARE(bar.replaceAll(), 3);
        QCOMPARE(editor.toPlainText(), u"1-alpha 22-beta 333-gamma\n4-Alpha ALPHA alpha\n"_s);
        QCOMPARE(bar.matchCount(), 0);
        // Replace all is one undo step.
        editor.undo();

        // While the bar is shown, the editor marks the matches on screen.
        QVERIFY(editor.searchHighlight().pattern().isEmpty());
        bar.setRegularExpression(false);
        bar.activate(true);
        bar.setFindText(u"beta"_s);
        QCOMPARE(editor.searchHighlight().pattern(), u"beta"_s);
        bar.hide();
        QVERIFY(editor.searchHighlight().pattern().isEmpty());
        QCOMPARE(editor.toPlainText(), u"1-alpha beta22 gamma333\nAlpha4 ALPHA alpha\n"_s);
    }

    void saveRoundTripWithQSaveFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"notes.md"_s);
        const QString text = u"# naïve ✓\n\nline two\n"_s;

        CodeEditor editor;
        EditorDocument document(&editor);
        QVERIFY(document.isUntitled());
        QVERIFY(!document.save()); // no file yet
        editor.insertPlainText(text);
        QVERIFY(document.isModified());
        QVERIFY2(document.saveAs(path), qPrintable(document.errorString()));
        QVERIFY(!document.isModified());
        QCOMPARE(document.filePath(), path);
        QCOMPARE(readBytes(path), text.toUtf8());
        QCOMPARE(editor.definition().name(), u"Markdown"_s);

        CodeEditor other;
        EditorDocument reread(&other);
        QVERIFY(reread.load(path));
        QCOMPARE(other.toPlainText(), text);
        QCOMPARE(reread.format().encoding, TextFileFormat::Encoding::Utf8);
        QVERIFY(!reread.isModified());

        // CRLF files keep their line ends; the editor sees "\n".
        const QString crlf = dir.filePath(u"dos.txt"_s);
        writeBytes(crlf, "one\r\ntwo\r\n");
        QVERIFY(reread.load(crlf));
        QCOMPARE(other.toPlainText(), u"one\ntwo\n"_s);
        other.moveCursor(QTextCursor::End);
        other.insertPlainText(u"three\n"_s);
        QVERIFY(reread.save());
        QCOMPARE(readBytes(crlf), QByteArray("one\r\ntwo\r\nthree\r\n"));

        // A folder that vanished: a clear message, and the text stays.
        const QString gone = dir.filePath(u"gone"_s);
        QVERIFY(QDir().mkpath(gone));
        QVERIFY(reread.saveAs(gone + u"/x.txt"_s));
        QVERIFY(QDir(gone).removeRecursively());
        other.insertPlainText(u"four\n"_s);
        QVERIFY(!reread.save());
        QVERIFY2(reread.errorString().contains(u"no longer exists"_s), qPrintable(reread.errorString()));
        QVERIFY(reread.isModified());
        QVERIFY(other.toPlainText().endsWith(u"four\n"_s));
    }

    void readOnlyTargetIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"locked.txt"_s);
        writeBytes(path, "locked\n");
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
        CodeEditor editor;
        EditorDocument document(&editor);
        QVERIFY(document.load(path));
        editor.insertPlainText(u"more "_s);
        QVERIFY(!document.save());
        QVERIFY2(document.errorString().contains(u"read-only"_s), qPrintable(document.errorString()));
        QVERIFY(document.isModified());
        QCOMPARE(readBytes(path), QByteArray("locked\n"));
    }

    void latin1IsDetectedAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"menu.txt"_s);
        writeBytes(path, "caf\xE9\n");
        CodeEditor editor;
        EditorDocument document(&editor);
        QVERIFY2(document.load(path), qPrintable(document.errorString()));
        QCOMPARE(editor.toPlainText(), u"café\n"_s);
        QCOMPARE(document.format().encoding, TextFileFormat::Encoding::Latin1);
        QCOMPARE(document.format().encodingName(), u"ISO-8859-1"_s);

        editor.moveCursor(QTextCursor::End);
        editor.insertPlainText(u"crème\n"_s);
        QVERIFY(document.save());
        QCOMPARE(readBytes(path), QByteArray("caf\xE9\ncr\xE8me\n"));

        // A character Latin-1 lacks: refused with a reason, file untouched.
        editor.insertPlainText(u"€"_s);
        QVERIFY(!document.save());
        QVERIFY(document.errorString().contains(u"UTF-8"_s));
        QCOMPARE(readBytes(path), QByteArray("caf\xE9\ncr\xE8me\n"));
        TextFileFormat utf8 = document.format();
        utf8.encoding = TextFileFormat::Encoding::Utf8;
        document.setFormat(utf8);
        QVERIFY(document.save());
        QCOMPARE(readBytes(path), u"café\ncrème\n€"_s.toUtf8());
    }

    void otherEncodings()
    {
        // 0x80 (the euro sign) only makes sense as Windows-1252.
        TextFileContent cp1252 = TextFile::decode("5 \x80 caf\xE9");
        QVERIFY(cp1252.ok());
        QCOMPARE(cp1252.format.encoding, TextFileFormat::Encoding::Windows1252);
        QCOMPARE(cp1252.text, u"5 € café"_s);
        QByteArray bytes;
        QString error;
        QVERIFY(TextFile::encode(cp1252.text, cp1252.format, &bytes, &error));
        QCOMPARE(bytes, QByteArray("5 \x80 caf\xE9"));
        // Characters Windows-1252 lacks are refused, not replaced by "?".
        QVERIFY(!TextFile::encode(u"done ✓"_s, cp1252.format, &bytes, &error));
        QVERIFY(error.contains(u"Windows-1252"_s));

        const QByteArray utf16 = QByteArray("\xFF\xFE", 2) + QByteArray("h\0i\0\n\0", 6);
        TextFileContent le = TextFile::decode(utf16);
        QVERIFY2(le.ok(), qPrintable(le.error));
        QCOMPARE(le.format.encoding, TextFileFormat::Encoding::Utf16LE);
        QCOMPARE(le.text, u"hi\n"_s);
        QVERIFY(TextFile::encode(le.text, le.format, &bytes, &error));
        QCOMPARE(bytes, utf16);

        TextFileContent bom = TextFile::decode("\xEF\xBB\xBFok");
        QCOMPARE(bom.text, u"ok"_s);
        QVERIFY(bom.format.byteOrderMark);
        QVERIFY(TextFile::encode(bom.text, bom.format, &bytes, &error));
        QCOMPARE(bytes, QByteArray("\xEF\xBB\xBFok"));
    }

    void largeFileLoadsInTheBackground()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"big.json"_s);
        QByteArray bytes = "[\n";
        for (int i = 0; i < 20000; ++i)
            bytes += "  {\"id\": " + QByteArray::number(i) + ", \"name\": \"caf\xC3\xA9 "
                + QByteArray::number(i) + "\"},\n";
        bytes += "  {}\n]\n";
        writeBytes(path, bytes);

        CodeEditor editor;
        EditorDocument document(&editor);
        QSignalSpy finished(&document, &EditorDocument::loadFinished);
        document.loadAsync(path);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(editor.blockCount(), 20004);
        QCOMPARE(editor.toPlainText().toUtf8(), bytes);
        QCOMPARE(document.filePath(), path);
        QCOMPARE(editor.definition().name(), u"JSON"_s);
        QVERIFY(!document.isModified());

        // A failed background load leaves the editor alone.
        document.loadAsync(dir.filePath(u"missing.json"_s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY(document.errorString().contains(u"does not exist"_s));
        QCOMPARE(document.filePath(), path);
        QCOMPARE(editor.blockCount(), 20004);
    }

    void binaryFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"image.png"_s);
        static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10";
        writeBytes(path, QByteArray(png, sizeof(png) - 1));
        CodeEditor editor;
        EditorDocument document(&editor);
        editor.setPlainText(u"keep me"_s);
        QVERIFY(!document.load(path));
        QVERIFY2(document.errorString().contains(u"binary"_s), qPrintable(document.errorString()));
        QCOMPARE(editor.toPlainText(), u"keep me"_s);
        QVERIFY(document.isUntitled());

        ScriptedTabs tabs;
        QSignalSpy errors(&tabs, &EditorTabs::errorOccurred);
        QCOMPARE(tabs.openFile(path), -1);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(tabs.count(), 0);
    }

    void scratchPadAutosaves()
    {
        QTemporaryDir dir;
        ScratchPads pads(dir.path());
        const QString id = u"apis/api-design-mastery/restful-principles"_s;
        QString error;
        const QString path = pads.practiceFile(id, u"practice.md"_s, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QCOMPARE(path, dir.filePath(u"scratch/apis/api-design-mastery/restful-principles/practice.md"_s));
        QVERIFY(QFile::exists(path));
        QCOMPARE(pads.files(id), QStringList { path });
        QCOMPARE(pads.nodesWithFiles(), QStringList { id });
        QVERIFY(pads.practiceFile(u"../escape"_s).isEmpty());
        QVERIFY(pads.practiceFile(u"/etc"_s).isEmpty());
        QVERIFY(pads.practiceFile(id, u"../x"_s).isEmpty());

        ScriptedTabs tabs;
        const int index = tabs.openScratchPad(path);
        QVERIFY(index >= 0);
        CodeEditor *editor = tabs.editorAt(index);
        QVERIFY(tabs.documentAt(index)->autosave());
        tabs.show();
        editor->setFocus();
        QTest::keyClicks(editor, u"GET /users"_s);
        QElapsedTimer sinceLastKey;
        sinceLastKey.start();
        QCOMPARE(readBytes(path), QByteArray()); // not on every keystroke
        QTRY_COMPARE_WITH_TIMEOUT(readBytes(path), QByteArray("GET /users"), 2000);
        QVERIFY(sinceLastKey.elapsed() >= EditorDocument::AutosaveDelayMs - 100);
        QVERIFY(!tabs.documentAt(index)->isModified());
    }

    void darkPaletteGivesDarkTheme()
    {
        QWidget dark;
        dark.setPalette(darkPalette());
        CodeEditor editor(&dark);
        QVERIFY(editor.followsPalette());
        QVERIFY(editor.theme().isValid());
        QVERIFY2(
            QColor(editor.theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness() < 128,
            qPrintable(editor.theme().name()));
        QVERIFY(editor.palette().color(QPalette::Base).lightness() < 128);

        // A light parent gives a light theme, also when the palette changes later.
        QWidget light;
        QPalette lightPalette;
        lightPalette.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf1));
        lightPalette.setColor(QPalette::Base, Qt::white);
        lightPalette.setColor(QPalette::Text, Qt::black);
        light.setPalette(lightPalette);
        CodeEditor follower(&light);
        QVERIFY(QColor(follower.theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness()
            >= 128);
        light.setPalette(darkPalette());
        QVERIFY(QColor(follower.theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness()
            < 128);

        // A theme by name sticks.
        QVERIFY(follower.setThemeByName(u"Solarized Light"_s));
        QVERIFY(!follower.followsPalette());
        QCOMPARE(follower.palette().color(QPalette::Base),
            QColor(follower.theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
        QVERIFY(!follower.setThemeByName(u"No Such Theme"_s));
        QCOMPARE(follower.theme().name(), u"Solarized Light"_s);
    }

    void externalChangeAsksBeforeReloading()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"asked.txt"_s);
        writeBytes(path, "on screen\n");
        EditorTabs tabs;
        tabs.show();
        const int tab = tabs.openFile(path);
        QVERIFY(tab >= 0);
        QTRY_COMPARE(tabs.editorAt(tab)->toPlainText(), u"on screen\n"_s);
        QSaveFile other(path);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("from another program\n");
        QVERIFY(other.commit());
        // Even with nothing typed, the text stays until the learner chooses.
        QPushButton *reload = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((reload = [&]() -> QPushButton * {
            for (QPushButton *b : tabs.findChildren<QPushButton *>()) {
                if (b->text() == u"Reload"_s && b->isVisible())
                    return b;
            }
            return nullptr;
        }()) != nullptr,
            5000);
        QCOMPARE(tabs.editorAt(tab)->toPlainText(), u"on screen\n"_s);
        reload->click();
        QTRY_COMPARE(tabs.editorAt(tab)->toPlainText(), u"from another program\n"_s);
    }

    void externalChangeIsNoticed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"watched.txt"_s);
        writeBytes(path, "first\n");
        CodeEditor editor;
        EditorDocument document(&editor);
        QVERIFY(document.load(path));
        QSignalSpy changed(&document, &EditorDocument::changedOnDisk);
        QSignalSpy removed(&document, &EditorDocument::removedFromDisk);

        // Our own save is not "another program".
        editor.moveCursor(QTextCursor::End);
        editor.insertPlainText(u"mine\n"_s);
        QVERIFY(document.save());
        QTest::qWait(400);
        QCOMPARE(changed.count(), 0);

        QSaveFile other(path);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("changed elsewhere, and longer\n");
        QVERIFY(other.commit());
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5000);
        QVERIFY(document.reload());
        QCOMPARE(editor.toPlainText(), u"changed elsewhere, and longer\n"_s);

        // Still watched after the rename above.
        writeBytes(path, "again\n");
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);

        QVERIFY(QFile::remove(path));
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 5000);
        // Saving brings it back.
        QVERIFY(document.save());
        QVERIFY(QFile::exists(path));
    }

    void progressiveHighlightingOfLongText()
    {
        const qsizetype saved = CodeEditor::progressiveThreshold();
        CodeEditor::setProgressiveThreshold(10000);
        QString text = u"[\n"_s;
        for (int i = 0; i < 30000; ++i)
            text += u"  {\"id\": %1, \"name\": \"item %1\"},\n"_s.arg(i);
        text += u"  {}\n]\n"_s;

        CodeEditor editor;
        editor.resize(600, 400);
        editor.setDefinitionByName(u"JSON"_s);
        QSignalSpy finished(&editor, &CodeEditor::highlightingFinished);
        editor.setText(text);
        QCOMPARE(editor.blockCount(), 30004);
        QVERIFY(!editor.isHighlightingComplete()); // 30000 lines take longer than one slice
        QVERIFY(!editor.document()->isModified());
        QVERIFY(!editor.document()->isUndoAvailable());
        // The top is highlighted at once, for the first paint.
        QVERIFY(!editor.document()->findBlockByNumber(1).layout()->formats().isEmpty());
        // Lines removed above the frontier (the first slice covered them) while the rest is
        // still being highlighted.
        QTextCursor cut(editor.document()->findBlockByNumber(2));
        cut.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, 100);
        cut.removeSelectedText();
        QTRY_VERIFY_WITH_TIMEOUT(editor.isHighlightingComplete(), 60000);
        QCOMPARE(finished.count(), 1);
        int unformatted = 0;
        for (QTextBlock b = editor.document()->firstBlock(); b.isValid(); b = b.next()) {
            if (!b.text().isEmpty() && b.layout()->formats().isEmpty())
                ++unformatted;
        }
        QCOMPARE(unformatted, 0);
        const QTextBlock last = editor.document()->findBlockByNumber(29900);
        QVERIFY(!last.layout()->formats().isEmpty());
        QVERIFY(formatAt(last, 4).foreground().color() != formatAt(last, 9).foreground().color());
        // Another theme: the screen at once, the rest in slices, no full pass in between.
        QVERIFY(editor.setThemeByName(u"Breeze Light"_s));
        QTRY_VERIFY_WITH_TIMEOUT(editor.isHighlightingComplete(), 60000);
        const QColor lightKey = formatAt(editor.document()->findBlockByNumber(1), 4).foreground().color();
        QVERIFY(editor.setThemeByName(u"Breeze Dark"_s));
        QVERIFY(!editor.isHighlightingComplete());
        const QColor darkKey = formatAt(editor.document()->findBlockByNumber(1), 4).foreground().color();
        QVERIFY(darkKey != lightKey);
        QCOMPARE(formatAt(editor.document()->findBlockByNumber(29900), 4).foreground().color(), lightKey);
        QTRY_VERIFY_WITH_TIMEOUT(editor.isHighlightingComplete(), 60000);
        QCOMPARE(formatAt(editor.document()->findBlockByNumber(29900), 4).foreground().color(), darkKey);

        // Typing still highlights.
        editor.moveCursor(QTextCursor::End);
        editor.insertPlainText(u"{\"late\": true}"_s);
        QVERIFY(!editor.document()->lastBlock().layout()->formats().isEmpty());
        CodeEditor::setProgressiveThreshold(saved);
    }

    void blanksTakeANeighboursColourOnly_data()
    {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("boldBlank"); // a blank after a bold word: keeps its own weight
        QTest::addColumn<bool>("fewerRuns");
        QTest::newRow("json") << u"JSON"_s << u"  {\"id\": 7, \"name\": \"item 7\", \"ok\": true},  "_s << -1
                              << true;
        QTest::newRow("c++ keyword") << u"C++"_s << u"    return value + 1; // done"_s << 10 << true;
        QTest::newRow("python") << u"Python"_s << u"\tif x in (1, 2):\tpass  # why"_s << 3 << false;
    }

    void blanksTakeANeighboursColourOnly()
    {
        QFETCH(QString, definition);
        QFETCH(QString, line);
        QFETCH(int, boldBlank);
        QFETCH(bool, fewerRuns);
        CodeEditor editor;
        QVERIFY(editor.setDefinitionByName(definition));
        QVERIFY(editor.setThemeByName(u"Breeze Light"_s));
        editor.setText(line + u"\n"_s);
        const QTextBlock block = editor.document()->firstBlock();
        const QList<QTextLayout::FormatRange> ours = block.layout()->formats();
        const QList<QTextLayout::FormatRange> stock = stockFormats(line, editor);
        // No more runs than KSyntaxHighlighting's own highlighter gives the line (fewer where
        // blanks can merge), drawn the same.
        QVERIFY2(fewerRuns ? ours.size() < stock.size() : ours.size() <= stock.size(),
            qPrintable(u"%1 runs, stock %2"_s.arg(ours.size()).arg(stock.size())));
        const QImage expected = drawnLine(line, stock, editor.font());
        QCOMPARE(drawnLine(line, ours, editor.font()), expected);
        if (boldBlank >= 0) {
            QCOMPARE(formatAt(block, boldBlank - 1).fontWeight(), int(QFont::Bold));
            QCOMPARE(line.at(boldBlank).isSpace(), true);
            QVERIFY(formatAt(block, boldBlank).fontWeight() != int(QFont::Bold));
        }
    }

    void editedLineIsLaidOutAndRepaintedAsItsHeightSays()
    {
        CodeEditor editor;
        showJsonLines(editor, 30);
        editor.setLineWrapMode(QPlainTextEdit::WidgetWidth);
        editor.resize(420, 500);
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *layout = editor.document()->documentLayout();
        QSignalSpy blockUpdates(layout, &QAbstractTextDocumentLayout::updateBlock);
        QSignalSpy wholeUpdates(layout, &QAbstractTextDocumentLayout::update);
        QVERIFY(editor.goToLine(3, 2));
        const QTextBlock edited = editor.textCursor().block();
        const QTextBlock below = edited.next();
        int wrapped = 0;
        for (int i = 0; i < 200 && wrapped < 2; ++i) {
            const int lines = edited.layout()->lineCount();
            const qreal belowTop = editor.cursorRect(QTextCursor(below)).top();
            const qsizetype blockUpdatesBefore = blockUpdates.size();
            const qsizetype wholeUpdatesBefore = wholeUpdates.size();
            QTest::keyClick(&editor, i % 5 == 4 ? ' ' : 'x');
            QVERIFY(!edited.layout()->formats().isEmpty());
            if (edited.layout()->lineCount() == lines) {
                // Same height: only this line is repainted, and nothing below moved.
                QCOMPARE(wholeUpdates.size(), wholeUpdatesBefore);
                QVERIFY(blockUpdates.size() > blockUpdatesBefore);
                QCOMPARE(blockUpdates.last().at(0).value<QTextBlock>(), edited);
                QCOMPARE(editor.cursorRect(QTextCursor(below)).top(), belowTop);
            } else {
                // A line more: what is below moves down, and all of it is repainted.
                ++wrapped;
                QVERIFY(wholeUpdates.size() > wholeUpdatesBefore);
                QVERIFY(editor.cursorRect(QTextCursor(below)).top() > belowTop);
            }
        }
        QCOMPARE(wrapped, 2);
    }

    void gutterNumbersFollowTheZoom()
    {
        // The gutter keeps its numbers shaped; zoomed, it must draw them as a gutter that never
        // saw the old size does.
        CodeEditor zoomed;
        showJsonLines(zoomed, 60);
        QVERIFY(QTest::qWaitForWindowExposed(&zoomed));
        EditorGutter *gutter = gutterOf(zoomed);
        QVERIFY(gutter);
        const QImage before = gutter->grab().toImage();
        zoomed.setZoomSteps(3);
        QCoreApplication::processEvents();
        CodeEditor fresh;
        fresh.setZoomSteps(3);
        showJsonLines(fresh, 60);
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        const QImage expected = gutterOf(fresh)->grab().toImage();
        QCOMPARE(gutter->grab().toImage(), expected);
        zoomed.setZoomSteps(0);
        QCoreApplication::processEvents();
        QCOMPARE(gutter->grab().toImage(), before);
    }

    void sameLengthEditIsLaidOutAndRepainted()
    {
        CodeEditor editor;
        showJsonLines(editor, 30);
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy blockUpdates(
            editor.document()->documentLayout(), &QAbstractTextDocumentLayout::updateBlock);
        QVERIFY(editor.goToLine(4, 3));
        QTextCursor cursor = editor.textCursor();
        cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        editor.setTextCursor(cursor);
        const QTextBlock edited = cursor.block();
        QString expected = edited.text();
        expected[cursor.selectionStart() - edited.position()] = QLatin1Char('Q');
        QTest::keyClick(&editor, 'Q'); // typed over one selected character: same length
        QCOMPARE(edited.text(), expected);
        QVERIFY(edited.layout()->lineCount() > 0);
        QVERIFY(!edited.layout()->formats().isEmpty());
        QVERIFY(!blockUpdates.isEmpty());
        QCOMPARE(blockUpdates.last().at(0).value<QTextBlock>(), edited);
    }

    void keystrokeRepaintsOnlyItsLine()
    {
        CodeEditor editor;
        showJsonLines(editor, 200);
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(editor.goToLine(5, 3));
        QTest::qWait(50);
        PaintRecorder recorder;
        editor.viewport()->installEventFilter(&recorder);
        QTest::keyClicks(&editor, u"x"_s);
        QTRY_VERIFY(!recorder.painted.isEmpty());
        QTest::qWait(50);
        const QRect line = editor.cursorRect();
        // The highlighter re-marks the line it re-highlighted; that must not repaint everything.
        QVERIFY2(recorder.painted.boundingRect().height() <= 3 * line.height(),
            qPrintable(u"painted %1 px high for a %2 px line"_s.arg(recorder.painted.boundingRect().height())
                    .arg(line.height())));
        QVERIFY(recorder.painted.boundingRect().contains(line.center()));
        QVERIFY(!editor.document()->findBlockByNumber(4).layout()->formats().isEmpty());
    }

    void onScreenLinesKeepTheirGlyphs()
    {
        CodeEditor editor;
        showJsonLines(editor, 5000);
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *layout = qobject_cast<CodeDocumentLayout *>(editor.document()->documentLayout());
        QVERIFY(layout);
        const auto onScreen = [&editor] {
            const int first = editor.cursorForPosition(QPoint(0, 0)).blockNumber();
            const int last
                = editor.cursorForPosition(QPoint(0, editor.viewport()->height() - 1)).blockNumber();
            return std::pair { first, last };
        };
        const auto checkKept = [&]() -> bool {
            const auto [first, last] = onScreen();
            for (int n = first; n <= last; ++n) {
                if (!editor.document()->findBlockByNumber(n).layout()->cacheEnabled())
                    return false;
            }
            // Only what is on screen, and the line just below it that shows in part.
            return layout->blocksKeepingGlyphs() <= last - first + 2;
        };
        QTRY_VERIFY(checkKept());
        QVERIFY(layout->blocksKeepingGlyphs() > 10);

        // Scrolled to the end: the first screen's lines let go of theirs.
        editor.verticalScrollBar()->setValue(editor.verticalScrollBar()->maximum());
        QTRY_VERIFY(checkKept());
        QVERIFY(!editor.document()->findBlockByNumber(0).layout()->cacheEnabled());
        QVERIFY(editor.document()->findBlockByNumber(0).layout()->lineCount() > 0);
        // Zoomed in: every line is laid out again, and those pushed off the screen let go.
        editor.setZoomSteps(3);
        QTRY_VERIFY(checkKept());
        editor.setZoomSteps(0);
        QTRY_VERIFY(checkKept());

        // Lines added and removed above the lines on screen: still bounded by a screenful.
        editor.verticalScrollBar()->setValue(editor.verticalScrollBar()->maximum() / 2);
        QTRY_VERIFY(checkKept());
        QVERIFY(editor.goToLine(onScreen().first + 3, 1));
        for (int i = 0; i < 40; ++i) {
            QTest::keyClick(&editor, i % 4 == 3 ? Qt::Key_Backspace : Qt::Key_Return);
            QCoreApplication::processEvents();
        }
        QTRY_VERIFY(checkKept());
        QTextCursor all(editor.document());
        all.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        all.insertText(kJson);
        QTRY_VERIFY(checkKept());
    }

    void bracketsIndentationAndZoom()
    {
        CodeEditor editor;
        editor.setText(u"{ [ ( ) ] }"_s);
        QTextCursor c = editor.textCursor();
        c.setPosition(0);
        editor.setTextCursor(c);
        QCOMPARE(editor.matchingBracketPosition(), 10);
        c.setPosition(7); // after ")"
        editor.setTextCursor(c);
        QCOMPARE(editor.matchingBracketPosition(), 4);

        editor.setText(u"    key"_s);
        editor.moveCursor(QTextCursor::End);
        QTest::keyClick(&editor, Qt::Key_Return);
        QCOMPARE(editor.toPlainText(), u"    key\n    "_s);
        QTest::keyClicks(&editor, u"x {"_s);
        QTest::keyClick(&editor, Qt::Key_Return);
        QCOMPARE(editor.toPlainText(), u"    key\n    x {\n        "_s);
        QTest::keyClicks(&editor, u"}"_s);
        QVERIFY2(editor.toPlainText().endsWith(u"\n    }"_s), qPrintable(editor.toPlainText()));

        editor.setInsertsSpaces(false);
        editor.setText(u"\tindented"_s);
        editor.moveCursor(QTextCursor::End);
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClick(&editor, Qt::Key_Tab);
        QCOMPARE(editor.toPlainText(), u"\tindented\n\t\t"_s);

        editor.setText(u"a:\n  b:\n    c: 1\n  d: 2\n"_s);
        editor.detectIndentation();
        QVERIFY(editor.insertsSpaces());
        QCOMPARE(editor.tabWidth(), 2);

        const qreal size = editor.font().pointSizeF();
        QTest::keyClick(&editor, Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(&editor, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(editor.zoomSteps(), 2);
        QCOMPARE(editor.font().pointSizeF(), size + 2);
        QTest::keyClick(&editor, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(editor.font().pointSizeF(), size + 1);
        QTest::keyClick(&editor, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(editor.font().pointSizeF(), size);
        QVERIFY(!editor.goToLine(99));
    }

    void bracketMatchingSkipsStringsAndComments_data()
    {
        QTest::addColumn<QString>("syntax");
        QTest::addColumn<QString>("marked");

        QTest::newRow("C++: string, backwards") << u"C++"_s << u"f•(\"(\", x‸);"_s;
        QTest::newRow("C++: string, forwards") << u"C++"_s << u"if ‸(s == \")\"•) {}"_s;
        QTest::newRow("C++: character") << u"C++"_s << u"‸{ c = '}'; •}"_s;
        QTest::newRow("C++: escaped quote") << u"C++"_s << u"g‸(\"\\\")\", 1•);"_s;
        QTest::newRow("C++: raw string") << u"C++"_s << u"r‸(R\"x(a))x\"•);"_s;
        QTest::newRow("C++: line comment") << u"C++"_s << u"int f() ‸{ // }\n    return 0;\n•}"_s;
        QTest::newRow("C++: block comment over lines") << u"C++"_s << u"x = ‸[\n    /* ]\n    ] */\n•];"_s;
        QTest::newRow("C++: nested") << u"C++"_s << u"‸{ a[(b)] = \")\"; { c('{'); } •}"_s;
        QTest::newRow("C++: no match") << u"C++"_s << u"f‸(\")\";"_s;
        QTest::newRow("C++: within a string") << u"C++"_s << u"s = \"‸(a•)\";"_s;
        QTest::newRow("C++: not into another string") << u"C++"_s << u"s = \"‸(\" + g(x) + \")\";"_s;
        // A blank between two strings is code: it ends the first one.
        QTest::newRow("C++: not across a blank into the next string") << u"C++"_s << u"s = \"‸(\" \")\";"_s;
        QTest::newRow("C++: not into the string on the next line")
            << u"C++"_s << u"printf(\"value ‸(%d\"\n       \"more)\");"_s;
        QTest::newRow("C++: within a comment") << u"C++"_s << u"/* ‸( TODO •) */ f(x);"_s;
        QTest::newRow("C++: comment to code") << u"C++"_s << u"f(x, // ‸)"_s;

        QTest::newRow("JSON: string") << u"JSON"_s << u"‸{\"a\": \"}\", \"b\": [1] •}"_s;
        QTest::newRow("JSON: key") << u"JSON"_s << u"‸{\"k}\": 1•}"_s;
        QTest::newRow("JSON: escaped quote") << u"JSON"_s << u"‸[\"\\\"]\", 2•]"_s;
        QTest::newRow("JSON: nested over lines")
            << u"JSON"_s << u"‸{\n  \"a\": {\"b\": [1, {\"c\": \"}\"}]},\n  \"d\": \"{\"\n•}"_s;
        QTest::newRow("JSON: no match") << u"JSON"_s << u"‸[\"]\""_s;
        QTest::newRow("JSON: not into another string") << u"JSON"_s << u"[\"‸[\", \"]\"]"_s;

        QTest::newRow("Python: string") << u"Python"_s << u"print‸(\"(\", x•)"_s;
        QTest::newRow("Python: comment over lines") << u"Python"_s << u"x = ‸[1, # ]\n     2•]"_s;
        QTest::newRow("Python: escaped quote") << u"Python"_s << u"f‸('\\')', b•)"_s;
        QTest::newRow("Python: triple-quoted string") << u"Python"_s << u"s = ‸(\"\"\"\n)\n\"\"\"•)"_s;
        QTest::newRow("Python: f-string") << u"Python"_s << u"f‸(f\"{a}(\", b•)"_s;
        QTest::newRow("Python: nested") << u"Python"_s << u"d = ‸{\"k\": [1, (2, 3)], \"v\": \"}\"•}"_s;
        QTest::newRow("Python: no match") << u"Python"_s << u"x = ‸(1, \")\""_s;
        QTest::newRow("Python: not across a blank into the next string")
            << u"Python"_s << u"s = \"‸(\" \")\""_s;
        QTest::newRow("Python: comment to code") << u"Python"_s << u"f(a, # ‸)"_s;

        QTest::newRow("JavaScript: string") << u"JavaScript"_s << u"alert‸(\")\"•);"_s;
        QTest::newRow("JavaScript: template literal") << u"JavaScript"_s << u"log‸(`)${a}`•);"_s;
        QTest::newRow("JavaScript: regular expression") << u"JavaScript"_s << u"s.match‸(/[(]+/•);"_s;
        QTest::newRow("JavaScript: escape in a regular expression")
            << u"JavaScript"_s << u"s.replace‸(/\\)/g, \"\"•);"_s;
        QTest::newRow("JavaScript: line comment") << u"JavaScript"_s << u"if (a) ‸{ // }\n  b();\n•}"_s;
        QTest::newRow("JavaScript: block comment") << u"JavaScript"_s << u"‸[1, /* ] */ 2•]"_s;
        QTest::newRow("JavaScript: escaped quote") << u"JavaScript"_s << u"f‸('\\')', 2•);"_s;
        QTest::newRow("JavaScript: nested") << u"JavaScript"_s << u"‸{ a: [f(\")\"), { b: \"}\" }] •}"_s;
        QTest::newRow("JavaScript: no match") << u"JavaScript"_s << u"f‸(')';"_s;
        QTest::newRow("JavaScript: within a comment, backwards") << u"JavaScript"_s << u"g(1); // •(a)‸ ("_s;
    }

    void bracketMatchingSkipsStringsAndComments()
    {
        QFETCH(QString, syntax);
        QFETCH(QString, marked);
        const MarkedText expected = unmark(marked);
        QVERIFY(expected.cursor >= 0);
        CodeEditor editor;
        QVERIFY(editor.setDefinitionByName(syntax));
        editor.setText(expected.text);
        editor.moveCursor(QTextCursor::End);
        editor.moveCursor(QTextCursor::Start);
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(expected.cursor);
        editor.setTextCursor(cursor);
        QCOMPARE(editor.matchingBracketPosition(), expected.match);

        // The highlight: the bracket at the cursor and its match, or nothing.
        const auto selections = editor.extraSelections();
        if (expected.match < 0) {
            QVERIFY(selections.isEmpty());
            return;
        }
        QCOMPARE(selections.size(), 2);
        const QString text = expected.text;
        const bool after
            = expected.cursor < text.size() && QStringView(u"()[]{}").contains(text.at(expected.cursor));
        QCOMPARE(selections.at(0).cursor.selectionStart(), after ? expected.cursor : expected.cursor - 1);
        QCOMPARE(selections.at(1).cursor.selectionStart(), expected.match);
    }

    void bracketMatchingFollowsLaterHighlighting()
    {
        // An edit that opens a comment: the next line is highlighted afterwards (KSyntaxHighlighting
        // queues it), and the bracket highlight follows.
        CodeEditor editor;
        QVERIFY(editor.setDefinitionByName(u"C++"_s));
        editor.setText(u"x = (1,\n     2);\n"_s);
        editor.moveCursor(QTextCursor::End);
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(4);
        editor.setTextCursor(cursor);
        QCOMPARE(editor.matchingBracketPosition(), 14);
        QCOMPARE(editor.extraSelections().size(), 2);
        QTextCursor edit(editor.document());
        edit.setPosition(7); // after "(1,"
        edit.insertText(u" /*"_s);
        QCOMPARE(editor.textCursor().position(), 4);
        QTRY_COMPARE(editor.matchingBracketPosition(), -1);
        QTRY_VERIFY(editor.extraSelections().isEmpty());
    }

    void bracketMatchingWhileHighlightingInTheBackground()
    {
        const qsizetype saved = CodeEditor::progressiveThreshold();
        CodeEditor::setProgressiveThreshold(10000);
        QString text = u"[\n"_s;
        for (int i = 0; i < 30000; ++i)
            text += u"  {\"id\": %1, \"name\": \"item ]%1\"},\n"_s.arg(i);
        const int lastLine = int(text.size());
        text += u"  [\"]\", 1]\n]\n"_s;

        CodeEditor editor;
        editor.setDefinitionByName(u"JSON"_s);
        editor.setText(text);
        QVERIFY(!editor.isHighlightingComplete());
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(lastLine + 2); // before "["
        editor.setTextCursor(cursor);
        // Not highlighted yet: every bracket counts, the one in the string too.
        QVERIFY(editor.textCursor().block().layout()->formats().isEmpty());
        QCOMPARE(editor.matchingBracketPosition(), lastLine + 4);
        QCOMPARE(editor.extraSelections().size(), 2);
        QCOMPARE(editor.extraSelections().at(1).cursor.selectionStart(), lastLine + 4);

        // Once highlighted, the string's bracket is left out, on screen too.
        QTRY_VERIFY_WITH_TIMEOUT(editor.isHighlightingComplete(), 60000);
        QCOMPARE(editor.matchingBracketPosition(), lastLine + 9);
        QTRY_COMPARE(editor.extraSelections().at(1).cursor.selectionStart(), lastLine + 9);
        CodeEditor::setProgressiveThreshold(saved);
    }

    void bracketMatchingStaysBoundedInHugeFiles()
    {
        // 400,000 lines: only the first slice is highlighted when the searches run.
        QString text;
        text.reserve(400000 * 20);
        text += u"(\n"_s;
        for (int i = 0; i < 200000; ++i)
            text += u"f(\"(\", x[1]); // )\n"_s;
        const int middle = int(text.size());
        text += u"]\n"_s;
        for (int i = 0; i < 200000; ++i)
            text += u"g[\"[\"]; /* ] */\n"_s;
        CodeEditor editor;
        editor.setDefinitionByName(u"C++"_s);
        editor.setText(text);
        QCOMPARE(editor.blockCount(), 400003);
        QVERIFY(!editor.isHighlightingComplete());

        QElapsedTimer clock;
        clock.start();
        editor.moveCursor(QTextCursor::Start); // an opening bracket without a match
        QCOMPARE(editor.matchingBracketPosition(), -1);
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(middle); // a closing one, far from what is highlighted
        editor.setTextCursor(cursor);
        QCOMPARE(editor.matchingBracketPosition(), -1);
        const int lastLine = int(text.size()) - 16;
        cursor.setPosition(lastLine + 12); // after the "]" in the comment; not highlighted: plain
        editor.setTextCursor(cursor);
        QCOMPARE(editor.matchingBracketPosition(), lastLine + 1);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(u"%1 ms"_s.arg(clock.elapsed())));
    }

    void tabsKeepOpenFilesAndAskBeforeClosing()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(u"a.json"_s);
        const QString b = dir.filePath(u"b.py"_s);
        writeBytes(a, "{\"a\": 1}\n");
        writeBytes(b, "print('b')\n");

        ScriptedTabs tabs;
        QSignalSpy recent(&tabs, &EditorTabs::recentFilesChanged);
        QCOMPARE(tabs.openFile(a), 0);
        QCOMPARE(tabs.openFile(b), 1);
        QCOMPARE(tabs.openFile(a), 0); // already open: shown, not opened twice
        QCOMPARE(tabs.count(), 2);
        QCOMPARE(tabs.editorAt(0)->definition().name(), u"JSON"_s);
        QCOMPARE(tabs.editorAt(1)->definition().name(), u"Python"_s);
        QCOMPARE(tabs.openFiles(), (QStringList { a, b }));
        QCOMPARE(tabs.recentFiles(), (QStringList { b, a }));
        QVERIFY(recent.count() >= 2);
        // The syntax and theme menus fill when first shown, with the current choices checked.
        auto checked = [](QMenu *menu) {
            QStringList names;
            std::function<void(QMenu *)> walk = [&](QMenu *m) {
                const auto actions = m->actions();
                for (QAction *action : actions) {
                    if (action->menu())
                        walk(action->menu());
                    else if (action->isChecked())
                        names.append(action->data().toString());
                }
            };
            walk(menu);
            return names;
        };
        QVERIFY(tabs.syntaxMenu()->isEmpty());
        Q_EMIT tabs.syntaxMenu()->aboutToShow();
        QVERIFY(tabs.syntaxMenu()->actions().size() > 10);
        QCOMPARE(checked(tabs.syntaxMenu()), QStringList { u"JSON"_s });
        tabs.setThemeName(u"Breeze Dark"_s);
        QCOMPARE(tabs.editorAt(1)->theme().name(), u"Breeze Dark"_s);
        Q_EMIT tabs.themeMenu()->aboutToShow();
        QVERIFY(tabs.themeMenu()->actions().size() > 3);
        QCOMPARE(checked(tabs.themeMenu()), QStringList { u"Breeze Dark"_s });
        tabs.setCurrentIndex(1);
        QCOMPARE(checked(tabs.syntaxMenu()), QStringList { u"Python"_s });

        ScriptedTabs restored;
        const QStringList skipped = restored.restoreOpenFiles({ a, dir.filePath(u"missing.txt"_s), b }, b);
        QCOMPARE(skipped, QStringList { dir.filePath(u"missing.txt"_s) });
        QCOMPARE(restored.openFiles(), (QStringList { a, b }));
        QCOMPARE(restored.currentFilePath(), b);

        // Unsaved changes: Cancel keeps the tab, Discard closes it.
        tabs.editorAt(1)->insertPlainText(u"# edited\n"_s);
        QVERIFY(tabs.tabText(1).endsWith(u'*'));
        QVERIFY(tabs.hasUnsavedChanges());
        tabs.answer = QMessageBox::Cancel;
        QVERIFY(!tabs.closeAll());
        QCOMPARE(tabs.asked, 1);
        QCOMPARE(tabs.count(), 2);
        tabs.answer = QMessageBox::Save;
        QVERIFY(tabs.closeDocument(1));
        QCOMPARE(readBytes(b), QByteArray("# edited\nprint('b')\n"));
        QVERIFY(tabs.closeAll());
        QCOMPARE(tabs.count(), 0);

        // A large file opens in a tab at once and fills in when the worker has read it.
        const QString big = dir.filePath(u"big.json"_s);
        QByteArray bytes = "[\n";
        while (bytes.size() <= TextFile::LargeFileBytes)
            bytes += "  {\"id\": 1, \"name\": \"a line to make the file large enough\"},\n";
        bytes += "  {}\n]\n";
        writeBytes(big, bytes);
        const int bigTab = tabs.openFile(big);
        QVERIFY(bigTab >= 0);
        QVERIFY(tabs.editorAt(bigTab)->isReadOnly());
        QCOMPARE(tabs.openFile(big), bigTab); // still loading: the same tab
        QTRY_VERIFY_WITH_TIMEOUT(!tabs.editorAt(bigTab)->isReadOnly(), 30000);
        QCOMPARE(tabs.editorAt(bigTab)->document()->characterCount(), bytes.size() + 1);
        QCOMPARE(tabs.openFiles(), QStringList { big });
        QCOMPARE(tabs.tabText(bigTab), u"big.json"_s);
        QVERIFY(tabs.closeDocument(bigTab));

        const int fresh = tabs.newDocument();
        QVERIFY(tabs.documentAt(fresh)->isUntitled());
        QVERIFY(tabs.openFiles().isEmpty());
    }
};

QTEST_MAIN(TestCodeEditor)
#include "TestCodeEditor.moc"
