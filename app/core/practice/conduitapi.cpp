#include "practice/conduitapi.h"

#include "practice/articlejson.h"
#include "practice/jwt.h"
#include "practice/passwordhash.h"
#include "practice/practicedatabase.h"
#include "practice/practiceroutes.h"
#include "util/asyncrun.h"

#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <functional>
#include <type_traits>

namespace StudyBench {

namespace {

using Method = PracticeExchange::Method;
using H = QHttpHeaders::WellKnownHeader;

using ArticleJson::isoDate;

// Runs @p work on the thread pool, then @p done with the exchange and the result in @p context's
// thread. The exchange waits in a PendingExchange meanwhile: when the server stops first, it is
// answered with 503 and @p done never runs.
template<typename Work, typename Done>
void answerLater(const PracticeExchange::Ptr &ex, QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    const QPointer<PendingExchange> pending = new PendingExchange(ex, context);
    runAsync(context, std::move(work), [pending, done = std::move(done)](const Result &result) {
        if (const PracticeExchange::Ptr held = pending ? pending->take() : nullptr)
            done(held, result);
    });
}

// A hash of a password nobody has, so a login for an unknown email costs as much as a real one.
const QByteArray &dummyHash()
{
    static const QByteArray hash = PasswordHash::hash(QByteArrayLiteral("studybench-timing-equaliser"));
    return hash;
}

bool isValidEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    return email.size() <= 254 && at > 0 && at == email.lastIndexOf(QLatin1Char('@')) && at < email.size() - 1
        && !std::any_of(
            email.begin(), email.end(),
            [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
}

// Usernames appear in URL paths (/profiles/{username}), so no slash; no control characters either.
bool isValidUsername(const QString &name)
{
    return !name.trimmed().isEmpty() && name.size() <= 64
        && !std::any_of(name.begin(), name.end(),
            [](QChar c) { return c == QLatin1Char('/') || c.category() == QChar::Other_Control; });
}

// An article list is read the batched way (the curriculum's answer to N+1): one query for the
// page's articles, then one query each for their tags, their favourite counts, which of them the
// viewer favourited and which of their authors the viewer follows, over the page's ids bound as one
// JSON array (json_each), so the statements are the same whatever the page's size.
const QString kArticleColumns
    = QStringLiteral("a.id, a.author_id, a.slug, a.title, a.description, a.body, a.created_at, a.updated_at,"
                     " u.username, u.bio, u.image");
const QString kInPage = QStringLiteral(" IN (SELECT value FROM json_each(?))");
// tagList in code point order, whatever order the author gave (RealWorld's API tests expect it sorted).
const QString kPageTags = QStringLiteral("SELECT article_id, tag FROM article_tag WHERE article_id") + kInPage
    + QStringLiteral(" ORDER BY article_id, tag");
const QString kPageFavoriteCounts
    = QStringLiteral("SELECT article_id, COUNT(*) FROM favorite WHERE article_id") + kInPage
    + QStringLiteral(" GROUP BY article_id");
const QString kPageFavorited
    = QStringLiteral("SELECT article_id FROM favorite WHERE user_id = ? AND article_id") + kInPage;
const QString kPageFollowing
    = QStringLiteral("SELECT followed_id FROM follow WHERE follower_id = ? AND followed_id") + kInPage;

PageArticle articleFromRow(const QSqlQuery &q, bool withBody)
{
    PageArticle a;
    a.id = q.value(0).toLongLong();
    a.authorId = q.value(1).toLongLong();
    a.slug = q.value(2).toString();
    a.title = q.value(3).toString();
    a.description = q.value(4).toString();
    if (withBody)
        a.body = q.value(5).toString();
    a.createdAt = q.value(6).toLongLong();
    a.updatedAt = q.value(7).toLongLong();
    a.username = q.value(8).toString();
    a.bio = q.value(9).toString();
    a.image = q.value(10).toString();
    return a;
}

/// Runs @p sql (prepared once per connection) with @p values and calls @p row for each row; false
/// when the database failed.
bool forEachRow(PracticeDatabase &db, const QString &sql, const QVariantList &values,
    const std::function<void(const QSqlQuery &)> &row)
{
    const CachedQuery q = db.cached(sql, values);
    if (!q.ok())
        return false;
    while (q->next())
        row(*q);
    return true;
}

/// Adds tags, favourite counts, favorited and following to @p page in four queries.
bool addPageDetails(PracticeDatabase &db, QList<PageArticle> &page, qint64 viewerId)
{
    if (page.isEmpty())
        return true;
    QHash<qint64, qsizetype> byId;
    QJsonArray ids;
    QJsonArray authorIds;
    for (qsizetype i = 0; i < page.size(); ++i) {
        byId.insert(page.at(i).id, i);
        ids.append(page.at(i).id);
        authorIds.append(page.at(i).authorId);
    }
    const QString idList = QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
    const auto article = [&](const QSqlQuery &q) -> PageArticle & {
        return page[byId.value(q.value(0).toLongLong())];
    };
    if (!forEachRow(db, kPageTags, { idList },
            [&](const QSqlQuery &q) { article(q).tagList.append(q.value(1).toString()); })
        || !forEachRow(db, kPageFavoriteCounts, { idList },
            [&](const QSqlQuery &q) { article(q).favoritesCount = q.value(1).toInt(); }))
        return false;
    if (viewerId < 0) // nobody signed in favourites or follows nothing
        return true;
    const QString authorList = QString::fromUtf8(QJsonDocument(authorIds).toJson(QJsonDocument::Compact));
    return forEachRow(db, kPageFavorited, { viewerId, idList }, [&](const QSqlQuery &q) {
        article(q).favorited = true;
    }) && forEachRow(db, kPageFollowing, { viewerId, authorList }, [&](const QSqlQuery &q) {
        const qint64 author = q.value(0).toLongLong();
        for (PageArticle &a : page)
            a.following = a.following || a.authorId == author;
    });
}

} // namespace

ConduitApi::ConduitApi(PracticeDatabase &database, QObject *context)
    : m_database(database)
    , m_context(context)
{ }

void ConduitApi::sendErrors(PracticeExchange &ex, int status, const QStringList &messages)
{
    QHttpHeaders h;
    if (status == 401)
        h.append(H::WWWAuthenticate, "Token realm=\"Conduit\"");
    ex.sendJson(status,
        QJsonObject { { QStringLiteral("errors"),
            QJsonObject { { QStringLiteral("body"), QJsonArray::fromStringList(messages) } } } },
        h);
}

void ConduitApi::databaseError(PracticeExchange &ex)
{
    sendErrors(ex, 500, { tr("The practice database failed.") });
}

void ConduitApi::databaseError(PracticeExchange &ex, const QSqlQuery &query)
{
    sendErrors(ex, 500, { tr("The practice database failed: %1").arg(query.lastError().text()) });
}

std::optional<ConduitApi::ArticleRow> ConduitApi::findArticle(PracticeExchange &ex, const QString &slug)
{
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral("SELECT id, author_id, title, description, body FROM article WHERE slug = ?"),
            { slug })) {
        databaseError(ex, q);
        return std::nullopt;
    }
    if (!q.next()) {
        sendErrors(ex, 404, { tr("article not found") });
        return std::nullopt;
    }
    return ArticleRow { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toString() };
}

std::optional<ConduitApi::ArticleRow> ConduitApi::findOwnArticle(
    PracticeExchange &ex, const QString &slug, const Viewer &viewer, const QString &forbidden)
{
    std::optional<ArticleRow> found = findArticle(ex, slug);
    if (found && found->authorId != viewer.id()) {
        sendErrors(ex, 403, { forbidden });
        return std::nullopt;
    }
    return found;
}

void ConduitApi::sendFound(PracticeExchange &ex, int status, const QString &key,
    const std::optional<QJsonObject> &found, bool failed, Missing missing, const QString &notFound,
    const QHttpHeaders &extra)
{
    if (failed || (!found && missing == Missing::IsFailure))
        return databaseError(ex);
    if (!found)
        return sendErrors(ex, 404, { notFound });
    ex.sendJson(status, QJsonObject { { key, *found } }, extra);
}

void ConduitApi::sendArticle(PracticeExchange &ex, int status, const QString &slug, qint64 viewerId,
    Missing missing, const QHttpHeaders &extra)
{
    bool failed = false;
    const std::optional<QByteArray> article = articleJson(slug, viewerId, &failed);
    if (failed || (!article && missing == Missing::IsFailure))
        return databaseError(ex);
    if (!article)
        return sendErrors(ex, 404, { tr("article not found") });
    ex.send(status, *article, QByteArrayLiteral("application/json"), extra);
}

void ConduitApi::sendProfile(PracticeExchange &ex, const QString &username, qint64 viewerId, Missing missing)
{
    bool failed = false;
    const auto profile = profileJson(username, viewerId, &failed);
    sendFound(ex, 200, QStringLiteral("profile"), profile, failed, missing, tr("profile not found"));
}

QString ConduitApi::slugify(const QString &title)
{
    // Latin letters lose their accents (compatibility decomposition, then the marks dropped);
    // letters of other scripts stay as they are, and URLs carry them percent-encoded.
    QString slug;
    bool dash = false;
    for (QChar c : title.normalized(QString::NormalizationForm_KD).toLower()) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing)
            continue;
        if (c.isLetterOrNumber() || c.isSurrogate()) {
            if (dash && !slug.isEmpty())
                slug.append(QLatin1Char('-'));
            slug.append(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    slug.truncate(slug.size() > 80 && slug.at(79).isHighSurrogate() ? 79 : 80);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("article") : slug;
}

void ConduitApi::addRoutes(PracticeRoutes &routes)
{
    using Ptr = const PracticeExchange::Ptr &;
    const auto member = [this](auto handler) {
        return std::bind_front(handler, this);
    };
    routes.add(QStringLiteral("/api/users/login"), "POST", member(&ConduitApi::login));
    routes.add(QStringLiteral("/api/users"), "POST", member(&ConduitApi::registerUser));
    routes.add(QStringLiteral("/api/user"), "GET, HEAD, PUT",
        [this](Ptr ex) { ex->isMethod(Method::Put) ? updateUser(ex) : currentUser(ex); });
    routes.add(QStringLiteral("/api/profiles/<arg>"), "GET, HEAD", member(&ConduitApi::profile));
    routes.add(QStringLiteral("/api/profiles/<arg>/follow"), "POST, DELETE", member(&ConduitApi::follow));
    // Before /api/articles/<slug>, which "feed" would match too.
    routes.add(QStringLiteral("/api/articles/feed"), "GET, HEAD",
        [this](PracticeExchange &ex) { articles(ex, true); });
    routes.add(QStringLiteral("/api/articles"), "GET, HEAD, POST", [this](PracticeExchange &ex) {
        ex.isMethod(Method::Post) ? createArticle(ex) : articles(ex, false);
    });
    routes.add(QStringLiteral("/api/articles/<arg>"), "GET, HEAD, PUT, DELETE", member(&ConduitApi::article));
    routes.add(
        QStringLiteral("/api/articles/<arg>/comments"), "GET, HEAD, POST", member(&ConduitApi::comments));
    routes.add(
        QStringLiteral("/api/articles/<arg>/comments/<arg>"), "DELETE", member(&ConduitApi::deleteComment));
    routes.add(QStringLiteral("/api/articles/<arg>/favorite"), "POST, DELETE", member(&ConduitApi::favorite));
    routes.add(QStringLiteral("/api/tags"), "GET, HEAD", member(&ConduitApi::tags));
}

// ---- plumbing ---------------------------------------------------------------------------------

std::optional<ConduitApi::User> ConduitApi::userWhere(
    const QString &column, const QVariant &value, bool *failed)
{
    *failed = false;
    // column is one of our own literals, never user input.
    const CachedQuery q = m_database.cached(
        QStringLiteral("SELECT id, email, username, bio, image, password_hash FROM user WHERE %1 = ?")
            .arg(column),
        { value });
    if (!q.ok()) {
        *failed = true;
        return std::nullopt;
    }
    if (!q->next())
        return std::nullopt;
    return User { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
        q->value(3).toString(), q->value(4).toString(), q->value(5).toByteArray() };
}

QByteArray ConduitApi::tokenFor(const User &user) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return Jwt(m_database.jwtSecret())
        .sign(QJsonObject { { QStringLiteral("sub"), QString::number(user.id) },
            { QStringLiteral("username"), user.username }, { QStringLiteral("iat"), now },
            { QStringLiteral("exp"), now + kTokenLifetimeSeconds } });
}

void ConduitApi::sendUser(PracticeExchange &ex, int status, const User &user, const QByteArray &token)
{
    QHttpHeaders h;
    h.append(H::CacheControl, "no-store");
    ex.sendJson(status,
        QJsonObject { { QStringLiteral("user"),
            QJsonObject { { QStringLiteral("email"), user.email },
                { QStringLiteral("token"), QString::fromLatin1(token) },
                { QStringLiteral("username"), user.username }, { QStringLiteral("bio"), user.bio },
                { QStringLiteral("image"), user.image } } } },
        h);
}

void ConduitApi::hashPassword(const PracticeExchange::Ptr &ex, const QByteArray &password,
    std::function<void(const PracticeExchange::Ptr &, const QByteArray &)> done)
{
    // bcrypt takes a while by design; hash on a worker so the server keeps answering.
    answerLater(
        ex, m_context, [password] { return PasswordHash::hash(password); },
        [done = std::move(done)](const PracticeExchange::Ptr &held, const QByteArray &hash) {
            if (hash.isEmpty())
                return sendErrors(*held, 500, { tr("Cannot hash the password.") });
            done(held, hash);
        });
}

std::optional<ConduitApi::Viewer> ConduitApi::authenticate(PracticeExchange &ex, bool required)
{
    const QByteArray header = ex.header("authorization").trimmed();
    if (header.isEmpty()) {
        if (!required)
            return Viewer {};
        sendErrors(
            ex, 401, { tr("This needs a login: send Authorization: Token <jwt from /api/users/login>.") });
        return std::nullopt;
    }
    const QByteArray token = ex.credentials("Token", Qt::CaseSensitive);
    if (token.isEmpty()) {
        sendErrors(ex, 401, { tr("The Authorization header must be 'Token <jwt>'.") });
        return std::nullopt;
    }
    const Jwt::Result result = Jwt(m_database.jwtSecret()).verify(token);
    if (!result.ok()) {
        sendErrors(ex, 401, { result.message });
        return std::nullopt;
    }
    bool ok = false;
    const qint64 id = result.claims.value(QStringLiteral("sub")).toString().toLongLong(&ok);
    bool failed = false;
    std::optional<User> user = ok ? userWhere(QStringLiteral("id"), id, &failed) : std::nullopt;
    if (failed) {
        databaseError(ex);
        return std::nullopt;
    }
    if (!user) {
        sendErrors(ex, 401, { tr("The token's user does not exist (any more).") });
        return std::nullopt;
    }
    return Viewer { user, token };
}

std::optional<QJsonObject> ConduitApi::readBody(PracticeExchange &ex, const QString &rootKey)
{
    const QByteArray contentType = ex.header("content-type").toLower();
    const QByteArray mediaType = contentType.split(';').first().trimmed();
    if (mediaType != "application/json"
        && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
        sendErrors(ex, 415,
            { tr("Send JSON with Content-Type: application/json (not '%1').")
                    .arg(QString::fromLatin1(contentType)) });
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(ex.body(), &error);
    if (error.error != QJsonParseError::NoError) {
        sendErrors(
            ex, 400, { tr("Malformed JSON: %1 at offset %2.").arg(error.errorString()).arg(error.offset) });
        return std::nullopt;
    }
    const QJsonValue root = doc.object().value(rootKey);
    if (!doc.isObject() || !root.isObject()) {
        sendErrors(ex, 422, { tr("The body must be an object with a \"%1\" object inside.").arg(rootKey) });
        return std::nullopt;
    }
    return root.toObject();
}

std::optional<QJsonObject> ConduitApi::profileJson(const QString &username, qint64 viewerId, bool *failed)
{
    *failed = false;
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral("SELECT u.username, u.bio, u.image,"
                           " EXISTS (SELECT 1 FROM follow f WHERE f.follower_id = ? AND f.followed_id = u.id)"
                           " FROM user u WHERE u.username = ?"),
            { viewerId, username })) {
        *failed = true;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return QJsonObject { { QStringLiteral("username"), q.value(0).toString() },
        { QStringLiteral("bio"), q.value(1).toString() }, { QStringLiteral("image"), q.value(2).toString() },
        { QStringLiteral("following"), q.value(3).toBool() } };
}

std::optional<QByteArray> ConduitApi::articleJson(const QString &slug, qint64 viewerId, bool *failed)
{
    *failed = false;
    const CachedQuery q = m_database.cached(QStringLiteral("SELECT ") + kArticleColumns
            + QStringLiteral(" FROM article a JOIN user u ON u.id = a.author_id WHERE a.slug = ?"),
        { slug });
    if (!q.ok()) {
        *failed = true;
        return std::nullopt;
    }
    if (!q->next())
        return std::nullopt;
    QList<PageArticle> page { articleFromRow(*q, true) };
    q->finish();
    if (!addPageDetails(m_database, page, viewerId)) {
        *failed = true;
        return std::nullopt;
    }
    return ArticleJson::single(page.first());
}

QString ConduitApi::uniqueSlug(const QString &title, qint64 exceptArticleId, bool *failed)
{
    *failed = false;
    const QString base = slugify(title);
    QSqlQuery q(m_database.database());
    q.prepare(QStringLiteral("SELECT 1 FROM article WHERE slug = ? AND id != ?"));
    for (int n = 1;; ++n) {
        const QString candidate = n == 1 ? base : base + QLatin1Char('-') + QString::number(n);
        q.addBindValue(candidate);
        q.addBindValue(exceptArticleId);
        if (!q.exec()) {
            *failed = true;
            return {};
        }
        if (!q.next())
            return candidate;
        q.finish();
    }
}

// ---- users ------------------------------------------------------------------------------------

void ConduitApi::registerUser(const PracticeExchange::Ptr &ex)
{
    const auto body = readBody(*ex, QStringLiteral("user"));
    if (!body)
        return;
    const QString username = body->value(QStringLiteral("username")).toString();
    const QString email = body->value(QStringLiteral("email")).toString().trimmed();
    const QByteArray password = body->value(QStringLiteral("password")).toString().toUtf8();
    QStringList problems;
    if (username.trimmed().isEmpty())
        problems.append(tr("username can't be blank"));
    else if (!isValidUsername(username))
        problems.append(tr("username must be at most 64 characters, without '/'"));
    if (email.isEmpty())
        problems.append(tr("email can't be blank"));
    else if (!isValidEmail(email))
        problems.append(tr("email is invalid"));
    if (password.isEmpty())
        problems.append(tr("password can't be blank"));
    else if (password.size() > 72 || password.contains('\0'))
        problems.append(tr("password must be at most 72 bytes"));
    if (!problems.isEmpty())
        return sendErrors(*ex, 422, problems);
    bool emailFailed = false;
    bool nameFailed = false;
    if (userWhere(QStringLiteral("email"), email, &emailFailed))
        problems.append(tr("email has already been taken"));
    if (userWhere(QStringLiteral("username"), username, &nameFailed))
        problems.append(tr("username has already been taken"));
    if (emailFailed || nameFailed)
        return databaseError(*ex);
    if (!problems.isEmpty())
        return sendErrors(*ex, 422, problems);

    hashPassword(
        ex, password, [this, username, email](const PracticeExchange::Ptr &held, const QByteArray &hash) {
            QSqlQuery q(m_database.database());
            if (!PracticeDatabase::run(q,
                    QStringLiteral("INSERT INTO user (email, username, password_hash) VALUES (?, ?, ?)"),
                    { email, username, QString::fromLatin1(hash) })) {
                // Another registration took the name while the hash was being computed.
                return sendErrors(*held, 422, { tr("email or username has already been taken") });
            }
            const User user { q.lastInsertId().toLongLong(), email, username, {}, {}, hash };
            sendUser(*held, 201, user, tokenFor(user));
        });
}

void ConduitApi::login(const PracticeExchange::Ptr &ex)
{
    const auto body = readBody(*ex, QStringLiteral("user"));
    if (!body)
        return;
    const QString email = body->value(QStringLiteral("email")).toString().trimmed();
    const QByteArray password = body->value(QStringLiteral("password")).toString().toUtf8();
    QStringList problems;
    if (email.isEmpty())
        problems.append(tr("email can't be blank"));
    if (password.isEmpty())
        problems.append(tr("password can't be blank"));
    if (!problems.isEmpty())
        return sendErrors(*ex, 422, problems);
    bool failed = false;
    const std::optional<User> user = userWhere(QStringLiteral("email"), email, &failed);
    if (failed)
        return databaseError(*ex);
    const QByteArray stored = user ? user->passwordHash : QByteArray();
    answerLater(
        ex, m_context,
        [password, stored] {
            // Unknown email: verify against a dummy hash anyway, so timing does not tell which emails exist.
            if (stored.isEmpty()) {
                PasswordHash::verify(password, dummyHash());
                return false;
            }
            return PasswordHash::verify(password, stored);
        },
        [this, user](const PracticeExchange::Ptr &held, bool ok) {
            if (!ok || !user)
                return sendErrors(*held, 401, { tr("email or password is invalid") });
            sendUser(*held, 200, *user, tokenFor(*user));
        });
}

void ConduitApi::currentUser(const PracticeExchange::Ptr &ex)
{
    const auto viewer = authenticate(*ex, true);
    if (!viewer)
        return;
    sendUser(*ex, 200, *viewer->user, viewer->token);
}

void ConduitApi::updateUser(const PracticeExchange::Ptr &ex)
{
    const auto viewer = authenticate(*ex, true);
    if (!viewer)
        return;
    const auto body = readBody(*ex, QStringLiteral("user"));
    if (!body)
        return;
    static const QStringList fields { QStringLiteral("email"), QStringLiteral("username"),
        QStringLiteral("password"), QStringLiteral("bio"), QStringLiteral("image") };
    QJsonObject changes;
    QStringList problems;
    for (const QString &field : fields) {
        const QJsonValue v = body->value(field);
        if (v.isUndefined())
            continue;
        if (v.isNull() && (field == QLatin1StringView("bio") || field == QLatin1StringView("image"))) {
            changes.insert(field, QString());
            continue;
        }
        if (!v.isString()) {
            problems.append(tr("%1 must be a string").arg(field));
            continue;
        }
        changes.insert(field, v);
    }
    if (changes.isEmpty() && problems.isEmpty())
        problems.append(tr("user must have at least one of email, username, password, bio, image"));
    const User &me = *viewer->user;
    bool emailFailed = false;
    bool nameFailed = false;
    if (changes.contains(QStringLiteral("email"))) {
        const QString email = changes.value(QStringLiteral("email")).toString().trimmed();
        changes.insert(QStringLiteral("email"), email);
        if (!isValidEmail(email))
            problems.append(tr("email is invalid"));
        else if (auto other = userWhere(QStringLiteral("email"), email, &emailFailed);
            other && other->id != me.id)
            problems.append(tr("email has already been taken"));
    }
    if (changes.contains(QStringLiteral("username"))) {
        const QString username = changes.value(QStringLiteral("username")).toString();
        if (!isValidUsername(username))
            problems.append(tr("username must be 1 to 64 characters, without '/'"));
        else if (auto other = userWhere(QStringLiteral("username"), username, &nameFailed);
            other && other->id != me.id)
            problems.append(tr("username has already been taken"));
    }
    QByteArray password;
    if (changes.contains(QStringLiteral("password"))) {
        password = changes.value(QStringLiteral("password")).toString().toUtf8();
        if (password.isEmpty() || password.size() > 72 || password.contains('\0'))
            problems.append(tr("password must be 1 to 72 bytes"));
    }
    if (emailFailed || nameFailed)
        return databaseError(*ex);
    if (!problems.isEmpty())
        return sendErrors(*ex, 422, problems);
    if (password.isEmpty())
        return finishUpdateUser(ex, me, viewer->token, changes, {});
    hashPassword(ex, password,
        [this, user = me, token = viewer->token, changes](const PracticeExchange::Ptr &held,
            const QByteArray &hash) { finishUpdateUser(held, user, token, changes, hash); });
}

void ConduitApi::finishUpdateUser(const PracticeExchange::Ptr &ex, const User &user, const QByteArray &token,
    const QJsonObject &changes, const QByteArray &newHash)
{
    User updated = user;
    if (changes.contains(QStringLiteral("email")))
        updated.email = changes.value(QStringLiteral("email")).toString();
    if (changes.contains(QStringLiteral("username")))
        updated.username = changes.value(QStringLiteral("username")).toString();
    if (changes.contains(QStringLiteral("bio")))
        updated.bio = changes.value(QStringLiteral("bio")).toString();
    if (changes.contains(QStringLiteral("image")))
        updated.image = changes.value(QStringLiteral("image")).toString();
    if (!newHash.isEmpty())
        updated.passwordHash = newHash;
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral("UPDATE user SET email = ?, username = ?, bio = ?, image = ?, password_hash = ? "
                           "WHERE id = ?"),
            { updated.email, updated.username, updated.bio, updated.image,
                QString::fromLatin1(updated.passwordHash), updated.id }))
        return sendErrors(*ex, 422, { tr("email or username has already been taken") });
    // The username is in the token's claims: a new name gets a new token.
    const QByteArray newToken
        = updated.username != user.username || !newHash.isEmpty() ? tokenFor(updated) : token;
    sendUser(*ex, 200, updated, newToken);
}

// ---- profiles ---------------------------------------------------------------------------------

void ConduitApi::profile(PracticeExchange &ex, const QString &username)
{
    const auto viewer = authenticate(ex, false);
    if (!viewer)
        return;
    sendProfile(ex, username, viewer->id(), Missing::IsNotFound);
}

void ConduitApi::follow(PracticeExchange &ex, const QString &username)
{
    const bool add = ex.isMethod(Method::Post);
    const auto viewer = authenticate(ex, true);
    if (!viewer)
        return;
    bool failed = false;
    const auto target = userWhere(QStringLiteral("username"), username, &failed);
    if (failed)
        return databaseError(ex);
    if (!target)
        return sendErrors(ex, 404, { tr("profile not found") });
    if (target->id == viewer->id())
        return sendErrors(ex, 422, { tr("you cannot follow yourself") });
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            add ? QStringLiteral("INSERT OR IGNORE INTO follow (follower_id, followed_id) VALUES (?, ?)")
                : QStringLiteral("DELETE FROM follow WHERE follower_id = ? AND followed_id = ?"),
            { viewer->id(), target->id }))
        return databaseError(ex, q);
    sendProfile(ex, username, viewer->id(), Missing::IsFailure);
}

// ---- articles ---------------------------------------------------------------------------------

void ConduitApi::articles(PracticeExchange &ex, bool feed)
{
    const auto viewer = authenticate(ex, feed);
    if (!viewer)
        return;
    const auto limit = ex.queryInteger(QStringLiteral("limit"), kDefaultLimit, 1, kMaxLimit);
    const auto offset = ex.queryInteger(QStringLiteral("offset"), 0, 0, 1 << 30);
    QStringList problems;
    if (!limit)
        problems.append(tr("limit must be a whole number from 1 to %1").arg(kMaxLimit));
    if (!offset)
        problems.append(tr("offset must be a whole number, 0 or more"));
    if (!problems.isEmpty())
        return sendErrors(ex, 422, problems);

    QStringList where;
    QVariantList values;
    if (feed) {
        where.append(QStringLiteral("a.author_id IN (SELECT followed_id FROM follow WHERE follower_id = ?)"));
        values.append(viewer->id());
    } else {
        const QUrlQuery query = ex.query();
        if (query.hasQueryItem(QStringLiteral("tag"))) {
            where.append(QStringLiteral(
                "EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.tag = ?)"));
            values.append(ex.queryValue(QStringLiteral("tag")));
        }
        if (query.hasQueryItem(QStringLiteral("author"))) {
            where.append(QStringLiteral("u.username = ?"));
            values.append(ex.queryValue(QStringLiteral("author")));
        }
        if (query.hasQueryItem(QStringLiteral("favorited"))) {
            where.append(QStringLiteral("EXISTS (SELECT 1 FROM favorite f JOIN user fu ON fu.id = f.user_id"
                                        " WHERE f.article_id = a.id AND fu.username = ?)"));
            values.append(ex.queryValue(QStringLiteral("favorited")));
        }
    }
    const QString from = QStringLiteral(" FROM article a JOIN user u ON u.id = a.author_id")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")));

    int articlesCount = 0;
    {
        const CachedQuery count = m_database.cached(QStringLiteral("SELECT COUNT(*)") + from, values);
        if (!count.ok() || !count->next())
            return databaseError(ex, *count);
        articlesCount = count->value(0).toInt();
    }
    QList<PageArticle> page;
    {
        const CachedQuery q = m_database.cached(QStringLiteral("SELECT ") + kArticleColumns + from
                + QStringLiteral(" ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?"),
            values + QVariantList { *limit, *offset });
        if (!q.ok())
            return databaseError(ex, *q);
        while (q->next())
            page.append(articleFromRow(*q, false));
    }
    if (!addPageDetails(m_database, page, viewer->id()))
        return databaseError(ex);
    ex.send(200, ArticleJson::list(page, articlesCount), QByteArrayLiteral("application/json"));
}

void ConduitApi::createArticle(PracticeExchange &ex)
{
    const auto viewer = authenticate(ex, true);
    if (!viewer)
        return;
    const auto body = readBody(ex, QStringLiteral("article"));
    if (!body)
        return;
    const QString title = body->value(QStringLiteral("title")).toString().trimmed();
    const QString description = body->value(QStringLiteral("description")).toString().trimmed();
    const QString text = body->value(QStringLiteral("body")).toString();
    QStringList problems;
    if (title.isEmpty())
        problems.append(tr("title can't be blank"));
    if (description.isEmpty())
        problems.append(tr("description can't be blank"));
    if (text.trimmed().isEmpty())
        problems.append(tr("body can't be blank"));
    QStringList tags;
    const QJsonValue tagValue = body->value(QStringLiteral("tagList"));
    if (!tagValue.isUndefined() && !tagValue.isNull()) {
        if (!tagValue.isArray()) {
            problems.append(tr("tagList must be an array of strings"));
        } else {
            for (const QJsonValue &t : tagValue.toArray()) {
                const QString tag = t.toString().trimmed();
                if (!t.isString() || tag.isEmpty() || tag.size() > 64) {
                    problems.append(tr("tagList must hold strings of 1 to 64 characters"));
                    break;
                }
                if (!tags.contains(tag))
                    tags.append(tag);
            }
            if (tags.size() > 20)
                problems.append(tr("tagList holds at most 20 tags"));
        }
    }
    if (!problems.isEmpty())
        return sendErrors(ex, 422, problems);

    bool failed = false;
    const QString slug = uniqueSlug(title, -1, &failed);
    if (failed || !m_database.transaction())
        return databaseError(ex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral(
                "INSERT INTO article (slug, title, description, body, author_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"),
            { slug, title, description, text, viewer->id(), now, now })) {
        m_database.rollback();
        return databaseError(ex, q);
    }
    const qint64 articleId = q.lastInsertId().toLongLong();
    q.prepare(QStringLiteral("INSERT INTO article_tag (article_id, tag, position) VALUES (?, ?, ?)"));
    for (qsizetype i = 0; i < tags.size(); ++i) {
        q.addBindValue(articleId);
        q.addBindValue(tags.at(i));
        q.addBindValue(i);
        if (!q.exec()) {
            m_database.rollback();
            return databaseError(ex, q);
        }
    }
    if (!m_database.commit())
        return sendErrors(ex, 500, { m_database.errorString() });
    QHttpHeaders h;
    h.append(H::Location, "/api/articles/" + slug.toLatin1());
    sendArticle(ex, 201, slug, viewer->id(), Missing::IsFailure, h);
}

void ConduitApi::article(PracticeExchange &ex, const QString &slug)
{
    const bool read = ex.isMethod(Method::Get) || ex.isMethod(Method::Head);
    const auto viewer = authenticate(ex, !read);
    if (!viewer)
        return;
    if (ex.isMethod(Method::Put))
        return updateArticle(ex, slug, *viewer);
    if (ex.isMethod(Method::Delete))
        return deleteArticle(ex, slug, *viewer);
    sendArticle(ex, 200, slug, viewer->id(), Missing::IsNotFound);
}

void ConduitApi::updateArticle(PracticeExchange &ex, const QString &slug, const Viewer &viewer)
{
    const auto found = findOwnArticle(ex, slug, viewer, tr("only the author may change this article"));
    if (!found)
        return;
    const qint64 id = found->id;
    QString title = found->title;
    QString description = found->description;
    QString text = found->body;
    const auto body = readBody(ex, QStringLiteral("article"));
    if (!body)
        return;
    QStringList problems;
    const auto take = [&](const QString &field, QString &target) {
        const QJsonValue v = body->value(field);
        if (v.isUndefined())
            return;
        if (!v.isString() || v.toString().trimmed().isEmpty())
            problems.append(tr("%1 can't be blank").arg(field));
        else
            target = field == QLatin1StringView("body") ? v.toString() : v.toString().trimmed();
    };
    take(QStringLiteral("title"), title);
    take(QStringLiteral("description"), description);
    take(QStringLiteral("body"), text);
    if (!problems.isEmpty())
        return sendErrors(ex, 422, problems);
    bool failed = false;
    const QString newSlug = uniqueSlug(title, id, &failed);
    if (failed)
        return databaseError(ex);
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral("UPDATE article SET slug = ?, title = ?, description = ?, body = ?, updated_at = "
                           "? WHERE id = ?"),
            { newSlug, title, description, text, QDateTime::currentMSecsSinceEpoch(), id }))
        return databaseError(ex, q);
    sendArticle(ex, 200, newSlug, viewer.id(), Missing::IsFailure);
}

void ConduitApi::deleteArticle(PracticeExchange &ex, const QString &slug, const Viewer &viewer)
{
    const auto found = findOwnArticle(ex, slug, viewer, tr("only the author may delete this article"));
    if (!found)
        return;
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q, QStringLiteral("DELETE FROM article WHERE id = ?"), { found->id }))
        return databaseError(ex, q);
    ex.sendEmpty(204);
}

// ---- comments, favorites, tags ------------------------------------------------------------------

void ConduitApi::comments(PracticeExchange &ex, const QString &slug)
{
    const bool add = ex.isMethod(Method::Post);
    const auto viewer = authenticate(ex, add);
    if (!viewer)
        return;
    const auto found = findArticle(ex, slug);
    if (!found)
        return;
    const qint64 articleId = found->id;
    QSqlQuery q(m_database.database());

    const QString select
        = QStringLiteral("SELECT c.id, c.created_at, c.updated_at, c.body, u.username, u.bio, u.image,"
                         " EXISTS (SELECT 1 FROM follow f WHERE f.follower_id = ? AND f.followed_id = u.id)"
                         " FROM comment c JOIN user u ON u.id = c.author_id");
    const auto commentFromRow = [](const QSqlQuery &row) {
        return QJsonObject { { QStringLiteral("id"), row.value(0).toLongLong() },
            { QStringLiteral("createdAt"), isoDate(row.value(1).toLongLong()) },
            { QStringLiteral("updatedAt"), isoDate(row.value(2).toLongLong()) },
            { QStringLiteral("body"), row.value(3).toString() },
            { QStringLiteral("author"),
                QJsonObject { { QStringLiteral("username"), row.value(4).toString() },
                    { QStringLiteral("bio"), row.value(5).toString() },
                    { QStringLiteral("image"), row.value(6).toString() },
                    { QStringLiteral("following"), row.value(7).toBool() } } } };
    };
    if (!add) {
        if (!PracticeDatabase::run(q,
                select + QStringLiteral(" WHERE c.article_id = ? ORDER BY c.created_at, c.id"),
                { viewer->id(), articleId }))
            return databaseError(ex, q);
        QJsonArray list;
        while (q.next())
            list.append(commentFromRow(q));
        return ex.sendJson(200, QJsonObject { { QStringLiteral("comments"), list } });
    }
    const auto body = readBody(ex, QStringLiteral("comment"));
    if (!body)
        return;
    const QString text = body->value(QStringLiteral("body")).toString();
    if (text.trimmed().isEmpty())
        return sendErrors(ex, 422, { tr("body can't be blank") });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!PracticeDatabase::run(q,
            QStringLiteral("INSERT INTO comment (article_id, author_id, body, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?)"),
            { articleId, viewer->id(), text, now, now }))
        return databaseError(ex, q);
    const qint64 commentId = q.lastInsertId().toLongLong();
    if (!PracticeDatabase::run(q, select + QStringLiteral(" WHERE c.id = ?"), { viewer->id(), commentId })
        || !q.next())
        return databaseError(ex, q);
    ex.sendJson(200, QJsonObject { { QStringLiteral("comment"), commentFromRow(q) } });
}

void ConduitApi::deleteComment(PracticeExchange &ex, const QString &slug, const QString &idText)
{
    const auto viewer = authenticate(ex, true);
    if (!viewer)
        return;
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok)
        return sendErrors(ex, 404, { tr("comment not found") });
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            QStringLiteral("SELECT c.author_id FROM comment c JOIN article a ON a.id = c.article_id"
                           " WHERE c.id = ? AND a.slug = ?"),
            { id, slug }))
        return databaseError(ex, q);
    if (!q.next())
        return sendErrors(ex, 404, { tr("comment not found") });
    if (q.value(0).toLongLong() != viewer->id())
        return sendErrors(ex, 403, { tr("only the author may delete this comment") });
    q.finish();
    if (!PracticeDatabase::run(q, QStringLiteral("DELETE FROM comment WHERE id = ?"), { id }))
        return databaseError(ex, q);
    ex.sendEmpty(204);
}

void ConduitApi::favorite(PracticeExchange &ex, const QString &slug)
{
    const bool add = ex.isMethod(Method::Post);
    const auto viewer = authenticate(ex, true);
    if (!viewer)
        return;
    const auto found = findArticle(ex, slug);
    if (!found)
        return;
    QSqlQuery q(m_database.database());
    if (!PracticeDatabase::run(q,
            add ? QStringLiteral("INSERT OR IGNORE INTO favorite (user_id, article_id) VALUES (?, ?)")
                : QStringLiteral("DELETE FROM favorite WHERE user_id = ? AND article_id = ?"),
            { viewer->id(), found->id }))
        return databaseError(ex, q);
    sendArticle(ex, 200, slug, viewer->id(), Missing::IsFailure);
}

void ConduitApi::tags(PracticeExchange &ex)
{
    QSqlQuery q(m_database.database());
    if (!q.exec(QStringLiteral("SELECT tag FROM article_tag GROUP BY tag ORDER BY COUNT(*) DESC, tag")))
        return databaseError(ex, q);
    QJsonArray list;
    while (q.next())
        list.append(q.value(0).toString());
    ex.sendJson(200, QJsonObject { { QStringLiteral("tags"), list } });
}

} // namespace StudyBench
