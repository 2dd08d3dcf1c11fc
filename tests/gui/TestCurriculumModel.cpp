#include "curriculum/curriculumparser.h"
#include "curriculumfilter.h"
#include "curriculummodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace StudyBench;
using namespace Qt::StringLiterals;

class TestCurriculumModel : public QObject
{
    Q_OBJECT

private:
    static CurriculumPtr builtin()
    {
        const auto r = CurriculumParser::builtin();
        if (!r.ok())
            qFatal("%s", qPrintable(r.error.toString()));
        return r.curriculum;
    }
    static int countRows(const QAbstractItemModel &m, const QModelIndex &parent = {})
    {
        int n = 0;
        for (int r = 0; r < m.rowCount(parent); ++r)
            n += 1 + countRows(m, m.index(r, 0, parent));
        return n;
    }

private Q_SLOTS:
    void modelTester()
    {
        CurriculumModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurriculum(builtin());
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(countRows(model), model.curriculum()->allNodes().size() - 1);
        ItemRecords records;
        records.insert(u"apis/api-design-mastery/restful-principles/stateless-communication"_s,
            ItemRecord { u"apis/api-design-mastery/restful-principles/stateless-communication"_s,
                ItemState::Done, 3, u"Stateless Communication"_s, {}, {} });
        model.setRecords(records);
        model.markPending(
            u"backend-basics/core-fundamentals/http-protocol-mastery/headers"_s, ItemState::InProgress, 1);
        model.confirmState(
            1, u"backend-basics/core-fundamentals/http-protocol-mastery/headers"_s, ItemState::InProgress);
        model.setCurriculum(builtin()); // a reset with states in place
    }

    void filterUnderTester()
    {
        CurriculumModel model;
        model.setCurriculum(builtin());
        CurriculumFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setText(u"idempotency"_s);
        QVERIFY(countRows(filter) > 0);
        filter.setStateFilter(CurriculumFilter::StateFilter::Done);
        filter.setText({});
        filter.setStateFilter(CurriculumFilter::StateFilter::All);
    }

    void checkStatesAndTallies()
    {
        CurriculumModel model;
        model.setCurriculum(builtin());
        const QString id = u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s;
        const QModelIndex item = model.indexForId(id);
        QVERIFY(item.isValid());
        QCOMPARE(item.data(Qt::DisplayRole).toString(), u"HTTP Methods"_s);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.flags(item) & Qt::ItemIsUserCheckable);
        const QModelIndex topic = item.parent();
        QVERIFY(!(model.flags(topic) & Qt::ItemIsUserCheckable));
        QCOMPARE(topic.siblingAtColumn(CurriculumModel::ProgressColumn).data().toString(), u"0/5 · 0%"_s);

        // A click asks; nothing changes until the change is marked and confirmed.
        QSignalSpy asked(&model, &CurriculumModel::stateChangeRequested);
        QVERIFY(model.setData(item, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).toString(), id);
        QCOMPARE(asked.first().at(1).value<ItemState>(), ItemState::Done);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.markPending(id, ItemState::Done, 7);
        QVERIFY(changed.size() >= 4); // the item and each heading above it
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(item.data(CurriculumModel::PendingRole).toBool());
        QCOMPARE(topic.siblingAtColumn(1).data().toString(), u"1/5 · 20%"_s);
        model.confirmState(7, id, ItemState::Done);
        QVERIFY(!item.data(CurriculumModel::PendingRole).toBool());
        QCOMPARE(model.overallTally().done, 1);

        // A failed save shows the saved state again.
        model.markPending(id, ItemState::Skipped, 8);
        QCOMPARE(model.tally(topic).skipped, 1);
        QCOMPARE(topic.siblingAtColumn(1).data().toString(), u"0/4 · 0%"_s);
        model.rejectState(8, id);
        QCOMPARE(model.state(id), ItemState::Done);
        QCOMPARE(topic.siblingAtColumn(1).data().toString(), u"1/5 · 20%"_s);
    }

    void manyRecordsAtOnce()
    {
        // The saved progress arrives in one piece at start-up: one layoutChanged() for it, not a
        // dataChanged() per item and heading; views, proxies and expanded rows follow.
        CurriculumModel model;
        model.setCurriculum(builtin());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CurriculumFilter all;
        all.setSourceModel(&model);
        CurriculumFilter done;
        done.setSourceModel(&model);
        done.setStateFilter(CurriculumFilter::StateFilter::Done);
        QAbstractItemModelTester doneTester(&done, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(countRows(done), 0);
        QTreeView view;
        view.setModel(&all);
        const QPersistentModelIndex section(all.index(1, 0)); // across layout changes
        view.expand(section);

        ItemRecords records;
        const QList<const CurriculumNode *> &items = model.curriculum()->checkableNodes();
        for (qsizetype i = 0; i < items.size(); i += 3)
            records.insert(items.at(i)->id,
                ItemRecord { items.at(i)->id, ItemState::Done, 0, items.at(i)->title, {}, {} });
        QVERIFY(records.size() > 16);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy tallies(&model, &CurriculumModel::talliesChanged);
        model.setRecords(records);
        QCOMPARE(layout.size(), 1);
        QVERIFY(changed.isEmpty());
        QCOMPARE(tallies.size(), 1);
        QCOMPARE(model.overallTally().done, int(records.size()));
        QCOMPARE(model.indexForId(items.first()->id).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(view.isExpanded(section));
        int shownDone = 0;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < done.rowCount(parent); ++r) {
                const QModelIndex i = done.index(r, 0, parent);
                if (isCheckable(static_cast<NodeKind>(i.data(CurriculumModel::KindRole).toInt())))
                    ++shownDone;
                walk(i);
            }
        };
        walk({});
        QCOMPARE(shownDone, int(records.size()));

        // A few changes (the CLI's, every two seconds) are still told row by row.
        ItemRecords fewer = records;
        fewer.remove(items.first()->id);
        model.setRecords(fewer);
        QCOMPARE(layout.size(), 1);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(model.indexForId(items.first()->id).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        model.setRecords({});
        QCOMPARE(layout.size(), 2);
        QCOMPARE(countRows(done), 0);
        QVERIFY(view.isExpanded(section));
    }

    void externalChangesShowUp()
    {
        CurriculumModel model;
        model.setCurriculum(builtin());
        const QString id = u"apis/essential-skills-checklist/implement-rate-limiting-and-throttling"_s;
        const CurriculumNode *node = model.curriculum()->find(id);
        QVERIFY2(node, "checklist item missing");
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRecords({ { id, ItemRecord { id, ItemState::InProgress, 0, node->title, {}, {} } } });
        QVERIFY(!changed.isEmpty());
        QCOMPARE(model.indexForId(id).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QCOMPARE(model.overallTally().inProgress, 1);
    }

    void filterByTextAndState()
    {
        CurriculumModel model;
        model.setCurriculum(builtin());
        CurriculumFilter filter;
        filter.setSourceModel(&model);
        filter.setText(u"ETag"_s);
        QStringList ids;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < filter.rowCount(parent); ++r) {
                const QModelIndex i = filter.index(r, 0, parent);
                if (filter.rowCount(i) == 0)
                    ids.append(i.data(CurriculumModel::NodeIdRole).toString());
                walk(i);
            }
        };
        walk({});
        QVERIFY(ids.contains(u"apis/api-design-mastery/restful-principles/cacheable-responses"_s));
        for (const QString &id : std::as_const(ids))
            QVERIFY2(model.curriculum()->find(id)->title.contains(u"ETag"_s, Qt::CaseInsensitive)
                    || model.curriculum()->find(id)->text.contains(u"ETag"_s, Qt::CaseInsensitive),
                qPrintable(id));

        const QString done = u"apis/api-design-mastery/restful-principles/cacheable-responses"_s;
        model.markPending(done, ItemState::Done, 1);
        filter.setText({});
        filter.setStateFilter(CurriculumFilter::StateFilter::Done);
        ids.clear();
        walk({});
        QCOMPARE(ids, QStringList { done });
        filter.setStateFilter(CurriculumFilter::StateFilter::Open);
        ids.clear();
        walk({});
        QVERIFY(!ids.contains(done));
        QCOMPARE(ids.size(), model.curriculum()->checkableNodes().size() - 1);
    }
};

QTEST_MAIN(TestCurriculumModel)
#include "TestCurriculumModel.moc"
