// bench_editor: how much KSyntaxHighlighting costs a 20 MB JSON file in CodeEditor, measured
// against a plain QPlainTextEdit in the same run: both open on the file side by side, the same
// keys typed at the end of each in turns.
//
//   bench_editor                      run the benchmark (QT_QPA_PLATFORM=offscreen works)
//   bench_editor [--lines N] [--only plain|stock|code] [--width PX]
//                                     N lines of JSON (default 400,000: 20 MB); one editor only;
//                                     editors PX wide (default 1000: the typed line outgrows
//                                     it, and the later keystrokes scroll the whole view)
//   bench_editor --screenshots DIR    render the editor on a JSON file in a light and a dark
//                                     palette to DIR/editor-light.png and DIR/editor-dark.png
#include "benchline.h"
#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editortabs.h"
#include "editor/findreplacebar.h"
#include "editor/syntaxrepository.h"
#include "editor/textfile.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

// Notes when a widget's viewport has been painted.
class PaintProbe : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

QByteArray generateJson(int lines)
{
    QByteArray out;
    out.reserve(qsizetype(lines) * 56);
    out += "[\n";
    for (int i = 0; i < lines - 2; ++i) {
        out += "  {\"id\": ";
        out += QByteArray::number(i);
        out += ", \"name\": \"item ";
        out += QByteArray::number(i);
        out += "\", \"ok\": ";
        out += (i % 3 == 0) ? "true" : "false";
        out += (i + 3 < lines) ? "},\n" : "}\n";
    }
    out += "]\n";
    return out;
}

void waitForPaint(PaintProbe &probe)
{
    QElapsedTimer guard;
    guard.start();
    while (!probe.painted && guard.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

struct Run
{
    double firstPaintMs = 0;
    double highlightedMs = 0; // until the whole file was highlighted (CodeEditor only)
    double medianKeyMs = 0;
    double p95KeyMs = 0;
    double maxKeyMs = 0;
    double themeSwitchMs = 0; // CodeEditor only: to the first paint in another theme
};

/// The one window the editors open in, side by side: moving the keyboard between them then changes
/// no window's activation (which would repaint a whole window, in the middle of a timed keystroke).
QWidget &host()
{
    static QWidget *window = [] {
        auto *w = new QWidget;
        w->resize(2000, 700);
        w->show();
        w->activateWindow();
        return w;
    }();
    return *window;
}

/// One editor under test, open on the file.
struct Subject
{
    int width = 1000;
    int x = 0; ///< where in host() the editor goes
    QPlainTextEdit *editor = nullptr;
    PaintProbe probe;
    Run run;
    std::vector<double> latencies;

    ~Subject()
    {
        delete editor;
        QCoreApplication::processEvents();
    }
};

/// Opens @p subject's editor (an @p Editor) on @p text through @p setText, and waits for its first
/// paint and, with @p waitForHighlighting, for the whole file to be highlighted.
template<typename Editor, typename SetText>
void open(Subject &subject, const QString &text, SetText setText, bool waitForHighlighting)
{
    QElapsedTimer clock;
    clock.start();
    auto *editor = new Editor(&host());
    subject.editor = editor;
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->viewport()->installEventFilter(&subject.probe);
    host().resize(qMax(host().width(), subject.x + subject.width), 700);
    editor->setGeometry(subject.x, 0, subject.width, 700);
    setText(editor, text);
    editor->show();
    waitForPaint(subject.probe);
    subject.run.firstPaintMs = double(clock.nsecsElapsed()) / 1e6;
    if (waitForHighlighting) {
        if (auto *code = qobject_cast<CodeEditor *>(editor)) {
            while (!code->isHighlightingComplete())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        subject.run.highlightedMs = double(clock.nsecsElapsed()) / 1e6;
    }
    editor->moveCursor(QTextCursor::End);
}

/// Gives @p subject's editor the keyboard, untimed, and lets what that repaints (in either editor)
/// settle.
void focus(Subject &subject)
{
    if (subject.editor->hasFocus())
        return;
    subject.editor->setFocus();
    PaintProbe anyPaint;
    qApp->installEventFilter(&anyPaint);
    do {
        anyPaint.painted = false;
        QCoreApplication::processEvents();
    } while (anyPaint.painted);
    qApp->removeEventFilter(&anyPaint);
}

// One timed keystroke, from the key press to the end of the repaint it causes; a function of its
// own so that a profiler can count the keystrokes alone (valgrind --tool=callgrind
// --toggle-collect='*typeAtTheEnd*').
Q_NEVER_INLINE double typeAtTheEnd(Subject &subject, char key)
{
    subject.probe.painted = false;
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(subject.editor, key);
    waitForPaint(subject.probe);
    return double(clock.nsecsElapsed()) / 1e6;
}

/// Types at the end of each of @p subjects' files, then sums up each one's latencies (and switches
/// the theme of a CodeEditor). The editors take turns, each key going to every editor before the
/// next (and a different one first each time), so that what else the machine does meanwhile weighs
/// on them alike: the ratio is of latencies measured side by side, not minutes apart.
void type(const std::vector<Subject *> &subjects)
{
    const QString typed = u"{\"typed\": \"more text at the end of the file\"}, "_s.repeated(4);
    for (qsizetype i = 0; i < typed.size(); ++i) {
        for (size_t k = 0; k < subjects.size(); ++k) {
            Subject &subject = *subjects[(size_t(i) + k) % subjects.size()];
            focus(subject);
            subject.latencies.push_back(typeAtTheEnd(subject, typed.at(i).toLatin1()));
        }
    }
    for (Subject *subject : subjects) {
        Run &run = subject->run;
        if (auto *code = qobject_cast<CodeEditor *>(subject->editor)) {
            focus(*subject);
            subject->probe.painted = false;
            QElapsedTimer themeClock;
            themeClock.start();
            code->setThemeByName(u"Breeze Dark"_s);
            waitForPaint(subject->probe);
            run.themeSwitchMs = double(themeClock.nsecsElapsed()) / 1e6;
        }
        std::vector<double> &latencies = subject->latencies;
        std::sort(latencies.begin(), latencies.end());
        run.medianKeyMs = latencies[latencies.size() / 2];
        run.p95KeyMs = latencies[latencies.size() * 95 / 100];
        run.maxKeyMs = latencies.back();
    }
}

/// For reference, and alone (its keystrokes take milliseconds): the stock KSyntaxHighlighting
/// highlighter on a QPlainTextEdit.
Run measureStock(const QString &text, int width)
{
    Subject subject;
    subject.width = width;
    open<QPlainTextEdit>(
        subject, text,
        [](QPlainTextEdit *e, const QString &t) {
            auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(e->document());
            highlighter->setDefinition(syntaxRepository().definitionForName(u"JSON"_s));
            highlighter->setTheme(syntaxRepository().defaultTheme());
            e->setPlainText(t);
        },
        false);
    type({ &subject });
    return subject.run;
}

/// The table of the three editors' runs, and the BENCH lines of CodeEditor against the plain one.
void printResults(QTextStream &out, const Run &plain, const Run &stock, const Run &code)
{
    out.setRealNumberNotation(QTextStream::FixedNotation);
    out.setRealNumberPrecision(2);
    out << "\n"
        << qSetFieldWidth(24) << Qt::left << "" << Qt::right << qSetFieldWidth(16) << "QPlainTextEdit"
        << "QPlainTextEdit" << "CodeEditor" << "ratio" << qSetFieldWidth(0) << "\n";
    out << qSetFieldWidth(24) << Qt::left << "" << Qt::right << qSetFieldWidth(16) << "plain" << "+ stock KSH"
        << "JSON" << "CodeEd/plain" << qSetFieldWidth(0) << "\n";
    auto row = [&out](const char *label, double p, double k, double c) {
        out << qSetFieldWidth(24) << Qt::left << QString::fromLatin1(label) << Qt::right << qSetFieldWidth(16)
            << p << k << c << c / p << qSetFieldWidth(0) << "\n";
    };
    row("first paint (ms)", plain.firstPaintMs, stock.firstPaintMs, code.firstPaintMs);
    row("keystroke median (ms)", plain.medianKeyMs, stock.medianKeyMs, code.medianKeyMs);
    row("keystroke p95 (ms)", plain.p95KeyMs, stock.p95KeyMs, code.p95KeyMs);
    row("keystroke max (ms)", plain.maxKeyMs, stock.maxKeyMs, code.maxKeyMs);
    out << "JSON: switching the theme took " << code.themeSwitchMs << " ms to the first repaint" << Qt::endl;
    out << "JSON: whole file highlighted " << code.highlightedMs
        << " ms after opening, in slices of about 8 ms between events" << Qt::endl;
    Bench::printLine(
        "editor_keystroke_median_20mb_json", code.medianKeyMs, plain.medianKeyMs, "ms", "ratio<=2.0");
    Bench::printLine("editor_keystroke_p95_20mb_json", code.p95KeyMs, plain.p95KeyMs, "ms", "ratio<=2.0");
}

// @p lines of generated JSON (400,000 make the 20 MB of the issue's row); @p only runs one editor
// ("plain", "stock" or "code", for a profiler), the others measuring nothing.
int benchmark(int jsonLines, const QString &only, int width)
{
    QTextStream out(stdout);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.json"_s);
    const QByteArray bytes = generateJson(jsonLines);
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            out << "cannot write " << path << Qt::endl;
            return 1;
        }
    }
    QElapsedTimer loadClock;
    loadClock.start();
    const TextFileContent content = TextFile::load(path);
    const double loadMs = double(loadClock.nsecsElapsed()) / 1e6;
    if (!content.ok()) {
        out << content.error << Qt::endl;
        return 1;
    }
    const QString &text = content.text;
    const qsizetype lines = text.count(QLatin1Char('\n'));
    out << "file: " << (double(bytes.size()) / (1024.0 * 1024.0)) << " MiB, " << lines
        << " lines; read+decode " << loadMs << " ms" << Qt::endl;

    const auto runs = [&only](const char *name) {
        return only.isEmpty() || only == QLatin1StringView(name);
    };
    const Run stock = runs("stock") ? measureStock(text, width) : Run {};
    // The baseline and CodeEditor, open side by side and typed into in turns.
    Subject plainSubject;
    Subject codeSubject;
    plainSubject.width = width;
    codeSubject.width = width;
    codeSubject.x = width;
    std::vector<Subject *> typedInto;
    if (runs("plain")) {
        open<QPlainTextEdit>(
            plainSubject, text, [](QPlainTextEdit *e, const QString &t) { e->setPlainText(t); }, false);
        typedInto.push_back(&plainSubject);
    }
    if (runs("code")) {
        open<CodeEditor>(
            codeSubject, text,
            [](CodeEditor *e, const QString &t) {
                e->setDefinitionByName(u"JSON"_s);
                e->setText(t);
            },
            true);
        typedInto.push_back(&codeSubject);
    }
    if (!typedInto.empty())
        type(typedInto);
    const Run &plain = plainSubject.run;
    const Run &code = codeSubject.run;

    printResults(out, plain, stock, code);
    return 0;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x23, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x14, 0x16, 0x18));
    p.setColor(QPalette::AlternateBase, QColor(0x1d, 0x1f, 0x22));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x29, 0x2c, 0x30));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::ToolTipBase, QColor(0x29, 0x2c, 0x30));
    p.setColor(QPalette::ToolTipText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

int screenshots(const QString &outDir)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"course.json"_s);
    auto writeSample = [&path] {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(R"({
    "id": "apis/api-design-mastery/restful-principles",
    "title": "RESTful Principles",
    "done": false,
    "estimateHours": 6.5,
    "concepts": [
        {
            "term": "Stateless Communication",
            "text": "No server-side session state",
            "tags": ["http", "scaling"]
        },
        {
            "term": "Resource Naming",
            "text": "Nouns, plural, hierarchical: /users/{id}/orders",
            "tags": ["design"]
        }
    ],
    "links": {
        "rfc": "https://www.rfc-editor.org/rfc/rfc9110",
        "notes": null
    },
    "attempts": [1, 2, 3, 5, 8, 13]
}
)");
        return true;
    };
    const QPalette light = QApplication::palette();
    for (const bool dark : { false, true }) {
        if (!writeSample())
            return 1;
        QApplication::setPalette(dark ? darkPalette() : light);
        EditorTabs tabs;
        tabs.resize(920, 600);
        const int index = tabs.openFile(path);
        if (index < 0)
            return 1;
        tabs.newDocument();
        tabs.setCurrentIndex(index);
        CodeEditor *editor = tabs.editorAt(index);
        tabs.show();
        QCoreApplication::processEvents();
        editor->goToLine(8, 13);
        // Fold the "links" object to show a folded marker.
        editor->fold(editor->document()->findBlockByNumber(17));
        tabs.findBarAt(index)->activate(true);
        tabs.findBarAt(index)->setFindText(u"term"_s);
        tabs.findBarAt(index)->findNext();
        editor->setFocus();
        editor->goToLine(10, 40); // just after "tags": […] to show bracket matching
        QTest::qWait(50);
        const QString file = outDir + (dark ? u"/editor-dark.png"_s : u"/editor-light.png"_s);
        if (!tabs.grab().save(file)) {
            fprintf(stderr, "cannot save %s\n", qPrintable(file));
            return 1;
        }
        printf("wrote %s (theme %s)\n", qPrintable(file), qPrintable(editor->theme().name()));
        if (dark)
            continue;
        // The same tab after another program changed the file under unsaved edits.
        editor->insertPlainText(u" "_s);
        QFile other(path);
        if (!other.open(QIODevice::Append) || other.write("\n") != 1)
            return 1;
        other.close();
        QTest::qWait(600);
        const QString notice = outDir + u"/editor-notice.png"_s;
        if (!tabs.grab().save(notice))
            return 1;
        printf("wrote %s\n", qPrintable(notice));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const QStringList args = QCoreApplication::arguments();
    const qsizetype shots = args.indexOf(u"--screenshots"_s);
    if (shots >= 0)
        return screenshots(shots + 1 < args.size() ? args.at(shots + 1) : u"."_s);
    const qsizetype lines = args.indexOf(u"--lines"_s);
    const qsizetype only = args.indexOf(u"--only"_s);
    const qsizetype width = args.indexOf(u"--width"_s);
    return benchmark(lines >= 0 ? args.value(lines + 1).toInt() : 400000,
        only >= 0 ? args.value(only + 1) : QString(), width >= 0 ? args.value(width + 1).toInt() : 1000);
}
