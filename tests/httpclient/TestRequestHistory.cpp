#include "httpclient/requesthistory.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

HttpResponse makeResponse(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.headers = { { u"Content-Type"_s, u"application/json"_s }, { u"X-Echo-Token"_s, u"s3cret-token"_s } };
    r.bodyFile = std::make_shared<QTemporaryFile>();
    if (!r.bodyFile->open())
        qFatal("cannot create a temporary file");
    r.bodyFile->write(body);
    r.bodyFile->close();
    r.bodySize = body.size();
    r.timings = { 42, 7 };
    return r;
}

HttpEnvironment devEnvironment(const QString &token)
{
    HttpEnvironment env;
    env.name = u"dev"_s;
    env.variables = { { u"token"_s, token }, { u"host"_s, u"localhost"_s } };
    env.secretNames = { u"token"_s };
    return env;
}

} // namespace

class TestRequestHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void recordsMaskedAndSearches()
    {
        RequestHistory history;
        QVERIFY2(history.open(m_dir.filePath(u"h1.sqlite"_s)), qPrintable(history.errorString()));
        const HttpEnvironment env = devEnvironment(u"s3cret-token"_s);

        HttpRequest login;
        login.name = u"login"_s;
        login.method = u"POST"_s;
        login.url = u"http://localhost/login?key=s3cret-token"_s;
        login.headers = { { u"Authorization"_s, u"Bearer s3cret-token"_s },
            { u"Content-Type"_s, u"application/json"_s } };
        login.body = "{\"token\":\"s3cret-token\",\"user\":\"ann\"}";
        const qint64 first
            = history.record(login, makeResponse(200, "{\"welcome\":\"ann\"}"), env.masker(), u"dev"_s);
        QVERIFY2(first > 0, qPrintable(history.errorString()));

        HttpRequest other;
        other.url = u"http://localhost/items"_s;
        const qint64 second = history.record(other, makeResponse(404, "no items"), env.masker(), u"dev"_s);
        QVERIFY(second > first);
        QCOMPARE(history.count(), 2);

        const auto e = history.entry(first);
        QVERIFY(e);
        QCOMPARE(e->request.method, u"POST"_s);
        QCOMPARE(e->request.url, u"http://localhost/login?key=\u2022\u2022\u2022\u2022"_s);
        QCOMPARE(headerValue(e->request.headers, u"Authorization"), u"Bearer \u2022\u2022\u2022\u2022"_s);
        QVERIFY(!e->request.body.contains("s3cret"));
        QCOMPARE(headerValue(e->responseHeaders, u"X-Echo-Token"), u"\u2022\u2022\u2022\u2022"_s);
        QCOMPARE(e->status, 200);
        QCOMPARE(e->totalMs, 42);
        QCOMPARE(e->firstByteMs, 7);
        QCOMPARE(e->environment, u"dev"_s);
        QCOMPARE(e->responseBody, QByteArray("{\"welcome\":\"ann\"}"));
        QVERIFY(!e->responseBodyTruncated);

        // No trace of the secret anywhere in the database file's rows.
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-check"_s);
        raw.setDatabaseName(history.path());
        QVERIFY(raw.open());
        {
            QSqlQuery q(raw);
            QVERIFY(q.exec(
                u"SELECT count(*) FROM request WHERE url || request_headers || request_json || resend_json"
                " || response_headers || CAST(response_body AS TEXT) LIKE '%s3cret%'"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(u"PRAGMA journal_mode"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), u"wal"_s);
        }
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"raw-check"_s);

        QCOMPARE(history.search().size(), 2);
        QCOMPARE(history.search().first().id, second); // newest first
        QCOMPARE(history.search(u"welcome"_s).size(), 1);
        QCOMPARE(history.search(u"no items"_s).first().id, second);
        QCOMPARE(history.search(u"login"_s).first().id, first);
        QCOMPARE(history.search(u"s3cret"_s).size(), 0);
        QCOMPARE(history.search(u"100%"_s).size(), 0);
        QCOMPARE(history.search(u"POST"_s).size(), 1);
        QCOMPARE(history.search(QString(), 1).size(), 1);

        // Re-sending takes the secret from the environment in use now.
        const auto resend = history.requestForResend(first, devEnvironment(u"new-token"_s));
        QVERIFY(resend);
        QCOMPARE(resend->url, u"http://localhost/login?key=new-token"_s);
        QCOMPARE(headerValue(resend->headers, u"Authorization"), u"Bearer new-token"_s);
        QCOMPARE(resend->body, QByteArray("{\"token\":\"new-token\",\"user\":\"ann\"}"));
        QStringList missing;
        const auto without = history.requestForResend(first, HttpEnvironment(), &missing);
        QVERIFY(without);
        QCOMPARE(missing, QStringList { u"token"_s });
        QCOMPARE(headerValue(without->headers, u"Authorization"), u"Bearer {{token}}"_s);

        QVERIFY(history.remove(second));
        QCOMPARE(history.count(), 1);
        QVERIFY(!history.entry(second));
        QVERIFY(history.clear());
        QCOMPARE(history.count(), 0);
    }

    void truncatesLargeBodies()
    {
        RequestHistory history;
        QVERIFY(history.open(m_dir.filePath(u"h2.sqlite"_s)));
        HttpRequest r;
        r.method = u"PUT"_s;
        r.url = u"http://localhost/blob"_s;
        r.body = QByteArray(RequestHistory::kMaxStoredBody + 10, 'q');
        const QByteArray big(RequestHistory::kMaxStoredBody * 2, 'z');
        const qint64 id = history.record(r, makeResponse(200, big), SecretMasker());
        QVERIFY(id > 0);
        const auto e = history.entry(id);
        QVERIFY(e);
        QVERIFY(e->responseBodyTruncated);
        QCOMPARE(e->responseBody.size(), RequestHistory::kMaxStoredBody);
        QCOMPARE(e->size, big.size());
        QVERIFY(e->requestBodyTruncated);
        QCOMPARE(e->request.body.size(), RequestHistory::kMaxStoredBody);
        // The resend copy keeps the whole request body.
        QCOMPARE(history.requestForResend(id, HttpEnvironment())->body.size(), r.body.size());
    }

    void reopensExistingFile()
    {
        const QString path = m_dir.filePath(u"h3.sqlite"_s);
        {
            RequestHistory history;
            QVERIFY(history.open(path));
            HttpRequest r;
            r.url = u"http://localhost/"_s;
            QVERIFY(history.record(r, makeResponse(200, "x"), SecretMasker()) > 0);
        }
        RequestHistory again;
        QVERIFY2(again.open(path), qPrintable(again.errorString()));
        QCOMPARE(again.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "TestRequestHistory.moc"
