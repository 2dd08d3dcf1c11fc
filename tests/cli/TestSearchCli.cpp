// studybench-cli search as a user runs it: a real process on a seeded profile (a curriculum file,
// notes in progress.sqlite, practice and drill files, a request history).
#include "search/searchindex.h"
#include "support/cliprocess.h"
#include "support/searchprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBench::TestSupport;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

class TestSearchCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SearchProfile m_profile;

    ProcessRun cli(QStringList args)
    {
        args.prepend(u"search"_s);
        args << u"--data-dir"_s << m_dir.path() << u"--curriculum"_s << m_profile.curriculumFile;
        return runCli(args);
    }

    QJsonArray jsonHits(const QStringList &args)
    {
        const ProcessRun r = cli(args + QStringList { u"--json"_s });
        if (r.exitCode != 0)
            qFatal("search failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A curriculum other than the built-in one keeps its notes in curricula/NAME.
        m_profile = seedSearchProfile(m_dir.filePath(u"curricula/search-course"_s), m_dir.path());
    }

    void textShowsKindKeyTitleSnippetAndRank()
    {
        const ProcessRun r = cli({ u"keyset"_s });
        QCOMPARE(r.exitCode, 0);
        const QString id = m_profile.idOf(u"Pagination"_s);
        QVERIFY2(r.outText().contains(u"note        %1  Pagination  -"_s.arg(id)), r.out.constData());
        QVERIFY2(r.outText().contains(u"Remember: [keyset] pagination"_s), r.out.constData());
        QVERIFY(r.outText().contains(u"1 hit;"_s));
        // The index lives in the profile folder, beside the progress it indexes.
        QVERIFY(QFileInfo::exists(SearchIndex::indexPath(m_profile.dir)));
    }

    void jsonIsAnArrayGroupedByKind()
    {
        const QJsonArray hits = jsonHits({ u"pagination"_s });
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).toObject().value(u"kind"_s).toString(), u"curriculum"_s);
        QCOMPARE(hits.at(0).toObject().value(u"title"_s).toString(), u"Pagination"_s);
        QCOMPARE(hits.at(1).toObject().value(u"title"_s).toString(), u"Rate Limiting"_s);
        QVERIFY(hits.at(0).toObject().value(u"rank"_s).toDouble()
            <= hits.at(1).toObject().value(u"rank"_s).toDouble());
        QCOMPARE(hits.at(2).toObject().value(u"kind"_s).toString(), u"note"_s);
        const QJsonArray highlight = hits.at(2).toObject().value(u"highlights"_s).toArray().at(0).toArray();
        QCOMPARE(hits.at(2)
                     .toObject()
                     .value(u"snippet"_s)
                     .toString()
                     .mid(highlight.at(0).toInt(), highlight.at(1).toInt()),
            u"pagination"_s);
    }

    void kindFiltersAndFilesCarryTheirLine()
    {
        const QJsonArray files = jsonHits({ u"idempotency"_s, u"--kind"_s, u"file"_s });
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.at(0).toObject().value(u"key"_s).toString(), m_profile.practiceFile);
        QCOMPARE(files.at(0).toObject().value(u"line"_s).toInt(), 5);
        const QJsonArray history = jsonHits({ u"zebra"_s, u"--kind"_s, u"history,note"_s });
        QCOMPARE(history.size(), 1);
        QCOMPARE(
            history.at(0).toObject().value(u"key"_s).toString(), QString::number(m_profile.loginRequest));
        const ProcessRun text = cli({ u"idempotency"_s, u"--kind"_s, u"file"_s });
        QVERIFY2(text.outText().contains(m_profile.practiceFile + u":5"_s), text.out.constData());
    }

    void eachRunSeesWhatChangedSince()
    {
        QVERIFY(jsonHits({ u"axolotl"_s }).isEmpty());
        ProgressStore store;
        QVERIFY(store.open(QDir(m_profile.dir).filePath(DataFile::progressDatabase())));
        QVERIFY(store.setNote(m_profile.idOf(u"B-Tree Indexes"_s), u"An axolotl would index this."_s));
        writeSearchFile(QDir(m_profile.dir).filePath(u"drills/cache/answer.md"_s), "one\ntwo axolotls\n");
        const QJsonArray hits = jsonHits({ u"axolotl"_s });
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).toObject().value(u"key"_s).toString(), m_profile.idOf(u"B-Tree Indexes"_s));
        QCOMPARE(hits.at(1).toObject().value(u"line"_s).toInt(), 2);
    }

    void misuseIsSaidClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no words") << QStringList { u"\""_s } << u"Give some words to search for"_s;
        QTest::newRow("no query") << QStringList {} << u"Give some words to search for"_s;
        QTest::newRow("unknown kind")
            << QStringList { u"x"_s, u"--kind"_s, u"notes"_s } << u"--kind 'notes' is not a kind"_s;
        QTest::newRow("bad limit") << QStringList { u"x"_s, u"--limit"_s, u"0"_s } << u"--limit '0'"_s;
    }
    void misuseIsSaidClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
    }

    void querySyntaxIsJustWords_data()
    {
        QTest::addColumn<QString>("query");
        for (const QString &query : { u"NEAR("_s, u"AND"_s, u"pagination OR"_s, u"bucket-"_s, u"title:*"_s })
            QTest::newRow(qPrintable(query)) << query;
    }
    void querySyntaxIsJustWords()
    {
        QFETCH(QString, query);
        const ProcessRun r = cli({ query });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.errText(), QString());
    }

    void damagedIndexIsMadeAgain()
    {
        QFile file(SearchIndex::indexPath(m_profile.dir));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const ProcessRun r = cli({ u"zebra"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.errText().contains(u"The search index was damaged"_s), r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSearchCli)
#include "TestSearchCli.moc"
