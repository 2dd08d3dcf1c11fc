#include "cohort/cohortoverview.h"

#include "curriculum/curriculum.h"

#include <QHash>

#include <algorithm>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

// Where a checkable item sits: its section's column and its place in the curriculum.
struct Place
{
    int section = 0;
    int position = 0;
};

QHash<QString, Place> placesOf(const Curriculum &curriculum, const QList<const CurriculumNode *> &sections)
{
    QHash<QString, Place> places;
    const QList<const CurriculumNode *> &items = curriculum.checkableNodes();
    for (int i = 0; i < items.size(); ++i) {
        const CurriculumNode *n = items.at(i);
        while (n && n->kind != NodeKind::Section)
            n = n->parent;
        const int section = int(sections.indexOf(n));
        if (section >= 0)
            places.insert(items.at(i)->id, { section, i });
    }
    return places;
}

QList<const CurriculumNode *> sectionsWithItems(const Curriculum &curriculum)
{
    QList<const CurriculumNode *> sections;
    for (const CurriculumNode *section : curriculum.sections()) {
        if (tallyOf(section, {}).total > 0)
            sections.append(section);
    }
    return sections;
}

qint64 daysBetween(const QDateTime &from, const QDateTime &to)
{
    return from.secsTo(to) / (24 * 60 * 60);
}

void later(QDateTime &last, const QDateTime &at)
{
    if (at.isValid() && (!last.isValid() || at > last))
        last = at;
}

// The mean confidence of the rated items: @p cell holds their sum until then.
void finishConfidence(CohortCell &cell)
{
    cell.confidence = cell.rated > 0 ? cell.confidence / cell.rated : 0;
}

CohortRow rowOf(const LearnerSummary &learner, const QList<const CurriculumNode *> &sections,
    const QHash<QString, Place> &places, const QDateTime &now)
{
    CohortRow row;
    row.deviceId = learner.deviceId;
    row.devices
        = learner.combinedDevices.isEmpty() ? QStringList { learner.deviceId } : learner.combinedDevices;
    row.name = learner.name;
    row.generatedAt = learner.generatedAt;
    row.lastActivity = learner.lastActivity();
    row.inactive
        = !row.lastActivity.isValid() || daysBetween(row.lastActivity, now) >= CohortOverview::kInactiveDays;
    row.sections.resize(sections.size());
    StateMap states;
    for (const CohortItem &item : learner.items) {
        const auto place = places.constFind(item.nodeId);
        if (place == places.cend())
            continue; // not in this revision of the curriculum
        states.insert(item.nodeId, item.state);
        for (CohortCell *cell : { &row.sections[place->section], &row.overall }) {
            cell->rated += item.confidence > 0 ? 1 : 0;
            cell->confidence += item.confidence;
            later(cell->lastActivity, item.changedAt);
        }
    }
    for (int i = 0; i < sections.size(); ++i) {
        row.sections[i].tally = tallyOf(sections.at(i), states);
        row.overall.tally += row.sections[i].tally;
        finishConfidence(row.sections[i]);
    }
    finishConfidence(row.overall);
    for (const CohortDrill &drill : learner.drills) {
        ++row.drills;
        row.drillAttempts += drill.attempts;
        row.drillMean += drill.lastMean;
    }
    row.drillMean = row.drills > 0 ? row.drillMean / row.drills : 0;
    return row;
}

// Two learners who share a name are told apart by their device IDs.
void makeNamesUnique(QList<CohortRow> &rows)
{
    QHash<QString, int> count;
    for (const CohortRow &row : std::as_const(rows))
        ++count[row.name.toCaseFolded()];
    for (CohortRow &row : rows) {
        if (count.value(row.name.toCaseFolded()) > 1)
            row.name = u"%1 (%2)"_s.arg(row.name, row.deviceId.left(7));
    }
}

QList<StuckItem> stuckItems(const QList<LearnerSummary> &learners, const QList<CohortRow> &rows,
    const Curriculum &curriculum, const QHash<QString, Place> &places, const QDateTime &now)
{
    QHash<QString, StuckItem> stuck;
    for (int i = 0; i < learners.size(); ++i) {
        for (const CohortItem &item : learners.at(i).items) {
            StuckLearner why;
            if (!places.contains(item.nodeId) || !CohortOverview::isStuck(item, now, &why))
                continue;
            why.name = rows.at(i).name;
            why.note = item.note;
            stuck[item.nodeId].learners.append(why);
        }
    }
    QList<StuckItem> list;
    for (auto i = stuck.begin(); i != stuck.end(); ++i) {
        const CurriculumNode *node = curriculum.find(i.key());
        const CurriculumNode *section = node;
        while (section && section->kind != NodeKind::Section)
            section = section->parent;
        i->nodeId = i.key();
        i->title = node->title;
        i->sectionTitle = section ? section->title : QString();
        list.append(*i);
    }
    std::sort(list.begin(), list.end(), [&places](const StuckItem &a, const StuckItem &b) {
        if (a.learners.size() != b.learners.size())
            return a.learners.size() > b.learners.size();
        return places.value(a.nodeId).position < places.value(b.nodeId).position;
    });
    return list;
}

} // namespace

QList<const CohortRow *> CohortOverview::inactive() const
{
    QList<const CohortRow *> result;
    for (const CohortRow &row : rows) {
        if (row.inactive)
            result.append(&row);
    }
    std::stable_sort(result.begin(), result.end(), [](const CohortRow *a, const CohortRow *b) {
        return !a->lastActivity.isValid() ? b->lastActivity.isValid()
                                          : b->lastActivity.isValid() && a->lastActivity < b->lastActivity;
    });
    return result;
}

CohortOverview CohortOverview::compute(const CohortFolder &folder, const Curriculum &curriculum,
    const QString &curriculumId, const QDateTime &now)
{
    CohortOverview o;
    o.folder = folder.folder;
    o.curriculumId = curriculumId;
    o.now = now;
    o.messages = folder.messages;
    o.cutShort = folder.cutShort;
    const QList<const CurriculumNode *> sections = sectionsWithItems(curriculum);
    for (const CurriculumNode *section : sections)
        o.sections.append({ section->id, section->title });
    const QHash<QString, Place> places = placesOf(curriculum, sections);
    for (const LearnerSummary &learner : folder.learners)
        o.rows.append(rowOf(learner, sections, places, now));
    makeNamesUnique(o.rows);
    o.stuck = stuckItems(folder.learners, o.rows, curriculum, places, now);
    return o;
}

bool CohortOverview::isStuck(const CohortItem &item, const QDateTime &now, StuckLearner *why)
{
    StuckLearner reason;
    if (item.state == ItemState::InProgress && item.changedAt.isValid()
        && daysBetween(item.changedAt, now) >= kStalledDays) {
        reason.reason = StuckLearner::Stalled;
        reason.days = int(daysBetween(item.changedAt, now));
    } else if (item.state == ItemState::Done && item.confidence > 0 && item.confidence <= kUnsureConfidence) {
        reason.reason = StuckLearner::Unsure;
        reason.confidence = item.confidence;
    } else {
        return false;
    }
    if (why)
        *why = reason;
    return true;
}

QString CohortOverview::stuckRule()
{
    return tr("Stuck: in progress with no change for %1 days or more, or done but rated %2 or lower for "
              "confidence (of 5).")
        .arg(kStalledDays)
        .arg(kUnsureConfidence);
}

QString CohortOverview::inactiveRule()
{
    return tr("Inactive: no item changed and no drill attempted for %1 days or more.").arg(kInactiveDays);
}

QString CohortOverview::reasonText(const StuckLearner &learner)
{
    return learner.reason == StuckLearner::Stalled ? tr("in progress %n day(s)", nullptr, learner.days)
                                                   : tr("done, confidence %1").arg(learner.confidence);
}

QString CohortOverview::ago(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return tr("never");
    const qint64 days = daysBetween(at, now);
    return days < 1 ? tr("today") : tr("%n day(s) ago", nullptr, int(days));
}

} // namespace StudyBench
