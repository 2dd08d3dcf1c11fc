#include "application.h"

#include "appearance.h"
#include "datalocation.h"
#include "mainwindow.h"
#include "singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

#include <chrono>
#include <cstdio>
#include <functional>
#include <utility>

namespace StudyBench {

namespace {

// Saves a picture of @p window once the curriculum and the progress are shown, then quits.
void takeScreenshotWhenReady(MainWindow *window, const QString &path)
{
    auto pending = std::make_shared<int>(2);
    auto shoot = [window, path, pending] {
        if (--*pending > 0)
            return;
        QTimer::singleShot(250, window, [window, path] {
            const bool saved = window->grab().save(path);
            if (!saved)
                qWarning("cannot write the screenshot to %s", qPrintable(path));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(window, &MainWindow::curriculumReady, window, shoot, Qt::SingleShotConnection);
    QObject::connect(window, &MainWindow::progressReady, window, shoot, Qt::SingleShotConnection);
}

// Runs @p work once @p window has painted its first frame and the event loop is free again, or
// after a second if it has not been painted by then (started minimized, say).
void runAfterFirstFrame(QWidget *window, std::function<void()> work)
{
    class FirstFrame : public QObject
    {
    public:
        FirstFrame(QWidget *window, std::function<void()> work)
            : QObject(window)
            , m_window(window)
            , m_work(std::move(work))
        {
            window->installEventFilter(this);
            QTimer::singleShot(1000, this, &FirstFrame::run);
        }

    protected:
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                QTimer::singleShot(0, this, &FirstFrame::run);
            return QObject::eventFilter(watched, event);
        }

    private:
        void run()
        {
            m_window->removeEventFilter(this);
            if (m_work)
                std::exchange(m_work, {})();
            deleteLater();
        }

        QWidget *m_window;
        std::function<void()> m_work;
    };
    new FirstFrame(window, std::move(work));
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

} // namespace

int runApplication(int argc, char *argv[])
{
    const qint64 entered = StartupProbe::now();
    QApplication app(argc, argv);
    setApplicationIdentity();
    QGuiApplication::setApplicationDisplayName(QApplication::translate("Application", "StudyBench"));
    QGuiApplication::setDesktopFileName(QStringLiteral("studybench"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("studybench"));
    if (icon.isNull()) {
        for (int size : { 32, 64, 128, 256 })
            icon.addFile(QStringLiteral(":/icons/studybench-%1.png").arg(size));
    }

    // The user's language; English (the source language) brings its plural forms.
    auto *translator = new QTranslator(&app);
    if (translator->load(
            QLocale(), QStringLiteral("studybench"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/studybench_en.qm")))
        QCoreApplication::installTranslator(translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "Application", "StudyBench: the backend developer curriculum, your progress and notes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QApplication::translate(
            "Application", "Keep data in DIR (default: $STUDYBENCH_DATA_DIR or the user's data folder)."),
        QApplication::translate("Application", "DIR"));
    const QCommandLineOption curriculumOption(QStringLiteral("curriculum"),
        QApplication::translate("Application", "Use the curriculum in FILE instead of the built-in one."),
        QApplication::translate("Application", "FILE"));
    const QCommandLineOption appearanceOption(QStringLiteral("appearance"),
        QApplication::translate("Application", "Colours: system, light or dark (default: as last chosen)."),
        QApplication::translate("Application", "NAME"));
    const QCommandLineOption selectOption(QStringLiteral("select"),
        QApplication::translate("Application", "Select the item with ID at start."),
        QApplication::translate("Application", "ID"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::translate(
            "Application", "Save a picture of the window to FILE once it is shown, then quit."),
        QApplication::translate("Application", "FILE"));
    parser.addOptions({ dataDirOption, curriculumOption, appearanceOption, selectOption, screenshotOption });
    parser.process(app);

    const QString dataDir = dataDirectory(parser.value(dataDirOption));
    SingleInstance instance(dataDir);
    if (!instance.claim()) {
        // Another StudyBench works on this data: show its window instead of opening a second one.
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
    {
        const QSettings settings(QDir(dataDir).filePath(QStringLiteral("ui.ini")), QSettings::IniFormat);
        QString appearance = parser.value(appearanceOption);
        if (appearance.isEmpty())
            appearance = settings.value(QStringLiteral("appearance"), QStringLiteral("system")).toString();
        Appearance::apply(appearance);
    }

    MainWindow window(dataDir);
    QObject::connect(&instance, &SingleInstance::messageReceived, &window, [&window] {
        if (window.isMinimized())
            window.showNormal();
        window.show();
        window.raise();
        window.activateWindow();
    });
    if (parser.isSet(screenshotOption))
        takeScreenshotWhenReady(&window, QDir::current().absoluteFilePath(parser.value(screenshotOption)));
    if (parser.isSet(selectOption)) {
        const QString id = parser.value(selectOption);
        QObject::connect(
            &window, &MainWindow::curriculumReady, &window, [&window, id] { window.selectNode(id); },
            Qt::SingleShotConnection);
    }
    if (StartupProbe::wanted())
        new StartupProbe(&window, entered);
    QString curriculumFile = parser.value(curriculumOption);
    if (!parser.isSet(curriculumOption)) {
        const QSettings settings(QDir(dataDir).filePath(QStringLiteral("ui.ini")), QSettings::IniFormat);
        curriculumFile = settings.value(QStringLiteral("curriculum")).toString();
    }
    window.loadCurriculum(curriculumFile);
    window.show();
    // The icon goes to the window system once the first frame is up: on X11, Qt turns each of its
    // sizes into a property of the new window (4-5 ms), which the first frame need not wait for.
    runAfterFirstFrame(&window, [icon] { QApplication::setWindowIcon(icon); });
    return app.exec();
}

} // namespace StudyBench
