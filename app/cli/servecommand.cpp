#include "servecommand.h"

#include "practice/practiceserver.h"
#include "util/preferences.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace StudyBench {

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int signal)
{
    const char byte = static_cast<char>(signal);
    // Only async-signal-safe calls here: the event loop reads the byte and quits.
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

ServeCommand::ServeCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int ServeCommand::run(const QStringList &args, const QString &portText, const QString &dataDir)
{
    PracticeServer server(dataDir);
    if (args.size() == 1 && args.first() == QLatin1StringView("reset")) {
        if (!server.resetData()) {
            m_err << server.errorString() << Qt::endl;
            return 1;
        }
        m_out << tr("Deleted all practice data in %1.").arg(server.databasePath()) << Qt::endl;
        return 0;
    }
    if (!args.isEmpty()) {
        m_err << tr("Usage: studybench-cli serve [--port N] [--data-dir DIR], or studybench-cli serve reset")
              << Qt::endl;
        return 2;
    }
    quint16 port = Preferences().practiceServerPort().value_or(PracticeServer::kDefaultPort);
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value < 1 || value > 65535) {
            m_err << tr("'%1' is not a port; use 1 to 65535.").arg(portText) << Qt::endl;
            return 2;
        }
        port = quint16(value);
    }
    if (!installSignalHandlers()) {
        m_err << tr("Cannot install the signal handlers.") << Qt::endl;
        return 1;
    }
    if (!server.start(port)) {
        m_err << server.errorString() << Qt::endl;
        return 1;
    }
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [] {
        char byte = 0;
        while (::read(signalPipe[0], &byte, 1) > 0) { }
        QCoreApplication::quit();
    });
    QObject::connect(&server, &PracticeServer::requestLogged, &server,
        [this](const PracticeLogEntry &entry) { m_out << entry.toLine() << Qt::endl; });
    QObject::connect(&server, &PracticeServer::acceptPaused, &server, [this, &server](const QString &reason) {
        m_err << tr("Cannot accept a connection (%1); trying again in %2 ms.")
                     .arg(reason)
                     .arg(server.limits().acceptRetryDelay.count())
              << Qt::endl;
    });

    m_out << tr("StudyBench practice server on %1 (playground: /http, Conduit: /api)")
                 .arg(server.url().toString(QUrl::StripTrailingSlash))
          << Qt::endl
          << tr("Data: %1. Stop with Ctrl+C.").arg(server.databasePath()) << Qt::endl;
    QCoreApplication::exec();
    server.stop();
    m_out << tr("Stopped.") << Qt::endl;
    return 0;
}

} // namespace StudyBench
