#include "util/singleinstance.h"

#include "util/asyncrun.h"
#include "util/datalocation.h"
#include "util/sqliteutil.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileSystemWatcher>
#include <QSaveFile>
#include <QThread>

#include <utility>

namespace StudyBench {

namespace {

// A request: a whole file (QSaveFile), named after the sender; its temporary file has another suffix.
const QString kSuffix = QStringLiteral(".request");

// The requests waiting in @p mailbox, with their text.
QList<std::pair<QString, QByteArray>> readRequests(const QString &mailbox)
{
    QList<std::pair<QString, QByteArray>> requests;
    const QDir dir(mailbox);
    const QStringList names = dir.entryList({ QLatin1Char('*') + kSuffix }, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            requests.append({ file.fileName(), file.readAll() });
    }
    return requests;
}

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_mailbox((makePrivateFolder(dataDir), QDir(dataDir).filePath(QStringLiteral("studybench.requests"))))
    , m_lock(QDir(dataDir).filePath(DataFile::instanceLock()))
{
    m_lock.setStaleLockTime(0); // stale only when its process is gone
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::claim()
{
    if (!m_lock.tryLock(200))
        return false;
    // We hold the lock, so requests left there were for an instance that is gone.
    QDir(m_mailbox).removeRecursively();
    if (!makePrivateFolder(m_mailbox)) {
        qWarning("cannot make %s for requests from other StudyBench instances", qPrintable(m_mailbox));
        return true;
    }
    m_watcher = new QFileSystemWatcher({ m_mailbox }, this);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &SingleInstance::collect);
    collect(); // one that arrived before the watcher
    return true;
}

void SingleInstance::collect()
{
    if (std::exchange(m_collecting, true)) {
        m_collectAgain = true;
        return;
    }
    // Read off the GUI thread; each request is removed (the sender's sign that it was taken) only
    // after its signal has been emitted.
    const QString mailbox = m_mailbox;
    runAsync(
        this, [mailbox] { return readRequests(mailbox); },
        [this](const QList<std::pair<QString, QByteArray>> &requests) {
            QStringList taken;
            for (const auto &[path, message] : requests) {
                taken.append(path);
                Q_EMIT messageReceived(message.trimmed());
            }
            runAsync(
                this,
                [taken] {
                    for (const QString &path : taken)
                        QFile::remove(path);
                    return true;
                },
                [this](bool) {
                    m_collecting = false;
                    if (std::exchange(m_collectAgain, false))
                        collect();
                });
        });
}

bool SingleInstance::notifyRunning(const QByteArray &message, int timeoutMs) const
{
    static QAtomicInt sent;
    const QString path = QDir(m_mailbox).filePath(
        QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(sent.fetchAndAddRelaxed(1))
        + kSuffix);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(message + '\n') < 0 || !file.commit())
        return false;
    const QDeadlineTimer deadline(timeoutMs);
    while (QFile::exists(path)) {
        if (deadline.hasExpired()) {
            QFile::remove(path); // not taken: nobody is watching
            return false;
        }
        QThread::msleep(10);
    }
    return true;
}

} // namespace StudyBench
