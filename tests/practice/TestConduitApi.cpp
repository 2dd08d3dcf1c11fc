// The RealWorld "Conduit" API under /api, over real loopback HTTP against a real PracticeServer
// with its SQLite file in a temporary folder.
#include "practice/conduitapi.h"
#include "practice/jwt.h"
#include "practice/practicedatabase.h"
#include "practice/practiceserver.h"
#include "support/httptestclient.h"

#include <QFile>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {
QJsonObject userBody(const QString &username, const QString &email, const QString &password)
{
    return QJsonObject { { u"user"_s,
        QJsonObject { { u"username"_s, username }, { u"email"_s, email }, { u"password"_s, password } } } };
}

Headers auth(const QByteArray &token)
{
    return { { "Authorization", "Token " + token } };
}

QJsonObject articleBody(const QString &title, const QStringList &tags = {})
{
    QJsonObject a { { u"title"_s, title }, { u"description"_s, QString(u"About "_s + title) },
        { u"body"_s, QString(u"The body of "_s + title) } };
    if (!tags.isEmpty())
        a.insert(u"tagList"_s, QJsonArray::fromStringList(tags));
    return QJsonObject { { u"article"_s, a } };
}

// What RealWorld's Postman collection asserts of every article: the properties are there, with
// the types it expects. Lists leave out "body", as the spec's MultipleArticlesResponse does.
QStringList articleProblems(const QJsonObject &a, bool withBody)
{
    static const QRegularExpression iso8601(
        uR"(^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(Z|[+-]\d{2}:\d{2})$)"_s);
    QStringList problems;
    for (const QString &key : { u"slug"_s, u"title"_s, u"description"_s })
        if (!a.value(key).isString())
            problems.append(key + u" is not a string"_s);
    if (withBody != a.value(u"body"_s).isString())
        problems.append(withBody ? u"no body"_s : u"a body in a list"_s);
    for (const QString &key : { u"createdAt"_s, u"updatedAt"_s })
        if (!iso8601.match(a.value(key).toString()).hasMatch())
            problems.append(key + u" is not an ISO 8601 time: "_s + a.value(key).toString());
    if (!a.value(u"tagList"_s).isArray())
        problems.append(u"tagList is not an array"_s);
    if (!a.value(u"author"_s).isObject())
        problems.append(u"author is not an object"_s);
    if (!a.value(u"favorited"_s).isBool())
        problems.append(u"favorited is not a boolean"_s);
    const QJsonValue count = a.value(u"favoritesCount"_s);
    if (!count.isDouble() || count.toDouble() != double(count.toInteger()))
        problems.append(u"favoritesCount is not an integer"_s);
    return problems;
}

// The collection's checks of a user or a profile: each property is present.
QStringList missingKeys(const QJsonObject &o, const QStringList &keys)
{
    QStringList missing;
    for (const QString &key : keys)
        if (!o.contains(key))
            missing.append(key);
    return missing;
}

QStringList slugsOf(const HttpResult &r)
{
    QStringList slugs;
    for (const QJsonValue &a : r.json().value(u"articles"_s).toArray())
        slugs.append(a.toObject().value(u"slug"_s).toString());
    return slugs;
}
} // namespace

class TestConduitApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PracticeServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    QByteArray m_jake;
    QByteArray m_jane;

    HttpTestClient &c() { return *m_client; }

    QByteArray registerUser(const QString &name, const QString &password = u"s3cret-password"_s)
    {
        const HttpResult r
            = c().postJson(u"/api/users"_s, userBody(name, name + u"@example.com"_s, password));
        if (r.status != 201)
            qFatal("cannot register %s: %d %s", qPrintable(name), r.status, r.body.constData());
        return r.json().value(u"user"_s).toObject().value(u"token"_s).toString().toLatin1();
    }

    QByteArray serverSecret()
    {
        PracticeDatabase db;
        if (!db.open(m_dir.filePath(u"practice.sqlite"_s)))
            qFatal("%s", qPrintable(db.errorString()));
        return db.jwtSecret();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STUDYBENCH_BCRYPT_COST", "4");
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<PracticeServer>(m_dir.path());
        QVERIFY2(m_server->start(0), qPrintable(m_server->errorString()));
        m_client = std::make_unique<HttpTestClient>(m_server->port());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    // ---- users ----

    void registerAndLogin()
    {
        const HttpResult r
            = c().postJson(u"/api/users"_s, userBody(u"jake"_s, u"jake@jake.jake"_s, u"jakejake"_s));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("cache-control"), "no-store");
        const QJsonObject user = r.json().value(u"user"_s).toObject();
        QCOMPARE(user.value(u"username"_s).toString(), u"jake"_s);
        QCOMPARE(user.value(u"email"_s).toString(), u"jake@jake.jake"_s);
        QCOMPARE(user.value(u"bio"_s).toString(), QString());
        QCOMPARE(user.value(u"image"_s).toString(), QString());
        QVERIFY(!user.contains(u"password"_s));
        m_jake = user.value(u"token"_s).toString().toLatin1();
        QCOMPARE(m_jake.count('.'), 2);

        const HttpResult login = c().postJson(u"/api/users/login"_s,
            QJsonObject { { u"user"_s,
                QJsonObject { { u"email"_s, u"JAKE@jake.jake"_s }, { u"password"_s, u"jakejake"_s } } } });
        QCOMPARE(login.status, 200);
        QCOMPARE(login.json().value(u"user"_s).toObject().value(u"username"_s).toString(), u"jake"_s);

        const HttpResult me = c().get(u"/api/user"_s, auth(m_jake));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(u"user"_s).toObject().value(u"email"_s).toString(), u"jake@jake.jake"_s);
        QCOMPARE(me.json().value(u"user"_s).toObject().value(u"token"_s).toString().toLatin1(), m_jake);

        m_jane = registerUser(u"jane"_s);
    }

    void passwordsAreHashed()
    {
        registerUser(u"zed"_s, u"unmistakable-zebra-password"_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        {
            db.setDatabaseName(m_dir.filePath(u"practice.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT password_hash FROM user WHERE username = 'zed'"_s));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toString().startsWith(u"$2b$04$"_s));
            QCOMPARE(q.value(0).toString().size(), 60);
            db.close();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"peek"_s);
        for (const QString &file : { u"practice.sqlite"_s, u"practice.sqlite-wal"_s }) {
            QFile f(m_dir.filePath(file));
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains("zebra"), qPrintable(file));
        }
    }

    void registrationErrors_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("email taken") << userBody(u"other"_s, u"Jake@Jake.Jake"_s, u"pw"_s)
                                     << u"email has already been taken"_s;
        QTest::newRow("username taken")
            << userBody(u"jake"_s, u"new@x.io"_s, u"pw"_s) << u"username has already been taken"_s;
        QTest::newRow("no username") << userBody(QString(), u"a@b.c"_s, u"pw"_s)
                                     << u"username can't be blank"_s;
        QTest::newRow("no email") << userBody(u"ann"_s, QString(), u"pw"_s) << u"email can't be blank"_s;
        QTest::newRow("bad email") << userBody(u"ann"_s, u"not-an-email"_s, u"pw"_s) << u"email is invalid"_s;
        QTest::newRow("no password") << userBody(u"ann"_s, u"ann@x.io"_s, QString())
                                     << u"password can't be blank"_s;
        QTest::newRow("long password")
            << userBody(u"ann"_s, u"ann@x.io"_s, QString(73, u'x')) << u"password must be at most 72 bytes"_s;
        QTest::newRow("slash in name") << userBody(u"a/b"_s, u"ab@x.io"_s, u"pw"_s)
                                       << u"username must be at most 64 characters, without '/'"_s;
        QTest::newRow("no user object") << QJsonObject { { u"username"_s, u"x"_s } }
                                        << u"The body must be an object with a \"user\" object inside."_s;
    }

    void registrationErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, error);
        const HttpResult r = c().postJson(u"/api/users"_s, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.conduitError(), error);
    }

    void loginFailures_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("status");
        QTest::newRow("wrong password") << u"jake@jake.jake"_s << u"jakejakf"_s << 401;
        QTest::newRow("unknown email") << u"nobody@jake.jake"_s << u"jakejake"_s << 401;
        QTest::newRow("SQL in email") << u"' OR '1'='1"_s << u"' OR '1'='1"_s << 401;
        QTest::newRow("blank") << QString() << QString() << 422;
    }

    void loginFailures()
    {
        QFETCH(QString, email);
        QFETCH(QString, password);
        QFETCH(int, status);
        const HttpResult r = c().postJson(u"/api/users/login"_s,
            QJsonObject {
                { u"user"_s, QJsonObject { { u"email"_s, email }, { u"password"_s, password } } } });
        QCOMPARE(r.status, status);
        QVERIFY(!r.conduitError().isEmpty());
        if (status == 401)
            QCOMPARE(r.conduitError(), u"email or password is invalid"_s);
    }

    void updateUser()
    {
        const QByteArray ann = registerUser(u"ann"_s, u"first-password"_s);
        HttpResult r = c().putJson(u"/api/user"_s,
            QJsonObject { { u"user"_s,
                QJsonObject { { u"bio"_s, u"I like to skateboard"_s },
                    { u"image"_s, u"https://i.stack.imgur.com/xHWG8.jpg"_s } } } },
            auth(ann));
        QCOMPARE(r.status, 200);
        QJsonObject user = r.json().value(u"user"_s).toObject();
        QCOMPARE(user.value(u"bio"_s).toString(), u"I like to skateboard"_s);
        QCOMPARE(user.value(u"image"_s).toString(), u"https://i.stack.imgur.com/xHWG8.jpg"_s);
        QCOMPARE(user.value(u"username"_s).toString(), u"ann"_s);

        r = c().putJson(u"/api/user"_s,
            QJsonObject { { u"user"_s,
                QJsonObject { { u"username"_s, u"annie"_s }, { u"password"_s, u"second-password"_s } } } },
            auth(ann));
        QCOMPARE(r.status, 200);
        user = r.json().value(u"user"_s).toObject();
        QCOMPARE(user.value(u"username"_s).toString(), u"annie"_s);
        const QByteArray annie = user.value(u"token"_s).toString().toLatin1();
        QCOMPARE(c().get(u"/api/user"_s, auth(annie))
                     .json()
                     .value(u"user"_s)
                     .toObject()
                     .value(u"bio"_s)
                     .toString(),
            u"I like to skateboard"_s);
        const auto login = [&](const QString &password) {
            return c()
                .postJson(u"/api/users/login"_s,
                    QJsonObject { { u"user"_s,
                        QJsonObject { { u"email"_s, u"ann@example.com"_s }, { u"password"_s, password } } } })
                .status;
        };
        QCOMPARE(login(u"first-password"_s), 401);
        QCOMPARE(login(u"second-password"_s), 200);

        r = c().putJson(u"/api/user"_s,
            QJsonObject { { u"user"_s, QJsonObject { { u"email"_s, u"jake@jake.jake"_s } } } }, auth(annie));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.conduitError(), u"email has already been taken"_s);
        r = c().putJson(u"/api/user"_s, QJsonObject { { u"user"_s, QJsonObject {} } }, auth(annie));
        QCOMPARE(r.status, 422);
        r = c().putJson(
            u"/api/user"_s, QJsonObject { { u"user"_s, QJsonObject { { u"bio"_s, 5 } } } }, auth(annie));
        QCOMPARE(r.status, 422);
        QCOMPARE(
            c().putJson(u"/api/user"_s, QJsonObject { { u"user"_s, QJsonObject { { u"bio"_s, u"x"_s } } } })
                .status,
            401);
    }

    // ---- authentication ----

    void tokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        const QByteArray secret = serverSecret();
        const Jwt jwt(secret);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const auto claims = [&](const QString &sub, qint64 exp) {
            return QJsonObject { { u"sub"_s, sub }, { u"username"_s, u"jake"_s }, { u"iat"_s, now - 10 },
                { u"exp"_s, exp } };
        };
        const QByteArray good = "Token " + m_jake;
        QTest::newRow("good") << good << 200;
        QTest::newRow("forged with our secret")
            << QByteArray("Token " + jwt.sign(claims(u"1"_s, now + 60))) << 200;
        QByteArray flipped = good;
        flipped[flipped.size() - 3] = flipped.at(flipped.size() - 3) == 'a' ? 'b' : 'a';
        QTest::newRow("bad signature") << flipped << 401;
        QTest::newRow("other secret")
            << QByteArray("Token " + Jwt("not the server's secret at all!!").sign(claims(u"1"_s, now + 60)))
            << 401;
        QTest::newRow("expired") << QByteArray("Token " + jwt.sign(claims(u"1"_s, now - 1))) << 401;
        QJsonObject forever = claims(u"1"_s, 0);
        forever.remove(u"exp"_s);
        QTest::newRow("no exp, with our secret") << QByteArray("Token " + jwt.sign(forever)) << 401;
        const QByteArray critHeader
            = Jwt::base64Url(R"({"alg":"HS256","typ":"JWT","crit":["x-unknown"],"x-unknown":1})");
        const QByteArray critInput = critHeader + '.'
            + Jwt::base64Url(QJsonDocument(claims(u"1"_s, now + 60)).toJson(QJsonDocument::Compact));
        QTest::newRow("crit, with our secret") << QByteArray("Token " + critInput + '.'
            + Jwt::base64Url(QMessageAuthenticationCode::hash(critInput, secret, QCryptographicHash::Sha256)))
                                               << 401;
        const QList<QByteArray> parts = m_jake.split('.');
        const QByteArray none = Jwt::base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        QTest::newRow("alg none") << QByteArray("Token " + none + '.' + parts[1] + '.') << 401;
        QTest::newRow("alg none, signature kept")
            << QByteArray("Token " + none + '.' + parts[1] + '.' + parts[2]) << 401;
        QTest::newRow("unknown user") << QByteArray("Token " + jwt.sign(claims(u"999"_s, now + 60))) << 401;
        QTest::newRow("Bearer scheme") << QByteArray("Bearer " + m_jake) << 401;
        QTest::newRow("no scheme") << m_jake << 401;
        QTest::newRow("garbage") << QByteArray("Token abc") << 401;
        QTest::newRow("SQL") << QByteArray("Token ' OR 1=1 --") << 401;
    }

    void tokens()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        const HttpResult r = c().get(u"/api/user"_s, { { "Authorization", authorization } });
        QCOMPARE(r.status, status);
        if (status == 401) {
            QVERIFY(!r.conduitError().isEmpty());
            QVERIFY(r.header("www-authenticate").startsWith("Token"));
        }
        // A bad token on an endpoint where login is optional is refused too, not ignored.
        QCOMPARE(c().get(u"/api/articles"_s, { { "Authorization", authorization } }).status, status);
    }

    void missingToken()
    {
        const HttpResult r = c().get(u"/api/user"_s);
        QCOMPARE(r.status, 401);
        QVERIFY(r.conduitError().contains(u"Token"_s));
        QCOMPARE(c().postJson(u"/api/articles"_s, articleBody(u"x"_s)).status, 401);
        QCOMPARE(c().get(u"/api/articles/feed"_s).status, 401);
    }

    void resetInvalidatesTokens()
    {
        PracticeServer other(QDir(m_dir.path()).filePath(u"other"_s));
        QVERIFY(other.start(0));
        HttpTestClient client(other.port());
        const HttpResult r = client.postJson(u"/api/users"_s, userBody(u"tmp"_s, u"tmp@x.io"_s, u"pw"_s));
        QCOMPARE(r.status, 201);
        const QByteArray token = r.json().value(u"user"_s).toObject().value(u"token"_s).toString().toLatin1();
        QCOMPARE(client.get(u"/api/user"_s, auth(token)).status, 200);
        QVERIFY(other.resetData());
        QCOMPARE(client.get(u"/api/user"_s, auth(token)).status, 401);
        QCOMPARE(client.postJson(u"/api/users"_s, userBody(u"tmp"_s, u"tmp@x.io"_s, u"pw"_s)).status, 201);
    }

    // A registration whose password is being hashed on a worker when the server stops.
    void stopWhileHashing()
    {
        qputenv("STUDYBENCH_BCRYPT_COST", "13");
        QTemporaryDir dir;
        PracticeServer server(dir.path());
        QVERIFY(server.start(0));
        HttpTestClient client(server.port());
        QNetworkReply *reply = client.start("POST", u"/api/users"_s,
            QJsonDocument(userBody(u"slow"_s, u"slow@x.io"_s, u"pw"_s)).toJson(),
            { { "Content-Type", "application/json" } });
        QTest::qWait(100);
        server.stop();
        qputenv("STUDYBENCH_BCRYPT_COST", "4");
        const HttpResult r = HttpTestClient::finish(reply);
        QCOMPARE(r.status, 503);
        // The hash finishes later; its continuation must not run into the stopped server.
        QTest::qWait(1500);
        QVERIFY(server.start(0));
        QCOMPARE(HttpTestClient(server.port()).get(u"/api/tags"_s).status, 200);
    }

    // ---- profiles ----

    void profilesAndFollowing()
    {
        HttpResult r = c().get(u"/api/profiles/jake"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"username"_s).toString(), u"jake"_s);
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"following"_s).toBool(), false);

        r = c().send("POST", u"/api/profiles/jake/follow"_s, {}, auth(m_jane));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"following"_s).toBool(), true);
        QCOMPARE(c().get(u"/api/profiles/jake"_s, auth(m_jane))
                     .json()
                     .value(u"profile"_s)
                     .toObject()
                     .value(u"following"_s)
                     .toBool(),
            true);
        QCOMPARE(c().get(u"/api/profiles/jake"_s)
                     .json()
                     .value(u"profile"_s)
                     .toObject()
                     .value(u"following"_s)
                     .toBool(),
            false);
        // Twice is the same as once.
        QCOMPARE(c().send("POST", u"/api/profiles/jake/follow"_s, {}, auth(m_jane)).status, 200);

        r = c().send("DELETE", u"/api/profiles/jake/follow"_s, {}, auth(m_jane));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"following"_s).toBool(), false);

        QCOMPARE(c().get(u"/api/profiles/nobody"_s).status, 404);
        QCOMPARE(c().get(u"/api/profiles/nobody"_s).conduitError(), u"profile not found"_s);
        QCOMPARE(c().send("POST", u"/api/profiles/nobody/follow"_s, {}, auth(m_jane)).status, 404);
        QCOMPARE(c().send("POST", u"/api/profiles/jake/follow"_s).status, 401);
        QCOMPARE(c().send("POST", u"/api/profiles/jake/follow"_s, {}, auth(m_jake)).status, 422);
        QCOMPARE(c().send("PUT", u"/api/profiles/jake/follow"_s, {}, auth(m_jake)).status, 405);
    }

    // ---- articles ----

    void articleLifecycle()
    {
        HttpResult r = c().postJson(u"/api/articles"_s,
            articleBody(u"How to train your dragon"_s, { u"training"_s, u"dragons"_s }), auth(m_jake));
        QCOMPARE(r.status, 201);
        QJsonObject a = r.json().value(u"article"_s).toObject();
        QCOMPARE(a.value(u"slug"_s).toString(), u"how-to-train-your-dragon"_s);
        QCOMPARE(r.header("location"), "/api/articles/how-to-train-your-dragon");
        QCOMPARE(a.value(u"title"_s).toString(), u"How to train your dragon"_s);
        QCOMPARE(a.value(u"body"_s).toString(), u"The body of How to train your dragon"_s);
        QCOMPARE(a.value(u"tagList"_s).toArray(), (QJsonArray { u"dragons"_s, u"training"_s }));
        QCOMPARE(a.value(u"favorited"_s).toBool(), false);
        QCOMPARE(a.value(u"favoritesCount"_s).toInt(), 0);
        QCOMPARE(a.value(u"author"_s).toObject().value(u"username"_s).toString(), u"jake"_s);
        const QDateTime created
            = QDateTime::fromString(a.value(u"createdAt"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QVERIFY(a.value(u"createdAt"_s).toString().endsWith(u'Z'));

        // The same title again gets its own slug.
        r = c().postJson(u"/api/articles"_s, articleBody(u"How to train your dragon"_s), auth(m_jake));
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"slug"_s).toString(),
            u"how-to-train-your-dragon-2"_s);

        r = c().get(u"/api/articles/how-to-train-your-dragon"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"description"_s).toString(),
            u"About How to train your dragon"_s);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"tagList"_s).toArray(),
            (QJsonArray { u"dragons"_s, u"training"_s }));

        // Only the author may change it; a new title gives a new slug.
        const QJsonObject update { { u"article"_s,
            QJsonObject { { u"title"_s, u"Did you train your dragon?"_s } } } };
        QCOMPARE(c().putJson(u"/api/articles/how-to-train-your-dragon"_s, update, auth(m_jane)).status, 403);
        QCOMPARE(
            c().putJson(u"/api/articles/how-to-train-your-dragon"_s, update, auth(m_jane)).conduitError(),
            u"only the author may change this article"_s);
        r = c().putJson(u"/api/articles/how-to-train-your-dragon"_s, update, auth(m_jake));
        QCOMPARE(r.status, 200);
        a = r.json().value(u"article"_s).toObject();
        QCOMPARE(a.value(u"slug"_s).toString(), u"did-you-train-your-dragon"_s);
        QCOMPARE(a.value(u"tagList"_s).toArray(), (QJsonArray { u"dragons"_s, u"training"_s }));
        QCOMPARE(a.value(u"body"_s).toString(), u"The body of How to train your dragon"_s);
        QVERIFY(a.value(u"updatedAt"_s).toString() >= a.value(u"createdAt"_s).toString());
        QCOMPARE(c().get(u"/api/articles/how-to-train-your-dragon"_s).status, 404);
        QCOMPARE(c().putJson(u"/api/articles/did-you-train-your-dragon"_s,
                        QJsonObject { { u"article"_s, QJsonObject { { u"body"_s, u""_s } } } }, auth(m_jake))
                     .status,
            422);

        QCOMPARE(
            c().send("DELETE", u"/api/articles/did-you-train-your-dragon"_s, {}, auth(m_jane)).status, 403);
        QCOMPARE(c().send("DELETE", u"/api/articles/did-you-train-your-dragon"_s).status, 401);
        r = c().send("DELETE", u"/api/articles/did-you-train-your-dragon"_s, {}, auth(m_jake));
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(c().get(u"/api/articles/did-you-train-your-dragon"_s).status, 404);
        QCOMPARE(
            c().get(u"/api/articles/did-you-train-your-dragon"_s).conduitError(), u"article not found"_s);
        QCOMPARE(
            c().send("DELETE", u"/api/articles/did-you-train-your-dragon"_s, {}, auth(m_jake)).status, 404);
        QCOMPARE(
            c().send("DELETE", u"/api/articles/how-to-train-your-dragon-2"_s, {}, auth(m_jake)).status, 204);
        QCOMPARE(c().send("PATCH", u"/api/articles/anything"_s, {}, auth(m_jake)).status, 405);
    }

    void articleValidation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("no title") << QJsonObject {
            { u"article"_s, QJsonObject { { u"description"_s, u"d"_s }, { u"body"_s, u"b"_s } } }
        } << u"title can't be blank"_s;
        QTest::newRow("no body") << QJsonObject {
            { u"article"_s, QJsonObject { { u"title"_s, u"t"_s }, { u"description"_s, u"d"_s } } }
        } << u"body can't be blank"_s;
        QTest::newRow("tags not a list") << QJsonObject { { u"article"_s,
            QJsonObject { { u"title"_s, u"t"_s }, { u"description"_s, u"d"_s }, { u"body"_s, u"b"_s },
                { u"tagList"_s, u"x"_s } } } }
                                         << u"tagList must be an array of strings"_s;
        QTest::newRow("tag not a string") << QJsonObject { { u"article"_s,
            QJsonObject { { u"title"_s, u"t"_s }, { u"description"_s, u"d"_s }, { u"body"_s, u"b"_s },
                { u"tagList"_s, QJsonArray { 1 } } } } }
                                          << u"tagList must hold strings of 1 to 64 characters"_s;
        QTest::newRow("no article") << QJsonObject { { u"title"_s, u"t"_s } }
                                    << u"The body must be an object with a \"article\" object inside."_s;
    }

    void articleValidation()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, error);
        const HttpResult r = c().postJson(u"/api/articles"_s, body, auth(m_jake));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.conduitError(), error);
    }

    void listFiltersAndPagination()
    {
        const QByteArray ben = registerUser(u"ben"_s);
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(
                c().postJson(u"/api/articles"_s,
                       articleBody(u"Ben %1"_s.arg(i), { u"ben"_s, i % 2 ? u"odd"_s : u"even"_s }), auth(ben))
                    .status,
                201);
            QTest::qWait(2); // distinct creation times, so the order is certain
        }
        QCOMPARE(
            c().postJson(u"/api/articles"_s, articleBody(u"Jane 1"_s, { u"odd"_s }), auth(m_jane)).status,
            201);

        HttpResult r = c().get(u"/api/articles"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"articlesCount"_s).toInt(), 6);
        QCOMPARE(slugsOf(r),
            (QStringList { u"jane-1"_s, u"ben-5"_s, u"ben-4"_s, u"ben-3"_s, u"ben-2"_s, u"ben-1"_s }));
        // Lists leave the body out, as the spec's MultipleArticlesResponse does.
        QVERIFY(!r.json().value(u"articles"_s).toArray().first().toObject().contains(u"body"_s));

        QCOMPARE(slugsOf(c().get(u"/api/articles?author=ben&limit=2"_s)),
            (QStringList { u"ben-5"_s, u"ben-4"_s }));
        r = c().get(u"/api/articles?author=ben&limit=2&offset=2"_s);
        QCOMPARE(slugsOf(r), (QStringList { u"ben-3"_s, u"ben-2"_s }));
        QCOMPARE(r.json().value(u"articlesCount"_s).toInt(), 5);
        QCOMPARE(
            slugsOf(c().get(u"/api/articles?author=ben&limit=2&offset=4"_s)), (QStringList { u"ben-1"_s }));
        QCOMPARE(slugsOf(c().get(u"/api/articles?author=ben&offset=50"_s)), QStringList());
        QCOMPARE(slugsOf(c().get(u"/api/articles?tag=odd"_s)),
            (QStringList { u"jane-1"_s, u"ben-5"_s, u"ben-3"_s, u"ben-1"_s }));
        QCOMPARE(slugsOf(c().get(u"/api/articles?tag=odd&author=ben"_s)),
            (QStringList { u"ben-5"_s, u"ben-3"_s, u"ben-1"_s }));
        QCOMPARE(c().get(u"/api/articles?tag=nothing"_s).json().value(u"articlesCount"_s).toInt(), 0);

        // Favorites, and the favorited filter.
        r = c().send("POST", u"/api/articles/ben-2/favorite"_s, {}, auth(m_jane));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"favorited"_s).toBool(), true);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"favoritesCount"_s).toInt(), 1);
        QCOMPARE(c().send("POST", u"/api/articles/ben-2/favorite"_s, {}, auth(m_jake))
                     .json()
                     .value(u"article"_s)
                     .toObject()
                     .value(u"favoritesCount"_s)
                     .toInt(),
            2);
        QCOMPARE(c().send("POST", u"/api/articles/ben-4/favorite"_s, {}, auth(m_jane)).status, 200);
        QCOMPARE(
            slugsOf(c().get(u"/api/articles?favorited=jane"_s)), (QStringList { u"ben-4"_s, u"ben-2"_s }));
        const QJsonObject seenByJane
            = c().get(u"/api/articles/ben-2"_s, auth(m_jane)).json().value(u"article"_s).toObject();
        QCOMPARE(seenByJane.value(u"favorited"_s).toBool(), true);
        QCOMPARE(c().get(u"/api/articles/ben-2"_s)
                     .json()
                     .value(u"article"_s)
                     .toObject()
                     .value(u"favorited"_s)
                     .toBool(),
            false);
        r = c().send("DELETE", u"/api/articles/ben-2/favorite"_s, {}, auth(m_jane));
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"favorited"_s).toBool(), false);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"favoritesCount"_s).toInt(), 1);
        QCOMPARE(slugsOf(c().get(u"/api/articles?favorited=jane"_s)), (QStringList { u"ben-4"_s }));
        QCOMPARE(c().send("POST", u"/api/articles/no-such/favorite"_s, {}, auth(m_jane)).status, 404);
        QCOMPARE(c().send("POST", u"/api/articles/ben-4/favorite"_s).status, 401);

        // The feed: articles of the people one follows.
        QCOMPARE(c().get(u"/api/articles/feed"_s, auth(m_jake)).json().value(u"articlesCount"_s).toInt(), 0);
        QCOMPARE(c().send("POST", u"/api/profiles/ben/follow"_s, {}, auth(m_jake)).status, 200);
        r = c().get(u"/api/articles/feed?limit=3"_s, auth(m_jake));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"articlesCount"_s).toInt(), 5);
        QCOMPARE(slugsOf(r), (QStringList { u"ben-5"_s, u"ben-4"_s, u"ben-3"_s }));
        QVERIFY(r.json()
                .value(u"articles"_s)
                .toArray()
                .first()
                .toObject()
                .value(u"author"_s)
                .toObject()
                .value(u"following"_s)
                .toBool());

        // Tags, most used first.
        r = c().get(u"/api/tags"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"tags"_s).toArray(), (QJsonArray { u"ben"_s, u"odd"_s, u"even"_s }));
    }

    void paginationErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("limit 0") << u"limit=0"_s;
        QTest::newRow("limit 101") << u"limit=101"_s;
        QTest::newRow("limit text") << u"limit=ten"_s;
        QTest::newRow("offset negative") << u"offset=-1"_s;
        QTest::newRow("offset SQL") << u"offset=0;DROP%20TABLE%20article"_s;
    }

    void paginationErrors()
    {
        QFETCH(QString, query);
        const HttpResult r = c().get(u"/api/articles?"_s + query);
        QCOMPARE(r.status, 422);
        QVERIFY(!r.conduitError().isEmpty());
    }

    void comments()
    {
        QCOMPARE(c().postJson(u"/api/articles"_s, articleBody(u"Commented"_s), auth(m_jake)).status, 201);
        const QJsonObject body { { u"comment"_s, QJsonObject { { u"body"_s, u"Thank you so much!"_s } } } };
        HttpResult r = c().postJson(u"/api/articles/commented/comments"_s, body, auth(m_jane));
        QCOMPARE(r.status, 200);
        const QJsonObject comment = r.json().value(u"comment"_s).toObject();
        const qint64 id = comment.value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(comment.value(u"body"_s).toString(), u"Thank you so much!"_s);
        QCOMPARE(comment.value(u"author"_s).toObject().value(u"username"_s).toString(), u"jane"_s);
        QVERIFY(comment.contains(u"createdAt"_s) && comment.contains(u"updatedAt"_s));
        QCOMPARE(
            c().postJson(u"/api/articles/commented/comments"_s,
                   QJsonObject { { u"comment"_s, QJsonObject { { u"body"_s, u"Second"_s } } } }, auth(m_jake))
                .status,
            200);

        r = c().get(u"/api/articles/commented/comments"_s);
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.json().value(u"comments"_s).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.first().toObject().value(u"body"_s).toString(), u"Thank you so much!"_s);

        const QString path = u"/api/articles/commented/comments/%1"_s.arg(id);
        QCOMPARE(c().send("DELETE", path, {}, auth(m_jake)).status, 403);
        QCOMPARE(c().send("DELETE", path).status, 401);
        QCOMPARE(
            c().send("DELETE", u"/api/articles/other/comments/%1"_s.arg(id), {}, auth(m_jane)).status, 404);
        QCOMPARE(c().send("DELETE", path, {}, auth(m_jane)).status, 204);
        QCOMPARE(c().send("DELETE", path, {}, auth(m_jane)).status, 404);
        QCOMPARE(
            c().get(u"/api/articles/commented/comments"_s).json().value(u"comments"_s).toArray().size(), 1);
        QCOMPARE(c().send("DELETE", u"/api/articles/commented/comments/abc"_s, {}, auth(m_jane)).status, 404);

        QCOMPARE(
            c().postJson(u"/api/articles/commented/comments"_s,
                   QJsonObject { { u"comment"_s, QJsonObject { { u"body"_s, u"  "_s } } } }, auth(m_jane))
                .status,
            422);
        QCOMPARE(c().postJson(u"/api/articles/commented/comments"_s, body).status, 401);
        QCOMPARE(c().postJson(u"/api/articles/missing/comments"_s, body, auth(m_jane)).status, 404);
        QCOMPARE(c().get(u"/api/articles/missing/comments"_s).status, 404);

        // Deleting the article takes its comments along.
        QCOMPARE(c().send("DELETE", u"/api/articles/commented"_s, {}, auth(m_jake)).status, 204);
        QCOMPARE(c().get(u"/api/articles/commented/comments"_s).status, 404);
    }

    // ---- hostile input ----

    void sqlMetacharacters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quote") << u"O'Reilly"_s;
        QTest::newRow("drop table") << u"Robert'); DROP TABLE user;--"_s;
        QTest::newRow("tautology") << u"' OR '1'='1"_s;
        QTest::newRow("union") << u"x' UNION SELECT password_hash, 1, 1, 1, 1, 1 FROM user --"_s;
        QTest::newRow("comment and semicolon") << u"/* */; DELETE FROM article; --"_s;
        QTest::newRow("percent and underscore") << u"100% _wild_"_s;
        QTest::newRow("NUL-free control") << u"tab\there\\backslash\"quote"_s;
    }

    void sqlMetacharacters()
    {
        QFETCH(QString, text);
        static int n = 0;
        ++n;
        const QString name = text.left(40).replace(u'/', u'|').replace(u'\t', u' ') + QString::number(n);
        HttpResult r = c().postJson(u"/api/users"_s, userBody(name, u"sql%1@example.com"_s.arg(n), text));
        QCOMPARE(r.status, 201);
        const QByteArray token = r.json().value(u"user"_s).toObject().value(u"token"_s).toString().toLatin1();
        QCOMPARE(r.json().value(u"user"_s).toObject().value(u"username"_s).toString(), name);
        r = c().postJson(u"/api/users/login"_s,
            QJsonObject { { u"user"_s,
                QJsonObject { { u"email"_s, u"sql%1@example.com"_s.arg(n) }, { u"password"_s, text } } } });
        QCOMPARE(r.status, 200);

        r = c().postJson(u"/api/articles"_s, articleBody(text, { text }), auth(token));
        QCOMPARE(r.status, 201);
        const QJsonObject a = r.json().value(u"article"_s).toObject();
        QCOMPARE(a.value(u"title"_s).toString(), text);
        QCOMPARE(a.value(u"tagList"_s).toArray(), QJsonArray { text });
        const QString slug = a.value(u"slug"_s).toString();
        QCOMPARE(
            c().get(u"/api/articles/"_s + QString::fromLatin1(QUrl::toPercentEncoding(slug))).status, 200);

        // As filter values they match only what they literally say.
        QUrlQuery q;
        q.addQueryItem(u"tag"_s, QString::fromLatin1(QUrl::toPercentEncoding(text)));
        r = c().get(u"/api/articles?"_s + q.query(QUrl::FullyEncoded));
        QCOMPARE(r.status, 200);
        QCOMPARE(slugsOf(r), QStringList { slug });
        q.clear();
        q.addQueryItem(u"author"_s, QString::fromLatin1(QUrl::toPercentEncoding(text)));
        QCOMPARE(c().get(u"/api/articles?"_s + q.query(QUrl::FullyEncoded))
                     .json()
                     .value(u"articlesCount"_s)
                     .toInt(),
            0);
        r = c().get(u"/api/profiles/"_s + QString::fromLatin1(QUrl::toPercentEncoding(name)));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"username"_s).toString(), name);
        QCOMPARE(
            c().get(u"/api/profiles/"_s + QString::fromLatin1(QUrl::toPercentEncoding(text))).status, 404);

        // Everything is still there.
        QCOMPARE(c().get(u"/api/user"_s, auth(m_jake)).status, 200);
        QVERIFY(c().get(u"/api/articles"_s).json().value(u"articlesCount"_s).toInt() >= 6);
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("truncated JSON")
            << QByteArray("application/json") << QByteArray("{\"user\": {\"email\": ") << 400
            << u"Malformed JSON"_s;
        QTest::newRow("trailing comma")
            << QByteArray("application/json") << QByteArray("{\"user\": {},}") << 400 << u"Malformed JSON"_s;
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray() << 400
                               << u"Malformed JSON"_s;
        QTest::newRow("not UTF-8") << QByteArray("application/json") << QByteArray("{\"user\": \"\xff\xfe\"}")
                                   << 400 << u"Malformed JSON"_s;
        QTest::newRow("array") << QByteArray("application/json") << QByteArray("[1, 2]") << 422
                               << u"The body must be an object"_s;
        QTest::newRow("user is a string")
            << QByteArray("application/json") << QByteArray("{\"user\": \"jake\"}") << 422
            << u"The body must be an object"_s;
        QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("{\"user\": {}}") << 415
                                    << u"Content-Type: application/json"_s;
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                              << QByteArray("email=a&password=b") << 415
                              << u"Content-Type: application/json"_s;
        QTest::newRow("no type") << QByteArray() << QByteArray("{\"user\": {}}") << 415
                                 << u"Content-Type: application/json"_s;
        QTest::newRow("charset is fine") << QByteArray("application/json; charset=utf-8")
                                         << QByteArray("{\"user\": {}}") << 422 << u"email can't be blank"_s;
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        Headers h;
        if (!contentType.isEmpty())
            h.emplaceBack("Content-Type", contentType);
        const HttpResult r = c().send("POST", u"/api/users/login"_s, body, h);
        QCOMPARE(r.status, status);
        QVERIFY2(r.conduitError().contains(error), qPrintable(r.conduitError()));
    }

    void hugeBody()
    {
        QByteArray big = "{\"user\": {\"email\": \"a@b.c\", \"password\": \""
            + QByteArray(2 * 1024 * 1024, 'x') + "\"}}";
        const HttpResult r
            = c().send("POST", u"/api/users/login"_s, big, { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 413);
        QCOMPARE(c().get(u"/api/tags"_s).status, 200);
    }

    void unknownRoutesAndMethods()
    {
        HttpResult r = c().get(u"/api/nothing/here"_s);
        QCOMPARE(r.status, 404);
        QVERIFY(r.json().value(u"errors"_s).toObject().value(u"body"_s).isArray());
        r = c().send("PATCH", u"/api/user"_s, "{}", auth(m_jake));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), "GET, HEAD, PUT");
        QCOMPARE(c().get(u"/api/users"_s).status, 405);
        QCOMPARE(c().send("DELETE", u"/api/tags"_s).status, 405);
        QCOMPARE(c().get(u"/api/articles/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"_s).status, 404);
        QCOMPARE(c().get(u"/api/profiles/..%2F..%2Fpractice.sqlite"_s).status, 404);
    }

    void slugs_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("slug");
        QTest::newRow("plain") << u"Hello World"_s << u"hello-world"_s;
        QTest::newRow("punctuation") << u"  Hello, World!!  "_s << u"hello-world"_s;
        QTest::newRow("digits") << u"HTTP/2 in 10 minutes"_s << u"http-2-in-10-minutes"_s;
        QTest::newRow("only symbols") << u"!!!"_s << u"article"_s;
        QTest::newRow("accented Latin") << u"\u00dcn\u00efc\u00f6d\u00e9 T\u00edtle"_s << u"unicode-title"_s;
        QTest::newRow("decomposed accents") << u"Cafe\u0301 Noe\u0308l"_s << u"cafe-noel"_s;
        QTest::newRow("ligature") << u"\ufb01nal \u2460"_s << u"final-1"_s;
        QTest::newRow("non-Latin kept") << u"\u65e5\u672c\u8a9e"_s << u"\u65e5\u672c\u8a9e"_s;
        QTest::newRow("Cyrillic") << u"\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440"_s
                                  << u"\u043f\u0440\u0438\u0432\u0435\u0442-\u043c\u0438\u0440"_s;
        QTest::newRow("traversal") << u"../../etc/passwd"_s << u"etc-passwd"_s;
    }

    void slugs()
    {
        QFETCH(QString, title);
        QFETCH(QString, slug);
        QCOMPARE(ConduitApi::slugify(title), slug);
    }

    // RealWorld's own API tests (api/Conduit.postman_collection.json upstream), in their order,
    // with their data: every assertion of theirs that a test here can make.
    void realWorldCollection()
    {
        const QStringList userKeys { u"email"_s, u"username"_s, u"bio"_s, u"image"_s, u"token"_s };
        HttpResult r = c().postJson(
            u"/api/users"_s, userBody(u"rw_user"_s, u"rw_user@example.com"_s, u"rw-password"_s));
        QCOMPARE(r.status, 201);
        QCOMPARE(missingKeys(r.json().value(u"user"_s).toObject(), userKeys), QStringList());
        r = c().postJson(u"/api/users/login"_s,
            QJsonObject { { u"user"_s,
                QJsonObject {
                    { u"email"_s, u"rw_user@example.com"_s }, { u"password"_s, u"rw-password"_s } } } });
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"user"_s).toObject(), userKeys), QStringList());
        const QByteArray token = r.json().value(u"user"_s).toObject().value(u"token"_s).toString().toLatin1();
        QVERIFY(!token.isEmpty());
        r = c().get(u"/api/user"_s, auth(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"user"_s).toObject(), userKeys), QStringList());
        r = c().putJson(u"/api/user"_s,
            QJsonObject { { u"user"_s, QJsonObject { { u"email"_s, u"rw_user@example.com"_s } } } },
            auth(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"user"_s).toObject(), userKeys), QStringList());

        // Create Article, with the tags in the collection's order.
        r = c().postJson(u"/api/articles"_s,
            QJsonObject { { u"article"_s,
                QJsonObject { { u"title"_s, u"Training dragons, the RealWorld way"_s },
                    { u"description"_s, u"Ever wonder how?"_s }, { u"body"_s, u"Very carefully."_s },
                    { u"tagList"_s, QJsonArray { u"training"_s, u"dragons"_s } } } } },
            auth(token));
        QCOMPARE(r.status, 201);
        QJsonObject article = r.json().value(u"article"_s).toObject();
        QCOMPARE(articleProblems(article, true), QStringList());
        const QString slug = article.value(u"slug"_s).toString();
        const QString path = u"/api/articles/"_s + slug;

        // Feed, All Articles (with and without auth), by Author, by Tag: the list shape, and the
        // tags sorted.
        const QJsonArray sortedTags { u"dragons"_s, u"training"_s };
        for (const auto &[query, withAuth] : { std::pair { u"/api/articles/feed"_s, true },
                 std::pair { u"/api/articles"_s, false }, std::pair { u"/api/articles"_s, true },
                 std::pair { u"/api/articles?author=rw_user"_s, false },
                 std::pair { u"/api/articles?author=rw_user"_s, true },
                 std::pair { u"/api/articles?tag=dragons"_s, true } }) {
            r = c().get(query, withAuth ? auth(token) : Headers {});
            QVERIFY2(r.status == 200, qPrintable(query));
            const QJsonObject list = r.json();
            QVERIFY2(list.value(u"articles"_s).isArray(), qPrintable(query));
            const QJsonValue count = list.value(u"articlesCount"_s);
            QVERIFY2(count.isDouble() && count.toDouble() == double(count.toInteger()), qPrintable(query));
            const QJsonArray articles = list.value(u"articles"_s).toArray();
            if (query.endsWith(u"feed"_s)) {
                QCOMPARE(
                    count.toInteger(), 0); // rw_user follows nobody: "articlesCount is 0 when feed is empty"
                continue;
            }
            QVERIFY2(!articles.isEmpty(), qPrintable(query));
            for (const QJsonValue &a : articles)
                QCOMPARE(articleProblems(a.toObject(), false), QStringList());
            if (query.contains(u"author"_s) || query.contains(u"tag"_s))
                QCOMPARE(articles.first().toObject().value(u"tagList"_s).toArray(), sortedTags);
        }

        // Single Article by slug, Update Article.
        r = c().get(path, auth(token));
        QCOMPARE(r.status, 200);
        article = r.json().value(u"article"_s).toObject();
        QCOMPARE(articleProblems(article, true), QStringList());
        QCOMPARE(article.value(u"tagList"_s).toArray(), sortedTags);
        r = c().putJson(path,
            QJsonObject { { u"article"_s, QJsonObject { { u"body"_s, u"With two hands"_s } } } },
            auth(token));
        QCOMPARE(r.status, 200);
        article = r.json().value(u"article"_s).toObject();
        QCOMPARE(articleProblems(article, true), QStringList());
        QCOMPARE(article.value(u"body"_s).toString(), u"With two hands"_s);
        QCOMPARE(article.value(u"tagList"_s).toArray(), sortedTags);

        // Favorite, Articles Favorited by Username (with and without auth), Unfavorite.
        r = c().send("POST", path + u"/favorite"_s, {}, auth(token));
        QCOMPARE(r.status, 200);
        article = r.json().value(u"article"_s).toObject();
        QCOMPARE(articleProblems(article, true), QStringList());
        QCOMPARE(article.value(u"favorited"_s).toBool(), true);
        QVERIFY(article.value(u"favoritesCount"_s).toInteger() > 0);
        for (const bool withAuth : { false, true }) {
            r = c().get(u"/api/articles?favorited=rw_user"_s, withAuth ? auth(token) : Headers {});
            QCOMPARE(r.status, 200);
            const QJsonObject first = r.json().value(u"articles"_s).toArray().first().toObject();
            QCOMPARE(articleProblems(first, false), QStringList());
            QCOMPARE(first.value(u"favoritesCount"_s).toInteger(), 1);
        }
        r = c().send("DELETE", path + u"/favorite"_s, {}, auth(token));
        QCOMPARE(r.status, 200);
        article = r.json().value(u"article"_s).toObject();
        QCOMPARE(articleProblems(article, true), QStringList());
        QCOMPARE(article.value(u"favorited"_s).toBool(), false);

        // Comments: create, list with and without login, delete.
        r = c().postJson(path + u"/comments"_s,
            QJsonObject { { u"comment"_s, QJsonObject { { u"body"_s, u"Thank you so much!"_s } } } },
            auth(token));
        QCOMPARE(r.status, 200);
        const QStringList commentKeys { u"id"_s, u"body"_s, u"createdAt"_s, u"updatedAt"_s, u"author"_s };
        const QJsonObject comment = r.json().value(u"comment"_s).toObject();
        QCOMPARE(missingKeys(comment, commentKeys), QStringList());
        for (const bool withAuth : { true, false }) {
            r = c().get(path + u"/comments"_s, withAuth ? auth(token) : Headers {});
            QCOMPARE(r.status, 200);
            const QJsonArray comments = r.json().value(u"comments"_s).toArray();
            QCOMPARE(comments.size(), 1);
            QCOMPARE(missingKeys(comments.first().toObject(), commentKeys), QStringList());
        }
        QCOMPARE(c().send("DELETE", path + u"/comments/%1"_s.arg(comment.value(u"id"_s).toInteger()), {},
                        auth(token))
                     .status,
            204);
        QCOMPARE(c().send("DELETE", path, {}, auth(token)).status, 204);

        // Profiles: Register Celeb, Profile, Follow, Unfollow.
        r = c().postJson(
            u"/api/users"_s, userBody(u"celeb_rw_user"_s, u"celeb_rw_user@example.com"_s, u"rw-password"_s));
        QCOMPARE(r.status, 201);
        QCOMPARE(missingKeys(r.json().value(u"user"_s).toObject(), userKeys), QStringList());
        const QStringList profileKeys { u"username"_s, u"bio"_s, u"image"_s, u"following"_s };
        r = c().get(u"/api/profiles/celeb_rw_user"_s, auth(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"profile"_s).toObject(), profileKeys), QStringList());
        r = c().send("POST", u"/api/profiles/celeb_rw_user/follow"_s,
            "{\"user\":{\"email\":\"rw_user@example.com\"}}",
            { { "Authorization", "Token " + token }, { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"profile"_s).toObject(), profileKeys), QStringList());
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"following"_s), QJsonValue(true));
        r = c().send("DELETE", u"/api/profiles/celeb_rw_user/follow"_s, {}, auth(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(missingKeys(r.json().value(u"profile"_s).toObject(), profileKeys), QStringList());
        QCOMPARE(r.json().value(u"profile"_s).toObject().value(u"following"_s), QJsonValue(false));

        // All Tags.
        r = c().get(u"/api/tags"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"tags"_s).isArray());
    }

    // Issue #12, 10: accented titles keep their letters in the slug, and other scripts' slugs
    // work in a URL, percent-encoded.
    void unicodeSlugsOverHttp()
    {
        HttpResult r = c().postJson(
            u"/api/articles"_s, articleBody(u"\u00dcn\u00efc\u00f6d\u00e9 T\u00edtle"_s), auth(m_jake));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"slug"_s).toString(), u"unicode-title"_s);
        QCOMPARE(c().get(u"/api/articles/unicode-title"_s).status, 200);

        r = c().postJson(
            u"/api/articles"_s, articleBody(u"\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b"_s), auth(m_jake));
        QCOMPARE(r.status, 201);
        const QString slug = r.json().value(u"article"_s).toObject().value(u"slug"_s).toString();
        QCOMPARE(slug, u"\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b"_s);
        const QByteArray encoded = QUrl::toPercentEncoding(slug);
        QCOMPARE(encoded, "%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E8%A8%98%E4%BA%8B");
        r = c().raw("GET /api/articles/" + encoded + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"article"_s).toObject().value(u"slug"_s).toString(), slug);
        for (const QString &s : { u"unicode-title"_s, slug })
            QCOMPARE(c().send("DELETE", u"/api/articles/"_s + QString::fromLatin1(QUrl::toPercentEncoding(s)),
                            {}, auth(m_jake))
                         .status,
                204);
    }
};

QTEST_GUILESS_MAIN(TestConduitApi)
#include "TestConduitApi.moc"
