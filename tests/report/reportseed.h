#pragma once

// A small curriculum and a seeded progress profile for the report tests: item states with
// history at chosen times, confidence, notes, review cards graded with FSRS, drill attempts.

#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "review/fsrs.h"
#include "review/reviewstore.h"
#include "util/sqliteutil.h"

#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

namespace ReportTest {

using namespace StudyBench;
using namespace Qt::StringLiterals;

inline const QByteArray kCurriculum = R"(# Course

## APIs and HTTP

### HTTP

- **Idempotency**: the same request twice has the effect of once.
- **Status codes**: what the first digit says.

- [ ] Write a client that retries

## Data

### SQL

- **Index**: a sorted copy of some columns.
- **Isolation**: what one transaction sees of another.
)";

inline CurriculumPtr curriculum()
{
    CurriculumParseResult r = CurriculumParser::parse(kCurriculum, u"course.md"_s);
    return std::move(r.curriculum);
}

inline QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

inline QString idOf(const Curriculum &c, const QString &title)
{
    for (const CurriculumNode *n : c.allNodes()) {
        if (n->title == title)
            return n->id;
    }
    return {};
}

/// Writes to one progress file through the app's own stores, with times set where the API takes
/// the current time.
class Seeder
{
public:
    explicit Seeder(const QString &path)
        : m_db(u"seeder"_s)
    {
        QVERIFY(m_progress.open(path));
        QVERIFY(m_review.open(path));
        QVERIFY(m_db.open(path, ProgressStore::migrations()));
    }

    void state(const QString &id, ItemState s, const QDateTime &when)
    {
        QVERIFY(m_progress.setState(id, s, id.section(u'/', -1), u"gui"_s, when));
    }
    void confidence(const QString &id, int value, const QDateTime &when)
    {
        QVERIFY(m_progress.setConfidence(id, value, id.section(u'/', -1)));
        sql(u"UPDATE item SET updated_at = %1 WHERE node_id = '%2'"_s.arg(when.toMSecsSinceEpoch()).arg(id));
    }
    void note(const QString &id, const QString &text, const QDateTime &when)
    {
        QVERIFY(m_progress.setNote(id, text));
        sql(u"UPDATE note SET updated_at = %1 WHERE node_id = '%2'"_s.arg(when.toMSecsSinceEpoch()).arg(id));
    }
    void grade(const QString &id, Rating rating, const QDateTime &when, const QDateTime &added)
    {
        QVERIFY(m_review.addCard(id, id.section(u'/', -1), added));
        const Fsrs fsrs(m_review.settings());
        const GradeResult g = fsrs.grade(m_review.card(id)->card, rating, when);
        QVERIFY(g.ok());
        QVERIFY(m_review.recordGrade(id, g.card, g.log));
    }
    void attempt(const QString &id, const QDateTime &when, const QString &toFix)
    {
        sql(u"INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication, problem_solving,"
            " technical_depth, verification, to_fix) VALUES ('%1', %2, 900, 3, 2, 4, 3, '%3')"_s.arg(id)
                .arg(when.toMSecsSinceEpoch())
                .arg(toFix));
    }
    void sql(const QString &statement)
    {
        QSqlQuery q(m_db.database());
        QVERIFY2(q.exec(statement), qPrintable(statement));
    }

private:
    ProgressStore m_progress;
    ReviewStore m_review;
    SqliteDatabase m_db;
};

/// Every table of a progress file as text rows (row ids left out), for comparing whole profiles.
inline QMap<QString, QStringList> dump(const QString &path)
{
    QMap<QString, QStringList> result;
    ProgressSnapshot s;
    QString error;
    if (!ProgressSnapshot::readFile(path, s, &error))
        return { { u"error"_s, { error } } };
    for (auto it = s.rows.cbegin(); it != s.rows.cend(); ++it) {
        for (const QVariantMap &row : it.value()) {
            QStringList cells;
            for (auto c = row.cbegin(); c != row.cend(); ++c)
                cells.append(c.key() + u'=' + (c.value().isNull() ? u"NULL"_s : c.value().toString()));
            result[it.key()].append(cells.join(u", "_s));
        }
    }
    return result;
}

} // namespace ReportTest
