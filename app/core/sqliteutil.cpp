#include "sqliteutil.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {
QAtomicInt counter;
}

SqliteConnection::SqliteConnection(const QString &path, Mode mode)
    : m_name(QStringLiteral("studybench-sqlite-%1").arg(counter.fetchAndAddRelaxed(1)))
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

} // namespace StudyBench
