#include "practice/practicelistener.h"

#include "util/memory.h"

#include <QTcpSocket>

namespace StudyBench {

PracticeListener::PracticeListener(
    const Settings &settings, const PracticeConnection::Hooks &hooks, QObject *parent)
    : QTcpServer(parent)
    , m_settings(settings)
    , m_hooks(hooks)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_acceptFailed = false;
        updateAccepting();
    });
    // QTcpServer pauses itself on an accept() error that is not temporary, and stays paused.
    connect(this, &QTcpServer::acceptError, this, &PracticeListener::onAcceptError);
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_settings.idleTrimDelay);
    connect(&m_idle, &QTimer::timeout, this, &releaseFreeMemory);
}

void PracticeListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    auto *connection = new PracticeConnection(socket, m_settings.connection, m_hooks, this);
    ++m_connections;
    m_idle.stop();
    connect(connection, &PracticeConnection::finished, this, [this] {
        if (--m_connections == 0)
            m_idle.start();
        updateAccepting();
    });
    updateAccepting();
}

void PracticeListener::onAcceptError()
{
    m_paused = true; // QTcpServer has paused
    m_acceptFailed = true;
    Q_EMIT acceptPaused(errorString());
    m_retry.start(m_settings.acceptRetryDelay);
}

void PracticeListener::updateAccepting()
{
    const bool pause = m_acceptFailed || m_connections >= m_settings.maxConnections;
    if (pause == m_paused || !isListening())
        return;
    m_paused = pause;
    if (pause)
        pauseAccepting();
    else
        resumeAccepting();
}

void PracticeListener::closeConnections()
{
    for (PracticeConnection *connection : findChildren<PracticeConnection *>(Qt::FindDirectChildrenOnly))
        connection->closeNow();
}

} // namespace StudyBench
