#include "util/singleinstance.h"

#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

#include <unistd.h>

namespace StudyBench {

namespace {

QString serverNameFor(const QString &dataDir)
{
    const QByteArray key = QDir(dataDir).canonicalPath().toUtf8() + '|' + QByteArray::number(::getuid());
    return QStringLiteral("studybench-")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24));
}

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_serverName((makePrivateFolder(dataDir), serverNameFor(dataDir)))
    , m_lock(QDir(dataDir).filePath(DataFile::instanceLock()))
{
    m_lock.setStaleLockTime(0); // stale only when its process is gone
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

bool SingleInstance::claim()
{
    if (!m_lock.tryLock(200))
        return false;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket of that name is left over from a crash.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName))
        qWarning("cannot listen for other StudyBench instances: %s", qPrintable(m_server->errorString()));
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                const QByteArray message = socket->readAll();
                socket->write("ok\n");
                socket->flush();
                Q_EMIT messageReceived(message.trimmed());
            });
        }
    });
    return true;
}

bool SingleInstance::notifyRunning(const QByteArray &message, int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(message + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    return socket.waitForReadyRead(timeoutMs) && socket.readAll().startsWith("ok");
}

} // namespace StudyBench
