#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace StudyBench {

class Curriculum;
struct CurriculumNode;

/// What kind of interview drill an item is, after the heading it sits under.
enum class DrillKind
{
    SystemDesign, ///< "System Design Questions"
    Coding, ///< "Coding Challenges"
    PracticalProject, ///< "Practical Projects"
    PortfolioProject, ///< "Portfolio Projects"
};

/// The stable, lower-case name used in JSON and on the command line ("system-design").
QString drillKindKey(DrillKind kind);
/// The name shown to the learner ("System design").
QString drillKindName(DrillKind kind);

/// The table of what each drill draws on (curriculum/drills.tsv): drill ID -> section, group or
/// topic IDs, in the table's order.
class DrillSourceTable
{
    Q_DECLARE_TR_FUNCTIONS(DrillSourceTable)

public:
    /// Reads the table: one row per drill, "DRILL-ID<TAB>ID,ID,...", '#' comments and blank lines
    /// skipped. std::nullopt with @p error (which line, what is wrong) for a malformed one.
    static std::optional<DrillSourceTable> parse(
        const QByteArray &text, const QString &sourceName, QString *error);
    /// The table compiled in with the built-in curriculum (":/curriculum/drills.tsv").
    static const DrillSourceTable &builtin();

    bool contains(const QString &drillId) const { return m_sources.contains(drillId); }
    QStringList sources(const QString &drillId) const { return m_sources.value(drillId); }
    /// The drill IDs in the table's order.
    QStringList drillIds() const { return m_order; }

private:
    QHash<QString, QStringList> m_sources;
    QStringList m_order;
};

/// One drill: an item of the curriculum, and the parts of it the drill draws on.
struct Drill
{
    QString id;
    QString title;
    DrillKind kind = DrillKind::PracticalProject;
    /// Section, group or topic IDs the drill draws on (from the table; the drill's own section
    /// when the table has no row for it).
    QStringList sources;
};

/// The drills of a curriculum: every item under a heading titled System Design Questions, Coding
/// Challenges, Practical Projects or Portfolio Projects, in document order.
class DrillCatalog
{
public:
    DrillCatalog(const Curriculum &curriculum, const DrillSourceTable &table = DrillSourceTable::builtin());

    const Curriculum &curriculum() const { return m_curriculum; }
    const QList<Drill> &drills() const { return m_drills; }
    const Drill *find(const QString &id) const;

    /// The concepts of the parts @p drill draws on, in document order, each once.
    QList<const CurriculumNode *> concepts(const Drill &drill) const;
    /// The checklist items of the sections @p drill draws on (the sections holding its sources).
    QList<const CurriculumNode *> checklist(const Drill &drill) const;

    /// What kind of drill @p node is, or std::nullopt when it is none.
    static std::optional<DrillKind> drillKindOf(const CurriculumNode *node);
    /// The section ("##") @p node is in (itself when it is one), or null.
    static const CurriculumNode *sectionOf(const CurriculumNode *node);

private:
    const Curriculum &m_curriculum;
    QList<Drill> m_drills;
};

} // namespace StudyBench
