// studybench-cli export, import and progress reset as a user runs them: real processes on real
// progress databases, the built-in curriculum.
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "support/cliprocess.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

class TestExportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum;
    QStringList m_ids;

    ProcessRun cli(const QString &profile, QStringList args)
    {
        args.prepend(m_dir.filePath(profile));
        args.prepend(u"--data-dir"_s);
        return runCli(args);
    }

    QByteArray read(const QString &name)
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    int items(const QString &profile, ItemState state)
    {
        ProgressStore store;
        if (!store.open(m_dir.filePath(profile + u"/progress.sqlite"_s)))
            return -1;
        int n = 0;
        for (const ItemRecord &r : store.items())
            n += r.state == state ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_curriculum = std::move(CurriculumParser::builtin().curriculum);
        QVERIFY(m_curriculum);
        const CurriculumNode *section = m_curriculum->sections().first();
        for (const CurriculumNode *n : m_curriculum->checkableNodes()) {
            if (n->id.startsWith(section->id + u'/') && m_ids.size() < 3)
                m_ids.append(n->id);
        }
        QCOMPARE(m_ids.size(), 3);
        QCOMPARE(cli(u"a"_s, { u"progress"_s, u"set"_s, m_ids.at(0), u"done"_s }).exitCode, 0);
        QCOMPARE(cli(u"a"_s, { u"progress"_s, u"set"_s, m_ids.at(1), u"in-progress"_s }).exitCode, 0);
        QCOMPARE(cli(u"a"_s, { u"review"_s, u"add"_s, m_ids.at(0) }).exitCode, 0);
        ProgressStore store;
        QVERIFY(store.open(m_dir.filePath(u"a/progress.sqlite"_s)));
        QVERIFY(store.setNote(m_ids.at(0), u"A <b>note</b>\twith a tab"_s));
    }

    void exportsEveryFormat()
    {
        const ProcessRun md
            = cli(u"a"_s, { u"export"_s, u"--format"_s, u"md"_s, u"-o"_s, m_dir.filePath(u"p.md"_s) });
        QCOMPARE(md.exitCode, 0);
        QCOMPARE(md.outText().trimmed(), m_dir.filePath(u"p.md"_s));
        const QString text = QString::fromUtf8(read(u"p.md"_s));
        QVERIFY(text.startsWith(u"# Progress in "_s));
        QVERIFY(text.contains(m_curriculum->find(m_ids.at(0))->title));
        QVERIFY(!text.contains(u"note</b>"_s));

        QCOMPARE(
            cli(u"a"_s,
                { u"export"_s, u"--format"_s, u"html"_s, u"--notes"_s, u"-o"_s, m_dir.filePath(u"p.html"_s) })
                .exitCode,
            0);
        QVERIFY(read(u"p.html"_s).contains("A &lt;b&gt;note&lt;/b&gt;"));

        const ProcessRun pdf = cli(u"a"_s,
            { u"export"_s, u"--format"_s, u"pdf"_s, u"--notes"_s, u"-o"_s, m_dir.filePath(u"p.pdf"_s) });
        QVERIFY2(pdf.exitCode == 0, pdf.err.constData());
        QVERIFY(read(u"p.pdf"_s).startsWith("%PDF-"));
        // The built-in curriculum's 360 items take many pages; the page tree counts each one.
        const QString pdfText = QString::fromLatin1(read(u"p.pdf"_s));
        static const QRegularExpression page(u"/Type\\s*/Page[^s]"_s);
        static const QRegularExpression count(u"/Count (\\d+)"_s);
        const int pages = int(pdfText.count(page));
        QVERIFY2(pages > 5, qPrintable(QString::number(pages)));
        QCOMPARE(count.match(pdfText).captured(1).toInt(), pages);

        QCOMPARE(
            cli(u"a"_s, { u"export"_s, u"--format"_s, u"anki"_s, u"-o"_s, m_dir.filePath(u"cards.tsv"_s) })
                .exitCode,
            0);
        const QByteArray tsv = read(u"cards.tsv"_s);
        QVERIFY(tsv.startsWith("#separator:tab\n#html:true\n#tags column:3\n"));
        QCOMPARE(tsv.count('\n'), 5); // the headers, and 'review add' made cards of both started items
        QVERIFY(tsv.contains("with a tab"));
        QVERIFY(!tsv.contains("note\twith"));

        const ProcessRun bad
            = cli(u"a"_s, { u"export"_s, u"--format"_s, u"docx"_s, u"-o"_s, m_dir.filePath(u"x"_s) });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.errText().contains(u"--format must be md, html, pdf, json or anki"_s));
    }

    void importsIntoAnotherProfile()
    {
        const QString file = m_dir.filePath(u"p.json"_s);
        QCOMPARE(cli(u"a"_s, { u"export"_s, u"--format"_s, u"json"_s, u"-o"_s, file }).exitCode, 0);
        const ProcessRun dry = cli(u"b"_s, { u"import"_s, file, u"--dry-run"_s });
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QVERIFY2(
            dry.outText().contains(u"Items: 2 added, 0 updated, 0 left unchanged"_s), dry.out.constData());
        QVERIFY(dry.outText().contains(u"Dry run: nothing was written."_s));
        QCOMPARE(items(u"b"_s, ItemState::Done), 0);

        const ProcessRun run = cli(u"b"_s, { u"import"_s, file });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().contains(u"Notes: 1 added"_s));
        QCOMPARE(items(u"b"_s, ItemState::Done), 1);
        QCOMPARE(items(u"b"_s, ItemState::InProgress), 1);
        const ProcessRun list = cli(u"b"_s, { u"backup"_s, u"list"_s });
        QVERIFY(list.outText().contains(u"pre-import"_s));

        const ProcessRun again = cli(u"b"_s, { u"import"_s, file });
        QVERIFY(again.outText().contains(u"Items: 0 added, 0 updated, 2 left unchanged"_s));

        writeTestFile(m_dir.filePath(u"cut.json"_s), read(u"p.json"_s).left(200));
        const ProcessRun cut = cli(u"b"_s, { u"import"_s, m_dir.filePath(u"cut.json"_s) });
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(cut.errText().contains(u"ends too early"_s), cut.err.constData());
        QVERIFY(cut.errText().contains(u"Nothing was changed."_s));
    }

    void resetsASection()
    {
        const QString section = m_curriculum->sections().first()->id;
        const ProcessRun r = cli(u"a"_s, { u"progress"_s, u"reset"_s, section });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.outText().contains(u"2 items set back to not started"_s));
        QVERIFY(r.outText().contains(u"To undo: studybench-cli backup restore "_s));
        QCOMPARE(items(u"a"_s, ItemState::Done), 0);
        QCOMPARE(items(u"a"_s, ItemState::InProgress), 0);
        const ProcessRun history = cli(u"a"_s, { u"progress"_s, u"history"_s, m_ids.at(0) });
        QVERIFY(history.outText().contains(u"(reset)"_s));
        QCOMPARE(cli(u"a"_s, { u"progress"_s, u"reset"_s, u"no-such-section"_s }).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestExportCli)
#include "TestExportCli.moc"
