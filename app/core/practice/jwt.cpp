#include "practice/jwt.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace StudyBench {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

namespace {
constexpr auto kUrlOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

std::optional<QByteArray> decodeBase64Url(QByteArrayView part)
{
    const auto result = QByteArray::fromBase64Encoding(
        part.toByteArray(), kUrlOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

std::optional<QJsonObject> decodeJsonPart(QByteArrayView part)
{
    const auto bytes = decodeBase64Url(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}
} // namespace

Jwt::Jwt(QByteArray secret)
    : m_secret(std::move(secret))
{ }

QByteArray Jwt::base64Url(const QByteArray &data)
{
    return data.toBase64(kUrlOptions);
}

QByteArray Jwt::generateSecret()
{
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(secret.begin(), secret.end());
    return secret;
}

QByteArray Jwt::signature(QByteArrayView signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput.toByteArray(), m_secret, QCryptographicHash::Sha256);
}

QByteArray Jwt::sign(const QJsonObject &claims) const
{
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("HS256") },
        { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.' + base64Url(signature(input));
}

Jwt::Result Jwt::verify(QByteArrayView token, const QDateTime &now, Expiry expiry) const
{
    Result r;
    const QList<QByteArrayView> parts = [&] {
        QList<QByteArrayView> list;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= token.size(); ++i) {
            if (i == token.size() || token[i] == '.') {
                list.append(token.sliced(start, i - start));
                start = i + 1;
            }
        }
        return list;
    }();
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty()) {
        r.message = tr("The token is not three base64url parts separated by dots.");
        return r;
    }
    const auto header = decodeJsonPart(parts.at(0));
    const auto claims = decodeJsonPart(parts.at(1));
    if (!header || !claims) {
        r.message = tr("The token's header or payload is not base64url-encoded JSON.");
        return r;
    }
    const QString alg = header->value(QStringLiteral("alg")).toString();
    if (alg != QLatin1StringView("HS256")) {
        r.error = Error::UnsupportedAlgorithm;
        r.message = tr("The token's algorithm '%1' is not accepted; only HS256 is.").arg(alg);
        return r;
    }
    if (header->contains(QStringLiteral("crit"))) {
        r.error = Error::UnsupportedCritical;
        r.message = tr("The token's header lists critical extensions (crit) that this server does not "
                       "support; send a token without crit.");
        return r;
    }
    const auto given = decodeBase64Url(parts.at(2));
    const qsizetype signedLength = parts.at(0).size() + 1 + parts.at(1).size();
    if (!given || !constantTimeEquals(*given, signature(token.first(signedLength)))) {
        r.error = Error::BadSignature;
        r.message = tr("The token's signature does not match.");
        return r;
    }
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    const QJsonValue exp = claims->value(QStringLiteral("exp"));
    if (exp.isUndefined() && expiry == Expiry::Required) {
        r.error = Error::NoExpiry;
        r.message = tr("The token has no expiry time (exp); log in again for a token that has one.");
        return r;
    }
    if (!exp.isUndefined() && (!exp.isDouble() || qint64(exp.toDouble()) <= nowSeconds)) {
        r.error = Error::Expired;
        r.message = tr("The token has expired.");
        return r;
    }
    const QJsonValue nbf = claims->value(QStringLiteral("nbf"));
    if (!nbf.isUndefined() && (!nbf.isDouble() || qint64(nbf.toDouble()) > nowSeconds)) {
        r.error = Error::NotYetValid;
        r.message = tr("The token is not valid yet.");
        return r;
    }
    r.error = Error::None;
    r.claims = *claims;
    return r;
}

} // namespace StudyBench
