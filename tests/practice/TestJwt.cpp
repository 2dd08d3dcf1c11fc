// HS256 JSON Web Tokens: signing, verification and every way a token must fail.
#include "practice/jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = QByteArrayLiteral("0123456789abcdef0123456789abcdef");

QByteArray part(const QJsonObject &o)
{
    return Jwt::base64Url(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject claims(qint64 exp)
{
    return QJsonObject { { u"sub"_s, u"42"_s }, { u"username"_s, u"jake"_s }, { u"exp"_s, exp } };
}

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, QTimeZone::UTC);
} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const Jwt jwt(kSecret);
        const QByteArray token = jwt.sign(claims(kNow.toSecsSinceEpoch() + 60));
        QCOMPARE(token.count('.'), 2);
        QVERIFY(!token.contains('=') && !token.contains('+') && !token.contains('/'));
        const Jwt::Result r = jwt.verify(token, kNow);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.claims.value(u"sub"_s).toString(), u"42"_s);
        QCOMPARE(r.claims.value(u"username"_s).toString(), u"jake"_s);
        const QJsonObject header = QJsonDocument::fromJson(
            QByteArray::fromBase64(token.split('.').first(), QByteArray::Base64UrlEncoding))
                                       .object();
        QCOMPARE(header.value(u"alg"_s).toString(), u"HS256"_s);
        QCOMPARE(header.value(u"typ"_s).toString(), u"JWT"_s);
    }

    // The example token of jwt.io, made by another implementation.
    void verifiesAWellKnownToken()
    {
        const QByteArray token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                                 "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
                                 "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        const Jwt::Result r = Jwt("your-256-bit-secret").verify(token, kNow, Jwt::Expiry::Optional);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.claims.value(u"name"_s).toString(), u"John Doe"_s);
        QCOMPARE(Jwt("your-256-bit-secreT").verify(token, kNow, Jwt::Expiry::Optional).error,
            Jwt::Error::BadSignature);
        // It has no "exp": by default, refused.
        QCOMPARE(Jwt("your-256-bit-secret").verify(token, kNow).error, Jwt::Error::NoExpiry);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<Jwt::Error>("error");
        const Jwt jwt(kSecret);
        const QByteArray good = jwt.sign(claims(kNow.toSecsSinceEpoch() + 60));
        const QList<QByteArray> parts = good.split('.');

        QByteArray flipped = good;
        flipped[flipped.size() - 2] = flipped.at(flipped.size() - 2) == 'A' ? 'B' : 'A';
        QTest::newRow("signature changed") << flipped << Jwt::Error::BadSignature;
        QJsonObject admin = claims(kNow.toSecsSinceEpoch() + 60);
        admin.insert(u"sub"_s, u"1"_s);
        QTest::newRow("payload changed")
            << QByteArray(parts[0] + '.' + part(admin) + '.' + parts[2]) << Jwt::Error::BadSignature;
        QTest::newRow("other secret")
            << Jwt("another secret that is long enough").sign(claims(kNow.toSecsSinceEpoch() + 60))
            << Jwt::Error::BadSignature;
        QTest::newRow("signature missing")
            << QByteArray(parts[0] + '.' + parts[1] + '.') << Jwt::Error::BadSignature;
        QTest::newRow("expired") << jwt.sign(claims(kNow.toSecsSinceEpoch() - 1)) << Jwt::Error::Expired;
        QTest::newRow("expires now") << jwt.sign(claims(kNow.toSecsSinceEpoch())) << Jwt::Error::Expired;
        QJsonObject textExp = claims(0);
        textExp.insert(u"exp"_s, u"never"_s);
        QTest::newRow("exp not a number") << jwt.sign(textExp) << Jwt::Error::Expired;
        QJsonObject noExp = claims(0);
        noExp.remove(u"exp"_s);
        QTest::newRow("no exp") << jwt.sign(noExp) << Jwt::Error::NoExpiry;
        // A header with crit, correctly signed: refused all the same (RFC 7515 4.1.11).
        for (const auto &[name, crit] : { std::pair { "crit exp", QJsonArray { u"exp"_s } },
                 std::pair { "crit b64", QJsonArray { u"b64"_s } },
                 std::pair { "crit empty", QJsonArray {} } }) {
            const QByteArray head = part(QJsonObject {
                { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s }, { u"crit"_s, crit }, { u"exp"_s, 1 } });
            const QByteArray input = head + '.' + parts[1];
            const QByteArray sig = Jwt::base64Url(
                QMessageAuthenticationCode::hash(input, kSecret, QCryptographicHash::Sha256));
            QTest::newRow(name) << QByteArray(input + '.' + sig) << Jwt::Error::UnsupportedCritical;
        }
        QJsonObject future = claims(kNow.toSecsSinceEpoch() + 600);
        future.insert(u"nbf"_s, kNow.toSecsSinceEpoch() + 300);
        QTest::newRow("not yet valid") << jwt.sign(future) << Jwt::Error::NotYetValid;

        const QByteArray payload = part(claims(kNow.toSecsSinceEpoch() + 60));
        const QByteArray none = part(QJsonObject { { u"alg"_s, u"none"_s }, { u"typ"_s, u"JWT"_s } });
        QTest::newRow("alg none, no signature")
            << QByteArray(none + '.' + payload + '.') << Jwt::Error::UnsupportedAlgorithm;
        QTest::newRow("alg none, HS256 signature")
            << QByteArray(none + '.' + payload + '.' + parts[2]) << Jwt::Error::UnsupportedAlgorithm;
        const QByteArray noneCaps = part(QJsonObject { { u"alg"_s, u"NONE"_s } });
        QTest::newRow("alg NONE") << QByteArray(noneCaps + '.' + payload + '.')
                                  << Jwt::Error::UnsupportedAlgorithm;
        const QByteArray hs512 = part(QJsonObject { { u"alg"_s, u"HS512"_s } });
        QTest::newRow("alg HS512") << QByteArray(hs512 + '.' + payload + '.' + parts[2])
                                   << Jwt::Error::UnsupportedAlgorithm;
        const QByteArray rs256 = part(QJsonObject { { u"alg"_s, u"RS256"_s } });
        QTest::newRow("alg RS256") << QByteArray(rs256 + '.' + payload + '.' + parts[2])
                                   << Jwt::Error::UnsupportedAlgorithm;
        const QByteArray noAlg = part(QJsonObject { { u"typ"_s, u"JWT"_s } });
        QTest::newRow("no alg") << QByteArray(noAlg + '.' + payload + '.' + parts[2])
                                << Jwt::Error::UnsupportedAlgorithm;

        QTest::newRow("empty") << QByteArray() << Jwt::Error::Malformed;
        QTest::newRow("two parts") << QByteArray(parts[0] + '.' + parts[1]) << Jwt::Error::Malformed;
        QTest::newRow("four parts") << QByteArray(good + ".x") << Jwt::Error::Malformed;
        QTest::newRow("not base64") << QByteArray("!!!." + parts[1] + '.' + parts[2])
                                    << Jwt::Error::Malformed;
        QTest::newRow("not JSON") << QByteArray(Jwt::base64Url("hello") + '.' + parts[1] + '.' + parts[2])
                                  << Jwt::Error::Malformed;
        QTest::newRow("JSON array payload")
            << QByteArray(parts[0] + '.' + Jwt::base64Url("[1,2]") + '.' + parts[2]) << Jwt::Error::Malformed;
        QTest::newRow("SQL in token") << QByteArray("' OR '1'='1.' OR '1'='1.x") << Jwt::Error::Malformed;
    }

    void rejects()
    {
        QFETCH(QByteArray, token);
        QFETCH(Jwt::Error, error);
        const Jwt::Result r = Jwt(kSecret).verify(token, kNow);
        QVERIFY(!r.ok());
        QCOMPARE(r.error, error);
        QVERIFY(!r.message.isEmpty());
        QVERIFY(r.claims.isEmpty());
    }

    void constantTimeCompare_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
        QTest::newRow("empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("last byte") << QByteArray("abc") << QByteArray("abd") << false;
        QTest::newRow("first byte") << QByteArray("xbc") << QByteArray("abc") << false;
        QTest::newRow("prefix") << QByteArray("ab") << QByteArray("abc") << false;
    }

    void constantTimeCompare()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(constantTimeEquals(a, b), equal);
    }

    void secretsAreRandom()
    {
        const QByteArray a = Jwt::generateSecret();
        QCOMPARE(a.size(), 32);
        QVERIFY(a != Jwt::generateSecret());
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "TestJwt.moc"
