#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "curriculummodel.h"
#include "dashboard/dashboardaction.h"
#include "dashboard/dashboardcharts.h"
#include "dashboard/dashboardwindow.h"
#include "mainwindow.h"
#include "progress/progressservice.h"
#include "progress/progressstore.h"
#include "review/reviewstore.h"
#include "support/dashboardhistory.h"
#include "support/reviewcourse.h"
#include "support/screenshots.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

const QString kIdempotency = u"apis/http/idempotency"_s;
const QString kStatus = u"apis/http/status-codes"_s;

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeZone(QTimeZone::UTC);
    return t;
}

QVariant cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data();
}

QList<QVariant> rowOf(const QAbstractItemModel *model, int row)
{
    QList<QVariant> values;
    for (int c = 1; c < model->columnCount(); ++c)
        values.append(cell(model, row, c).toInt());
    return values;
}

} // namespace

class TestDashboardWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_course;
    int m_files = 0;

    QString freshFile() { return m_dir.filePath(u"progress-%1.sqlite"_s.arg(++m_files)); }

    // Idempotency done on 30 May and reviewed twice (the second a young pass on 31 May), status
    // codes started on 31 May; confidence 2 on idempotency.
    void seed(const QString &file)
    {
        ProgressStore progress;
        QVERIFY(progress.open(file));
        QVERIFY(progress.setState(
            kIdempotency, ItemState::Done, u"Idempotency"_s, u"test"_s, utc("2026-05-30T10:00:00")));
        QVERIFY(progress.setState(
            kStatus, ItemState::InProgress, u"Status codes"_s, u"test"_s, utc("2026-05-31T10:00:00")));
        QVERIFY(progress.setConfidence(kIdempotency, 2, u"Idempotency"_s));
        ReviewStore review;
        QVERIFY(review.open(file));
        QVERIFY(review.addCard(kIdempotency, u"Idempotency"_s, utc("2026-05-20T07:00:00")));
        const auto grade = [&](const char *at, CardState before, int scheduled, const char *due) {
            ReviewLogEntry e;
            e.rating = Rating::Good;
            e.reviewedAt = utc(at);
            e.stateBefore = before;
            e.scheduledDays = scheduled;
            FsrsCard after;
            after.state = CardState::Review;
            after.lastReview = e.reviewedAt;
            after.due = utc(due);
            QVERIFY(review.recordGrade(kIdempotency, after, e));
        };
        grade("2026-05-20T08:00:00", CardState::New, 11, "2026-05-31T08:00:00");
        grade("2026-05-31T08:00:00", CardState::Review, 3, "2026-06-03T08:00:00");
    }

    std::unique_ptr<DashboardWindow> open(const QString &file)
    {
        auto w = std::make_unique<DashboardWindow>();
        w->setClock(TestSupport::kReviewNow, QTimeZone(QTimeZone::UTC));
        w->setDatabase(file, m_course);
        QSignalSpy loaded(w.get(), &DashboardWindow::loaded);
        w->show();
        if (!loaded.wait(10000))
            return nullptr;
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_DIRS", m_dir.filePath(u"no-admin"_s).toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toLocal8Bit());
        CurriculumParseResult parsed = CurriculumParser::parse(TestSupport::kReviewCourse, u"course.md"_s);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        m_course = std::move(parsed.curriculum);
    }

    void modelsHoldTheSeededNumbers()
    {
        const QString file = freshFile();
        seed(file);
        auto w = open(file);
        QVERIFY(w);
        const QStandardItemModel *sections = w->model(DashboardWindow::Sections);
        QCOMPARE(sections->rowCount(), 1);
        QCOMPARE(cell(sections, 0, 0).toString(), u"APIs"_s);
        QCOMPARE(
            rowOf(sections, 0), (QList<QVariant> { 1, 1, 0, 1 })); // done, in progress, skipped, not started
        QCOMPARE(cell(w->model(DashboardWindow::Kinds), 0, 0).toString(), u"Concepts"_s);
        QCOMPARE(rowOf(w->model(DashboardWindow::Kinds), 0), (QList<QVariant> { 1, 1, 0, 1 }));
        QCOMPARE(rowOf(w->model(DashboardWindow::Confidence), 0), (QList<QVariant> { 0, 1, 0, 0, 0, 2 }));
        const QStandardItemModel *activity = w->model(DashboardWindow::Activity);
        QCOMPARE(activity->rowCount(), 365);
        QCOMPARE(activity->index(0, 0).data(Qt::UserRole).toDate(), QDate(2026, 6, 1)); // newest first
        QCOMPARE(rowOf(activity, 0), (QList<QVariant> { 0, 0, 0, 0, 0 }));
        QCOMPARE(rowOf(activity, 1), (QList<QVariant> { 2, 1, 1, 0, 0 })); // 31 May
        QCOMPARE(rowOf(activity, 2), (QList<QVariant> { 1, 1, 0, 0, 0 })); // 30 May
        QCOMPARE(rowOf(activity, 12), (QList<QVariant> { 1, 0, 1, 0, 0 })); // 20 May
        const QStandardItemModel *forecast = w->model(DashboardWindow::Forecast);
        QCOMPARE(forecast->rowCount(), 30);
        QCOMPARE(cell(forecast, 0, 0).toString(), u"Today"_s);
        for (int day = 0; day < 30; ++day)
            QCOMPARE(cell(forecast, day, 1).toInt(), day == 2 ? 1 : 0);
        const QStandardItemModel *retention = w->model(DashboardWindow::Retention);
        QCOMPARE(cell(retention, 0, 0).toString(), u"Last 30 days"_s);
        QCOMPARE(cell(retention, 0, 1).toString(), u"100.0% (1 of 1)"_s);
        QCOMPARE(retention->index(0, 1).data(Qt::UserRole).toDouble(), 1.0);
        QCOMPARE(cell(retention, 0, 2).toString(), u"—"_s);
        QCOMPARE(w->model(DashboardWindow::DrillScores)->rowCount(), 0);
        QVERIFY(w->chart(DashboardWindow::Sections)->emptyText().isEmpty());
        QVERIFY(w->chart(DashboardWindow::Retention)->emptyText().isEmpty());
        QVERIFY(!w->chart(DashboardWindow::DrillScores)->emptyText().isEmpty());
        QVERIFY2(w->chart(DashboardWindow::Sections)->accessibleDescription().contains(u"APIs"_s),
            qPrintable(w->chart(DashboardWindow::Sections)->accessibleDescription()));
    }

    void aDaysTooltipAndClick()
    {
        const QString file = freshFile();
        seed(file);
        auto w = open(file);
        QVERIFY(w);
        HeatmapChart *heatmap = w->heatmap();
        QCOMPARE(heatmap->toolTipFor(QDate(2026, 5, 31)),
            u"%1\nState changes: 1\nReviews: 1\nDrill attempts: 0\nNotes edited: 0"_s.arg(
                QLocale().toString(QDate(2026, 5, 31), QLocale::LongFormat)));
        QVERIFY(heatmap->toolTipFor(QDate(2026, 5, 29)).endsWith(u": no activity"_s));
        const QRect cell = heatmap->cellRect(QDate(2026, 5, 31));
        QVERIFY(!cell.isEmpty());
        QCOMPARE(heatmap->dateAt(cell.center()), QDate(2026, 5, 31));
        QSignalSpy listed(w.get(), &DashboardWindow::dayListed);
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, cell.center());
        QVERIFY(listed.wait(10000));
        QCOMPARE(listed.first().first().toDate(), QDate(2026, 5, 31));
        const QStandardItemModel *day = w->dayModel();
        QCOMPARE(day->rowCount(), 2);
        QCOMPARE(day->index(0, 1).data().toString(), u"Review"_s);
        QCOMPARE(day->index(0, 2).data().toString(), u"Idempotency"_s);
        QCOMPARE(day->index(1, 1).data().toString(), u"State change"_s);
        QCOMPARE(day->index(1, 2).data().toString(), u"Status codes"_s);
        QCOMPARE(day->index(1, 3).data().toString(), u"Not started → In progress"_s);
        // The keyboard moves a day down (to Monday 1 June, nothing recorded) and lists it.
        QTest::keyClick(heatmap, Qt::Key_Down);
        QVERIFY(listed.wait(10000));
        QCOMPARE(heatmap->selectedDate(), QDate(2026, 6, 1));
        QCOMPARE(w->dayModel()->rowCount(), 0);
        QVERIFY(w->dayLabel()->text().startsWith(u"Nothing recorded"_s));
    }

    void eachChartHasATable()
    {
        const QString file = freshFile();
        seed(file);
        auto w = open(file);
        QVERIFY(w);
        for (int c = 0; c < DashboardWindow::ChartCount; ++c) {
            const auto chart = DashboardWindow::Chart(c);
            QVERIFY(w->chart(chart)->isVisible());
            QVERIFY(!w->table(chart)->isVisible());
            QCOMPARE(w->table(chart)->model(), w->model(chart));
            QVERIFY(!w->chart(chart)->accessibleName().isEmpty());
            w->tableToggle(chart)->click();
            QVERIFY(w->table(chart)->isVisible());
            QVERIFY(!w->chart(chart)->isVisible());
        }
    }

    void streaksAreOffUntilTurnedOn()
    {
        const QString file = freshFile();
        seed(file);
        auto w = open(file);
        QVERIFY(w);
        QVERIFY(!w->streakBox()->isChecked());
        QVERIFY(!w->streakLabel()->isVisible());
        // 30 and 31 May: two days in a row, up to yesterday.
        QCOMPARE(w->data().currentStreak, 2);
        w->streakBox()->click();
        QVERIFY(w->streakLabel()->isVisible());
        QCOMPARE(w->streakLabel()->text(), u"Days in a row: 2 now, 2 at most"_s);
        // The setting is remembered.
        auto again = open(file);
        QVERIFY(again);
        QVERIFY(again->streakBox()->isChecked());
        again->streakBox()->click();
    }

    void anEmptyProfileShowsEmptyStates()
    {
        auto w = open(freshFile());
        QVERIFY(w);
        for (int c = 0; c < DashboardWindow::ChartCount; ++c) {
            const ChartWidget *chart = w->chart(DashboardWindow::Chart(c));
            QVERIFY2(!chart->emptyText().isEmpty(), qPrintable(chart->accessibleName()));
            QCOMPARE(chart->accessibleDescription(), chart->emptyText());
        }
        QCOMPARE(w->chart(DashboardWindow::Retention)->emptyText(),
            u"No reviews yet — mark items done and press F7."_s);
        QVERIFY(w->chart(DashboardWindow::Forecast)->emptyText().contains(u"F7"_s));
        // The sections still list what there is to do.
        QCOMPARE(rowOf(w->model(DashboardWindow::Sections), 0), (QList<QVariant> { 0, 0, 0, 3 }));
    }

    void theViewMenuOpensItAndASaveRefreshesIt()
    {
        QTemporaryDir dir;
        MainWindow w(dir.path());
        QSignalSpy ready(&w, &MainWindow::progressReady);
        w.loadCurriculum({});
        w.show();
        QVERIFY(ready.wait(10000));
        QAction *action = w.dashboard()->action();
        QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+B"_s));
        QTRY_VERIFY(action->isEnabled());
        QVERIFY(!w.dashboard()->dashboard()); // nothing built until it is opened
        action->trigger();
        DashboardWindow *dashboard = w.dashboard()->dashboard();
        QVERIFY(dashboard);
        QSignalSpy loaded(dashboard, &DashboardWindow::loaded);
        QVERIFY(loaded.wait(10000));
        const int before = dashboard->data().sections.value(0).tally.done;
        const QString first = w.model()->curriculum()->sections().first()->id;
        const CurriculumNode *item = w.model()->curriculum()->checkableNodes().first();
        w.progress()->setState(item->id, ItemState::Done, item->title);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dashboard->data().sections.value(0).id, first);
        QCOMPARE(dashboard->data().sections.value(0).tally.done, before + 1);
    }

    // The README's pictures, from two years of a learner's history on the built-in curriculum;
    // with STUDYBENCH_SCREENSHOTS=DIR they are written there.
    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("appearance");
        for (const QSize size : { QSize(1280, 800), QSize(1920, 1080) }) {
            for (const QString &appearance : { u"light"_s, u"dark"_s })
                QTest::newRow(
                    qPrintable(u"dashboard-%1-%2x%3"_s.arg(appearance).arg(size.width()).arg(size.height())))
                    << size << appearance;
        }
    }

    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, appearance);
        CurriculumParseResult builtin = CurriculumParser::builtin();
        QVERIFY(builtin.ok());
        std::shared_ptr<const Curriculum> curriculum = std::move(builtin.curriculum);
        const QString file = freshFile();
        TestSupport::HistoryShape shape;
        shape.days = 730;
        const auto counts = TestSupport::writeHistory(file, *curriculum, shape, TestSupport::kReviewNow);
        QVERIFY(counts.stateChanges > 0);
        Appearance::apply(appearance);
        DashboardWindow w;
        w.setClock(TestSupport::kReviewNow, QTimeZone(QTimeZone::UTC));
        w.setDatabase(file, curriculum);
        w.resize(size);
        QSignalSpy loaded(&w, &DashboardWindow::loaded);
        w.show();
        QVERIFY(loaded.wait(10000));
        QSignalSpy listed(&w, &DashboardWindow::dayListed);
        w.listDay(QDate(2026, 5, 27));
        QVERIFY(listed.wait(10000));
        // Layout requests travel up one widget per turn of the event loop.
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        QTest::qWait(50);
        const QImage image = w.grab().toImage();
        QCOMPARE(image.size(), size);
        QVERIFY(TestSupport::saveScreenshot(image));
        Appearance::apply(u"system"_s);
    }
};

QTEST_MAIN(TestDashboardWindow)
#include "TestDashboardWindow.moc"
