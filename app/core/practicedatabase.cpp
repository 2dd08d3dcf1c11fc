#include "practicedatabase.h"

#include "jwt.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {

QAtomicInt connectionCounter;

const QStringList &schema()
{
    static const QStringList statements {
        QStringLiteral(
            "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE user ("
                       " id INTEGER PRIMARY KEY,"
                       " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                       " username TEXT NOT NULL UNIQUE,"
                       " password_hash TEXT NOT NULL,"
                       " bio TEXT NOT NULL DEFAULT '',"
                       " image TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE TABLE follow ("
                       " follower_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
                       " followed_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
                       " PRIMARY KEY (follower_id, followed_id)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE article ("
                       " id INTEGER PRIMARY KEY,"
                       " slug TEXT NOT NULL UNIQUE,"
                       " title TEXT NOT NULL,"
                       " description TEXT NOT NULL,"
                       " body TEXT NOT NULL,"
                       " author_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX article_by_author ON article (author_id, created_at)"),
        QStringLiteral("CREATE INDEX article_by_time ON article (created_at)"),
        QStringLiteral("CREATE TABLE article_tag ("
                       " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
                       " tag TEXT NOT NULL,"
                       " position INTEGER NOT NULL,"
                       " PRIMARY KEY (article_id, tag)) WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX article_tag_by_tag ON article_tag (tag)"),
        QStringLiteral("CREATE TABLE favorite ("
                       " user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
                       " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
                       " PRIMARY KEY (user_id, article_id)) WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX favorite_by_article ON favorite (article_id)"),
        QStringLiteral("CREATE TABLE comment ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
                       " author_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
                       " body TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX comment_by_article ON comment (article_id, created_at)"),
        QStringLiteral("CREATE TABLE practice_order ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " item TEXT NOT NULL,"
                       " quantity INTEGER NOT NULL,"
                       " created_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE idempotency_key ("
                       " key TEXT PRIMARY KEY NOT NULL,"
                       " fingerprint BLOB NOT NULL,"
                       " status INTEGER NOT NULL,"
                       " response BLOB NOT NULL,"
                       " location TEXT NOT NULL DEFAULT '',"
                       " created_at INTEGER NOT NULL) WITHOUT ROWID"),
    };
    return statements;
}

const QByteArray kSecretKey = QByteArrayLiteral("jwt_secret");

} // namespace

PracticeDatabase::PracticeDatabase()
    : m_connection(QStringLiteral("studybench-practice-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{ }

PracticeDatabase::~PracticeDatabase()
{
    close();
}

QSqlDatabase PracticeDatabase::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool PracticeDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database().isOpen();
}

void PracticeDatabase::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_secret.clear();
}

bool PracticeDatabase::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : tr("%1: %2").arg(what, detail);
    return false;
}

bool PracticeDatabase::exec(const QString &sql)
{
    QSqlQuery q(database());
    if (!q.exec(sql))
        return fail(tr("Cannot update the practice database %1").arg(m_path), q.lastError().text());
    return true;
}

bool PracticeDatabase::open(const QString &path)
{
    close();
    m_path = path;
    m_error.clear();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("Cannot create the data folder %1").arg(info.absolutePath()), {});
    if (info.exists() && !info.isFile())
        return fail(tr("Cannot open %1").arg(path), tr("it is not a file"));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return fail(tr("Cannot open %1").arg(path), db.lastError().text());
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return fail(tr("Cannot read %1 as a practice database").arg(path), q.lastError().text());
        if (q.value(0).toString().compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0)
            return fail(tr("Cannot switch %1 to write-ahead logging").arg(path), q.value(0).toString());
    }
    // Practice data is disposable: NORMAL is durable enough in WAL mode and much faster.
    if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL")) || !exec(QStringLiteral("PRAGMA foreign_keys=ON")))
        return false;
    return migrate() && loadSecret(false);
}

bool PracticeDatabase::migrate()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(tr("Cannot read the schema version of %1").arg(m_path), q.lastError().text());
    const int version = q.value(0).toInt();
    if (version == kSchemaVersion)
        return true;
    if (version > kSchemaVersion)
        return fail(tr("%1 was written by a newer StudyBench (schema %2; this one knows %3)")
                        .arg(m_path)
                        .arg(version)
                        .arg(kSchemaVersion),
            {});
    if (!transaction())
        return false;
    for (const QString &statement : schema()) {
        if (!exec(statement)) {
            rollback();
            return false;
        }
    }
    if (!exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion))) {
        rollback();
        return false;
    }
    return commit();
}

bool PracticeDatabase::loadSecret(bool regenerate)
{
    QSqlQuery q(database());
    if (!regenerate) {
        q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
        q.addBindValue(kSecretKey);
        if (!q.exec())
            return fail(tr("Cannot read the practice database %1").arg(m_path), q.lastError().text());
        if (q.next() && q.value(0).toByteArray().size() >= 32) {
            m_secret = q.value(0).toByteArray();
            return true;
        }
    }
    const QByteArray secret = Jwt::generateSecret();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(kSecretKey);
    q.addBindValue(secret);
    if (!q.exec())
        return fail(tr("Cannot update the practice database %1").arg(m_path), q.lastError().text());
    m_secret = secret;
    return true;
}

bool PracticeDatabase::reset()
{
    const QByteArray previousSecret = m_secret;
    if (!transaction())
        return false;
    const QStringList tables { QStringLiteral("comment"), QStringLiteral("favorite"),
        QStringLiteral("article_tag"), QStringLiteral("article"), QStringLiteral("follow"),
        QStringLiteral("user"), QStringLiteral("practice_order"), QStringLiteral("idempotency_key") };
    for (const QString &table : tables) {
        if (!exec(QStringLiteral("DELETE FROM ") + table)) {
            rollback();
            return false;
        }
    }
    // Start the AUTOINCREMENT counters again, too.
    if (!exec(QStringLiteral("DELETE FROM sqlite_sequence")) || !loadSecret(true) || !commit()) {
        rollback();
        m_secret = previousSecret;
        return false;
    }
    return true;
}

bool PracticeDatabase::transaction()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool PracticeDatabase::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

void PracticeDatabase::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace StudyBench
