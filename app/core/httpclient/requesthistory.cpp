#include "httpclient/requesthistory.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {

QString headersToJson(const HttpHeaders &headers, const SecretMasker &masker)
{
    QJsonArray array;
    for (const HttpHeader &h : headers)
        array.append(QJsonArray { h.name, masker.mask(h.value) });
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HttpHeaders headersFromJson(const QString &json)
{
    HttpHeaders headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array)
        headers.append({ v.toArray().at(0).toString(), v.toArray().at(1).toString() });
    return headers;
}

// Qt binds a null QString as SQL NULL; the text columns are NOT NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString escapeLike(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

const char *const kColumns = "id, sent_at, environment, request_json, request_body_truncated, status, error, "
                             "total_ms, first_byte_ms, size, response_headers, response_body, "
                             "response_body_truncated";

HistoryRecord recordFrom(const QSqlQuery &q)
{
    HistoryRecord r;
    r.id = q.value(0).toLongLong();
    r.sentAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), QTimeZone::UTC);
    r.environment = q.value(2).toString();
    r.request = requestFromJson(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object());
    r.requestBodyTruncated = q.value(4).toBool();
    r.status = q.value(5).toInt();
    r.error = q.value(6).toString();
    r.totalMs = q.value(7).toLongLong();
    r.firstByteMs = q.value(8).toLongLong();
    r.size = q.value(9).toLongLong();
    r.responseHeaders = headersFromJson(q.value(10).toString());
    r.responseBody = q.value(11).toByteArray();
    r.responseBodyTruncated = q.value(12).toBool();
    return r;
}

} // namespace

RequestHistory::RequestHistory()
    : m_db(QStringLiteral("studybench-http-history"))
{ }

RequestHistory::~RequestHistory() = default;

bool RequestHistory::isOpen() const
{
    return m_db.isOpen();
}

void RequestHistory::close()
{
    m_db.close();
}

bool RequestHistory::fail(const QString &what, const QString &detail)
{
    return m_db.fail(what, detail);
}

bool RequestHistory::exec(const QString &sql)
{
    return m_db.exec(sql, tr("Cannot update the request history %1").arg(m_db.path()));
}

bool RequestHistory::open(const QString &path)
{
    // Each entry takes the schema one version up, in one transaction.
    static const QList<QStringList> migrations {
        {
            QStringLiteral("CREATE TABLE request ("
                           " id INTEGER PRIMARY KEY,"
                           " sent_at INTEGER NOT NULL,"
                           " environment TEXT NOT NULL DEFAULT '',"
                           " name TEXT NOT NULL DEFAULT '',"
                           " method TEXT NOT NULL,"
                           " url TEXT NOT NULL,"
                           " request_headers TEXT NOT NULL,"
                           " request_json TEXT NOT NULL,"
                           " request_body_truncated INTEGER NOT NULL DEFAULT 0,"
                           " resend_json TEXT NOT NULL,"
                           " status INTEGER NOT NULL DEFAULT 0,"
                           " error TEXT NOT NULL DEFAULT '',"
                           " total_ms INTEGER NOT NULL DEFAULT -1,"
                           " first_byte_ms INTEGER NOT NULL DEFAULT -1,"
                           " size INTEGER NOT NULL DEFAULT 0,"
                           " response_headers TEXT NOT NULL DEFAULT '[]',"
                           " response_body BLOB,"
                           " response_body_truncated INTEGER NOT NULL DEFAULT 0"
                           ")"),
            QStringLiteral("CREATE INDEX request_by_time ON request (sent_at)"),
        },
    };
    return m_db.open(path, migrations);
}

qint64 RequestHistory::record(const HttpRequest &request, const HttpResponse &response,
    const SecretMasker &masker, const QString &environment, const QDateTime &sentAt)
{
    if (!isOpen()) {
        fail(tr("The request history is not open."), {});
        return -1;
    }
    HttpRequest masked = request;
    masked.url = masker.mask(request.url);
    for (HttpHeader &h : masked.headers)
        h.value = masker.mask(h.value);
    masked.body = masker.mask(request.body.left(kMaxStoredBody));
    const bool requestTruncated = request.body.size() > kMaxStoredBody;

    HttpRequest resend = request;
    resend.url = masker.toVariableReferences(request.url);
    for (HttpHeader &h : resend.headers)
        h.value = masker.toVariableReferences(h.value);
    resend.body = masker.toVariableReferences(request.body);

    const QByteArray body = masker.mask(response.readBody(kMaxStoredBody));
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral(
        "INSERT INTO request (sent_at, environment, name, method, url, request_headers, request_json,"
        " request_body_truncated, resend_json, status, error, total_ms, first_byte_ms, size, "
        "response_headers,"
        " response_body, response_body_truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)"));
    q.addBindValue(sentAt.toMSecsSinceEpoch());
    q.addBindValue(notNull(environment));
    q.addBindValue(notNull(request.name));
    q.addBindValue(notNull(masked.method));
    q.addBindValue(notNull(masked.url));
    q.addBindValue(headersToJson(request.headers, masker));
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(requestToJson(masked, true)).toJson(QJsonDocument::Compact)));
    q.addBindValue(requestTruncated);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(requestToJson(resend, true)).toJson(QJsonDocument::Compact)));
    q.addBindValue(response.status);
    q.addBindValue(notNull(masker.mask(response.errorString)));
    q.addBindValue(response.timings.totalMs);
    q.addBindValue(response.timings.firstByteMs);
    q.addBindValue(response.bodySize);
    q.addBindValue(headersToJson(response.headers, masker));
    q.addBindValue(body);
    q.addBindValue(response.bodySize > kMaxStoredBody);
    if (!q.exec()) {
        fail(tr("Cannot record the request in %1").arg(m_db.path()), q.lastError().text());
        return -1;
    }
    return q.lastInsertId().toLongLong();
}

QList<HistoryRecord> RequestHistory::search(const QString &text, int limit)
{
    QList<HistoryRecord> records;
    QSqlQuery q(m_db.database());
    QString sql = QStringLiteral("SELECT %1 FROM request").arg(QLatin1StringView(kColumns));
    if (!text.isEmpty()) {
        sql += QStringLiteral(
            " WHERE method LIKE :t ESCAPE '\\' OR url LIKE :t ESCAPE '\\' OR name LIKE :t ESCAPE '\\'"
            " OR request_headers LIKE :t ESCAPE '\\' OR request_json LIKE :t ESCAPE '\\'"
            " OR response_headers LIKE :t ESCAPE '\\'"
            " OR CAST(response_body AS TEXT) LIKE :t ESCAPE '\\'");
    }
    sql += QStringLiteral(" ORDER BY sent_at DESC, id DESC LIMIT :limit");
    q.prepare(sql);
    if (!text.isEmpty())
        q.bindValue(QStringLiteral(":t"), escapeLike(text));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec()) {
        fail(tr("Cannot search the request history"), q.lastError().text());
        return records;
    }
    while (q.next())
        records.append(recordFrom(q));
    return records;
}

std::optional<HistoryRecord> RequestHistory::entry(qint64 id)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM request WHERE id = ?").arg(QLatin1StringView(kColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return recordFrom(q);
}

std::optional<HttpRequest> RequestHistory::requestForResend(
    qint64 id, const HttpEnvironment &environment, QStringList *missingSecrets)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT resend_json FROM request WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    HttpRequest r = requestFromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    const SecretMasker masker = environment.masker();
    r.url = masker.fromVariableReferences(r.url);
    for (HttpHeader &h : r.headers)
        h.value = masker.fromVariableReferences(h.value);
    r.body = masker.fromVariableReferences(r.body);
    if (missingSecrets) {
        static const QRegularExpression reference(QStringLiteral("\\{\\{([A-Za-z_][A-Za-z0-9_.-]*)\\}\\}"));
        QString all = r.url;
        for (const HttpHeader &h : r.headers)
            all += QLatin1Char('\n') + h.value;
        all += QLatin1Char('\n') + QString::fromUtf8(r.body);
        for (const QRegularExpressionMatch &m : reference.globalMatch(all)) {
            if (!missingSecrets->contains(m.captured(1)))
                missingSecrets->append(m.captured(1));
        }
    }
    return r;
}

bool RequestHistory::remove(qint64 id)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("DELETE FROM request WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(tr("Cannot delete from the request history"), q.lastError().text());
    return q.numRowsAffected() > 0;
}

bool RequestHistory::clear()
{
    return exec(QStringLiteral("DELETE FROM request"));
}

qint64 RequestHistory::count()
{
    QSqlQuery q(m_db.database());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM request")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace StudyBench
