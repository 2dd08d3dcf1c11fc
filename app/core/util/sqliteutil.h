#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

class QSqlQuery;

namespace StudyBench {

/// Creates the folder @p path and any missing parents, each folder it creates readable by its
/// owner only (0700). False when it cannot.
bool makePrivateFolder(const QString &path);
/// Makes the file @p path (and an SQLite file's -wal and -shm beside it) readable and writable by
/// its owner only (0600). False when it cannot.
bool makePrivateFile(const QString &path);

/// A short-lived SQLite connection with its own name, removed again when it goes out of scope.
/// ReadOnly opens with SQLITE_OPEN_READONLY, so inspecting a file never writes to it.
class SqliteConnection
{
public:
    enum Mode
    {
        ReadOnly,
        ReadWrite
    };

    SqliteConnection(const QString &path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }
    QSqlDatabase database() const;
    /// Empty when PRAGMA quick_check says "ok"; otherwise what it (or the failed query) said.
    QString quickCheck();
    /// PRAGMA user_version, or -1 when it cannot be read.
    int userVersion();

private:
    QString m_name;
    QString m_error;
    bool m_open = false;
};

/// One of StudyBench's own SQLite files, on a uniquely named Qt SQL connection that belongs to
/// the thread that opened it. Opening creates the file and its folder, switches to WAL with
/// synchronous=FULL (a commit is on disk when it returns), and brings the schema up to date:
/// step i of the migrations takes PRAGMA user_version from i to i + 1 in one transaction. A file
/// with a newer schema than the migrations know is refused and left untouched.
/// A statement of SqliteDatabase's cache in use (see SqliteDatabase::cached()): its rows are
/// read through it, and it is reset, still prepared, when this goes out of scope.
class CachedQuery
{
public:
    CachedQuery(QSqlQuery &query, bool ok)
        : m_query(query)
        , m_ok(ok)
    { }
    ~CachedQuery();
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;

    /// False when preparing or running failed (the query's lastError() says why).
    bool ok() const { return m_ok; }
    QSqlQuery &operator*() const { return m_query; }
    QSqlQuery *operator->() const { return &m_query; }

private:
    QSqlQuery &m_query;
    bool m_ok;
};

class SqliteDatabase
{
    Q_DECLARE_TR_FUNCTIONS(SqliteDatabase)

public:
    explicit SqliteDatabase(const QString &connectionPrefix);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    /// How a commit reaches the disk: Full (every commit is synced; for the learner's data) or
    /// Normal (synced at checkpoints; for data that can be thrown away).
    enum class Sync
    {
        Full,
        Normal
    };

    bool open(const QString &path, const QList<QStringList> &migrations, Sync sync = Sync::Full);
    void close();
    bool isOpen() const;
    QSqlDatabase database() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    /// PRAGMA user_version, or -1.
    int schemaVersion() const;

    /// Runs a prepared query; on failure records "@p what: the database's message".
    bool exec(QSqlQuery &query, const QString &what = {});
    bool exec(const QString &sql, const QString &what = {});
    /// Runs @p sql with @p values (bound in their order) on a forward-only statement that this
    /// connection prepared the first time it ran that text and keeps until it closes, so SQLite
    /// compiles each text once. One use of a text at a time: the handle resets it when it goes.
    CachedQuery cached(const QString &sql, const QVariantList &values = {});
    /// BEGIN IMMEDIATE: two writers (GUI and CLI) wait for each other instead of failing half-way.
    bool begin();
    bool commit();
    void rollback();
    /// Records an error; always returns false.
    bool fail(const QString &what, const QString &detail = {});

private:
    bool migrate(const QList<QStringList> &migrations);

    QString m_connection;
    QString m_path;
    QString m_error;
    struct Statement;
    /// Prepared statements by their text (cached()); gone before the connection closes.
    QHash<QString, std::shared_ptr<Statement>> m_statements;
};

} // namespace StudyBench
