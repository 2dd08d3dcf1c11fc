#include "report/ankiexport.h"
#include "reportseed.h"

#include <QTemporaryDir>

using namespace ReportTest;

class TestAnkiExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesHeadersFieldsAndTags()
    {
        QTemporaryDir dir;
        const CurriculumPtr c = curriculum();
        const QString path = dir.filePath(u"progress.sqlite"_s);
        {
            Seeder s(path);
            s.grade(
                idOf(*c, u"Index"_s), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
            s.grade(idOf(*c, u"Idempotency"_s), Rating::Good, at("2026-11-21T09:00:00Z"),
                at("2026-11-20T09:00:00Z"));
            s.note(idOf(*c, u"Idempotency"_s), u"Line one\twith a tab\nline \"two\"\n\n```\ncode\n```"_s,
                at("2026-12-01T10:00:00Z"));
            s.state(idOf(*c, u"Status codes"_s), ItemState::Done, at("2026-12-01T10:00:00Z")); // no card
        }
        ProgressSnapshot snapshot;
        QVERIFY(ProgressSnapshot::readFile(path, snapshot));
        const QString tsv = AnkiExport::tsv(*c, snapshot);
        const QStringList lines = tsv.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(
            lines.mid(0, 3), (QStringList { u"#separator:tab"_s, u"#html:true"_s, u"#tags column:3"_s }));
        QCOMPARE(lines.size(), 5); // two cards, in the curriculum's order
        const QStringList idem = lines.at(3).split(u'\t');
        QCOMPARE(idem.size(), 3);
        QCOMPARE(idem.at(0), u"Idempotency"_s);
        QVERIFY(idem.at(1).startsWith(u"<p>the same request twice has the effect of once.</p><hr>"_s));
        QVERIFY2(
            idem.at(1).contains(u"Line one&#9;with a tab<br>line &quot;two&quot;"_s), qPrintable(idem.at(1)));
        QVERIFY(idem.at(1).contains(u"<pre><code>code<br></code></pre>"_s));
        QCOMPARE(idem.at(2), u"APIs_and_HTTP::HTTP"_s);
        QCOMPARE(lines.at(4).split(u'\t').value(0), u"Index"_s);
        QCOMPARE(lines.at(4).split(u'\t').value(2), u"Data::SQL"_s);
        QVERIFY(!tsv.contains(u"Status codes"_s));
    }

    void fieldHasNoSeparators()
    {
        QCOMPARE(AnkiExport::field(u"a\tb\r\nc \"d\""_s), u"a&#9;b<br>c &quot;d&quot;"_s);
        QCOMPARE(AnkiExport::field(u"<p>x</p>\n<p>y</p>"_s), u"<p>x</p><p>y</p>"_s);
    }
};

QTEST_GUILESS_MAIN(TestAnkiExport)
#include "TestAnkiExport.moc"
