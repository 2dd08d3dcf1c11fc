#include "report/progressexport.h"
#include "report/progressjson.h"
#include "reportseed.h"
#include "support/screenshots.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextDocument>

using namespace ReportTest;

// The PDF needs a QGuiApplication (fonts), so this test runs with one, on the offscreen platform.
class TestProgressExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum = curriculum();
    QString m_database;

    QString id(const char *title) const { return idOf(*m_curriculum, QString::fromUtf8(title)); }

    ProgressExport report()
    {
        ProgressSnapshot snapshot;
        QString error;
        if (!ProgressSnapshot::readFile(m_database, snapshot, &error))
            qWarning() << error;
        return ProgressExport(*m_curriculum, snapshot, at("2026-12-06T14:03:00Z"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = m_dir.filePath(u"progress.sqlite"_s);
        Seeder s(m_database);
        s.state(id("Idempotency"), ItemState::Done, at("2026-12-01T10:00:00Z"));
        s.state(id("Status codes"), ItemState::InProgress, at("2026-12-02T10:00:00Z"));
        s.state(id("Isolation"), ItemState::Skipped, at("2026-12-03T10:00:00Z"));
        s.confidence(id("Idempotency"), 4, at("2026-12-04T10:00:00Z"));
        s.note(id("Idempotency"), u"PUT and DELETE are; POST is not.\n\n<script>alert(1)</script> a | b"_s,
            at("2026-12-04T10:00:00Z"));
        s.grade(id("Idempotency"), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        s.grade(id("Idempotency"), Rating::Again, at("2026-11-30T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        s.attempt(id("Write a client that retries"), at("2026-12-01T18:00:00Z"), u"retry budget"_s);
    }

    void sectionsAndTallies()
    {
        const ProgressExport r = report();
        QCOMPARE(r.sections().size(), 2);
        QCOMPARE(r.sections().at(0).node->title, u"APIs and HTTP"_s);
        QCOMPARE(r.sections().at(0).items.size(), 3);
        QCOMPARE(r.sections().at(0).tally.done, 1);
        QCOMPARE(r.sections().at(0).tally.inProgress, 1);
        QCOMPARE(r.sections().at(1).tally.skipped, 1);
        const ExportItem &idem = r.sections().at(0).items.at(0);
        QVERIFY(idem.isCard);
        QCOMPARE(idem.reps, 2);
        QCOMPARE(idem.lapses, 0); // Again in learning is no lapse
        QCOMPARE(idem.confidence, 4);
    }

    void markdown()
    {
        const QString md = report().markdown(false);
        QVERIFY(md.startsWith(u"# Progress in Course\n"_s));
        QVERIFY(md.indexOf(u"## APIs and HTTP"_s) < md.indexOf(u"## Data"_s));
        QVERIFY(md.contains(u"1 of 3 done (33%), 1 in progress, 0 skipped."_s));
        QVERIFY2(md.contains(u"| Idempotency | Done | 4/5 | "_s), qPrintable(md));
        QVERIFY(md.contains(u"| 2 | 0 | 2026-11-30 | 0.7 |"_s)); // reviews, lapses, due, stability
        QVERIFY(md.contains(u"| Isolation | Skipped | \u2013 |"_s));
        QVERIFY(!md.contains(u"PUT and DELETE"_s));
        const QString withNotes = report().markdown(true);
        QVERIFY(
            withNotes.contains(u"### Notes\n\n#### Idempotency\n\n> PUT and DELETE are; POST is not.\n>"_s));
    }

    void html()
    {
        const QString html = report().html(true);
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"<style>"_s));
        QVERIFY(html.contains(u"@media print"_s));
        QVERIFY(html.contains(u"<svg"_s));
        QCOMPARE(html.count(u"fill=\"#2e7d32\""_s), 3); // the legend and one bar per section
        QVERIFY(!html.contains(u"<script>"_s));
        QVERIFY(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
        QVERIFY(!html.contains(u"src=\"http"_s)); // self-contained
        QVERIFY(!report().html(false).contains(u"PUT and DELETE"_s));
    }

    void json()
    {
        const QJsonObject root = QJsonDocument::fromJson(report().json()).object();
        QCOMPARE(root.value(u"format"_s).toString(), u"studybench-progress"_s);
        QCOMPARE(root.value(u"version"_s).toInt(), 1);
        QCOMPARE(root.value(u"curriculum"_s).toString(), u"course"_s);
        const QJsonObject tables = root.value(u"tables"_s).toObject();
        QCOMPARE(tables.value(u"item"_s).toArray().size(), 3);
        QCOMPARE(tables.value(u"state_change"_s).toArray().size(), 3);
        QCOMPARE(tables.value(u"review_log"_s).toArray().size(), 2);
        QCOMPARE(tables.value(u"drill_attempt"_s).toArray().size(), 1);
        const QJsonObject note = tables.value(u"note"_s).toArray().at(0).toObject();
        QCOMPARE(note.value(u"updated_at"_s).toString(), u"2026-12-04T10:00:00.000Z"_s);
    }

    void pdf()
    {
        const QString path = m_dir.filePath(u"progress.pdf"_s);
        QString error;
        QVERIFY2(report().write(ProgressExport::Format::Pdf, path, true, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        const std::unique_ptr<QTextDocument> doc = report().document(true);
        static const QRegularExpression page(u"/Type\\s*/Page[^s]"_s);
        QCOMPARE(QString::fromLatin1(bytes).count(page), doc->pageCount());
        QVERIFY(doc->pageCount() >= 1);
        QVERIFY(doc->toPlainText().contains(u"Idempotency"_s));

        // Page 1 as an image, to look at (and for the README): the chart must be drawn on it.
        const QImage image = ProgressExport::pageImage(*doc, 0, 2.0);
        QCOMPARE(image.size(), QSize(1190, 1684));
        bool green = false;
        for (int y = 0; y < image.height() && !green; y += 2) {
            for (int x = 0; x < image.width() && !green; x += 2)
                green = image.pixelColor(x, y) == QColor(0x2e, 0x7d, 0x32);
        }
        QVERIFY(green);
        QVERIFY(StudyBench::TestSupport::saveScreenshot(image, u"report-pdf"_s));
    }
};

QTEST_MAIN(TestProgressExport)
#include "TestProgressExport.moc"
