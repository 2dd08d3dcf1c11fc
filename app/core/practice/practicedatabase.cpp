#include "practice/practicedatabase.h"

#include "practice/jwt.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {

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
    : m_db(QStringLiteral("studybench-practice"))
{ }

PracticeDatabase::~PracticeDatabase() = default;

QSqlDatabase PracticeDatabase::database() const
{
    return m_db.database();
}

bool PracticeDatabase::isOpen() const
{
    return m_db.isOpen();
}

void PracticeDatabase::close()
{
    m_db.close();
    m_secret.clear();
}

bool PracticeDatabase::fail(const QString &what, const QString &detail)
{
    return m_db.fail(what, detail);
}

bool PracticeDatabase::exec(const QString &sql)
{
    return m_db.exec(sql, tr("Cannot update the practice database %1").arg(m_db.path()));
}

bool PracticeDatabase::open(const QString &path)
{
    // Practice data is disposable: NORMAL is durable enough in WAL mode, and much faster.
    return m_db.open(path, { schema() }, SqliteDatabase::Sync::Normal) && loadSecret(false);
}

bool PracticeDatabase::loadSecret(bool regenerate)
{
    QSqlQuery q(database());
    if (!regenerate) {
        q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
        q.addBindValue(kSecretKey);
        if (!q.exec())
            return fail(tr("Cannot read the practice database %1").arg(m_db.path()), q.lastError().text());
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
        return fail(tr("Cannot update the practice database %1").arg(m_db.path()), q.lastError().text());
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
    return m_db.begin();
}

bool PracticeDatabase::commit()
{
    return m_db.commit();
}

void PracticeDatabase::rollback()
{
    m_db.rollback();
}

bool PracticeDatabase::run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace StudyBench
