#include "cohort/cohortmodels.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

QString percentText(const CohortCell &cell)
{
    return CohortTableModel::tr("%1% done").arg(cell.tally.percent(), 0, 'f', 0);
}

QString confidenceText(const CohortCell &cell)
{
    return cell.rated > 0 ? CohortTableModel::tr("confidence %1").arg(cell.confidence, 0, 'f', 1)
                          : CohortTableModel::tr("no confidence rated");
}

QString cellToolTip(const CohortCell &cell, const QDateTime &now)
{
    return CohortTableModel::tr("%1 of %2 done (%3 in progress, %4 skipped)\n%5 (%6 rated)\nLast change: %7")
        .arg(cell.tally.done)
        .arg(cell.tally.counted())
        .arg(cell.tally.inProgress)
        .arg(cell.tally.skipped)
        .arg(confidenceText(cell))
        .arg(cell.rated)
        .arg(CohortOverview::ago(cell.lastActivity, now));
}

// @p names, the first @p shown of them named and the rest counted: "Ada, Bob and 3 others".
QString namesText(const QStringList &names, int shown)
{
    if (shown >= names.size())
        return names.join(u", "_s);
    const int others = int(names.size()) - shown;
    if (shown <= 0)
        return CohortStuckModel::tr("%n learner(s)", nullptr, others);
    return CohortStuckModel::tr("%1 and %n other(s)", nullptr, others).arg(names.first(shown).join(u", "_s));
}

} // namespace

CohortTableModel::CohortTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CohortTableModel::setOverview(const CohortOverview &overview)
{
    beginResetModel();
    m_overview = overview;
    endResetModel();
}

const CohortCell *CohortTableModel::cell(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_overview.rows.size())
        return nullptr;
    return cellOf(m_overview.rows.at(index.row()), index.column());
}

const CohortCell *CohortTableModel::cellOf(const CohortRow &row, int column)
{
    if (column == OverallColumn)
        return &row.overall;
    const int section = column - FirstSectionColumn;
    return section >= 0 && section < row.sections.size() ? &row.sections.at(section) : nullptr;
}

QString CohortTableModel::wrapped(const QString &title, int chars)
{
    QStringList lines;
    for (const QString &word : title.split(u' ', Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && lines.last().size() + 1 + word.size() <= chars)
            lines.last() += u' ' + word;
        else
            lines.append(word);
    }
    if (lines.size() > 3)
        lines = lines.mid(0, 2) << lines.mid(2).join(u' ');
    return lines.join(u'\n');
}

int CohortTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_overview.rows.size());
}

int CohortTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : lastActiveColumn() + 1;
}

QVariant CohortTableModel::text(const CohortRow &row, int column) const
{
    if (column == LearnerColumn)
        return row.name;
    if (column == drillsColumn()) {
        return row.drills > 0 ? tr("%1 × %2").arg(row.drills).arg(row.drillMean, 0, 'f', 1) : u"–"_s;
    }
    if (column == lastActiveColumn())
        return CohortOverview::ago(row.lastActivity, m_overview.now);
    const CohortCell *c = cellOf(row, column);
    return c ? u"%1, %2"_s.arg(percentText(*c), confidenceText(*c)) : QVariant();
}

QString CohortTableModel::toolTip(const CohortRow &row, int column) const
{
    if (column == LearnerColumn) {
        const QString devices = row.devices.size() > 1
            ? tr("From %n devices: %1 (they sync with each other; the latest summary is shown)", nullptr,
                  int(row.devices.size()))
                  .arg(row.devices.join(u", "_s))
            : tr("Device %1").arg(row.deviceId);
        return tr("%1\n%2\nSummary written %3")
            .arg(row.name, devices, QLocale().toString(row.generatedAt.toLocalTime(), QLocale::ShortFormat));
    }
    if (column == drillsColumn()) {
        return row.drills > 0 ? tr("%1 drills attempted, %2 attempts; mean of the last scores %3 of 4")
                                    .arg(row.drills)
                                    .arg(row.drillAttempts)
                                    .arg(row.drillMean, 0, 'f', 2)
                              : tr("No drill attempted");
    }
    if (column == lastActiveColumn())
        return row.inactive ? CohortOverview::inactiveRule() : QString();
    const int section = column - FirstSectionColumn;
    const QString where = section >= 0 ? m_overview.sections.at(section).title : tr("All sections");
    return row.name + u" · "_s + where + u'\n' + cellToolTip(*cellOf(row, column), m_overview.now);
}

QVariant CohortTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_overview.rows.size())
        return {};
    const CohortRow &row = m_overview.rows.at(index.row());
    const CohortCell *c = cell(index);
    switch (role) {
    case Qt::DisplayRole:
        return text(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case PercentRole:
        return c ? QVariant(c->tally.percent()) : QVariant();
    case ConfidenceRole:
        return c ? QVariant(c->rated > 0 ? c->confidence : 0.0) : QVariant();
    case StartedRole:
        return c ? QVariant(c->tally.done + c->tally.inProgress + c->tally.skipped + c->rated > 0)
                 : QVariant();
    case Qt::ForegroundRole:
        if (row.inactive && (index.column() == LearnerColumn || index.column() == lastActiveColumn()))
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == LearnerColumn ? QVariant() : QVariant(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant CohortTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const int s = section - FirstSectionColumn;
    const bool isSection = s >= 0 && s < m_overview.sections.size();
    if (role == Qt::ToolTipRole && isSection)
        return m_overview.sections.at(s).title;
    if (role != Qt::DisplayRole)
        return {};
    if (section == LearnerColumn)
        return tr("Learner");
    if (section == OverallColumn)
        return tr("All\nsections");
    if (isSection)
        return wrapped(m_overview.sections.at(s).title, 10);
    return section == drillsColumn() ? tr("Drills") : tr("Last\nactive");
}

CohortStuckModel::CohortStuckModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString CohortStuckModel::whoText(const StuckItem &item, int names)
{
    QStringList unsure;
    QStringList stalled;
    int fewest = 0;
    int most = 0;
    for (const StuckLearner &l : item.learners) {
        if (l.reason == StuckLearner::Unsure) {
            unsure.append(l.name);
            continue;
        }
        stalled.append(l.name);
        fewest = stalled.size() == 1 ? l.days : qMin(fewest, l.days);
        most = qMax(most, l.days);
    }
    // The names shared out in turn, so that each group names someone while it can.
    qsizetype shownUnsure = names < 0 ? unsure.size() : 0;
    qsizetype shownStalled = names < 0 ? stalled.size() : 0;
    for (int left = qMax(names, 0); left > 0 && shownUnsure + shownStalled < item.learners.size();) {
        if (shownUnsure < unsure.size()) {
            ++shownUnsure;
            --left;
        }
        if (left > 0 && shownStalled < stalled.size()) {
            ++shownStalled;
            --left;
        }
    }
    QStringList parts;
    if (!unsure.isEmpty())
        parts.append(tr("Unsure: %1").arg(namesText(unsure, int(shownUnsure))));
    if (!stalled.isEmpty()) {
        const QString days = fewest == most ? QString::number(most) : u"%1–%2"_s.arg(fewest).arg(most);
        parts.append(tr("In progress %1 days: %2").arg(days, namesText(stalled, int(shownStalled))));
    }
    return parts.join(u" · "_s);
}

const StuckItem *CohortStuckModel::item(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_items.size())
        return nullptr;
    return &m_items.at(index.row());
}

void CohortStuckModel::setOverview(const CohortOverview &overview)
{
    beginResetModel();
    m_items = overview.stuck;
    m_learners = int(overview.rows.size());
    endResetModel();
}

int CohortStuckModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int CohortStuckModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CohortStuckModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const StuckItem &item = m_items.at(index.row());
    QStringList who;
    QStringList notes;
    for (const StuckLearner &l : item.learners) {
        who.append(u"%1 (%2)"_s.arg(l.name, CohortOverview::reasonText(l)));
        if (!l.note.isEmpty())
            notes.append(u"%1: %2"_s.arg(l.name, l.note.left(400)));
    }
    if (role == Qt::DisplayRole && index.column() == WhoColumn)
        return whoText(item);
    if (role == Qt::ToolTipRole) {
        QString tip = QStringList { item.title, item.sectionTitle, who.join(u'\n') }.join(u'\n');
        if (!notes.isEmpty())
            tip += u"\n\n"_s + tr("Notes shared:") + u'\n' + notes.join(u'\n');
        return tip;
    }
    if (role == Qt::TextAlignmentRole && index.column() == CountColumn)
        return QVariant(Qt::AlignCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ItemColumn:
        return item.title;
    case CountColumn:
        return tr("%1 of %2").arg(item.learners.size()).arg(m_learners);
    default:
        return item.sectionTitle;
    }
}

QVariant CohortStuckModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ItemColumn:
        return tr("Item");
    case CountColumn:
        return tr("Learners");
    case SectionColumn:
        return tr("Section");
    default:
        return tr("Who, and why");
    }
}

} // namespace StudyBench
