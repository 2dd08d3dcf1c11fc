// The cohort view's widgets offscreen: the cohort window over a real folder of learners' summaries
// (the table, its cells, stuck items, inactive learners, skipped files), the file watcher noticing a
// new learner, nothing written into the folder; File › Share Progress with Cohort… writing and
// removing this learner's summary on a worker thread; and the README's pictures.
#include "cohort/cohortactions.h"
#include "cohort/cohortdelegate.h"
#include "cohort/cohortmodels.h"
#include "cohort/cohortreader.h"
#include "cohort/cohortsharedialog.h"
#include "cohort/cohortwindow.h"
#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "support/folderlisting.h"
#include "support/screenshots.h"
#include "util/datalocation.h"
#include "util/translations.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 7), QTime(9, 0), QTimeZone::UTC);
const QString kCurriculumId = u"backend-mastery"_s;

bool save(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

// A learner @p reach of the way through @p curriculum: what is behind is done (confidence mostly 3-5,
// the "hard" items unsure), the next few in progress, the rest untouched; the last change @p idleDays
// ago. Seeded, so every run draws the same cohort.
LearnerSummary sampleLearner(
    const Curriculum &curriculum, const QString &name, double reach, double idleDays, quint32 seed)
{
    QRandomGenerator random(seed);
    LearnerSummary s;
    s.deviceId = u"DEV%1"_s.arg(uint(seed), 4, 10, QChar(u'0'));
    s.name = name;
    s.curriculumId = kCurriculumId;
    s.curriculumVersion = CohortSummary::curriculumVersion(curriculum);
    s.generatedAt = kNow.addDays(-qint64(idleDays));
    const QList<const CurriculumNode *> &items = curriculum.checkableNodes();
    const int reached = int(items.size() * reach);
    for (int i = 0; i < qMin(reached + 4, int(items.size())); ++i) {
        CohortItem item;
        item.nodeId = items.at(i)->id;
        const bool hard = i % 17 == 5;
        item.state = i >= reached     ? ItemState::InProgress
            : random.bounded(20) == 0 ? ItemState::Skipped
                                      : ItemState::Done;
        item.confidence = hard ? 2 : int(random.bounded(3)) + 3;
        const double ago = idleDays + (reached - i) * 0.4 + (i >= reached ? 2 + random.bounded(12) : 0);
        item.changedAt = kNow.addSecs(-qint64(qMax(idleDays, ago) * 86400));
        if (hard)
            item.note = u"Not sure I get this yet"_s;
        s.items.append(item);
    }
    if (reach > 0.2)
        s.drills.append({ items.at(reached / 2)->id, int(random.bounded(3)) + 1,
            2.0 + random.bounded(8) / 4.0, kNow.addDays(-qint64(idleDays) - 1) });
    return s;
}

// The text @p view paints in @p index's cell at the column's width.
QString shownText(QTreeView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    option.fontMetrics = view->fontMetrics();
    option.widget = view;
    option.rect = QRect(0, 0, view->columnWidth(index.column()), view->fontMetrics().height());
    if (const auto *who = qobject_cast<const CohortWhoDelegate *>(view->itemDelegateForIndex(index)))
        return who->shownText(option, index);
    return index.data().toString();
}

// The cells of @p view's columns from @p first on whose text is wider than the column leaves it
// (the style paints inside a focus frame's margin each side), as "row, column: text".
QStringList cutCells(QTreeView *view, int first)
{
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    QStringList cut;
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = first; column < model->columnCount(); ++column) {
            const QString text = shownText(view, model->index(row, column));
            if (view->fontMetrics().horizontalAdvance(text) > view->columnWidth(column) - 2 * margin)
                cut.append(u"%1, %2: %3"_s.arg(row).arg(column).arg(text));
        }
    }
    return cut;
}

} // namespace

class TestCohortWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CurriculumPtr m_curriculum;

    QString cohort() const { return m_dir.filePath(u"cohort"_s); }

    void writeLearner(const QString &folder, const LearnerSummary &s)
    {
        QVERIFY(save(CohortSummary::path(folder, s.deviceId), CohortSummary::toJson(s)));
    }

    void writeCohort(const QString &folder)
    {
        const struct
        {
            const char *name;
            double reach;
            double idle;
        } learners[] = { { "Amara Okafor", 0.62, 0 }, { "Ben Müller", 0.35, 1 }, { "Chen Wei", 0.48, 0.2 },
            { "Dara Byrne", 0.12, 19 }, { "Elif Yılmaz", 0.81, 0.5 }, { "Farid Haddad", 0.27, 9 },
            { "Grace Lee", 0.55, 2 }, { "Hugo Martin", 0.05, 30 } };
        quint32 seed = 1;
        for (const auto &l : learners)
            writeLearner(
                folder, sampleLearner(*m_curriculum, QString::fromUtf8(l.name), l.reach, l.idle, seed++));
    }

    std::unique_ptr<CohortWindow> openWindow(const QString &folder)
    {
        auto w = std::make_unique<CohortWindow>();
        w->setClock(kNow);
        w->setCurriculum(m_curriculum, kCurriculumId);
        QSignalSpy loaded(w.get(), &CohortWindow::loaded);
        w->setFolder(folder);
        if (!loaded.wait(10000))
            return nullptr;
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        installTranslator(*QCoreApplication::instance()); // English plurals
        CurriculumParseResult builtin = CurriculumParser::builtin();
        QVERIFY(builtin.ok());
        m_curriculum = std::move(builtin.curriculum);
        writeCohort(cohort());
    }

    void whoTextNamesAsManyAsAsked_data()
    {
        QTest::addColumn<int>("names");
        QTest::addColumn<QString>("expected");
        QTest::newRow("all") << -1 << u"Unsure: Ada, Bo, Cy · In progress 8–20 days: Di, Ed"_s;
        QTest::newRow("none") << 0 << u"Unsure: 3 learners · In progress 8–20 days: 2 learners"_s;
        QTest::newRow("one") << 1 << u"Unsure: Ada and 2 others · In progress 8–20 days: 2 learners"_s;
        QTest::newRow("one each") << 2
                                  << u"Unsure: Ada and 2 others · In progress 8–20 days: Di and 1 other"_s;
        QTest::newRow("in turn") << 3
                                 << u"Unsure: Ada, Bo and 1 other · In progress 8–20 days: Di and 1 other"_s;
        QTest::newRow("more than there are") << 9 << u"Unsure: Ada, Bo, Cy · In progress 8–20 days: Di, Ed"_s;
    }

    // The stuck list's "Who, and why" with @p names learners named in all, shared between the
    // reasons in turn, the rest counted (English plurals).
    void whoTextNamesAsManyAsAsked()
    {
        QFETCH(int, names);
        QFETCH(QString, expected);
        StuckItem item;
        for (const QString &name : { u"Ada"_s, u"Di"_s, u"Bo"_s, u"Ed"_s, u"Cy"_s }) {
            StuckLearner learner;
            learner.name = name;
            const bool stalled = name == u"Di"_s || name == u"Ed"_s;
            learner.reason = stalled ? StuckLearner::Stalled : StuckLearner::Unsure;
            learner.days = name == u"Di"_s ? 20 : 8;
            item.learners.append(learner);
        }
        QCOMPARE(CohortStuckModel::whoText(item, names), expected);
    }

    void showsLearnersBySections()
    {
        const QStringList before = folderListing(cohort());
        auto w = openWindow(cohort());
        QVERIFY(w);
        CohortTableModel *model = w->model();
        const CohortOverview &o = model->overview();
        QCOMPARE(model->rowCount(), 8);
        QCOMPARE(model->columnCount(), 2 + int(o.sections.size()) + 2);
        QCOMPARE(model->index(0, CohortTableModel::LearnerColumn).data().toString(), u"Amara Okafor"_s);
        // A cell holds the overview's numbers for the delegate, and says them in text.
        const QModelIndex cell = model->index(0, CohortTableModel::FirstSectionColumn);
        QCOMPARE(
            cell.data(CohortTableModel::PercentRole).toDouble(), o.rows.at(0).sections.at(0).tally.percent());
        QCOMPARE(
            cell.data(CohortTableModel::ConfidenceRole).toDouble(), o.rows.at(0).sections.at(0).confidence);
        QVERIFY2(
            cell.data().toString().contains(u"% done, confidence "_s), qPrintable(cell.data().toString()));
        QVERIFY(model->headerData(CohortTableModel::FirstSectionColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(u"Backend Basics"_s));
        // Dara (19 days), Farid (9) and Hugo (30) have been inactive for a week: least recent first.
        QStandardItemModel *inactive = w->inactiveModel();
        QCOMPARE(inactive->rowCount(), 3);
        QCOMPARE(inactive->item(0)->text(), u"Hugo Martin"_s);
        QCOMPARE(inactive->item(2)->text(), u"Farid Haddad"_s);
        // The stuck list: as many rows as the overview's stuck items, most learners first.
        QVERIFY(w->stuckModel()->rowCount() > 0);
        QCOMPARE(w->stuckModel()->rowCount(), int(o.stuck.size()));
        const QString count = w->stuckModel()->index(0, CohortStuckModel::CountColumn).data().toString();
        QCOMPARE(count, u"%1 of 8"_s.arg(o.stuck.at(0).learners.size()));
        QVERIFY(w->stuckModel()
                    ->index(0, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Not sure I get this yet"_s)
            || o.stuck.at(0).learners.at(0).note.isEmpty());
        QCOMPARE(w->problemsModel()->rowCount(), 0);
        QVERIFY(w->headerLabel()->text().contains(u"8 learners"_s));
        QCOMPARE(folderListing(cohort()), before); // read-only
    }

    void theWatcherSeesANewLearnerAndABadFile()
    {
        const QString folder = m_dir.filePath(u"watched"_s);
        writeCohort(folder);
        auto w = openWindow(folder);
        QVERIFY(w);
        QVERIFY(w->watched().contains(CohortSummary::learnersFolder(folder)));
        QSignalSpy loaded(w.get(), &CohortWindow::loaded);
        writeLearner(folder, sampleLearner(*m_curriculum, u"Ivy Chen"_s, 0.3, 0, 99));
        QVERIFY(loaded.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(w->model()->rowCount(), 9, 10000);
        QVERIFY(
            save(CohortSummary::path(folder, u"BROKEN"_s), "{\"format\": \"studybench-cohort-summary\","));
        QTRY_COMPARE_WITH_TIMEOUT(w->problemsModel()->rowCount(), 1, 10000);
        QVERIFY(w->problemsModel()->stringList().first().contains(
            u"learners/BROKEN/summary.json: it ends too early"_s));
        QCOMPARE(w->model()->rowCount(), 9);
    }

    void aLearnersSyncedDevicesAreOneRow()
    {
        const QString folder = m_dir.filePath(u"devices"_s);
        LearnerSummary desktop = sampleLearner(*m_curriculum, u"Amara (bootcamp)"_s, 0.3, 3, 41);
        LearnerSummary laptop = sampleLearner(*m_curriculum, u"Amara Okafor"_s, 0.6, 0, 42);
        laptop.syncsWith = { desktop.deviceId };
        writeLearner(folder, desktop);
        writeLearner(folder, laptop);
        writeLearner(folder, sampleLearner(*m_curriculum, u"Ben Müller"_s, 0.35, 1, 43));
        auto w = openWindow(folder);
        QVERIFY(w);
        QCOMPARE(w->model()->rowCount(), 2);
        const QModelIndex amara = w->model()->index(0, CohortTableModel::LearnerColumn);
        QCOMPARE(amara.data().toString(), u"Amara Okafor"_s);
        const QString tip = amara.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"From 2 devices: DEV0041, DEV0042"_s), qPrintable(tip));
    }

    void aMissingFolderIsSaidInTheHeader()
    {
        auto w = openWindow(m_dir.filePath(u"gone"_s));
        QVERIFY(w);
        QCOMPARE(w->model()->rowCount(), 0);
        QVERIFY(w->headerLabel()->text().contains(u"is not a folder"_s));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"gone"_s)));
    }

    void theShareDialogAsks()
    {
        CohortShareDialog fresh({ {}, u"Ada"_s, false });
        QVERIFY(!fresh.stopButton()->isVisibleTo(&fresh));
        QVERIFY(!fresh.shareButton()->isEnabled()); // no folder yet
        fresh.setFolderChooser([this](const QString &) { return cohort(); });
        QPushButton *browse = nullptr;
        for (QPushButton *button : fresh.findChildren<QPushButton *>()) {
            if (button->text() == u"&Browse…"_s)
                browse = button;
        }
        QVERIFY(browse);
        browse->click();
        QCOMPARE(fresh.folderEdit()->text(), QDir::toNativeSeparators(cohort()));
        fresh.notesBox()->setChecked(true);
        QVERIFY(fresh.shareButton()->isEnabled());
        fresh.shareButton()->click();
        QCOMPARE(fresh.choice(), CohortShareDialog::Share);
        QCOMPARE(fresh.settings().folder, cohort());
        QVERIFY(fresh.settings().includeNotes);
        CohortShareDialog sharing({ cohort(), u"Ada"_s, true });
        QVERIFY(sharing.stopButton()->isVisibleTo(&sharing));
        sharing.stopButton()->click();
        QCOMPARE(sharing.choice(), CohortShareDialog::Stop);
    }

    void sharingKeepsTheSummaryCurrent()
    {
        const QString profile = m_dir.filePath(u"learner"_s);
        const QString folder = m_dir.filePath(u"shared"_s);
        QWidget window;
        CohortActions actions(&window);
        QSignalSpy shared(&actions, &CohortActions::shared);
        actions.setProfile(profile, {}, m_curriculum);
        QVERIFY(shared.wait(10000)); // not sharing: nothing written
        QVERIFY(!actions.settings().isSharing());
        QVERIFY(actions.shareAction()->isEnabled());

        actions.startSharing({ folder, u"Ada"_s, true });
        QVERIFY(shared.wait(10000));
        QVERIFY(shared.last().at(0).toBool());
        QVERIFY(actions.settings().isSharing());
        const CohortFolder read
            = CohortReader::read(folder, kCurriculumId, CohortSummary::curriculumVersion(*m_curriculum));
        QCOMPARE(read.learners.size(), 1);
        QCOMPARE(read.learners.first().name, u"Ada"_s);
        QVERIFY(read.learners.first().items.isEmpty());

        // A local save: the summary follows a moment later.
        const QString item = m_curriculum->checkableNodes().first()->id;
        {
            ProgressStore store;
            QVERIFY(store.open(progressDatabasePath(profile)));
            QVERIFY(store.setState(item, ItemState::Done, u"first"_s, u"gui"_s));
        }
        actions.shareSoon();
        QVERIFY(shared.wait(10000));
        const CohortFolder after
            = CohortReader::read(folder, kCurriculumId, CohortSummary::curriculumVersion(*m_curriculum));
        QCOMPARE(after.learners.first().items.size(), 1);
        QCOMPARE(after.learners.first().items.first().nodeId, item);

        actions.stopSharing();
        QVERIFY(shared.wait(10000));
        QVERIFY(!actions.settings().isSharing());
        QVERIFY(QDir(CohortSummary::learnersFolder(folder)).isEmpty());
    }

    void openCohortOpensTheWindow()
    {
        QWidget window;
        CohortActions actions(&window);
        actions.setProfile(m_dir.filePath(u"instructor"_s), {}, m_curriculum);
        actions.setFolderChooser([this](const QString &, const QString &) { return cohort(); });
        actions.openAction()->trigger();
        QVERIFY(actions.cohortWindow());
        QSignalSpy loaded(actions.cohortWindow(), &CohortWindow::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(actions.cohortWindow()->folder(), cohort());
        QCOMPARE(actions.cohortWindow()->model()->rowCount(), 8);
        QVERIFY(actions.cohortWindow()->isVisible());
    }

    // The README's pictures; with STUDYBENCH_SCREENSHOTS=DIR they are written there.
    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("appearance");
        for (const QString &appearance : { u"light"_s, u"dark"_s }) {
            QTest::newRow(qPrintable(u"cohort-"_s + appearance)) << QSize(1280, 800) << appearance;
            QTest::newRow(qPrintable(u"cohort-%1-1920x1080"_s.arg(appearance)))
                << QSize(1920, 1080) << appearance;
        }
    }

    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, appearance);
        Appearance::apply(appearance);
        const QString folder = m_dir.filePath(u"bootcamp-cohort"_s);
        if (!QFileInfo::exists(folder)) {
            writeCohort(folder);
            QVERIFY(save(CohortSummary::path(folder, u"DEV0042"_s),
                "{\"format\": \"studybench-cohort-summary\", \"ver"));
        }
        auto w = openWindow(folder);
        QVERIFY(w);
        w->resize(size);
        w->show();
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        QTest::qWait(50);
        // Every column is wide enough for its cells and its title.
        QHeaderView *header = w->table()->horizontalHeader();
        QStyleOptionViewItem option;
        option.initFrom(w->table());
        for (int c = 0; c < w->model()->columnCount(); ++c) {
            const int cell = w->table()->itemDelegate()->sizeHint(option, w->model()->index(0, c)).width();
            const QString title = w->model()->headerData(c, Qt::Horizontal).toString();
            const int text = header->fontMetrics().size(0, title).width() + 8;
            QVERIFY2(header->sectionSize(c) >= qMax(cell, text),
                qPrintable(u"column %1 (%2): %3 < %4, %5"_s.arg(c)
                        .arg(title)
                        .arg(header->sectionSize(c))
                        .arg(cell)
                        .arg(text)));
        }
        // Every stuck item's learners, section and "who, and why" read whole at the columns' real
        // widths: as many learners are named as fit, the tooltip lists all. (The item's title is
        // elided by the view when long, and whole in the tooltip.)
        const QStringList cut = cutCells(w->stuckView(), CohortStuckModel::CountColumn);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        const QString firstWho
            = shownText(w->stuckView(), w->stuckModel()->index(0, CohortStuckModel::WhoColumn));
        qInfo("%s", qPrintable(firstWho));
        QVERIFY2(firstWho.contains(u"Amara Okafor"_s), qPrintable(firstWho));
        const QImage image = w->grab().toImage();
        QCOMPARE(image.size(), size);
        QVERIFY(TestSupport::saveScreenshot(image));
        Appearance::apply(u"system"_s);
    }
};

QTEST_MAIN(TestCohortWindow)
#include "TestCohortWindow.moc"
