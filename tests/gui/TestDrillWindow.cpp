// The drill screens offscreen over a real progress database: the list of the built-in curriculum's
// drills, a drill run with its autosaved answer, a controllable clock, Finish recording the attempt
// and making concepts due, and an answer file deleted mid-drill.
#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "drill/drillactions.h"
#include "drill/drillattemptmodel.h"
#include "drill/drillcatalog.h"
#include "drill/drillclock.h"
#include "drill/drilllistmodel.h"
#include "drill/drillsdialog.h"
#include "drill/drillstore.h"
#include "drill/drillwindow.h"
#include "review/reviewdeck.h"
#include "review/reviewstore.h"
#include "support/screenshots.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestDrillWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum;
    QString m_drill; ///< the first drill of the built-in curriculum
    int m_files = 0;

    QString freshDatabase() { return m_dir.filePath(u"progress-%1.sqlite"_s.arg(++m_files)); }
    QString answers() const { return m_dir.filePath(u"data/drills"_s); }

    static QString read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    // Types @p text into the running drill and waits until it is written.
    static void type(DrillWindow &window, const QString &text, bool *wasDeleted = nullptr)
    {
        QSignalSpy saved(&window, &DrillWindow::saved);
        QTest::keyClicks(window.editor(), text);
        QVERIFY(saved.wait(10000));
        QVERIFY(saved.constLast().at(0).toBool());
        if (wasDeleted)
            *wasDeleted = saved.constLast().at(1).toBool();
    }

    // Starts the drill in @p window and waits for the answer file to be created.
    static void start(DrillWindow &window)
    {
        QSignalSpy saved(&window, &DrillWindow::saved);
        window.start();
        QVERIFY(saved.wait(10000));
    }

    void recordAttempt(
        const QString &file, const QDateTime &at, std::array<int, 4> scores, const QString &answer = {})
    {
        DrillStore store;
        QVERIFY(store.open(file));
        DrillAttempt attempt;
        attempt.nodeId = m_drill;
        attempt.startedAt = at;
        attempt.secondsUsed = 40 * 60;
        attempt.scores = scores;
        attempt.toFix = u"Name the trade-offs"_s;
        attempt.answerPath = answer;
        QVERIFY2(store.record(DrillCatalog(*m_curriculum), attempt, at.addSecs(3000)).ok(),
            qPrintable(store.errorString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CurriculumParseResult parsed = CurriculumParser::builtin();
        QVERIFY(parsed.ok());
        m_curriculum = parsed.curriculum;
        const DrillCatalog catalog(*m_curriculum);
        QVERIFY(!catalog.drills().isEmpty());
        m_drill = catalog.drills().constFirst().id;
    }

    // The list holds the 54 drills with their attempts, last mean and trend; the kind filter
    // narrows it; selecting a drill lists its attempts.
    void listShowsTheDrillsAndTheirAttempts()
    {
        const QString file = freshDatabase();
        const QDateTime start(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::UTC);
        recordAttempt(file, start, { 2, 3, 2, 3 });
        recordAttempt(file, start.addDays(7), { 3, 3, 3, 3 });
        DrillsDialog dialog(file, m_curriculum);
        QSignalSpy loaded(&dialog, &DrillsDialog::loaded);
        dialog.load();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.model()->rowCount(), 54);
        QAbstractItemModel *view = dialog.drillView()->model();
        QCOMPARE(view->rowCount(), 54);
        const int row = dialog.model()->rowOf(m_drill);
        QCOMPARE(dialog.model()->index(row, DrillListModel::AttemptsColumn).data().toInt(), 2);
        QCOMPARE(dialog.model()->index(row, DrillListModel::TrendColumn).data().toString(), u"2.5 → 3.0"_s);
        dialog.setKindFilter(int(DrillKind::SystemDesign));
        QVERIFY(view->rowCount() > 0 && view->rowCount() < 54);
        for (int r = 0; r < view->rowCount(); ++r)
            QCOMPARE(view->index(r, 0).data(DrillListModel::KindRole).toInt(), int(DrillKind::SystemDesign));
        dialog.selectDrill(m_drill);
        QCOMPARE(view->rowCount(), 54); // the filter gave way to show it
        QCOMPARE(dialog.selectedDrill(), m_drill);
        QAbstractItemModel *attempts = dialog.attemptView()->model();
        QCOMPARE(attempts->rowCount(), 2);
        QCOMPARE(attempts->index(0, DrillAttemptModel::FirstScoreColumn).data().toInt(), 3); // newest first
        QCOMPARE(
            attempts->index(1, DrillAttemptModel::ToFixColumn).data().toString(), u"Name the trade-offs"_s);
    }

    // Start creates the answer file under drills/<ID with '_'>/; typing writes to it.
    void startingCreatesTheAnswerFileAsYouType()
    {
        DrillWindow window(freshDatabase(), m_curriculum, m_drill, answers());
        window.show();
        QVERIFY(window.answerPath().isEmpty());
        start(window);
        QString folder = m_drill;
        folder.replace(u'/', u'_');
        QCOMPARE(QFileInfo(window.answerPath()).absolutePath(), QDir(answers()).filePath(folder));
        QVERIFY(window.answerPath().endsWith(u".md"_s));
        QVERIFY(QFileInfo::exists(window.answerPath()));
        type(window, u"First, the requirements."_s);
        QCOMPARE(read(window.answerPath()), u"First, the requirements."_s);
    }

    // The countdown only runs while not paused, and keeps counting past zero.
    void pausingStopsTheClock()
    {
        qint64 now = 1000;
        DrillWindow window(freshDatabase(), m_curriculum, m_drill, answers());
        window.clock().setSource([&now] { return now; });
        start(window);
        QCOMPARE(window.clock().remainingMs(), 45 * 60 * 1000);
        now += 60 * 1000;
        QCOMPARE(window.clock().remainingMs(), 44 * 60 * 1000);
        window.togglePause();
        QVERIFY(!window.clock().isRunning());
        QCOMPARE(window.timeText(), u"44:00 (paused)"_s);
        now += 30 * 60 * 1000;
        QTest::qWait(300); // the window's ticker runs meanwhile
        QCOMPARE(window.clock().remainingMs(), 44 * 60 * 1000);
        QCOMPARE(window.timeText(), u"44:00 (paused)"_s);
        window.togglePause();
        now += 50 * 60 * 1000;
        QCOMPARE(window.clock().usedMs(), 51 * 60 * 1000);
        QCOMPARE(window.clock().remainingMs(), -6 * 60 * 1000);
        QCOMPARE(DrillClock::format(window.clock().remainingMs()), u"\u221206:00"_s);
    }

    void clockFormat_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("limit") << qint64(45 * 60 * 1000) << u"45:00"_s;
        QTest::newRow("part second rounds up") << qint64(59 * 1000 + 1) << u"01:00"_s;
        QTest::newRow("zero") << qint64(0) << u"00:00"_s;
        QTest::newRow("just past zero") << qint64(-500) << u"00:00"_s;
        QTest::newRow("past zero") << qint64(-83 * 1000) << u"\u221201:23"_s;
        QTest::newRow("hours") << qint64(3723 * 1000) << u"1:02:03"_s;
    }

    void clockFormat()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(DrillClock::format(ms), text);
    }

    // Finish with 3,2,3,4: the attempt is stored, and the weak score made concepts due.
    void finishingRecordsTheAttemptAndMakesConceptsDue()
    {
        const QString file = freshDatabase();
        DrillWindow window(file, m_curriculum, m_drill, answers());
        start(window);
        type(window, u"My answer"_s);
        QSignalSpy recorded(&window, &DrillWindow::recorded);
        window.finish({ 3, 2, 3, 4 }, u"Verify with a load test"_s);
        QVERIFY(recorded.wait(10000));
        QVERIFY2(recorded.constFirst().at(0).toBool(), qPrintable(window.statusText()));
        const QStringList madeDue = recorded.constFirst().at(1).toStringList();
        QVERIFY(!madeDue.isEmpty());
        QVERIFY(window.isFinished());
        QVERIFY2(window.statusText().contains(u"Now due in review"_s), qPrintable(window.statusText()));
        DrillStore store;
        QVERIFY(store.open(file));
        const QList<DrillAttempt> attempts = store.attempts(m_drill);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.constFirst().scores, (std::array<int, 4> { 3, 2, 3, 4 }));
        QCOMPARE(attempts.constFirst().toFix, u"Verify with a load test"_s);
        QCOMPARE(attempts.constFirst().answerPath, window.answerPath());
        ReviewStore reviews;
        QVERIFY(reviews.open(file));
        ReviewDeck deck(reviews, m_curriculum.get());
        QStringList due;
        for (const ReviewCardRecord &card : deck.due(QDateTime::currentDateTimeUtc().addSecs(60)))
            due.append(card.nodeId);
        for (const QString &id : madeDue)
            QVERIFY2(due.contains(id), qPrintable(id));
    }

    // The answer file deleted while the drill runs: reported, and written again from the editor.
    void aDeletedAnswerFileIsReportedAndSavedAgain()
    {
        DrillWindow window(freshDatabase(), m_curriculum, m_drill, answers());
        start(window);
        type(window, u"Part one. "_s);
        QVERIFY(QFile::remove(window.answerPath()));
        bool wasDeleted = false;
        type(window, u"Part two."_s, &wasDeleted);
        QVERIFY(wasDeleted);
        QVERIFY2(window.statusText().contains(u"was deleted"_s), qPrintable(window.statusText()));
        QCOMPARE(read(window.answerPath()), u"Part one. Part two."_s);
        QCOMPARE(window.editor()->toPlainText(), u"Part one. Part two."_s);
    }

    // The Drills menu: off until there is a database; Interview Drills… (Ctrl+Shift+D) lists the
    // drills; Surprise Me opens one in a drill window saving under DATA/drills.
    void theMenuOpensTheListAndASurprise()
    {
        QWidget mainWindow;
        const QString data = m_dir.filePath(u"menu-data"_s);
        DrillActions actions(&mainWindow, data);
        QVERIFY(!actions.drillsAction()->isEnabled());
        QVERIFY(!actions.surpriseAction()->isEnabled());
        QCOMPARE(actions.drillsAction()->shortcut(), QKeySequence(u"Ctrl+Shift+D"_s));
        actions.setDatabase(freshDatabase(), m_curriculum);
        QVERIFY(actions.drillsAction()->isEnabled());
        QCOMPARE(actions.answersDir(), QDir(data).filePath(u"drills"_s));
        actions.drillsAction()->trigger();
        QVERIFY(actions.drillsDialog());
        QSignalSpy loaded(actions.drillsDialog(), &DrillsDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(actions.drillsDialog()->drillView()->model()->rowCount(), 54);
        actions.surpriseAction()->trigger();
        QTRY_COMPARE(mainWindow.findChildren<DrillWindow *>().size(), 1);
        DrillWindow *window = mainWindow.findChildren<DrillWindow *>().constFirst();
        // The list follows the pick.
        QVERIFY(DrillCatalog(*m_curriculum).find(window->drillId()));
        QCOMPARE(actions.drillsDialog()->selectedDrill(), window->drillId());
        start(*window);
        QVERIFY(window->answerPath().startsWith(actions.answersDir() + u'/'));
        QVERIFY(QFileInfo::exists(window->answerPath()));
    }

    // The list and a running drill at 1280×800 in light and dark; with STUDYBENCH_SCREENSHOTS set,
    // saved there as drill-list-*.png and drill-run-*.png.
    void rendersInLightAndDark()
    {
        const QString file = freshDatabase();
        const QDateTime start(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::UTC);
        recordAttempt(file, start, { 2, 2, 3, 2 });
        recordAttempt(file, start.addDays(3), { 3, 2, 3, 3 });
        const QString answer = m_dir.filePath(u"answer.md"_s);
        QFile written(answer);
        QVERIFY(written.open(QIODevice::WriteOnly) && written.write("# Answer\n") > 0);
        written.close();
        recordAttempt(file, start.addDays(9), { 3, 4, 3, 4 }, answer);
        for (const QString &look : { u"light"_s, u"dark"_s }) {
            Appearance::apply(look);
            DrillsDialog dialog(file, m_curriculum);
            dialog.resize(1280, 800);
            dialog.show();
            QSignalSpy loaded(&dialog, &DrillsDialog::loaded);
            dialog.load();
            QVERIFY(loaded.wait(10000));
            dialog.selectDrill(m_drill);
            const QPixmap list = dialog.grab();
            DrillWindow window(freshDatabase(), m_curriculum, m_drill, answers());
            window.resize(1280, 800);
            window.show();
            qint64 now = 0;
            window.clock().setSource([&now] { return now; });
            TestDrillWindow::start(window);
            // Light: 12:34 left; dark: 3:10 past the limit, in red.
            now = look == u"light"_s ? (45 * 60 - 754) * 1000 : (48 * 60 + 10) * 1000;
            QTRY_COMPARE(window.timeText(), look == u"light"_s ? u"12:34"_s : u"\u221203:10"_s);
            QSignalSpy saved(&window, &DrillWindow::saved);
            window.editor()->insertPlainText(
                u"# User management API\n\n## Requirements\n\n- Sign-up, login, "
                "logout; 10k users\n- Passwords hashed with Argon2id\n\n## Design\n\n"
                "1. `POST /users` validates, hashes, stores\n2. `POST /sessions` "
                "issues a short-lived JWT and a refresh token\n"_s);
            QVERIFY(saved.wait(10000));
            const QPixmap run = window.grab();
            QVERIFY(!list.isNull() && !run.isNull());
            QVERIFY(TestSupport::saveScreenshot(list, u"drill-list-%1"_s.arg(look)));
            QVERIFY(TestSupport::saveScreenshot(run, u"drill-run-%1"_s.arg(look)));
        }
        Appearance::apply(u"light"_s);
    }
};

QTEST_MAIN(TestDrillWindow)
#include "TestDrillWindow.moc"
