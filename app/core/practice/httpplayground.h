#pragma once

#include "practice/practiceexchange.h"
#include "practice/tokenbucket.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

#include <memory>

class QObject;

namespace StudyBench {

class PracticeDatabase;
class PracticeRoutes;

/// The HTTP playground under /http: echo, status codes, delays, redirects, authentication,
/// conditional requests, caching, compression, streaming, cookies, CORS, content negotiation,
/// rate limiting and idempotency keys. GET /http lists the endpoints.
class HttpPlayground
{
    Q_DECLARE_TR_FUNCTIONS(HttpPlayground)

public:
    static constexpr int kRateLimit = 5; ///< requests per bucket
    static constexpr double kRateRefillPerSecond = 1.0;
    static constexpr int kMaxDelaySeconds = 10;
    static constexpr qint64 kMaxBytes = qint64(1) << 30; ///< 1 GiB
    static constexpr qint64 kMaxJsonBytes = 10 * 1024 * 1024;
    static constexpr int kMaxRedirects = 20;
    static constexpr int kMaxStreamLines = 100;

    /// context: parent of delay timers; deleting it drops their pending answers.
    HttpPlayground(PracticeDatabase &database, QObject *context);

    void addRoutes(PracticeRoutes &routes);

    /// An RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), and back (invalid when unparsable).
    static QByteArray httpDate(const QDateTime &time);
    static QDateTime parseHttpDate(QByteArrayView text);
    /// The echo of a request that /http/anything answers with.
    static QJsonObject echo(const PracticeExchange &ex);

private:
    void index(PracticeExchange &ex);
    void anything(PracticeExchange &ex);
    void status(PracticeExchange &ex, const QString &code);
    void delay(const PracticeExchange::Ptr &ex, const QString &seconds);
    void redirect(PracticeExchange &ex, const QString &count, bool absolute);
    void basicAuth(PracticeExchange &ex, const QString &user, const QString &password);
    void bearer(PracticeExchange &ex);
    void etag(PracticeExchange &ex, const QString &tag);
    void lastModified(PracticeExchange &ex);
    void cache(PracticeExchange &ex, const QString &seconds);
    void noStore(PracticeExchange &ex);
    void compressed(PracticeExchange &ex, bool gzip);
    void stream(PracticeExchange &ex, const QString &count);
    void bytes(PracticeExchange &ex, const QString &count);
    void json(PracticeExchange &ex);
    void cookies(PracticeExchange &ex);
    /// Sets (or deletes) the cookies that the query names.
    void changeCookies(PracticeExchange &ex, bool set);
    void negotiate(PracticeExchange &ex);
    void limited(PracticeExchange &ex);
    void idempotent(PracticeExchange &ex);
    /// Stores a new order and the response under its Idempotency-Key, in one transaction.
    void placeOrder(PracticeExchange &ex, const QByteArray &key, const QByteArray &fingerprint,
        const QString &item, int quantity);

    PracticeDatabase &m_database;
    QObject *m_context;
    QDateTime m_lastModified;
    QHash<QString, std::shared_ptr<TokenBucket>> m_buckets;
};

} // namespace StudyBench
