// bench_search: a keystroke's search through SearchIndex::search against a single raw FTS5 MATCH
// on the same data, in the same run.
//
//   bench_search [--notes N] [--history N] [--rounds N] [--keep]
//
// Fills a profile (in a temporary directory beside this executable: on disk, not tmpfs) with
// N notes (default 10,000) in progress.sqlite and N sent requests (default 10,000) in
// http-history.sqlite: text drawn from a backend vocabulary with a Zipf-like spread, 15 to 90
// words a note, requests with URLs, headers and JSON bodies. SearchIndex::open() and syncAll()
// build the index (timed); a second syncAll() shows what an unchanged profile costs.
//
// Then a learner types a few words, one keystroke at a time ("i", "id", "ide", ...,
// "idempotency r", ...): each prefix of the text is searched
//  - search: SearchIndex::search(text) over every kind, 20 hits a kind, with snippet() and
//    highlight(), hits grouped and file lines found; what the window's panel runs;
//  - raw:    one "SELECT rowid, rank FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20" through the
//    sqlite3 C API on one FTS5 table holding the same notes and requests (same tokenizer and
//    prefix indexes) with the same MATCH expression.
// --rounds times (default 20), the two interleaved keystroke by keystroke. Printed: p50 and p99
// of each and the ratio search/raw (the target: p99 at most 1.5x).

#include "benchline.h"
#include "httpclient/requesthistory.h"
#include "progress/progressstore.h"
#include "search/searchindex.h"
#include "search/searchsources.h"
#include "util/datalocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sqlite3.h>

using namespace StudyBench;

namespace {

const QStringList kWords = QStringLiteral(
    "the a of to and in is for with on that it as by request response cache database index query "
    "transaction lock retry timeout idempotency idempotent key token bucket rate limit pagination "
    "cursor offset shard replica leader follower consensus raft paxos quorum partition tolerance "
    "consistency eventual strong availability latency throughput queue kafka rabbitmq consumer "
    "producer topic stream batch event sourcing saga outbox inbox migration schema column row table "
    "join foreign primary btree hash bloom filter compaction vacuum wal journal checkpoint fsync "
    "durability isolation serializable snapshot phantom dirty read write skew deadlock mutex "
    "semaphore thread pool async await future promise callback coroutine goroutine channel actor "
    "http https tls certificate handshake header body status redirect cookie session jwt oauth "
    "scope claim refresh bearer cors preflight origin proxy gateway load balancer round robin "
    "sticky health check circuit breaker bulkhead backoff jitter exponential deadline tracing span "
    "metric log alert dashboard slo sli error budget canary blue green rollout rollback feature "
    "flag container docker image layer kubernetes pod deployment service ingress helm terraform "
    "lambda serverless cold start memory cpu profile flame graph heap stack garbage collector "
    "latency tail p99 p50 benchmark regression test unit integration contract mock fake fixture "
    "graphql rest grpc protobuf json xml yaml csv avro parquet compression gzip brotli etag "
    "conditional get put post patch delete head options webhook polling websocket sse")
                               .split(QLatin1Char(' '));

// A word, the common ones far more often (Zipf-like).
QString word(QRandomGenerator &random)
{
    const double u = random.generateDouble();
    const int index = int(std::pow(u, 2.2) * kWords.size());
    return kWords.at(std::min(index, int(kWords.size()) - 1));
}

QString sentence(QRandomGenerator &random, int minWords, int maxWords)
{
    QStringList words;
    const int n = minWords + int(random.bounded(maxWords - minWords + 1));
    for (int i = 0; i < n; ++i)
        words.append(word(random));
    return words.join(QLatin1Char(' '));
}

bool execAll(QSqlQuery &q, const char *what)
{
    if (q.exec())
        return true;
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(q.lastError().text()));
    return false;
}

bool fillNotes(const QString &path, int count, QRandomGenerator &random)
{
    {
        ProgressStore store; // the real schema
        if (!store.open(path))
            return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill-notes"));
    db.setDatabaseName(path);
    bool ok = db.open() && db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO note (node_id, body, updated_at) VALUES (?, ?, ?)"));
    for (int i = 0; ok && i < count; ++i) {
        q.addBindValue(QStringLiteral("section-%1/topic-%2/item-%3").arg(i % 12).arg(i % 97).arg(i));
        q.addBindValue(sentence(random, 15, 90));
        q.addBindValue(qint64(1700000000000) + i);
        ok = execAll(q, "note");
    }
    ok = ok && db.commit();
    db.close();
    return ok;
}

bool fillHistory(const QString &path, int count, QRandomGenerator &random)
{
    {
        RequestHistory history; // the real schema
        if (!history.open(path))
            return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill-history"));
    db.setDatabaseName(path);
    bool ok = db.open() && db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO request (sent_at, method, url, request_headers, request_json, resend_json, status, "
        "response_headers, response_body) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?)"));
    const QStringList methods { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("DELETE") };
    for (int i = 0; ok && i < count; ++i) {
        const QString method = methods.at(int(random.bounded(4)));
        const QString url
            = QStringLiteral("https://api.example.test/%1/%2?%3=%4")
                  .arg(word(random), QString::number(random.bounded(1000)), word(random), word(random));
        const QString body = QStringLiteral("{\"note\":\"%1\"}").arg(sentence(random, 3, 20));
        q.addBindValue(qint64(1700000000000) + i);
        q.addBindValue(method);
        q.addBindValue(url);
        q.addBindValue(
            QStringLiteral("[[\"Accept\",\"application/json\"],[\"X-Trace\",\"%1\"]]").arg(word(random)));
        q.addBindValue(QString::fromUtf8(
            QJsonDocument(QJsonObject { { QStringLiteral("method"), method }, { QStringLiteral("url"), url },
                              { QStringLiteral("body"), sentence(random, 5, 30) } })
                .toJson(QJsonDocument::Compact)));
        q.addBindValue(200 + int(random.bounded(4)) * 100);
        q.addBindValue(QStringLiteral("[[\"Content-Type\",\"application/json\"]]"));
        q.addBindValue(body.toUtf8());
        ok = execAll(q, "request");
    }
    ok = ok && db.commit();
    db.close();
    return ok;
}

// One FTS5 table with the same notes and requests (title and body as the index has them), made
// and queried through the sqlite3 C API only.
class RawIndex
{
public:
    ~RawIndex()
    {
        sqlite3_finalize(m_query);
        sqlite3_close(m_db);
    }

    bool build(const QString &path, const QString &searchIndexPath)
    {
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            return fail("open");
        const QByteArray sql = QStringLiteral("ATTACH '%1' AS s;"
                                              "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = "
                                              "'unicode61 remove_diacritics 2', prefix = '2 3');"
                                              "INSERT INTO t (t, rank) VALUES ('rank', 'bm25(10.0, 1.0)');"
                                              "INSERT INTO t (title, body) SELECT title, body FROM "
                                              "s.note_fts UNION ALL SELECT title, body FROM s.history_fts;"
                                              "DETACH s;")
                                   .arg(searchIndexPath)
                                   .toUtf8();
        if (sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail("build");
        const char *query = "SELECT rowid, rank FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 20";
        return sqlite3_prepare_v2(m_db, query, -1, &m_query, nullptr) == SQLITE_OK || fail("prepare");
    }

    int match(const QByteArray &expression)
    {
        sqlite3_reset(m_query);
        sqlite3_bind_text(m_query, 1, expression.constData(), int(expression.size()), SQLITE_TRANSIENT);
        int rows = 0;
        while (sqlite3_step(m_query) == SQLITE_ROW)
            ++rows;
        return rows;
    }

private:
    bool fail(const char *what)
    {
        std::fprintf(stderr, "raw %s: %s\n", what, sqlite3_errmsg(m_db));
        return false;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_query = nullptr;
};

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(std::min(qsizetype(p * double(values.size())), values.size() - 1));
}

QStringList keystrokes(const QString &typed)
{
    QStringList prefixes;
    for (int i = 1; i <= typed.size(); ++i) {
        if (typed.at(i - 1) != QLatin1Char(' '))
            prefixes.append(typed.left(i));
    }
    return prefixes;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A keystroke's search against a raw FTS5 MATCH."));
    parser.addHelpOption();
    const QCommandLineOption notesOption(
        QStringLiteral("notes"), QStringLiteral("Notes."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption historyOption(
        QStringLiteral("history"), QStringLiteral("Requests."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption roundsOption(
        QStringLiteral("rounds"), QStringLiteral("Rounds."), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Keep the profile."));
    parser.addOptions({ notesOption, historyOption, roundsOption, keepOption });
    parser.process(app);

    QTemporaryDir dir(QCoreApplication::applicationDirPath() + QStringLiteral("/bench-search-XXXXXX"));
    dir.setAutoRemove(!parser.isSet(keepOption));
    QRandomGenerator random(15);
    const QString historyPath = dir.filePath(DataFile::httpHistory());
    if (!fillNotes(dir.filePath(DataFile::progressDatabase()), parser.value(notesOption).toInt(), random)
        || !fillHistory(historyPath, parser.value(historyOption).toInt(), random))
        return 1;

    SearchIndex index({ dir.path(), historyPath, nullptr });
    QElapsedTimer timer;
    timer.start();
    if (!index.open() || index.syncAll() < 0) {
        std::fprintf(stderr, "index: %s\n", qPrintable(index.errorString()));
        return 1;
    }
    const qint64 buildMs = timer.elapsed();
    timer.restart();
    const int touched = index.syncAll();
    std::printf("index: %d notes, %d requests; built in %lld ms; a second sync touched %d rows in %lld ms\n",
        index.count(SearchKind::Note), index.count(SearchKind::History), buildMs, touched, timer.elapsed());

    {
        // What each CLI search and each window start pays first: opening and checking the index.
        SearchIndex again({ dir.path(), historyPath, nullptr });
        timer.restart();
        const bool opened = again.open();
        std::printf("opening the index again (schema, quick_check with FTS5's integrity-check): %lld ms%s\n",
            timer.elapsed(), opened && !again.wasRebuilt() ? "" : " (FAILED)");
        StudyBench::Bench::printAbsolute("search_index_open_20k", double(timer.elapsed()), "ms", "-");
    }

    RawIndex raw;
    if (!raw.build(dir.filePath(QStringLiteral("raw.sqlite")), index.path()))
        return 1;

    const QStringList typed = keystrokes(QStringLiteral("idempotency retry with backoff jitter"))
        + keystrokes(QStringLiteral("token bucket rate limit"))
        + keystrokes(QStringLiteral("kafka consumer offset"));
    QList<double> ours;
    QList<double> theirs;
    qint64 hits = 0;
    qint64 rawHits = 0;
    const int rounds = parser.value(roundsOption).toInt();
    for (int round = 0; round < rounds; ++round) {
        for (const QString &text : typed) {
            const QByteArray expression = ftsMatchExpression(text).toUtf8();
            // Alternate which goes first, so that neither always finds the other's pages cached.
            for (int turn = 0; turn < 2; ++turn) {
                timer.restart();
                if ((turn == 0) == (round % 2 == 0)) {
                    hits += index.search(text).size();
                    ours.append(double(timer.nsecsElapsed()) / 1e6);
                } else {
                    rawHits += raw.match(expression);
                    theirs.append(double(timer.nsecsElapsed()) / 1e6);
                }
            }
        }
    }
    const double ratio50 = percentile(ours, 0.5) / percentile(theirs, 0.5);
    const double ratio99 = percentile(ours, 0.99) / percentile(theirs, 0.99);
    std::printf("%lld keystrokes (%lld a round, %d rounds); hits: search %lld, raw %lld\n",
        qint64(ours.size()), qint64(typed.size()), rounds, hits, rawHits);
    std::printf("search (SearchIndex::search): p50 %.3f ms  p99 %.3f ms\n", percentile(ours, 0.5),
        percentile(ours, 0.99));
    std::printf("raw FTS5 MATCH (sqlite3):     p50 %.3f ms  p99 %.3f ms\n", percentile(theirs, 0.5),
        percentile(theirs, 0.99));
    std::printf(
        "ratio search/raw:             p50 %.2fx   p99 %.2fx (target p99 <= 1.5x)\n", ratio50, ratio99);
    StudyBench::Bench::printLine(
        "search_keystroke_p50", percentile(ours, 0.5), percentile(theirs, 0.5), "ms", "-");
    StudyBench::Bench::printLine(
        "search_keystroke_p99", percentile(ours, 0.99), percentile(theirs, 0.99), "ms", "ratio<=1.5");
    return 0;
}
