#pragma once

#include "httpclient/httpenvironment.h"
#include "httpclient/httpmessage.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace StudyBench {

/// A sent request and a summary of its response, as stored. Secret values are masked ("••••").
struct HistoryRecord
{
    qint64 id = 0;
    QDateTime sentAt; ///< UTC
    QString environment;
    HttpRequest request; ///< masked; the body truncated at RequestHistory::kMaxStoredBody
    bool requestBodyTruncated = false;

    int status = 0;
    QString error;
    qint64 totalMs = -1;
    qint64 firstByteMs = -1;
    qint64 size = 0; ///< the whole response body's size, even when the stored body is truncated
    HttpHeaders responseHeaders;
    QByteArray responseBody; ///< at most RequestHistory::kMaxStoredBody bytes, masked
    bool responseBodyTruncated = false;
};

/// Every sent request with its response summary, in SQLite (WAL) through Qt SQL on its own
/// connection. Secret values are masked in everything stored; for re-sending, the request is also
/// kept with secrets as "{{name}}" variable references, which requestForResend() fills from the current
/// environment.
///
/// Blocking: use it from the CLI or a worker thread. One instance belongs to the thread that opened it.
class RequestHistory
{
    Q_DECLARE_TR_FUNCTIONS(RequestHistory)

public:
    static constexpr qint64 kMaxStoredBody = 1024 * 1024;

    RequestHistory();
    ~RequestHistory();
    RequestHistory(const RequestHistory &) = delete;
    RequestHistory &operator=(const RequestHistory &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_db.errorString(); }

    /// Stores @p request and @p response; returns the new entry's id, or -1 (see errorString()).
    qint64 record(const HttpRequest &request, const HttpResponse &response, const SecretMasker &masker,
        const QString &environment = {}, const QDateTime &sentAt = QDateTime::currentDateTimeUtc());
    /// Entries whose method, URL, name, headers or bodies contain @p text (all when empty), newest first.
    QList<HistoryRecord> search(const QString &text = {}, int limit = 100);
    std::optional<HistoryRecord> entry(qint64 id);
    /// The stored request, ready to send again: secrets are taken from @p environment. Names
    /// of secrets that @p environment lacks are listed in @p missingSecrets (their references stay
    /// unresolved).
    std::optional<HttpRequest> requestForResend(
        qint64 id, const HttpEnvironment &environment, QStringList *missingSecrets = nullptr);
    bool remove(qint64 id);
    bool clear();
    qint64 count();

private:
    bool fail(const QString &what, const QString &detail);
    bool exec(const QString &sql);

    SqliteDatabase m_db;
};

} // namespace StudyBench
