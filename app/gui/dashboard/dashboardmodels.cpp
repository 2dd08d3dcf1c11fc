#include "dashboard/dashboardmodels.h"

#include <QLocale>
#include <QStandardItemModel>

namespace StudyBench {

namespace {

QStandardItem *number(double value)
{
    auto *item = new QStandardItem;
    item->setData(value, Qt::DisplayRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void reset(QStandardItemModel *model, const QStringList &headers)
{
    model->clear();
    model->setHorizontalHeaderLabels(headers);
}

QStringList stateHeaders(const QString &first)
{
    return { first, stateLabel(ItemState::Done), stateLabel(ItemState::InProgress),
        stateLabel(ItemState::Skipped), stateLabel(ItemState::NotStarted) };
}

QList<QStandardItem *> tallyRow(const QString &label, const Tally &t)
{
    auto *name = new QStandardItem(label);
    name->setData(DashboardModels::tr("%1 of %2 done").arg(t.done).arg(t.total), Qt::UserRole);
    return { name, number(t.done), number(t.inProgress), number(t.skipped),
        number(t.total - t.done - t.inProgress - t.skipped) };
}

} // namespace

QString DashboardModels::kindLabel(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Concept:
        return tr("Concepts");
    case NodeKind::ChecklistItem:
        return tr("Checklist items");
    case NodeKind::Project:
        return tr("Projects");
    case NodeKind::Milestone:
        return tr("Milestones");
    default:
        return kindName(kind);
    }
}

QString DashboardModels::retentionText(const RetentionCount &count)
{
    if (count.total == 0)
        return tr("—");
    return tr("%1% (%2 of %3)")
        .arg(QLocale().toString(count.rate() * 100, 'f', 1))
        .arg(count.passed)
        .arg(count.total);
}

void DashboardModels::fillSections(QStandardItemModel *model, const DashboardData &data)
{
    reset(model, stateHeaders(tr("Section")));
    for (const SectionStats &s : data.sections)
        model->appendRow(tallyRow(s.title, s.tally));
}

void DashboardModels::fillKinds(QStandardItemModel *model, const DashboardData &data)
{
    reset(model, stateHeaders(tr("Kind")));
    for (auto it = data.kinds.cbegin(); it != data.kinds.cend(); ++it)
        model->appendRow(tallyRow(kindLabel(it.key()), it.value()));
}

void DashboardModels::fillConfidence(QStandardItemModel *model, const DashboardData &data)
{
    QStringList headers { tr("Section") };
    for (int rating = 1; rating <= 5; ++rating)
        headers.append(tr("Rated %1").arg(rating));
    headers.append(tr("Unrated"));
    reset(model, headers);
    for (const SectionStats &s : data.sections) {
        auto *name = new QStandardItem(s.title);
        const int low = s.confidence[1] + s.confidence[2];
        if (low > 0)
            name->setData(tr("%1 rated 1–2").arg(low), Qt::UserRole);
        QList<QStandardItem *> row { name };
        for (int rating = 1; rating <= 5; ++rating)
            row.append(number(s.confidence[size_t(rating)]));
        row.append(number(s.confidence[0]));
        model->appendRow(row);
    }
}

void DashboardModels::fillActivity(QStandardItemModel *model, const DashboardData &data)
{
    reset(model,
        { tr("Date"), tr("Total"), tr("State changes"), tr("Reviews"), tr("Drill attempts"),
            tr("Notes edited") });
    // Newest first: the table is read from the top.
    for (auto it = data.days.crbegin(); it != data.days.crend(); ++it) {
        auto *date = new QStandardItem(QLocale().toString(it->date, QLocale::ShortFormat));
        date->setData(it->date, Qt::UserRole);
        model->appendRow({ date, number(it->total()), number(it->stateChanges), number(it->reviews),
            number(it->drills), number(it->notes) });
    }
}

void DashboardModels::fillForecast(QStandardItemModel *model, const DashboardData &data)
{
    reset(model, { tr("Day"), tr("Cards due") });
    for (int day = 0; day < data.forecast.size(); ++day) {
        const QString label = day == 0 ? tr("Today")
            : day == 1                 ? tr("Tomorrow")
                                       : QLocale().toString(data.today.addDays(day), QStringLiteral("d MMM"));
        auto *name = new QStandardItem(label);
        name->setData(data.today.addDays(day), Qt::UserRole);
        model->appendRow({ name, number(data.forecast.at(day)) });
    }
}

void DashboardModels::fillRetention(QStandardItemModel *model, const DashboardData &data)
{
    reset(model, { tr("Period"), tr("Young cards"), tr("Mature cards"), tr("All cards") });
    const QString periods[] = { tr("Last 30 days"), tr("Last year"), tr("All time") };
    for (int p = 0; p < DashboardData::PeriodCount; ++p) {
        const RetentionPeriod &r = data.retention[size_t(p)];
        QList<QStandardItem *> row { new QStandardItem(periods[p]) };
        for (const RetentionCount &count : { r.young, r.mature, r.overall() }) {
            auto *cell = new QStandardItem(retentionText(count));
            cell->setData(count.rate(), Qt::UserRole);
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.append(cell);
        }
        model->appendRow(row);
    }
}

void DashboardModels::fillDrillScores(QStandardItemModel *model, const DashboardData &data)
{
    reset(model, { tr("Date"), tr("Drill"), tr("Mean score") });
    for (const DrillScore &s : data.drillScores) {
        auto *date = new QStandardItem(QLocale().toString(s.at, QLocale::ShortFormat));
        date->setData(s.at, Qt::UserRole);
        model->appendRow({ date, new QStandardItem(s.title), number(s.mean) });
    }
}

void DashboardModels::fillDay(QStandardItemModel *model, const QList<ActivityEntry> &entries)
{
    reset(model, { tr("Time"), tr("What"), tr("Item"), tr("Detail") });
    for (const ActivityEntry &e : entries) {
        const QString what = e.kind == ActivityEntry::Kind::StateChange ? tr("State change")
            : e.kind == ActivityEntry::Kind::Review                     ? tr("Review")
            : e.kind == ActivityEntry::Kind::Drill                      ? tr("Drill")
                                                                        : tr("Note");
        auto *item = new QStandardItem(e.title);
        item->setData(e.nodeId, Qt::UserRole);
        item->setToolTip(e.nodeId);
        model->appendRow({ new QStandardItem(QLocale().toString(e.at.time(), QStringLiteral("HH:mm"))),
            new QStandardItem(what), item, new QStandardItem(e.detail) });
    }
}

} // namespace StudyBench
