#include "application.h"

#include "afterpaint.h"
#include "common/appearance.h"
#include "mainwindow.h"
#include "util/datalocation.h"
#include "util/singleinstance.h"
#include "util/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <QTreeView>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>

namespace StudyBench {

namespace {

// Saves a picture of @p window once the curriculum, the progress and the workbench are shown,
// then quits.
void takeScreenshotWhenReady(MainWindow *window, const QString &path)
{
    // The package proofs take one: a workbench module that cannot be loaded fails them (exit 1).
    auto pending = std::make_shared<int>(3);
    auto workbenchOk = std::make_shared<bool>(false);
    auto shoot = [window, path, pending, workbenchOk] {
        if (--*pending > 0)
            return;
        QTimer::singleShot(250, window, [window, path, workbenchOk] {
            const bool saved = window->grab().save(path);
            if (!saved)
                qWarning("cannot write the screenshot to %s", qPrintable(path));
            QCoreApplication::exit(saved && *workbenchOk ? 0 : 1);
        });
    };
    QObject::connect(window, &MainWindow::curriculumReady, window, shoot, Qt::SingleShotConnection);
    QObject::connect(window, &MainWindow::progressReady, window, shoot, Qt::SingleShotConnection);
    QObject::connect(
        window, &MainWindow::workbenchLoaded, window,
        [shoot, workbenchOk](bool ok) {
            *workbenchOk = ok;
            shoot();
        },
        Qt::SingleShotConnection);
}

// For tests/benchmarks/bench_startup.cpp, not for users: with STUDYBENCH_STARTUP_PROBE=1 in the
// environment, StudyBench prints one line on stdout and closes its window (as the user would)
// once the curriculum and the saved progress are on screen:
//
//   studybench-startup main-ns=T0 first-frame-ns=T1 interactive-ns=T2 vmhwm-kb=K
//
// The times are std::chrono::steady_clock (CLOCK_MONOTONIC): T0 when runApplication() was
// entered, T1 once the first frame of the window has been painted and handed to the window
// system, T2 once the tree has been painted with the curriculum and the saved progress in it.
// K is the peak resident set size so far.
class StartupProbe : public QObject
{
public:
    static bool wanted() { return qEnvironmentVariableIntValue("STUDYBENCH_STARTUP_PROBE") == 1; }

    static qint64 now()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    StartupProbe(MainWindow *window, qint64 mainEntered)
        : QObject(window)
        , m_window(window)
        , m_mainEntered(mainEntered)
    {
        window->installEventFilter(this);
        window->tree()->viewport()->installEventFilter(this);
        auto ready = [this] {
            if (--m_pending == 0)
                m_window->tree()->viewport()->update(); // painted again even if nothing changed
        };
        connect(window, &MainWindow::curriculumReady, this, ready, Qt::SingleShotConnection);
        connect(window, &MainWindow::progressReady, this, ready, Qt::SingleShotConnection);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            // Queued: the frame is complete and flushed once the paint in progress has returned.
            if (m_firstFrame == 0 && watched == m_window)
                QMetaObject::invokeMethod(this, [this] { m_firstFrame = now(); }, Qt::QueuedConnection);
            if (m_pending == 0 && !m_done && watched == m_window->tree()->viewport()) {
                m_done = true;
                QMetaObject::invokeMethod(this, &StartupProbe::report, Qt::QueuedConnection);
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void report()
    {
        const qint64 interactive = now();
        QFile status(QStringLiteral("/proc/self/status"));
        qint64 peakKb = 0;
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmHWM:"))
                    peakKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
            }
        }
        std::printf("studybench-startup main-ns=%lld first-frame-ns=%lld interactive-ns=%lld vmhwm-kb=%lld\n",
            m_mainEntered, m_firstFrame ? m_firstFrame : interactive, interactive, peakKb);
        std::fflush(stdout);
        m_window->close();
    }

    MainWindow *m_window;
    qint64 m_mainEntered;
    int m_pending = 2; // curriculumReady, progressReady
    bool m_done = false;
    qint64 m_firstFrame = 0;
};

// The GUI's command line. It is the same whether a window will open or not, so that --help and
// --version can answer from a plain QCoreApplication, with no display (over SSH, in a package
// build making man pages).
struct CommandLine
{
    QCommandLineParser parser;
    const QCommandLineOption dataDir { QStringLiteral("data-dir"),
        QCoreApplication::translate(
            "Application", "Keep data in DIR (default: $STUDYBENCH_DATA_DIR or the user's data folder)."),
        QCoreApplication::translate("Application", "DIR") };
    const QCommandLineOption curriculum { QStringLiteral("curriculum"),
        QCoreApplication::translate("Application", "Use the curriculum in FILE instead of the built-in one."),
        QCoreApplication::translate("Application", "FILE") };
    const QCommandLineOption appearance { QStringLiteral("appearance"),
        QCoreApplication::translate(
            "Application", "Colours: system, light or dark (default: as last chosen)."),
        QCoreApplication::translate("Application", "NAME") };
    const QCommandLineOption select { QStringLiteral("select"),
        QCoreApplication::translate("Application", "Select the item with ID at start."),
        QCoreApplication::translate("Application", "ID") };
    const QCommandLineOption screenshot { QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "Application", "Save a picture of the window to FILE once it is shown, then quit."),
        QCoreApplication::translate("Application", "FILE") };

    CommandLine()
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "Application", "StudyBench: the backend developer curriculum, your progress and notes."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({ dataDir, curriculum, appearance, select, screenshot });
    }
};

// True when the command line only asks for text (help or version): no window, no display.
bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--")
            return false;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v"
            || arg == "--version")
            return true;
    }
    return false;
}

// Prints help or version (QCommandLineParser::process exits after either) or the error.
int answerInText(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslator(app);
    CommandLine commandLine;
    commandLine.parser.process(app);
    return 0;
}

QIcon setUpIdentity()
{
    setApplicationIdentity();
    QGuiApplication::setApplicationDisplayName(QApplication::translate("Application", "StudyBench"));
    // The application id of the desktop file, the AppStream metadata and the icon (packaging/).
    const QString appId = QStringLiteral("io.github.studybench.StudyBench");
    QGuiApplication::setDesktopFileName(appId);
    QIcon icon = QIcon::fromTheme(appId);
    if (icon.isNull()) {
        for (int size : { 32, 64, 128, 256 })
            icon.addFile(QStringLiteral(":/icons/studybench-%1.png").arg(size));
    }
    return icon;
}

// Another StudyBench works on this data: its window is shown instead of a second one.
int handOverToRunning(SingleInstance &instance, const QString &dataDir)
{
    if (instance.notifyRunning(QByteArrayLiteral("activate"))) {
        std::fprintf(stderr, "%s\n",
            qPrintable(QApplication::translate("Application",
                "StudyBench is already running for %1; its window was "
                "brought to the front.")
                    .arg(dataDir)));
        return 0;
    }
    std::fprintf(stderr, "%s\n",
        qPrintable(QApplication::translate("Application",
            "Another StudyBench holds %1 but does not answer. If it is "
            "stuck, end it and start StudyBench again.")
                .arg(dataDir)));
    return 1;
}

// The appearance given on the command line, else the one saved in ui.ini.
void applyAppearance(const QString &dataDir, QString appearance)
{
    const QSettings uiState(QDir(dataDir).filePath(DataFile::uiState()), QSettings::IniFormat);
    if (appearance.isEmpty())
        appearance = uiState.value(QStringLiteral("appearance"), QStringLiteral("system")).toString();
    Appearance::apply(appearance);
}

// What the start-up options ask of the first window, connected before it loads.
void prepareFirstWindow(MainWindow *first, const QString &screenshot, const QString &select, qint64 entered)
{
    if (!screenshot.isEmpty())
        takeScreenshotWhenReady(first, screenshot);
    if (!select.isEmpty()) {
        QObject::connect(
            first, &MainWindow::curriculumReady, first, [first, select] { first->selectNode(select); },
            Qt::SingleShotConnection);
    }
    if (StartupProbe::wanted())
        new StartupProbe(first, entered);
}

} // namespace

int runApplication(int argc, char *argv[])
{
    const qint64 entered = StartupProbe::now();
    if (asksOnlyForText(argc, argv))
        return answerInText(argc, argv);
    QApplication app(argc, argv);
    const QIcon icon = setUpIdentity();
    installTranslator(app);

    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    const QCommandLineOption &dataDirOption = commandLine.dataDir;
    const QCommandLineOption &curriculumOption = commandLine.curriculum;
    const QCommandLineOption &appearanceOption = commandLine.appearance;
    const QCommandLineOption &selectOption = commandLine.select;
    const QCommandLineOption &screenshotOption = commandLine.screenshot;
    parser.process(app);

    const QString dataDir = dataDirectory(parser.value(dataDirOption));
    SingleInstance instance(dataDir);
    if (!instance.claim())
        return handOverToRunning(instance, dataDir);
    applyAppearance(dataDir, parser.value(appearanceOption));

    // Each curriculum keeps its progress in its own profile directory.
    const QString curriculumFile = chosenCurriculum(dataDir, parser.value(curriculumOption));

    // Signals of the first window that the start-up options need are connected before it loads.
    std::function<void(MainWindow *)> prepareFirst = [&](MainWindow *first) {
        const QString screenshot = parser.isSet(screenshotOption)
            ? QDir::current().absoluteFilePath(parser.value(screenshotOption))
            : QString();
        prepareFirstWindow(first, screenshot, parser.value(selectOption), entered);
    };
    std::unique_ptr<MainWindow> window;
    std::function<void(const QString &)> openWindow = [&](const QString &file) {
        window = std::make_unique<MainWindow>(dataDir, profileDirectory(dataDir, file));
        // Queued: the old window is replaced once the menu action that asked has returned.
        QObject::connect(
            window.get(), &MainWindow::curriculumSwitchRequested, &app,
            [&](const QString &next) {
                QGuiApplication::setQuitOnLastWindowClosed(false);
                const bool closed = window->close(); // saves the layout, closes the editors, asks
                QGuiApplication::setQuitOnLastWindowClosed(true);
                if (closed)
                    openWindow(next);
            },
            Qt::QueuedConnection);
        if (prepareFirst) {
            prepareFirst(window.get());
            prepareFirst = nullptr;
        }
        window->loadCurriculum(file);
        window->show();
    };
    QObject::connect(&instance, &SingleInstance::messageReceived, &app, [&window] {
        if (window->isMinimized())
            window->showNormal();
        window->show();
        window->raise();
        window->activateWindow();
    });
    openWindow(curriculumFile);
    MainWindow *first = window.get();
    // The icon goes to the window system once the first frame is up: on X11, Qt turns each of its
    // sizes into a property of the new window (4-5 ms), which the first frame need not wait for.
    runAfterPaint({ first }, [icon] { QApplication::setWindowIcon(icon); });
    return app.exec();
}

} // namespace StudyBench
