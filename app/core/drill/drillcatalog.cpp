#include "drill/drillcatalog.h"

#include "curriculum/curriculum.h"

#include <QFile>
#include <QSet>

namespace StudyBench {

namespace {

struct HeadingKind
{
    QLatin1StringView title;
    DrillKind kind;
};

constexpr HeadingKind kHeadings[] = {
    { QLatin1StringView("System Design Questions"), DrillKind::SystemDesign },
    { QLatin1StringView("Coding Challenges"), DrillKind::Coding },
    { QLatin1StringView("Practical Projects"), DrillKind::PracticalProject },
    { QLatin1StringView("Portfolio Projects"), DrillKind::PortfolioProject },
};

// Appends the nodes of @p kind under @p node (itself included) that @p seen does not hold yet.
void collect(const CurriculumNode *node, NodeKind kind, QSet<const CurriculumNode *> &seen,
    QList<const CurriculumNode *> &out)
{
    if (node->kind == kind && !seen.contains(node)) {
        seen.insert(node);
        out.append(node);
    }
    for (const auto &child : node->children)
        collect(child.get(), kind, seen, out);
}

} // namespace

QString drillKindKey(DrillKind kind)
{
    switch (kind) {
    case DrillKind::SystemDesign:
        return QStringLiteral("system-design");
    case DrillKind::Coding:
        return QStringLiteral("coding");
    case DrillKind::PracticalProject:
        return QStringLiteral("practical-project");
    case DrillKind::PortfolioProject:
        return QStringLiteral("portfolio-project");
    }
    return {};
}

QString drillKindName(DrillKind kind)
{
    switch (kind) {
    case DrillKind::SystemDesign:
        return QCoreApplication::translate("DrillCatalog", "System design");
    case DrillKind::Coding:
        return QCoreApplication::translate("DrillCatalog", "Coding");
    case DrillKind::PracticalProject:
        return QCoreApplication::translate("DrillCatalog", "Practical project");
    case DrillKind::PortfolioProject:
        return QCoreApplication::translate("DrillCatalog", "Portfolio project");
    }
    return {};
}

std::optional<DrillSourceTable> DrillSourceTable::parse(
    const QByteArray &text, const QString &sourceName, QString *error)
{
    DrillSourceTable table;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList columns = line.split(u'\t', Qt::SkipEmptyParts);
        QString problem;
        if (columns.size() != 2)
            problem = tr("expected a drill ID, a tab and its section IDs separated by commas");
        else if (table.m_sources.contains(columns.at(0)))
            problem = tr("the drill %1 has a row already").arg(columns.at(0));
        if (!problem.isEmpty()) {
            if (error)
                *error = tr("%1, line %2: %3. Correct the line and try again.")
                             .arg(sourceName)
                             .arg(i + 1)
                             .arg(problem);
            return std::nullopt;
        }
        QStringList sources = columns.at(1).split(u',', Qt::SkipEmptyParts);
        for (QString &s : sources)
            s = s.trimmed();
        table.m_sources.insert(columns.at(0), sources);
        table.m_order.append(columns.at(0));
    }
    return table;
}

const DrillSourceTable &DrillSourceTable::builtin()
{
    static const DrillSourceTable table = [] {
        const QString name = QStringLiteral(":/curriculum/drills.tsv");
        QFile file(name);
        QString error;
        std::optional<DrillSourceTable> parsed;
        if (file.open(QIODevice::ReadOnly))
            parsed = parse(file.readAll(), name, &error);
        if (!parsed)
            qWarning("%s", qPrintable(error.isEmpty() ? name + QStringLiteral(" is missing") : error));
        return parsed.value_or(DrillSourceTable {});
    }();
    return table;
}

DrillCatalog::DrillCatalog(const Curriculum &curriculum, const DrillSourceTable &table)
    : m_curriculum(curriculum)
{
    for (const CurriculumNode *node : curriculum.allNodes()) {
        const std::optional<DrillKind> kind = drillKindOf(node);
        if (!kind)
            continue;
        Drill drill { node->id, node->title, *kind, {} };
        for (const QString &source : table.sources(node->id)) {
            if (curriculum.contains(source))
                drill.sources.append(source);
        }
        if (drill.sources.isEmpty()) {
            if (const CurriculumNode *section = sectionOf(node))
                drill.sources.append(section->id);
        }
        m_drills.append(drill);
    }
}

const Drill *DrillCatalog::find(const QString &id) const
{
    for (const Drill &drill : m_drills) {
        if (drill.id == id)
            return &drill;
    }
    return nullptr;
}

QList<const CurriculumNode *> DrillCatalog::concepts(const Drill &drill) const
{
    QSet<const CurriculumNode *> seen;
    QList<const CurriculumNode *> result;
    for (const QString &source : drill.sources) {
        if (const CurriculumNode *node = m_curriculum.find(source))
            collect(node, NodeKind::Concept, seen, result);
    }
    return result;
}

QList<const CurriculumNode *> DrillCatalog::checklist(const Drill &drill) const
{
    QSet<const CurriculumNode *> seen;
    QList<const CurriculumNode *> result;
    for (const QString &source : drill.sources) {
        if (const CurriculumNode *section = sectionOf(m_curriculum.find(source)))
            collect(section, NodeKind::ChecklistItem, seen, result);
    }
    return result;
}

const CurriculumNode *DrillCatalog::sectionOf(const CurriculumNode *node)
{
    for (; node; node = node->parent) {
        if (node->kind == NodeKind::Section)
            return node;
    }
    return nullptr;
}

std::optional<DrillKind> DrillCatalog::drillKindOf(const CurriculumNode *node)
{
    // A drill is a list item itself (not a heading, not an item nested in another item).
    if (!node || isContainer(node->kind) || !node->parent || !isContainer(node->parent->kind))
        return std::nullopt;
    for (const CurriculumNode *heading = node->parent; heading; heading = heading->parent) {
        for (const HeadingKind &h : kHeadings) {
            if (heading->title.trimmed().compare(h.title, Qt::CaseInsensitive) == 0)
                return h.kind;
        }
    }
    return std::nullopt;
}

} // namespace StudyBench
