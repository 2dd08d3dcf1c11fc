#include "httpclient/responsespool.h"

#include "util/datalocation.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

namespace StudyBench {

namespace {

constexpr qint64 kOrphanSeconds = 3600; ///< a folder without a lock file, being made right now, is younger

QString lockPathFor(const QString &folder)
{
    return folder + QStringLiteral(".lock");
}

} // namespace

ResponseSpool::ResponseSpool(const QString &root)
{
    removeStale(root);
    const QString folder
        = QDir(root).filePath(QStringLiteral("run-") + QUuid::createUuid().toString(QUuid::Id128).left(16));
    if (!QDir().mkpath(root)) {
        m_error = tr("Cannot create the folder %1 for response bodies.").arg(QDir::toNativeSeparators(root));
        return;
    }
    // The lock first: a folder without one may be removed by another process as an orphan.
    m_lock = std::make_unique<QLockFile>(lockPathFor(folder));
    m_lock->setStaleLockTime(0); // only a dead owner makes it stale, never its age
    if (!m_lock->tryLock(0) || !QDir().mkpath(folder)) {
        m_error
            = tr("Cannot create the folder %1 for response bodies.").arg(QDir::toNativeSeparators(folder));
        m_lock.reset();
        return;
    }
    m_path = folder;
}

ResponseSpool::~ResponseSpool()
{
    if (!m_path.isEmpty())
        QDir(m_path).removeRecursively();
    if (m_lock)
        m_lock->unlock(); // removes the lock file
}

QString ResponseSpool::defaultRoot()
{
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (cache.isEmpty())
        cache = QDir::tempPath();
    return QDir(cache).filePath(DataFile::responseSpoolFolder());
}

ResponseSpool &ResponseSpool::instance()
{
    static ResponseSpool spool(defaultRoot());
    return spool;
}

int ResponseSpool::removeStale(const QString &root)
{
    int removed = 0;
    const QDir dir(root);
    const QDateTime orphanBefore = QDateTime::currentDateTimeUtc().addSecs(-kOrphanSeconds);
    const QFileInfoList folders = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &folder : folders) {
        const QString lockPath = lockPathFor(folder.absoluteFilePath());
        if (!QFileInfo::exists(lockPath)) {
            if (folder.lastModified() < orphanBefore && QDir(folder.absoluteFilePath()).removeRecursively())
                ++removed;
            continue;
        }
        QLockFile lock(lockPath);
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // its process is alive
        removed += QDir(folder.absoluteFilePath()).removeRecursively() ? 1 : 0;
        lock.unlock();
    }
    return removed;
}

} // namespace StudyBench
