#pragma once

// A seeded profile for the search tests: a small curriculum file, notes in a real progress.sqlite
// (ProgressStore), a practice file and a drill answer on disk, and two sent requests in a real
// http-history.sqlite (RequestHistory). Header-only: the tests that include it link
// studybench_search (which brings progress and httpclient).

#include "curriculum/curriculum.h"
#include "curriculum/curriculumparser.h"
#include "httpclient/requesthistory.h"
#include "progress/progressstore.h"
#include "util/datalocation.h"

#include <QDir>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QTest>

namespace StudyBench::TestSupport {

inline const QByteArray kSearchCourse = R"(# Search Course

## APIs

### REST Design

- **Idempotency**: Safe retries of PUT and DELETE; an idempotency key makes a POST safe to repeat.
- **Pagination**: Cursor pagination versus offset pagination for large collections.
- **Rate Limiting**: Token bucket and leaky bucket algorithms; one bucket per client, pages of pagination count too.

## Databases

### Storage

- **B-Tree Indexes**: Balanced trees keep lookups logarithmic.
- **Café Sharding**: Splitting rows across shards by a consistent hash of the key.
)";

/// The profile the search tests search: everything written, nothing indexed yet.
struct SearchProfile
{
    QString dir; ///< the profile folder
    QString dataDir; ///< the data folder (the request history); often the profile folder itself
    CurriculumPtr curriculum;
    QString curriculumFile;
    QString practiceFile; ///< scratch/<idempotency>/practice.md; "Idempotency-Key" on line 5
    QString drillAnswer; ///< drills/url-shortener/answer.md
    qint64 ordersRequest = 0; ///< GET .../orders?page=2, 200
    qint64 loginRequest = 0; ///< POST .../login, 401 "invalid credentials zebra"

    QString idOf(const QString &title) const
    {
        const QList<const CurriculumNode *> nodes = curriculum->allNodes();
        for (const CurriculumNode *node : nodes) {
            if (node->title == title)
                return node->id;
        }
        qFatal("no node titled %s", qPrintable(title));
    }
    QString historyPath() const { return QDir(dataDir).filePath(DataFile::httpHistory()); }
};

inline void writeSearchFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        qFatal("cannot write %s", qPrintable(path));
}

inline HttpResponse searchResponse(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.headers = { { QStringLiteral("Content-Type"), QStringLiteral("application/json") } };
    r.bodyFile = std::make_shared<QTemporaryFile>();
    if (!r.bodyFile->open())
        qFatal("cannot create a temporary file");
    r.bodyFile->write(body);
    r.bodyFile->close();
    r.bodySize = body.size();
    return r;
}

inline qint64 recordRequest(RequestHistory &history, const QString &method, const QString &url, int status,
    const QByteArray &responseBody)
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    const qint64 id = history.record(request, searchResponse(status, responseBody), SecretMasker());
    if (id < 0)
        qFatal("cannot record: %s", qPrintable(history.errorString()));
    return id;
}

/// Writes the seeded profile into @p dir, its request history into @p dataDir (empty: @p dir).
inline SearchProfile seedSearchProfile(const QString &dir, const QString &dataDir = {})
{
    SearchProfile p;
    p.dir = dir;
    p.dataDir = dataDir.isEmpty() ? dir : dataDir;
    p.curriculumFile = QDir(dir).filePath(QStringLiteral("search-course.md"));
    writeSearchFile(p.curriculumFile, kSearchCourse);
    p.curriculum = CurriculumParser::parse(kSearchCourse, QStringLiteral("search-course.md")).curriculum;
    if (!p.curriculum)
        qFatal("the search course does not parse");
    ProgressStore store;
    if (!store.open(QDir(dir).filePath(DataFile::progressDatabase()))
        || !store.setNote(p.idOf(QStringLiteral("Pagination")),
            QStringLiteral("Remember: keyset pagination beats OFFSET on deep pages. Résumé of the talk."))
        || !store.setNote(p.idOf(QStringLiteral("Rate Limiting")),
            QStringLiteral("The refill rate is the sustained limit; bursts up to the bucket size.")))
        qFatal("cannot write notes: %s", qPrintable(store.errorString()));
    p.practiceFile = QDir(dir).filePath(
        QStringLiteral("scratch/%1/practice.md").arg(p.idOf(QStringLiteral("Idempotency"))));
    writeSearchFile(p.practiceFile,
        "# Practice\n\nSend the order once.\n\nPUT /orders/42 with an Idempotency-Key header\nthen retry it "
        "twice.\n");
    p.drillAnswer = QDir(dir).filePath(QStringLiteral("drills/url-shortener/answer.md"));
    writeSearchFile(
        p.drillAnswer, "## Design\n\nBase62 encoding of a counter;\nconsistent hashing for shards.\n");
    RequestHistory history;
    if (!history.open(p.historyPath()))
        qFatal("cannot open the history: %s", qPrintable(history.errorString()));
    p.ordersRequest = recordRequest(history, QStringLiteral("GET"),
        QStringLiteral("https://api.example.test/orders?page=2"), 200,
        R"({"orders":[{"id":42,"status":"shipped"}]})");
    p.loginRequest = recordRequest(history, QStringLiteral("POST"),
        QStringLiteral("https://api.example.test/login"), 401, "invalid credentials zebra");
    return p;
}

} // namespace StudyBench::TestSupport
