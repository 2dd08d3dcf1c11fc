#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace StudyBench {

enum class NodeKind
{
    Curriculum,
    Section,
    Group,
    Topic,
    Concept,
    ChecklistItem,
    Project,
    Milestone,
    Bullet,
};

/// The stable, lower-case name used in JSON and on the command line ("checklist-item").
QString kindName(NodeKind kind);
std::optional<NodeKind> kindFromName(const QString &name);
/// Nodes a learner marks progress on: concepts, checklist items, projects and milestones.
bool isCheckable(NodeKind kind);
/// Headings: nodes that hold other nodes.
bool isContainer(NodeKind kind);

struct CurriculumNode
{
    NodeKind kind = NodeKind::Bullet;
    QString id; ///< slug path of titles, e.g. "apis/api-design-mastery/restful-principles"
    QString title; ///< the heading, the bold term, or the item's text
    QString text; ///< the explanation: text after a bold term, or paragraphs under a heading
    int line = 0; ///< 1-based line in the source file
    bool markedDoneInSource = false; ///< "- [x]" in the file
    CurriculumNode *parent = nullptr;
    std::vector<std::unique_ptr<CurriculumNode>> children;

    int row() const;
    int childCount() const { return int(children.size()); }
    const CurriculumNode *child(int row) const;
};

/// An immutable curriculum tree. Build it with CurriculumParser; share it freely between threads.
class Curriculum
{
public:
    Curriculum(std::unique_ptr<CurriculumNode> root, QString sourceName);
    Curriculum(const Curriculum &) = delete;
    Curriculum &operator=(const Curriculum &) = delete;

    const CurriculumNode *root() const { return m_root.get(); }
    QString title() const { return m_root->title; }
    /// Where it came from: a file path, or ":/curriculum/backend-mastery.md" for the built-in one.
    QString sourceName() const { return m_sourceName; }

    const CurriculumNode *find(const QString &id) const { return m_index.value(id); }
    bool contains(const QString &id) const { return m_index.contains(id); }
    /// Checkable nodes in document order.
    const QList<const CurriculumNode *> &checkableNodes() const { return m_checkable; }
    /// The content sections ("##"), in document order.
    QList<const CurriculumNode *> sections() const;
    QMap<NodeKind, int> countByKind() const;
    /// Every node in document order (pre-order), the root first.
    QList<const CurriculumNode *> allNodes() const;

private:
    std::unique_ptr<CurriculumNode> m_root;
    QString m_sourceName;
    QHash<QString, const CurriculumNode *> m_index;
    QList<const CurriculumNode *> m_checkable;
};

using CurriculumPtr = std::shared_ptr<const Curriculum>;

} // namespace StudyBench
