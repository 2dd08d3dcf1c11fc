#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace StudyBench {

/// JSON Web Tokens signed with HMAC-SHA256 (RFC 7519, "HS256"), and nothing else: a token whose
/// header names another algorithm, "none" included, does not verify.
class Jwt
{
    Q_DECLARE_TR_FUNCTIONS(Jwt)

public:
    enum class Error
    {
        None,
        Malformed,
        UnsupportedAlgorithm,
        /// The header lists extensions in "crit" (RFC 7515 4.1.11), none of which this knows.
        UnsupportedCritical,
        BadSignature,
        Expired,
        /// No "exp" claim, where one is required.
        NoExpiry,
        NotYetValid
    };

    enum class Expiry
    {
        Required, ///< a token without "exp" does not verify
        Optional,
    };

    struct Result
    {
        Error error = Error::Malformed;
        QJsonObject claims;
        QString message;
        bool ok() const { return error == Error::None; }
    };

    explicit Jwt(QByteArray secret);

    /// Signs the claims as they are; add "exp" (seconds since the epoch) for a token that expires.
    QByteArray sign(const QJsonObject &claims) const;
    /// Checks the form, the algorithm, that the header has no "crit", the signature (in constant
    /// time) and "exp"/"nbf" against now; "exp" must be there unless @p expiry says otherwise.
    Result verify(QByteArrayView token, const QDateTime &now = QDateTime::currentDateTimeUtc(),
        Expiry expiry = Expiry::Required) const;

    static QByteArray base64Url(const QByteArray &data);
    static QByteArray generateSecret();

private:
    QByteArray signature(QByteArrayView signingInput) const;

    QByteArray m_secret;
};

/// Compares two byte strings in time that depends only on their lengths.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace StudyBench
