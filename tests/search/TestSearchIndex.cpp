#include "search/searchindex.h"
#include "support/searchprofile.h"
#include "support/sqliteprobe.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace StudyBench;
using namespace StudyBench::TestSupport;
using StudyBenchTest::sqliteValue;
using namespace Qt::StringLiterals;

class TestSearchIndex : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SearchProfile m_profile;

    SearchSourcePaths sources() const
    {
        return { m_profile.dir, m_profile.historyPath(), m_profile.curriculum };
    }
    QStringList keys(const QList<SearchHit> &hits) const
    {
        QStringList out;
        for (const SearchHit &hit : hits)
            out.append(hit.key);
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_profile = seedSearchProfile(m_dir->path());
    }

    void matchExpression_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one word is a prefix") << u"rest"_s << u"\"rest\"*"_s;
        QTest::newRow("words are quoted") << u"token  bucket"_s << u"\"token\" \"bucket\"*"_s;
        QTest::newRow("punctuation separates") << u"Idempotency-Key"_s << u"\"Idempotency\" \"Key\"*"_s;
        QTest::newRow("operators are words") << u"a AND NEAR(b"_s << u"\"a\" \"AND\" \"NEAR\" \"b\"*"_s;
        QTest::newRow("a quote alone") << u"\""_s << QString();
        QTest::newRow("a star alone") << u"*"_s << QString();
        QTest::newRow("blank") << u"   "_s << QString();
    }
    void matchExpression()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(ftsMatchExpression(text), expected);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("firstTitle");
        QTest::newRow("a title beats a mention") << u"pagination"_s << u"curriculum"_s << u"Pagination"_s;
        QTest::newRow("more mentions rank higher") << u"bucket"_s << u"curriculum"_s << u"Rate Limiting"_s;
        QTest::newRow("two words") << u"consistent hash"_s << u"curriculum"_s << u"Café Sharding"_s;
        QTest::newRow("a word in a note") << u"keyset"_s << u"note"_s << u"Pagination"_s;
        QTest::newRow("a prefix") << u"refi"_s << u"note"_s << u"Rate Limiting"_s;
        QTest::newRow("diacritics typed, none indexed") << u"résumé"_s << u"note"_s << u"Pagination"_s;
        QTest::newRow("none typed, diacritics indexed") << u"cafe"_s << u"curriculum"_s << u"Café Sharding"_s;
        QTest::newRow("a practice file")
            << u"idempotency key"_s << u"file"_s << u"apis/rest-design/idempotency/practice.md"_s;
        QTest::newRow("a drill answer") << u"base62"_s << u"file"_s << u"url-shortener/answer.md"_s;
        QTest::newRow("a request's URL")
            << u"orders page"_s << u"history"_s << u"GET https://api.example.test/orders?page=2 → 200"_s;
        QTest::newRow("a response body")
            << u"zebra"_s << u"history"_s << u"POST https://api.example.test/login → 401"_s;
    }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(QString, kind);
        QFETCH(QString, firstTitle);
        SearchIndex index(sources());
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY(index.syncAll() > 0);
        const QList<SearchHit> hits = index.search(query, { *searchKindFromName(kind) });
        QVERIFY2(!hits.isEmpty(), qPrintable(index.errorString()));
        QCOMPARE(hits.first().title, firstTitle);
        for (qsizetype i = 1; i < hits.size(); ++i)
            QVERIFY2(hits.at(i - 1).rank <= hits.at(i).rank, "bm25: best (lowest) first");
        // The snippet marks the match, or the match is in the title.
        QVERIFY(!hits.first().highlights.isEmpty()
            || foldForSearch(hits.first().title).contains(foldForSearch(searchTerms(query).first())));
    }

    void resultsAreGroupedByKind()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        const QList<SearchHit> hits = index.search(u"pagination"_s);
        QList<SearchKind> order;
        for (const SearchHit &hit : hits) {
            if (order.isEmpty() || order.last() != hit.kind)
                order.append(hit.kind);
        }
        QCOMPARE(order, (QList<SearchKind> { SearchKind::Curriculum, SearchKind::Note }));
        // A node's key is its id, as the curriculum pane selects it.
        QCOMPARE(hits.first().key, m_profile.idOf(u"Pagination"_s));
    }

    void snippetMarksTheMatch()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        const QList<SearchHit> hits = index.search(u"keys"_s, { SearchKind::Note });
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().highlights.size(), 1);
        const SearchHighlight h = hits.first().highlights.first();
        QCOMPARE(hits.first().snippet.mid(h.start, h.length), u"keyset"_s);
        QVERIFY(hits.first().markedSnippet(u"["_s, u"]"_s).contains(u"[keyset] pagination"_s));
        QVERIFY(!hits.first().snippet.contains(kSnippetOpen));
    }

    void fileHitCarriesItsLine()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        const QList<SearchHit> hits = index.search(u"idempotency"_s, { SearchKind::File });
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().key, m_profile.practiceFile);
        QCOMPARE(hits.first().line, 5);
        QCOMPARE(index.search(u"consistent"_s, { SearchKind::File }).value(0).line, 4);
    }

    void hostileInputIsNoError_data()
    {
        QTest::addColumn<QString>("text");
        for (const QString &text :
            { u"\""_s, u"AND"_s, u"*"_s, u"NEAR("_s, u"-"_s, u"OR OR"_s, u"title:rest"_s, u"^bucket"_s,
                u"((("_s, u"\"unbalanced"_s, u"NOT"_s, u"a\"b\"c*"_s, u"'; DROP TABLE item; --"_s })
            QTest::newRow(qPrintable(text)) << text;
    }
    void hostileInputIsNoError()
    {
        QFETCH(QString, text);
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        index.search(text);
        QCOMPARE(index.errorString(), QString());
        QCOMPARE(index.count(SearchKind::Curriculum), m_profile.curriculum->allNodes().size() - 1);
    }

    void emptyQueryFindsNothing()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        QVERIFY(index.search(QString()).isEmpty());
        QVERIFY(index.search(u" - "_s).isEmpty());
    }

    void secondSyncTouchesNothing()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        const int first = index.syncAll();
        // 8 nodes (not the root), 2 notes, 2 files, 2 requests.
        QCOMPARE(first, m_profile.curriculum->allNodes().size() - 1 + 2 + 2 + 2);
        QCOMPARE(index.syncAll(), 0);
        // The index is kept, not rebuilt, when it is opened again.
        SearchIndex again(sources());
        QVERIFY(again.open());
        QVERIFY(!again.wasRebuilt());
        QCOMPARE(again.syncAll(), 0);
        QCOMPARE(again.search(u"keyset"_s).size(), 1);
    }

    void editedNoteIsFoundByItsNewText()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        ProgressStore store;
        QVERIFY(store.open(QDir(m_profile.dir).filePath(DataFile::progressDatabase())));
        const QString id = m_profile.idOf(u"Pagination"_s);
        QVERIFY(store.setNote(id, u"Seek method with a composite index; never OFFSET."_s));
        QCOMPARE(index.syncNotes(), 1);
        QCOMPARE(index.search(u"composite"_s, { SearchKind::Note }).value(0).key, id);
        QVERIFY(index.search(u"keyset"_s, { SearchKind::Note }).isEmpty());
        QCOMPARE(index.syncNotes(), 0);
        // One note at once, as the window does after it saves.
        QVERIFY(store.setNote(id, u"Zanzibar"_s));
        QVERIFY(index.updateNote(id));
        QCOMPARE(index.search(u"zanz"_s).value(0).key, id);
        QVERIFY(index.search(u"composite"_s).isEmpty());
        // A removed note leaves the index.
        QVERIFY(store.setNote(id, QString()));
        QCOMPARE(index.syncNotes(), 1);
        QVERIFY(index.search(u"zanzibar"_s).isEmpty());
        QCOMPARE(index.count(SearchKind::Note), 1);
    }

    void changedAndDeletedFiles()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        QVERIFY(QFile::remove(m_profile.drillAnswer));
        QCOMPARE(index.syncFiles(), 1);
        QVERIFY(index.search(u"base62"_s).isEmpty());
        writeSearchFile(m_profile.practiceFile, "first line\nsecond line mentions quokkas\n");
        QVERIFY(index.updateFile(m_profile.practiceFile));
        const QList<SearchHit> hits = index.search(u"quokka"_s);
        QCOMPARE(keys(hits), QStringList { m_profile.practiceFile });
        QCOMPARE(hits.first().line, 2);
        QVERIFY(index.search(u"retry"_s, { SearchKind::File }).isEmpty());
        QCOMPARE(index.syncFiles(), 0);
        QVERIFY(!index.updateFile(QDir(m_profile.dir).filePath(u"progress.sqlite"_s)));
    }

    void historyFileWithoutItsTableIsNoHistoryYet()
    {
        // The HTTP client creates http-history.sqlite, then its table: the index may look between.
        QVERIFY(QFile::remove(m_profile.historyPath()));
        QFile empty(m_profile.historyPath());
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        SearchIndex index(sources());
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY2(index.syncAll() > 0, qPrintable(index.errorString()));
        QCOMPARE(index.count(SearchKind::History), 0);
        QVERIFY2(index.syncHistory() >= 0, qPrintable(index.errorString()));
    }

    void historyFollowsRecordsAndPruning()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY(index.syncAll() > 0);
        RequestHistory history;
        QVERIFY(history.open(m_profile.historyPath()));
        QVERIFY(history.remove(m_profile.loginRequest));
        const qint64 id = recordRequest(history, u"DELETE"_s, u"https://api.example.test/carts/7"_s, 204, {});
        QCOMPARE(index.syncHistory(), 2);
        QVERIFY(index.search(u"zebra"_s).isEmpty());
        QCOMPARE(index.search(u"carts"_s).value(0).key, QString::number(id));
        QCOMPARE(index.syncHistory(), 0);
        const qint64 next
            = recordRequest(history, u"PATCH"_s, u"https://api.example.test/wombats/1"_s, 200, {});
        QVERIFY(index.updateHistoryEntry(next));
        QCOMPARE(index.search(u"wombat"_s).value(0).key, QString::number(next));
        QCOMPARE(index.syncHistory(), 0);
        QVERIFY(history.clear());
        QCOMPARE(index.syncHistory(), 3);
        QCOMPARE(index.count(SearchKind::History), 0);
    }

    void curriculumIsReadAgainOnlyWhenItChanges()
    {
        SearchIndex index(sources());
        QVERIFY(index.open());
        QVERIFY2(index.syncCurriculum() > 0, qPrintable(index.errorString()));
        QCOMPARE(index.syncCurriculum(), 0);
        QByteArray changed = kSearchCourse;
        changed.replace("Balanced trees", "Platypus trees");
        SearchSourcePaths other = sources();
        other.curriculum = CurriculumParser::parse(changed, u"search-course.md"_s).curriculum;
        SearchIndex reread(other);
        QVERIFY(reread.open());
        QVERIFY(reread.syncCurriculum() > 0);
        QCOMPARE(reread.search(u"platypus"_s).value(0).title, u"B-Tree Indexes"_s);
        QVERIFY(reread.search(u"balanced"_s).isEmpty());
    }

    void damagedIndexIsRebuilt()
    {
        const QString path = SearchIndex::indexPath(m_profile.dir);
        {
            SearchIndex index(sources());
            QVERIFY(index.open());
            QVERIFY(index.syncAll() > 0);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 8192);
        for (const qint64 at : { qint64(0), qint64(4096), file.size() / 2 }) {
            QVERIFY(file.seek(at));
            file.write(QByteArray(512, '\xa5'));
        }
        file.close();
        SearchIndex index(sources());
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY(index.wasRebuilt());
        QVERIFY(!index.rebuildReason().isEmpty());
        QVERIFY(index.syncAll() > 0);
        QCOMPARE(index.search(u"keyset"_s).value(0).key, m_profile.idOf(u"Pagination"_s));
        QCOMPARE(index.search(u"zebra"_s).value(0).key, QString::number(m_profile.loginRequest));
    }

    // Damage inside an FTS table that leaves every page sound: the index no longer matches its
    // text. open() finds it (quick_check runs FTS5's integrity-check) and starts afresh.
    void inconsistentFtsTableIsRebuilt()
    {
        const QString path = SearchIndex::indexPath(m_profile.dir);
        {
            SearchIndex index(sources());
            QVERIFY(index.open());
            QVERIFY(index.syncAll() > 0);
        }
        sqliteValue(path, u"UPDATE note_fts_content SET c2 = 'altered behind the index'"_s);
        SearchIndex index(sources());
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY2(index.wasRebuilt(), "the altered text went unnoticed");
        QVERIFY2(index.rebuildReason().contains(u"note_fts"_s), qPrintable(index.rebuildReason()));
        QVERIFY(index.syncAll() > 0);
        QCOMPARE(index.search(u"keyset"_s).value(0).key, m_profile.idOf(u"Pagination"_s));
    }

    void missingIndexIsMadeAgain()
    {
        {
            SearchIndex index(sources());
            QVERIFY(index.open());
            QVERIFY(index.syncAll() > 0);
        }
        QVERIFY(QFile::remove(SearchIndex::indexPath(m_profile.dir)));
        SearchIndex index(sources());
        QVERIFY(index.open());
        QCOMPARE(index.search(u"keyset"_s).size(), 0);
        QVERIFY(index.syncAll() > 0);
        QCOMPARE(index.search(u"keyset"_s).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "TestSearchIndex.moc"
