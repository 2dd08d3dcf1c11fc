#include "curriculum/curriculumparser.h"
#include "util/textdecoding.h"

#include <QFile>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestCurriculumParser : public QObject
{
    Q_OBJECT

private:
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return f.readAll();
    }
    static QString seedPath()
    {
        return QStringLiteral(STUDYBENCH_TESTDATA_DIR "/backend-mastery-curriculum.seed.txt");
    }

    // A flat, comparable rendering of a tree.
    static QStringList flatten(const Curriculum &c)
    {
        QStringList lines;
        for (const CurriculumNode *n : c.allNodes())
            lines.append(QStringLiteral("%1|%2|%3|%4").arg(n->id, kindName(n->kind), n->title, n->text));
        return lines;
    }

private Q_SLOTS:
    void builtinCounts()
    {
        const CurriculumParseResult r = CurriculumParser::builtin();
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(r.repairedRuns, 0);
        QVERIFY(r.warnings.isEmpty());
        const Curriculum &c = *r.curriculum;
        QCOMPARE(
            c.title(), QStringLiteral("🎯 Backend Developer Mastery Curriculum: Complete Learning Path"));
        const auto counts = c.countByKind();
        QCOMPARE(c.sections().size(), 11);
        QCOMPARE(counts.value(NodeKind::Section), 11);
        // 71 task-list items: the sections' skill checklists and the career milestones.
        QCOMPARE(counts.value(NodeKind::ChecklistItem) + counts.value(NodeKind::Milestone), 71);
        QCOMPARE(counts.value(NodeKind::Milestone), 15);
        QCOMPARE(counts.value(NodeKind::ChecklistItem), 56);
        QCOMPARE(counts.value(NodeKind::Concept), 245);
        QCOMPARE(counts.value(NodeKind::Group), 40);
        QCOMPARE(counts.value(NodeKind::Project), 44);
        QCOMPARE(c.checkableNodes().size(), 245 + 71 + 44);
    }

    void tableOfContentsIsNavigation()
    {
        const auto r = CurriculumParser::builtin();
        QVERIFY(r.ok());
        for (const CurriculumNode *s : r.curriculum->sections())
            QVERIFY2(!s->title.contains(QLatin1StringView("Table of Contents")), qPrintable(s->title));
        QCOMPARE(r.curriculum->sections().first()->title, QStringLiteral("1. 🏗️ Backend Basics"));
        QCOMPARE(r.curriculum->sections().last()->title, QStringLiteral("🎯 Success Metrics"));
    }

    void nodes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("textStart");
        QTest::newRow("section") << u"backend-basics"_s << u"section"_s << u"1. 🏗️ Backend Basics"_s << u""_s;
        QTest::newRow("group") << u"backend-basics/core-fundamentals"_s << u"group"_s
                               << u"Core Fundamentals"_s << u""_s;
        QTest::newRow("topic") << u"backend-basics/core-fundamentals/http-protocol-mastery"_s << u"topic"_s
                               << u"HTTP Protocol Mastery"_s << u""_s;
        QTest::newRow("concept") << u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s
                                 << u"concept"_s << u"HTTP Methods"_s
                                 << u"GET, POST, PUT, PATCH, DELETE semantics and idempotency"_s;
        QTest::newRow("design example")
            << u"apis/api-design-mastery/restful-principles/stateless-communication"_s << u"concept"_s
            << u"Stateless Communication"_s << u"No server-side session state"_s;
        QTest::newRow("term then prose")
            << u"mastery-validation/knowledge-assessment/conceptual-understanding/explain-the-why"_s
            << u"concept"_s << u"Explain the \"why\""_s << u"behind architectural decisions"_s;
        QTest::newRow("checklist")
            << u"backend-basics/essential-skills-checklist/implement-secure-user-registration-and-login"_s
            << u"checklist-item"_s << u"Implement secure user registration and login"_s << u""_s;
        QTest::newRow("project") << u"backend-basics/practical-projects/blog-api-with-crud-operations"_s
                                 << u"project"_s << u"Blog API with CRUD operations"_s << u""_s;
        QTest::newRow("portfolio project")
            << u"mastery-validation/portfolio-projects/beginner-level/personal-blog-with-user-authentication"_s
            << u"project"_s << u"Personal blog with user authentication"_s << u""_s;
        QTest::newRow("milestone")
            << u"career-progression/junior-mid-level-0-3-years/key-milestones/set-up-ci-cd-pipelines"_s
            << u"milestone"_s << u"Set up CI/CD pipelines"_s << u""_s;
        QTest::newRow("bullet")
            << u"mastery-validation/technical-interview-preparation/system-design-questions/design-a-url-shortener-bit-ly"_s
            << u"bullet"_s << u"Design a URL shortener (bit.ly)"_s << u""_s;
        QTest::newRow("arrow in title") << u"career-progression/mid-level-senior-3-7-years"_s << u"group"_s
                                        << u"Mid-Level → Senior (3-7 years)"_s << u""_s;
    }

    void nodes()
    {
        QFETCH(QString, id);
        QFETCH(QString, kind);
        QFETCH(QString, title);
        QFETCH(QString, textStart);
        const auto r = CurriculumParser::builtin();
        QVERIFY(r.ok());
        const CurriculumNode *n = r.curriculum->find(id);
        QVERIFY2(n, qPrintable(id));
        QCOMPARE(kindName(n->kind), kind);
        QCOMPARE(n->title, title);
        if (textStart.isEmpty())
            QVERIFY2(n->text.isEmpty(), qPrintable(n->text));
        else
            QVERIFY2(n->text.startsWith(textStart), qPrintable(n->text));
        QVERIFY(n->line > 0);
    }

    void idsAreUniqueAndLinesIncrease()
    {
        const auto r = CurriculumParser::builtin();
        QVERIFY(r.ok());
        QSet<QString> seen;
        int lastLine = 0;
        for (const CurriculumNode *n : r.curriculum->allNodes()) {
            if (n == r.curriculum->root())
                continue;
            QVERIFY(!n->id.isEmpty());
            QVERIFY2(!seen.contains(n->id), qPrintable(n->id));
            seen.insert(n->id);
            QVERIFY2(n->line >= lastLine, qPrintable(n->id));
            lastLine = n->line;
        }
    }

    void epilogueBelongsToTheCurriculum()
    {
        const auto r = CurriculumParser::builtin();
        QVERIFY(r.ok());
        QVERIFY2(r.curriculum->root()->text.startsWith(QStringLiteral("🎉 This curriculum provides")),
            qPrintable(r.curriculum->root()->text));
        QVERIFY(r.curriculum->sections().last()->text.isEmpty());
    }

    void misencodedSeedGivesTheCleanTree()
    {
        const QByteArray seed = readFile(seedPath());
        QVERIFY(seed.contains("\xC3\xBC\xC3\xA9\xC3\x98")); // "üéØ": 🎯 decoded as Mac Roman
        const auto fromSeed = CurriculumParser::parse(seed, seedPath());
        QVERIFY2(fromSeed.ok(), qPrintable(fromSeed.error.toString()));
        QCOMPARE(fromSeed.repairedRuns, 17); // every emoji and arrow
        const auto clean = CurriculumParser::builtin();
        QVERIFY(clean.ok());
        QCOMPARE(flatten(*fromSeed.curriculum), flatten(*clean.curriculum));
    }

    void shippedFileIsTheRepairedSeed()
    {
        const DecodedText decoded = decodeCurriculumText(readFile(seedPath()));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.text.toUtf8(), readFile(CurriculumParser::builtinPath()));
    }

    void repair_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("runs");
        QTest::newRow("emoji") << QStringLiteral("# \uF8FFüéØ Goal") << QStringLiteral("# 🎯 Goal") << 1;
        QTest::newRow("arrow") << QStringLiteral("Junior ‚Üí Mid") << QStringLiteral("Junior → Mid") << 1;
        QTest::newRow("real accents stay")
            << QStringLiteral("Café crème") << QStringLiteral("Café crème") << 0;
        QTest::newRow("real emoji stays")
            << QStringLiteral("Ship it 🚀") << QStringLiteral("Ship it 🚀") << 0;
        QTest::newRow("ascii") << QStringLiteral("plain") << QStringLiteral("plain") << 0;
        QTest::newRow("mixed") << QStringLiteral("ü ‚Üí é") << QStringLiteral("ü → é") << 1;
    }

    void repair()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(int, runs);
        int repaired = -1;
        QCOMPARE(repairMacRomanMojibake(input, &repaired), expected);
        QCOMPARE(repaired, runs);
    }

    void slugs_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("slug");
        QTest::newRow("numbered emoji section") << u"1. 🏗️ Backend Basics"_s << u"backend-basics"_s;
        QTest::newRow("arrow and parens")
            << u"Junior → Mid-Level (0-3 years)"_s << u"junior-mid-level-0-3-years"_s;
        QTest::newRow("quotes") << u"Explain the \"why\""_s << u"explain-the-why"_s;
        QTest::newRow("accents") << u"Café Crème"_s << u"cafe-creme"_s;
        QTest::newRow("apostrophe") << u"Don't Repeat Yourself"_s << u"dont-repeat-yourself"_s;
        QTest::newRow("only emoji") << u"🎯"_s << u"item"_s;
        QTest::newRow("slash") << u"CI/CD pipelines"_s << u"ci-cd-pipelines"_s;
    }

    void slugs()
    {
        QFETCH(QString, title);
        QFETCH(QString, slug);
        QCOMPARE(slugify(title), slug);
    }

    void typoFixTouchesOnlyThatItem()
    {
        QByteArray text = readFile(CurriculumParser::builtinPath());
        const auto before = CurriculumParser::parse(text, QStringLiteral("before.md"));
        text.replace("**HTTP Methods**", "**HTTP Method Semantics**");
        const auto after = CurriculumParser::parse(text, QStringLiteral("after.md"));
        QVERIFY(before.ok() && after.ok());
        int changed = 0;
        for (const CurriculumNode *n : before.curriculum->allNodes()) {
            if (!after.curriculum->contains(n->id))
                ++changed;
        }
        QCOMPARE(changed, 1);
        QVERIFY(after.curriculum->contains(
            QStringLiteral("backend-basics/core-fundamentals/http-protocol-mastery/http-method-semantics")));
    }

    void duplicateTitlesGetDistinctIds()
    {
        const auto r
            = CurriculumParser::parse("# T\n## S\n- [ ] Same\n- [ ] Same\n", QStringLiteral("dup.md"));
        QVERIFY(r.ok());
        QVERIFY(r.curriculum->contains(QStringLiteral("s/same")));
        QVERIFY(r.curriculum->contains(QStringLiteral("s/same-2")));
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings.first().contains(QLatin1StringView("dup.md:4")));
    }

    void tocWithoutHeading()
    {
        const auto r = CurriculumParser::parse(
            "# T\n- [S](#s)\n\n## S\n- [x] Done already\n", QStringLiteral("toc.md"));
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        const CurriculumNode *n = r.curriculum->find(QStringLiteral("s/done-already"));
        QVERIFY(n);
        QVERIFY(n->markedDoneInSource);
        QCOMPARE(n->line, 5);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QByteArray() << 0 << u"empty"_s;
        QTest::newRow("blank") << QByteArray("\n  \n\t\n") << 0 << u"empty"_s;
        QTest::newRow("binary") << QByteArrayLiteral("# T\n\n## S\n\x01\x00\x02") << 4 << u"binary"_s;
        QTest::newRow("not utf-8") << QByteArray("# T\n## S\n- caf\xE9 au lait\n") << 3 << u"UTF-8"_s;
        QTest::newRow("no sections") << QByteArray("# Title\n\nJust some prose.\n") << 3 << u"no sections"_s;
        QTest::newRow("item before section")
            << QByteArray("# T\n\n- [ ] do it\n## S\n- x\n") << 3 << u"before the first section"_s;
        QTest::newRow("group before section")
            << QByteArray("# T\n### G\n## S\n- x\n") << 2 << u"before the first section"_s;
        QTest::newRow("too deep") << QByteArray("# T\n## S\n##### Deep\n- x\n") << 3 << u"too deep"_s;
        QTest::newRow("empty heading") << QByteArray("# T\n## S\n- a\n###\n- b\n") << 4 << u"empty heading"_s;
        QTest::newRow("second title")
            << QByteArray("# T\n## S\n- a\n\n# Again\n") << 5 << u"second '# ' title"_s;
        QTest::newRow("empty task") << QByteArray("# T\n## S\n- [ ] a\n- [ ] \n") << 4
                                    << u"empty list item"_s;
    }

    void malformed()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, fragment);
        const auto r = CurriculumParser::parse(content, QStringLiteral("bad.md"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.file, QStringLiteral("bad.md"));
        QVERIFY2(r.error.message.contains(fragment), qPrintable(r.error.message));
        QCOMPARE(r.error.line, line);
        QVERIFY(r.error.toString().startsWith(
            line > 0 ? QStringLiteral("bad.md:%1: ").arg(line) : QStringLiteral("bad.md: ")));
    }

    void missingFile()
    {
        const auto r = CurriculumParser::parseFile(QStringLiteral("/nonexistent/curriculum.md"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.line, 0);
        QVERIFY(r.error.message.contains(QLatin1StringView("cannot read")));
    }
};

QTEST_GUILESS_MAIN(TestCurriculumParser)
#include "TestCurriculumParser.moc"
