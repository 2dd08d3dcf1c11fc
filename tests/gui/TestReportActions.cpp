// File › Export Progress…, Import Progress…, Export Review Cards for Anki… and Reset Section for
// Revision…, driven as a learner would, the dialogs answered programmatically; and the README's
// pictures of the export dialog and the import report.
#include "common/appearance.h"
#include "report/progressexport.h"
#include "report/reportactions.h"
#include "report/reportdialogs.h"
#include "report/reportseed.h"
#include "support/screenshots.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTimer>

using namespace ReportTest;

namespace {

// Runs @p answer on the next modal dialog as soon as it shows.
void whenModal(std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            answer(modal);
        }
    });
    timer->start();
}

// A dialog as it shows over a 1280x800 window.
QImage onWindow(QWidget &window, QDialog &dialog)
{
    window.resize(1280, 800);
    QImage image = window.grab().toImage();
    QPainter p(&image);
    const QImage shot = dialog.grab().toImage();
    p.fillRect(QRect(QPoint(0, 0), image.size()), QColor(0, 0, 0, 60));
    p.drawImage((image.width() - shot.width()) / 2, (image.height() - shot.height()) / 3, shot);
    return image;
}

} // namespace

class TestReportActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum = curriculum();

    QString id(const char *title) const { return idOf(*m_curriculum, QString::fromUtf8(title)); }

    QString seed(const QString &name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        const QString path = folder + u"/progress.sqlite"_s;
        Seeder s(path);
        s.state(id("Idempotency"), ItemState::Done, at("2026-12-01T10:00:00Z"));
        s.state(id("Status codes"), ItemState::InProgress, at("2026-12-02T10:00:00Z"));
        s.note(id("Idempotency"), u"PUT and DELETE are."_s, at("2026-12-04T10:00:00Z"));
        s.grade(id("Idempotency"), Rating::Good, at("2026-11-21T09:00:00Z"), at("2026-11-20T09:00:00Z"));
        return path;
    }

    void setUp(ReportActions &actions, const QString &database, const QString &target)
    {
        actions.setDatabase(database, QFileInfo(database).path(), m_curriculum);
        actions.setFileChoosers(
            [target](const QString &, const QString &, const QString &) { return target; },
            [target](const QString &, const QString &, const QString &) { return target; });
    }

private Q_SLOTS:
    void exportsTheChosenFormat()
    {
        QWidget window;
        ReportActions actions(&window);
        const QString out = m_dir.filePath(u"report.md"_s);
        setUp(actions, seed(u"export"_s), out);
        QSignalSpy done(&actions, &ReportActions::done);
        whenModal([](QWidget *modal) {
            auto *dialog = qobject_cast<ExportDialog *>(modal);
            QVERIFY(dialog);
            dialog->setFormat(ProgressExport::Format::Markdown);
            dialog->setIncludeNotes(true);
            dialog->accept();
        });
        actions.exportAction()->trigger();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toBool(), true);
        QVERIFY(done.first().at(1).toString().contains(u"report.md"_s));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray md = file.readAll();
        QVERIFY(md.contains("| Idempotency | Done |"));
        QVERIFY(md.contains("PUT and DELETE are."));

        // A PDF is laid out and painted on the worker thread too.
        const QString pdf = m_dir.filePath(u"report.pdf"_s);
        setUp(actions, m_dir.filePath(u"export/progress.sqlite"_s), pdf);
        whenModal([](QWidget *modal) {
            qobject_cast<ExportDialog *>(modal)->setFormat(ProgressExport::Format::Pdf);
            qobject_cast<ExportDialog *>(modal)->accept();
        });
        actions.exportAction()->trigger();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toBool(), true);
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.readAll().startsWith("%PDF-"));
    }

    void exportsAnki()
    {
        QWidget window;
        ReportActions actions(&window);
        const QString out = m_dir.filePath(u"cards.tsv"_s);
        setUp(actions, seed(u"anki"_s), out);
        QSignalSpy done(&actions, &ReportActions::done);
        actions.ankiAction()->trigger();
        QVERIFY(done.wait(10000));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("#separator:tab\n#html:true\n#tags column:3\nIdempotency\t"));
    }

    void importShowsTheReportFirst()
    {
        const QString laptop = seed(u"laptop"_s);
        const QString json = m_dir.filePath(u"laptop.json"_s);
        QString error;
        QVERIFY2(ProgressExport::exportFile(
                     *m_curriculum, laptop, ProgressExport::Format::Json, true, json, &error),
            qPrintable(error));
        const QString folder = m_dir.filePath(u"desktop"_s);
        QDir().mkpath(folder);
        const QString desktop = folder + u"/progress.sqlite"_s;
        Seeder(desktop).state(id("Index"), ItemState::Done, at("2026-12-01T10:00:00Z"));

        QWidget window;
        ReportActions actions(&window);
        setUp(actions, desktop, json);
        QSignalSpy changed(&actions, &ReportActions::progressChanged);
        QSignalSpy done(&actions, &ReportActions::done);
        // Cancelling after the report writes nothing.
        QStringList shown;
        whenModal([&shown](QWidget *modal) {
            auto *dialog = qobject_cast<ImportReportDialog *>(modal);
            QVERIFY(dialog);
            shown.append(dialog->model()->item(0, 0)->text() + u' ' + dialog->model()->item(0, 1)->text());
            dialog->reject();
        });
        actions.importAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        QCOMPARE(shown.first(), u"Items 2"_s);
        QCOMPARE(ProgressStore().open(desktop), true);
        {
            ProgressStore store;
            QVERIFY(store.open(desktop));
            QCOMPARE(store.items().size(), 1);
        }
        whenModal([](QWidget *modal) { qobject_cast<QDialog *>(modal)->accept(); });
        actions.importAction()->trigger();
        QVERIFY(done.wait(10000));
        QCOMPARE(changed.size(), 1);
        ProgressStore store;
        QVERIFY(store.open(desktop));
        QCOMPARE(store.items().size(), 3);
        QCOMPARE(store.note(id("Idempotency")), u"PUT and DELETE are."_s);
    }

    void resetSectionAsksFirst()
    {
        QWidget window;
        ReportActions actions(&window);
        const QString database = seed(u"reset"_s);
        setUp(actions, database, QString());
        actions.setCurrentItem(id("Idempotency"));
        QVERIFY(!actions.resetSectionAction()->isVisible());
        actions.setCurrentItem(id("APIs and HTTP"));
        QVERIFY(actions.resetSectionAction()->isVisible());
        QSignalSpy done(&actions, &ReportActions::done);
        QString question;
        whenModal([&question](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            question = box->text();
            box->button(QMessageBox::Reset)->click();
        });
        actions.resetSectionAction()->trigger();
        QVERIFY(done.wait(10000));
        QVERIFY(question.contains(u"File \u203a Restore from Backup"_s));
        QVERIFY(done.first().at(1).toString().contains(u"2 items of APIs and HTTP set back"_s)
            || done.first().at(1).toString().contains(u"2 item(s) of APIs and HTTP"_s));
        ProgressStore store;
        QVERIFY(store.open(database));
        QCOMPARE(store.item(id("Idempotency"))->state, ItemState::NotStarted);
        QCOMPARE(store.note(id("Idempotency")), u"PUT and DELETE are."_s);
    }

    void screenshots_data()
    {
        QTest::addColumn<QString>("appearance");
        QTest::newRow("light") << u"light"_s;
        QTest::newRow("dark") << u"dark"_s;
    }

    void screenshots()
    {
        QFETCH(QString, appearance);
        Appearance::apply(appearance);
        QWidget window;
        ExportDialog exportDialog(&window);
        MergeReport report;
        report.counts[u"item"_s] = { 2, 1, 40 };
        report.counts[u"state_change"_s] = { 5, 0, 118 };
        report.counts[u"note"_s] = { 1, 1, 12 };
        report.counts[u"review_card"_s] = { 0, 3, 25 };
        report.counts[u"review_log"_s] = { 9, 0, 210 };
        report.counts[u"drill_attempt"_s] = { 1, 0, 4 };
        ImportReportDialog importDialog(u"laptop-2026-12-06.json"_s, report, &window);
        const QImage a = onWindow(window, exportDialog);
        const QImage b = onWindow(window, importDialog);
        QCOMPARE(a.size(), QSize(1280, 800));
        QCOMPARE(importDialog.model()->rowCount(), 8); // every kind of record, review_due included
        QVERIFY(StudyBench::TestSupport::saveScreenshot(a, u"report-export-%1"_s.arg(appearance)));
        QVERIFY(StudyBench::TestSupport::saveScreenshot(b, u"report-import-%1"_s.arg(appearance)));
        Appearance::apply(u"system"_s);
    }
};

QTEST_MAIN(TestReportActions)
#include "TestReportActions.moc"
