#include "util/sqliteutil.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {
QAtomicInt counter;

// A connection name no other connection of the process has. The workbench module links its own
// copy of this file (and so of the counter): the counter's address tells the copies apart.
QString uniqueConnectionName(const QString &prefix)
{
    return QStringLiteral("%1-%2-%3")
        .arg(prefix)
        .arg(quintptr(&counter), 0, 16)
        .arg(counter.fetchAndAddRelaxed(1));
}

constexpr QFile::Permissions kOwnerOnlyFolder = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions kOwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
} // namespace

bool makePrivateFolder(const QString &path)
{
    const QString folder = QDir::cleanPath(QDir(path).absolutePath());
    if (QFileInfo(folder).isDir())
        return true;
    const QString parent = QFileInfo(folder).path();
    if (parent != folder && !makePrivateFolder(parent))
        return false;
    return QDir().mkdir(folder, kOwnerOnlyFolder) || QFileInfo(folder).isDir();
}

bool makePrivateFile(const QString &path)
{
    bool ok = QFile::setPermissions(path, kOwnerOnlyFile);
    for (const QLatin1StringView suffix : { QLatin1StringView("-wal"), QLatin1StringView("-shm") }) {
        if (QFileInfo::exists(path + suffix))
            ok = QFile::setPermissions(path + suffix, kOwnerOnlyFile) && ok;
    }
    return ok;
}

SqliteConnection::SqliteConnection(const QString &path, Mode mode)
    : m_name(uniqueConnectionName(QStringLiteral("studybench-sqlite")))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
    if (mode == ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    m_open = db.open();
    if (!m_open)
        m_error = db.lastError().text();
}

SqliteConnection::~SqliteConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase SqliteConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

QString SqliteConnection::quickCheck()
{
    if (!m_open)
        return m_error;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA quick_check")))
        return q.lastError().text();
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1StringView("ok"))
            problems.append(line);
    }
    if (problems.isEmpty() && q.lastError().isValid())
        return q.lastError().text();
    return problems.mid(0, 3).join(QStringLiteral("; "));
}

int SqliteConnection::userVersion()
{
    if (!m_open)
        return -1;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

SqliteDatabase::SqliteDatabase(const QString &connectionPrefix)
    : m_connection(uniqueConnectionName(connectionPrefix))
{ }

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

QSqlDatabase SqliteDatabase::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

void SqliteDatabase::close()
{
    m_statements.clear(); // SQLite closes a connection only once its statements are finalised
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool SqliteDatabase::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : tr("%1: %2").arg(what, detail);
    return false;
}

bool SqliteDatabase::open(const QString &path, const QList<QStringList> &migrations, Sync sync)
{
    close();
    m_path = path;
    m_error.clear();
    const QFileInfo info(path);
    if (!makePrivateFolder(info.absolutePath()))
        return fail(tr("Cannot create the data folder %1").arg(info.absolutePath()));
    if (info.exists() && !info.isFile())
        return fail(tr("Cannot open %1").arg(path), tr("it is not a file"));
    // The file is the owner's alone from the start (SQLite gives its -wal and -shm the same
    // mode), and an older one made so.
    if (!info.exists()) {
        QFile create(path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnlyFile))
            return fail(tr("Cannot create %1").arg(path), create.errorString());
    }
    if (!makePrivateFile(path))
        return fail(tr("Cannot make %1 private to you").arg(path));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return fail(tr("Cannot open %1").arg(path), db.lastError().text());
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return fail(tr("Cannot read %1 as a StudyBench database").arg(path), q.lastError().text());
        if (q.value(0).toString().compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0)
            return fail(tr("Cannot switch %1 to write-ahead logging").arg(path), q.value(0).toString());
    }
    const QString synchronous = sync == Sync::Full ? QStringLiteral("PRAGMA synchronous=FULL")
                                                   : QStringLiteral("PRAGMA synchronous=NORMAL");
    if (!exec(synchronous) || !exec(QStringLiteral("PRAGMA foreign_keys=ON")))
        return false;
    return migrate(migrations);
}

int SqliteDatabase::schemaVersion() const
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    const int version = q.value(0).toInt();
    q.finish();
    return version;
}

bool SqliteDatabase::migrate(const QList<QStringList> &migrations)
{
    const int current = schemaVersion();
    const int latest = int(migrations.size());
    if (current < 0)
        return fail(tr("Cannot read the schema version of %1").arg(m_path), database().lastError().text());
    if (current > latest)
        return fail(tr("%1 was made by a newer StudyBench (schema %2; this version knows up to %3). "
                       "Update StudyBench to open it; the file was left untouched.")
                .arg(m_path)
                .arg(current)
                .arg(latest));
    for (int version = current; version < latest; ++version) {
        if (!begin())
            return false;
        for (const QString &sql : migrations.at(version)) {
            if (!exec(sql)) {
                rollback();
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) || !commit()) {
            rollback();
            return false;
        }
    }
    return true;
}

bool SqliteDatabase::exec(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    return fail(what.isEmpty() ? tr("Database error in %1").arg(m_path) : what, query.lastError().text());
}

bool SqliteDatabase::exec(const QString &sql, const QString &what)
{
    QSqlQuery q(database());
    if (q.exec(sql))
        return true;
    return fail(what.isEmpty() ? tr("Database error in %1").arg(m_path) : what, q.lastError().text());
}

struct SqliteDatabase::Statement
{
    QSqlQuery query;
    bool prepared;
};

CachedQuery SqliteDatabase::cached(const QString &sql, const QVariantList &values)
{
    std::shared_ptr<Statement> &statement = m_statements[sql];
    if (!statement) {
        statement = std::make_shared<Statement>(Statement { QSqlQuery(database()), false });
        statement->query.setForwardOnly(true);
    }
    // One that failed to prepare is tried again on its next use.
    if (!statement->prepared && !(statement->prepared = statement->query.prepare(sql)))
        return CachedQuery(statement->query, false);
    for (qsizetype i = 0; i < values.size(); ++i)
        statement->query.bindValue(int(i), values.at(i));
    return CachedQuery(statement->query, statement->query.exec());
}

CachedQuery::~CachedQuery()
{
    m_query.finish();
}

bool SqliteDatabase::begin()
{
    const CachedQuery q = cached(QStringLiteral("BEGIN IMMEDIATE"));
    return q.ok() || fail(tr("Database error in %1").arg(m_path), q->lastError().text());
}

bool SqliteDatabase::commit()
{
    const CachedQuery q = cached(QStringLiteral("COMMIT"));
    return q.ok() || fail(tr("Database error in %1").arg(m_path), q->lastError().text());
}

void SqliteDatabase::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace StudyBench
