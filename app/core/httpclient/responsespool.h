#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

class QLockFile;

namespace StudyBench {

/// Where response bodies are spooled while a response is alive: a folder of this process's own in
/// the user's cache (QStandardPaths::CacheLocation, "responses"), never the system temporary folder,
/// which is often in RAM. The folder goes when the process exits; folders that processes left
/// behind (a crash, a kill) are removed the next time a process starts spooling. Each folder has a
/// lock file beside it (QLockFile) that tells a live owner from a dead one.
class ResponseSpool
{
    Q_DECLARE_TR_FUNCTIONS(ResponseSpool)

public:
    /// Makes a folder of its own under @p root, after removing the folders of processes that are gone.
    explicit ResponseSpool(const QString &root);
    /// Removes the folder and everything still in it.
    ~ResponseSpool();
    ResponseSpool(const ResponseSpool &) = delete;
    ResponseSpool &operator=(const ResponseSpool &) = delete;

    bool isValid() const { return !m_path.isEmpty(); }
    /// The folder; empty when it could not be made (see errorString()).
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }

    /// The cache's "responses" folder.
    static QString defaultRoot();
    /// The process's spool under defaultRoot(), made on first use and removed at exit.
    static ResponseSpool &instance();
    /// Removes the folders under @p root whose process is gone (and those without a lock file that
    /// are older than an hour); returns how many were removed.
    static int removeStale(const QString &root);

private:
    QString m_path;
    QString m_error;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace StudyBench
