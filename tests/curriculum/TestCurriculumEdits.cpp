// Curriculum edits never orphan progress silently: it follows every item that is still there.
#include "curriculum/curriculumparser.h"
#include "progress/progressreconciler.h"
#include "progress/progressstore.h"
#include "progress/progresssummary.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

QByteArray builtinText()
{
    QFile f(CurriculumParser::builtinPath());
    if (!f.open(QIODevice::ReadOnly))
        qFatal("no built-in curriculum");
    return f.readAll();
}

QByteArray block(const QByteArray &text, const QByteArray &heading)
{
    const qsizetype start = text.indexOf(heading);
    const qsizetype end = text.indexOf("\n#", start + heading.size());
    return text.mid(start, end + 1 - start);
}

const QString kRemoved
    = u"backend-basics/essential-skills-checklist/implement-middleware-for-cross-cutting-concerns"_s;

// Where each old ID is expected in the edited curriculum.
QString expectedId(const QString &old)
{
    QString id = old;
    id.replace(u"backend-basics/core-fundamentals/"_s, u"backend-basics/core-foundations/"_s);
    if (id == u"apis/api-design-mastery/restful-principles/stateless-communication"_s)
        id = u"apis/api-design-mastery/restful-principles/stateless-communications"_s;
    return id;
}

} // namespace

class TestCurriculumEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressFollowsEditedCurriculum()
    {
        const auto before = CurriculumParser::builtin();
        QVERIFY(before.ok());

        QByteArray text = builtinText();
        // A renamed group: every ID below it changes.
        text.replace("### **Core Fundamentals**", "### **Core Foundations**");
        // A title edited in place.
        text.replace("**Stateless Communication**", "**Stateless Communications**");
        // Two topics swap places.
        const QByteArray server = block(text, "#### **Server Architecture**");
        const QByteArray auth = block(text, "#### **Authentication & Security**");
        QVERIFY(!server.isEmpty() && !auth.isEmpty());
        text.replace(QByteArray(server + auth), QByteArray(auth + server));
        // An item removed.
        const qsizetype removedBefore = text.size();
        text.replace("- [ ] Implement middleware for cross-cutting concerns\n", "");
        QVERIFY(text.size() < removedBefore);
        const auto after = CurriculumParser::parse(text, u"edited.md"_s);
        QVERIFY2(after.ok(), qPrintable(after.error.toString()));
        QCOMPARE(after.curriculum->find(u"backend-basics/core-foundations"_s)->child(1)->title,
            u"Authentication & Security"_s);

        QTemporaryDir dir;
        ProgressStore store;
        QVERIFY(store.open(dir.filePath(u"progress.sqlite"_s)));
        QHash<QString, ItemState> states;
        int i = 0;
        for (const CurriculumNode *node : before.curriculum->checkableNodes()) {
            const ItemState state = (i % 3 == 0) ? ItemState::InProgress
                : (i % 3 == 1)                   ? ItemState::Done
                                                 : ItemState::Skipped;
            if (i % 5 == 0)
                QVERIFY(store.setState(node->id, ItemState::InProgress, node->title, u"test"_s));
            QVERIFY(store.setState(node->id, state, node->title, u"test"_s));
            if (i % 7 == 0)
                QVERIFY(store.setNote(node->id, u"note on "_s + node->title));
            states.insert(node->id, state);
            ++i;
        }
        QHash<QString, int> historyBefore;
        for (auto it = states.cbegin(); it != states.cend(); ++it)
            historyBefore.insert(it.key(), int(store.history(it.key()).size()));
        const QHash<QString, QString> notesBefore = store.notes();

        QCOMPARE(ProgressReconciler::plan(*before.curriculum, store.items()).size(), 0);
        QString error;
        const int moved = ProgressReconciler::apply(store, *after.curriculum, dir.path(), &error);
        QVERIFY2(moved > 0, qPrintable(error));

        const ItemRecords records = store.items();
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            const QString old = it.key();
            if (old == kRemoved) {
                QVERIFY(records.contains(old));
                QCOMPARE(records.value(old).state, it.value());
                QCOMPARE(int(store.history(old).size()), historyBefore.value(old));
                continue;
            }
            const QString now = expectedId(old);
            QVERIFY2(after.curriculum->contains(now), qPrintable(now));
            QVERIFY2(records.contains(now), qPrintable(old + u" did not follow to "_s + now));
            QCOMPARE(records.value(now).state, it.value());
            QCOMPARE(int(store.history(now).size()), historyBefore.value(old));
            if (notesBefore.contains(old))
                QCOMPARE(store.note(now), notesBefore.value(old));
        }
        QCOMPARE(moved, 20 + 1); // the 20 items of the renamed group, the retitled concept
        const QList<ItemRecord> orphans = orphanedRecords(*after.curriculum, records);
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.first().nodeId, kRemoved);
        QCOMPARE(orphans.first().title, u"Implement middleware for cross-cutting concerns"_s);
        // A backup was taken before anything moved, and a second run has nothing to do.
        QVERIFY(QDir(dir.filePath(u"backups"_s)).entryList({ u"*-pre-import.sqlite"_s }).size() == 1);
        QCOMPARE(ProgressReconciler::apply(store, *after.curriculum, dir.path(), &error), 0);
    }

    void ambiguousCandidatesStayOrphaned()
    {
        const auto c
            = CurriculumParser::parse("# T\n## S\n- [ ] Write tests A\n- [ ] Write tests B\n", u"a.md"_s);
        QVERIFY(c.ok());
        ItemRecords records;
        records.insert(u"s/write-tests"_s,
            ItemRecord { u"s/write-tests"_s, ItemState::Done, 0, u"Write tests"_s, {}, {} });
        QVERIFY(ProgressReconciler::plan(*c.curriculum, records).isEmpty());
    }

    void similarity_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("typo");
        QTest::newRow("one letter") << u"Idempotency"_s << u"Idempotence"_s << true;
        QTest::newRow("case") << u"HTTP methods"_s << u"HTTP Methods"_s << true;
        QTest::newRow("different") << u"Caching"_s << u"Sharding"_s << false;
        QTest::newRow("prefix only") << u"Load Balancing"_s << u"Load Testing Tools"_s << false;
    }

    void similarity()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, typo);
        QCOMPARE(ProgressReconciler::similarity(a, b) > 0.75, typo);
        QCOMPARE(ProgressReconciler::similarity(a, a), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCurriculumEdits)
#include "TestCurriculumEdits.moc"
