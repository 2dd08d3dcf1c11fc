// bench_startup_floor: the floor bench_startup measures StudyBench's start-up against. A bare
// QMainWindow with an empty QTreeView, the size of StudyBench's first window (1280 x 800), that
// prints the same line as StudyBench's start-up probe (app/gui/application.cpp) once its first
// frame has been painted, and quits:
//
//   studybench-startup main-ns=T0 first-frame-ns=T interactive-ns=T vmhwm-kb=K

#include <QApplication>
#include <QFile>
#include <QMainWindow>
#include <QTreeView>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

qint64 now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

class FirstFrameProbe : public QObject
{
public:
    explicit FirstFrameProbe(qint64 mainEntered)
        : m_mainEntered(mainEntered)
    { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // Queued: the frame is complete and flushed once the paint in progress has returned.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    const qint64 t = now();
                    std::printf("studybench-startup main-ns=%lld first-frame-ns=%lld interactive-ns=%lld "
                                "vmhwm-kb=%lld\n",
                        m_mainEntered, t, t, peakRssKb());
                    std::fflush(stdout);
                    QCoreApplication::quit();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    qint64 m_mainEntered;
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    const qint64 entered = now();
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(u"bench_startup_floor"_s);
    auto *tree = new QTreeView(&window);
    window.setCentralWidget(tree);
    window.resize(1280, 800);
    FirstFrameProbe probe(entered);
    window.installEventFilter(&probe);
    window.show();
    return app.exec();
}
