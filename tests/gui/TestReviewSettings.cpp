// Review › Settings… offscreen, on a real progress database: what OK saves is what ReviewStore reads
// back; a bad step string disables OK and says why; the workload follows the retention.
#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "review/reviewdeck.h"
#include "review/reviewsettingsdialog.h"
#include "review/reviewstore.h"
#include "support/reviewcourse.h"
#include "support/screenshots.h"
#include "util/translations.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBench::TestSupport;
using namespace Qt::StringLiterals;

class TestReviewSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_curriculum;

    // A database with the course's items as cards.
    QString databaseWithCards(const QString &name)
    {
        const QString file = m_dir.filePath(name);
        ReviewStore store;
        if (!store.open(file))
            qFatal("cannot open %s", qPrintable(file));
        ReviewDeck deck(store, m_curriculum.get());
        for (const CurriculumNode *n : m_curriculum->allNodes()) {
            if (n->kind == NodeKind::Concept && !deck.add(n->id, kReviewNow).ok())
                qFatal("cannot add %s", qPrintable(n->id));
        }
        return file;
    }

    static void waitLoaded(ReviewSettingsDialog *dialog)
    {
        QSignalSpy loaded(dialog, &ReviewSettingsDialog::loaded);
        QSignalSpy workload(dialog, &ReviewSettingsDialog::workloadShown);
        dialog->load();
        QVERIFY(loaded.wait(10000));
        QVERIFY(workload.size() == 1 || workload.wait(10000));
    }

    // Sets the retention and waits for the workload estimated for it.
    static double workloadAt(ReviewSettingsDialog *dialog, double retention)
    {
        QSignalSpy workload(dialog, &ReviewSettingsDialog::workloadShown);
        dialog->retentionBox()->setValue(retention);
        if (!workload.wait(10000))
            qFatal("no workload for %f", retention);
        return workload.last().at(0).toDouble();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        installTranslator(*QCoreApplication::instance()); // English plurals, as the application has them
        CurriculumParseResult parsed = CurriculumParser::parse(kReviewCourse, u"course.md"_s);
        QVERIFY(parsed.ok());
        m_curriculum = parsed.curriculum;
    }

    void okSavesWhatStoreReadsBack()
    {
        const QString file = databaseWithCards(u"save.sqlite"_s);
        FsrsWeights optimized;
        {
            ReviewStore store;
            QVERIFY(store.open(file));
            FsrsSettings s;
            s.weights[0] = 0.5; // as if optimized: the dialog keeps them
            optimized = s.weights;
            QVERIFY(store.saveSettings(s));
        }
        ReviewSettingsDialog dialog(file);
        dialog.show();
        waitLoaded(&dialog);
        QCOMPARE(dialog.retentionBox()->value(), 0.90);
        QCOMPARE(dialog.learningStepsEdit()->text(), u"1m 10m"_s);
        QCOMPARE(dialog.relearningStepsEdit()->text(), u"10m"_s);
        QCOMPARE(dialog.maximumIntervalBox()->value(), 36500);
        QVERIFY(dialog.okButton()->isEnabled());

        dialog.retentionBox()->setValue(0.85);
        dialog.learningStepsEdit()->setText(u"30s 5m 1h"_s);
        dialog.relearningStepsEdit()->setText(u"none"_s);
        dialog.maximumIntervalBox()->setValue(3650);
        QVERIFY(dialog.okButton()->isEnabled());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(accepted.wait(10000));

        ReviewStore store;
        QVERIFY(store.open(file));
        const FsrsSettings saved = store.settings();
        QCOMPARE(saved.desiredRetention, 0.85);
        QCOMPARE(saved.learningSteps, (QList<qint64> { 30, 300, 3600 }));
        QCOMPARE(saved.relearningSteps, QList<qint64> {});
        QCOMPARE(saved.maximumIntervalDays, 3650);
        QCOMPARE(saved.weights, optimized);
    }

    void aBadStepDisablesOkAndSaysWhy()
    {
        const QString file = databaseWithCards(u"bad.sqlite"_s);
        ReviewSettingsDialog dialog(file);
        dialog.show();
        waitLoaded(&dialog);
        QVERIFY(dialog.okButton()->isEnabled());
        const QString hint = dialog.learningStepsMessage()->text();
        dialog.learningStepsEdit()->setText(u"1m ten"_s);
        QVERIFY(!dialog.okButton()->isEnabled());
        const QString why = dialog.learningStepsMessage()->text();
        QVERIFY2(why != hint && why.contains(u"ten"_s), qPrintable(why));
        // Enter does not save either; the file keeps the defaults.
        QTest::keyClick(dialog.learningStepsEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        dialog.learningStepsEdit()->setText(u"2m"_s);
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.learningStepsMessage()->text(), hint);
        ReviewStore store;
        QVERIFY(store.open(file));
        QCOMPARE(store.settings().learningSteps, (QList<qint64> { 60, 600 }));
    }

    void workloadFollowsRetention()
    {
        ReviewSettingsDialog dialog(databaseWithCards(u"workload.sqlite"_s));
        dialog.show();
        waitLoaded(&dialog);
        const double at80 = workloadAt(&dialog, 0.80);
        const QString text80 = dialog.workloadLabel()->text();
        const double at95 = workloadAt(&dialog, 0.95);
        const QString text95 = dialog.workloadLabel()->text();
        QVERIFY2(at95 > at80 * 1.5, qPrintable(u"%1 vs %2"_s.arg(at95).arg(at80)));
        QVERIFY2(text80 != text95, qPrintable(text80));
        // Three cards: the label speaks of them (plural as the application says it), a day and a year at a
        // time.
        QVERIFY2(text95.contains(u"3 cards"_s) && text95.contains(u"a day"_s), qPrintable(text95));
        QVERIFY2(
            text95.contains(u"%1 a year"_s.arg(QLocale().toString(qRound64(at95 * 3)))), qPrintable(text95));
        // The same figure as the scheduler's own estimate (the simulator, with the saved weights).
        FsrsSettings s;
        s.desiredRetention = 0.95;
        QCOMPARE(at95, Fsrs(s).expectedReviewsPerYear(0.95));
    }

    // A save that fails (the file is locked by another writer) keeps the dialog open, its values
    // in place, and says what to do.
    void aFailedSaveLosesNothing()
    {
        const QString file = databaseWithCards(u"locked.sqlite"_s);
        ReviewSettingsDialog dialog(file);
        dialog.show();
        waitLoaded(&dialog);
        dialog.learningStepsEdit()->setText(u"5m"_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        {
            QSqlQuery lock(db);
            QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));
            QSignalSpy failed(&dialog, &ReviewSettingsDialog::saveFailed);
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QTest::keyClick(&dialog, Qt::Key_Escape); // no Cancel while the save is under way
            QVERIFY(dialog.isVisible());
            QVERIFY(failed.wait(60000));
            QVERIFY(dialog.isVisible());
            QCOMPARE(dialog.learningStepsEdit()->text(), u"5m"_s);
            QVERIFY(dialog.okButton()->isEnabled());
            QVERIFY2(dialog.statusLabel()->text().contains(u"press OK again"_s),
                qPrintable(dialog.statusLabel()->text()));
            QVERIFY(lock.exec(u"ROLLBACK"_s));
        }
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(u"locker"_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(accepted.wait(10000));
        ReviewStore store;
        QVERIFY(store.open(file));
        QCOMPARE(store.settings().learningSteps, QList<qint64> { 300 });
    }

    // With STUDYBENCH_SCREENSHOTS set, saves the dialog as review-settings-{light,dark}.png.
    void rendersInLightAndDark()
    {
        const QString file = databaseWithCards(u"shots.sqlite"_s);
        for (const QString &look : { u"light"_s, u"dark"_s }) {
            Appearance::apply(look);
            ReviewSettingsDialog dialog(file);
            dialog.show();
            waitLoaded(&dialog);
            workloadAt(&dialog, 0.85);
            const QPixmap shot = dialog.grab();
            QVERIFY(!shot.isNull());
            QVERIFY(TestSupport::saveScreenshot(shot, u"review-settings-%1"_s.arg(look)));
        }
        Appearance::apply(u"light"_s);
    }
};

QTEST_MAIN(TestReviewSettings)
#include "TestReviewSettings.moc"
