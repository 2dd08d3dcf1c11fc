#include "curriculum/curriculum.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillcatalog.h"
#include "drill/drillrubric.h"

#include <QFile>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kCurriculum = R"(# Course

## APIs

### HTTP

#### Methods

- **Idempotency**: the same request twice has the effect of once.
- **Status codes**: what the first digit says.

### Essential Skills Checklist

- [ ] Write a client that retries
- [ ] Read RFC 9110

### Practical Projects

- A retrying HTTP client
  - with a nested note that is no drill

## Data

### SQL

- **Index**: a sorted copy of some columns.

### Essential Skills Checklist

- [ ] Read a query plan

## Interview

### Portfolio Projects

#### Beginner Level

- A blog with an index on every query

### Technical Interview Preparation

#### System Design Questions

- Design a URL shortener

#### Coding Challenges

- Write an idempotent handler
)";

const QByteArray kTable = "# drills of the test course\n"
                          "apis/practical-projects/a-retrying-http-client\tapis/http/methods\n"
                          "interview/portfolio-projects/beginner-level/a-blog-with-an-index-on-every-query\t"
                          "data/sql, apis/http/methods\n"
                          "interview/technical-interview-preparation/system-design-questions/"
                          "design-a-url-shortener\tdata/sql,no/such/topic\n";

} // namespace

class TestDrillCatalog : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const Curriculum> m_course;
    std::optional<DrillSourceTable> m_table;

private Q_SLOTS:
    void initTestCase()
    {
        CurriculumParseResult parsed = CurriculumParser::parse(kCurriculum, u"course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_course = std::move(parsed.curriculum);
        QString error;
        m_table = DrillSourceTable::parse(kTable, u"drills.tsv"_s, &error);
        QVERIFY2(m_table, qPrintable(error));
    }

    void itemsUnderTheFourHeadingsAreDrills_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("sources");
        QTest::newRow("practical project")
            << u"apis/practical-projects/a-retrying-http-client"_s << u"practical-project"_s
            << QStringList { u"apis/http/methods"_s };
        QTest::newRow("portfolio project, under a level")
            << u"interview/portfolio-projects/beginner-level/a-blog-with-an-index-on-every-query"_s
            << u"portfolio-project"_s << QStringList { u"data/sql"_s, u"apis/http/methods"_s };
        QTest::newRow("system design: an unknown ID in the table is left out")
            << u"interview/technical-interview-preparation/system-design-questions/design-a-url-shortener"_s
            << u"system-design"_s << QStringList { u"data/sql"_s };
        QTest::newRow("coding: no row, so its own section")
            << u"interview/technical-interview-preparation/coding-challenges/write-an-idempotent-handler"_s
            << u"coding"_s << QStringList { u"interview"_s };
    }

    void itemsUnderTheFourHeadingsAreDrills()
    {
        QFETCH(QString, id);
        QFETCH(QString, kind);
        QFETCH(QStringList, sources);
        const DrillCatalog catalog(*m_course, *m_table);
        QCOMPARE(catalog.drills().size(), 4);
        const Drill *drill = catalog.find(id);
        QVERIFY2(drill, qPrintable(id));
        QCOMPARE(drillKindKey(drill->kind), kind);
        QCOMPARE(drill->sources, sources);
        QVERIFY(!drill->title.isEmpty());
    }

    void nestedItemsAndOtherItemsAreNoDrills()
    {
        const DrillCatalog catalog(*m_course, *m_table);
        for (const Drill &d : catalog.drills())
            QVERIFY2(!d.title.contains(u"nested"_s) && !d.title.contains(u"RFC"_s), qPrintable(d.id));
        QVERIFY(!catalog.find(u"apis/http/methods/idempotency"_s));
    }

    void conceptsAndChecklistsComeFromTheSources()
    {
        const DrillCatalog catalog(*m_course, *m_table);
        const Drill *blog = catalog.find(
            u"interview/portfolio-projects/beginner-level/a-blog-with-an-index-on-every-query"_s);
        QVERIFY(blog);
        QStringList concepts;
        for (const CurriculumNode *n : catalog.concepts(*blog))
            concepts.append(n->title);
        QCOMPARE(concepts, (QStringList { u"Index"_s, u"Idempotency"_s, u"Status codes"_s }));
        const DrillRubric rubric = DrillRubric::forDrill(catalog, *blog);
        QStringList checklist;
        for (const RubricChecklistItem &item : rubric.checklist)
            checklist.append(item.section + u": "_s + item.title);
        QCOMPARE(checklist,
            (QStringList { u"Data: Read a query plan"_s, u"APIs: Write a client that retries"_s,
                u"APIs: Read RFC 9110"_s }));
    }

    void theRubricHasFourDimensionsWithStrongAndWeakAnswers()
    {
        const auto dimensions = DrillRubric::standardDimensions();
        QStringList keys;
        for (const RubricDimension &d : dimensions) {
            keys.append(d.key);
            QVERIFY(!d.name.isEmpty());
            QVERIFY(d.strong.size() > 40);
            QVERIFY(d.weak.size() > 40);
            QVERIFY(d.strong != d.weak);
        }
        QCOMPARE(keys,
            (QStringList {
                u"communication"_s, u"problem-solving"_s, u"technical-depth"_s, u"verification"_s }));
    }

    void aMalformedTableSaysWhichLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no sources") << QByteArray("# c\n\na/b\n") << u"drills.tsv, line 3"_s;
        QTest::newRow("twice") << QByteArray("a\tx\na\ty\n")
                               << u"drills.tsv, line 2: the drill a has a row"_s;
    }

    void aMalformedTableSaysWhichLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!DrillSourceTable::parse(text, u"drills.tsv"_s, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // The shipped table against the built-in curriculum: every ID it names exists, every drill
    // has a row, and every row is a drill.
    void theBuiltinTableNamesOnlyExistingIdsAndEveryDrill()
    {
        CurriculumParseResult parsed = CurriculumParser::builtin();
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        const Curriculum &builtin = *parsed.curriculum;
        QFile file(u":/curriculum/drills.tsv"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const std::optional<DrillSourceTable> table
            = DrillSourceTable::parse(file.readAll(), file.fileName(), &error);
        QVERIFY2(table, qPrintable(error));
        const DrillCatalog catalog(builtin, *table);
        QCOMPARE(catalog.drills().size(), 54);
        QCOMPARE(table->drillIds().size(), 54);
        for (const QString &drillId : table->drillIds()) {
            QVERIFY2(catalog.find(drillId), qPrintable(drillId + u" is in the table but is no drill"_s));
            QVERIFY2(!table->sources(drillId).isEmpty(), qPrintable(drillId));
            for (const QString &source : table->sources(drillId)) {
                const CurriculumNode *node = builtin.find(source);
                QVERIFY2(node, qPrintable(drillId + u" names "_s + source + u", which does not exist"_s));
                QVERIFY2(isContainer(node->kind), qPrintable(source + u" is not a section or topic"_s));
            }
        }
        for (const Drill &drill : catalog.drills()) {
            QVERIFY2(table->contains(drill.id), qPrintable(drill.id + u" has no row"_s));
            QVERIFY2(!catalog.concepts(drill).isEmpty(), qPrintable(drill.id));
            QVERIFY2(!catalog.checklist(drill).isEmpty(), qPrintable(drill.id));
        }
        QCOMPARE(DrillSourceTable::builtin().drillIds(), table->drillIds());
    }

    void theBuiltinCatalogCountsEachKind()
    {
        CurriculumParseResult parsed = CurriculumParser::builtin();
        QVERIFY(parsed.ok());
        const DrillCatalog catalog(*parsed.curriculum);
        QMap<QString, int> counts;
        for (const Drill &d : catalog.drills())
            ++counts[drillKindKey(d.kind)];
        QCOMPARE(counts.value(u"system-design"_s), 5);
        QCOMPARE(counts.value(u"coding"_s), 5);
        QCOMPARE(counts.value(u"practical-project"_s), 32);
        QCOMPARE(counts.value(u"portfolio-project"_s), 12);
    }
};

QTEST_GUILESS_MAIN(TestDrillCatalog)
#include "TestDrillCatalog.moc"
