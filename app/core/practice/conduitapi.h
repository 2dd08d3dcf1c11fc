#pragma once

#include "practice/practiceexchange.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>
#include <optional>

class QObject;
class QSqlQuery;

namespace StudyBench {

class PracticeDatabase;
class PracticeRoutes;

/// The RealWorld "Conduit" API under /api (https://realworld-docs.netlify.app/): users with
/// bcrypt passwords and HS256 JWTs sent as "Authorization: Token <jwt>", profiles and follows,
/// articles with tags, favorites and comments. Errors are {"errors": {"body": ["..."]}}.
class ConduitApi
{
    Q_DECLARE_TR_FUNCTIONS(ConduitApi)

public:
    static constexpr qint64 kTokenLifetimeSeconds = 24 * 60 * 60;
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 100;

    /// context: continuations of password hashing run in it; deleting it drops them.
    ConduitApi(PracticeDatabase &database, QObject *context);

    void addRoutes(PracticeRoutes &routes);

    static void sendErrors(PracticeExchange &ex, int status, const QStringList &messages);
    /// "Hello, World!" -> "hello-world"
    static QString slugify(const QString &title);

private:
    struct User
    {
        qint64 id = 0;
        QString email;
        QString username;
        QString bio;
        QString image;
        QByteArray passwordHash;
    };
    struct Viewer
    {
        std::optional<User> user;
        QByteArray token;
        qint64 id() const { return user ? user->id : -1; }
    };

    // Each returns nullopt after answering the request with the error.
    std::optional<Viewer> authenticate(PracticeExchange &ex, bool required);
    std::optional<QJsonObject> readBody(PracticeExchange &ex, const QString &rootKey);

    std::optional<User> userWhere(const QString &column, const QVariant &value, bool *failed);
    QByteArray tokenFor(const User &user) const;
    /// {"user": {...}} with the token, not to be stored by caches.
    static void sendUser(PracticeExchange &ex, int status, const User &user, const QByteArray &token);
    /// Hashes @p password on the thread pool, then calls @p done with the exchange and the hash
    /// (a failed hash answers 500 instead).
    void hashPassword(const PracticeExchange::Ptr &ex, const QByteArray &password,
        std::function<void(const PracticeExchange::Ptr &, const QByteArray &)> done);
    std::optional<QJsonObject> profileJson(const QString &username, qint64 viewerId, bool *failed);
    /// {"article": {...}} as @p viewerId sees it; nothing when there is none such.
    std::optional<QByteArray> articleJson(const QString &slug, qint64 viewerId, bool *failed);
    QString uniqueSlug(const QString &title, qint64 exceptArticleId, bool *failed);

    void registerUser(const PracticeExchange::Ptr &ex);
    void login(const PracticeExchange::Ptr &ex);
    void currentUser(const PracticeExchange::Ptr &ex);
    void updateUser(const PracticeExchange::Ptr &ex);
    void finishUpdateUser(const PracticeExchange::Ptr &ex, const User &user, const QByteArray &token,
        const QJsonObject &changes, const QByteArray &newHash);
    void profile(PracticeExchange &ex, const QString &username);
    void follow(PracticeExchange &ex, const QString &username);
    void articles(PracticeExchange &ex, bool feed);
    void createArticle(PracticeExchange &ex);
    void article(PracticeExchange &ex, const QString &slug);
    void updateArticle(PracticeExchange &ex, const QString &slug, const Viewer &viewer);
    void deleteArticle(PracticeExchange &ex, const QString &slug, const Viewer &viewer);
    void comments(PracticeExchange &ex, const QString &slug);
    void deleteComment(PracticeExchange &ex, const QString &slug, const QString &id);
    void favorite(PracticeExchange &ex, const QString &slug);
    void tags(PracticeExchange &ex);

    /// 500: "The practice database failed", with the query's error when there is one.
    static void databaseError(PracticeExchange &ex);
    static void databaseError(PracticeExchange &ex, const QSqlQuery &query);
    struct ArticleRow
    {
        qint64 id = 0;
        qint64 authorId = 0;
        QString title;
        QString description;
        QString body;
    };
    /// The article with @p slug; when there is none (or the database fails) the answer (404 or
    /// 500) is sent and nullopt returned.
    std::optional<ArticleRow> findArticle(PracticeExchange &ex, const QString &slug);
    /// The same for an article @p viewer wrote; another author's article answers 403 with @p forbidden.
    std::optional<ArticleRow> findOwnArticle(
        PracticeExchange &ex, const QString &slug, const Viewer &viewer, const QString &forbidden);

    /// What an article or a profile that is not there means: 404, or (right after it was written) 500.
    enum class Missing
    {
        IsNotFound,
        IsFailure
    };
    /// {"<key>": found}; nothing found is 404 with @p notFound, or a failure.
    static void sendFound(PracticeExchange &ex, int status, const QString &key,
        const std::optional<QJsonObject> &found, bool failed, Missing missing, const QString &notFound,
        const QHttpHeaders &extra = {});
    /// {"article": {...}} as @p viewerId sees it.
    void sendArticle(PracticeExchange &ex, int status, const QString &slug, qint64 viewerId, Missing missing,
        const QHttpHeaders &extra = {});
    /// {"profile": {...}} as @p viewerId sees it.
    void sendProfile(PracticeExchange &ex, const QString &username, qint64 viewerId, Missing missing);

    PracticeDatabase &m_database;
    QObject *m_context;
};

} // namespace StudyBench
