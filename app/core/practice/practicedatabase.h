#pragma once

#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <memory>

namespace StudyBench {

/// The practice server's own SQLite file (practice.sqlite in the data folder): Conduit users,
/// articles and comments, the playground's idempotent orders, and the JWT signing secret.
/// Separate from the learner's progress so it can be reset at any time without risk.
/// Belongs to the thread that opened it.
class PracticeDatabase
{
    Q_DECLARE_TR_FUNCTIONS(PracticeDatabase)

public:
    static constexpr int kSchemaVersion = 1;

    PracticeDatabase();
    ~PracticeDatabase();
    PracticeDatabase(const PracticeDatabase &) = delete;
    PracticeDatabase &operator=(const PracticeDatabase &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_db.errorString(); }
    QSqlDatabase database() const;

    /// The HS256 secret, generated on first use and kept in the file.
    QByteArray jwtSecret() const { return m_secret; }
    /// Deletes every user, article, comment and order and makes a new JWT secret, so tokens
    /// issued before stop working. One transaction.
    bool reset();

    bool transaction();
    bool commit();
    void rollback();

    /// Prepares @p sql on @p query, binds @p values in their order and runs it.
    static bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {});
    /// SqliteDatabase::cached() on this connection.
    CachedQuery cached(const QString &sql, const QVariantList &values = {})
    {
        return m_db.cached(sql, values);
    }

private:
    bool loadSecret(bool regenerate);
    bool exec(const QString &sql);
    bool fail(const QString &what, const QString &detail);

    SqliteDatabase m_db;
    QByteArray m_secret;
};

} // namespace StudyBench
