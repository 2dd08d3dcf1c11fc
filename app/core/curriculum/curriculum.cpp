#include "curriculum/curriculum.h"

#include <array>
#include <utility>

namespace StudyBench {

namespace {
struct KindEntry
{
    NodeKind kind;
    QLatin1StringView name;
};
constexpr std::array kKinds {
    KindEntry { NodeKind::Curriculum, QLatin1StringView("curriculum") },
    KindEntry { NodeKind::Section, QLatin1StringView("section") },
    KindEntry { NodeKind::Group, QLatin1StringView("group") },
    KindEntry { NodeKind::Topic, QLatin1StringView("topic") },
    KindEntry { NodeKind::Concept, QLatin1StringView("concept") },
    KindEntry { NodeKind::ChecklistItem, QLatin1StringView("checklist-item") },
    KindEntry { NodeKind::Project, QLatin1StringView("project") },
    KindEntry { NodeKind::Milestone, QLatin1StringView("milestone") },
    KindEntry { NodeKind::Bullet, QLatin1StringView("bullet") },
};
} // namespace

QString kindName(NodeKind kind)
{
    for (const auto &e : kKinds) {
        if (e.kind == kind)
            return e.name;
    }
    return {};
}

std::optional<NodeKind> kindFromName(const QString &name)
{
    for (const auto &e : kKinds) {
        if (name == e.name)
            return e.kind;
    }
    return std::nullopt;
}

bool isCheckable(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Concept:
    case NodeKind::ChecklistItem:
    case NodeKind::Project:
    case NodeKind::Milestone:
        return true;
    default:
        return false;
    }
}

bool isContainer(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Curriculum:
    case NodeKind::Section:
    case NodeKind::Group:
    case NodeKind::Topic:
        return true;
    default:
        return false;
    }
}

int CurriculumNode::row() const
{
    if (!parent)
        return 0;
    const auto &siblings = parent->children;
    for (size_t i = 0; i < siblings.size(); ++i) {
        if (siblings[i].get() == this)
            return int(i);
    }
    return 0;
}

const CurriculumNode *CurriculumNode::child(int row) const
{
    if (row < 0 || row >= childCount())
        return nullptr;
    return children[size_t(row)].get();
}

Curriculum::Curriculum(std::unique_ptr<CurriculumNode> root, QString sourceName)
    : m_root(std::move(root))
    , m_sourceName(std::move(sourceName))
{
    for (const CurriculumNode *node : allNodes()) {
        m_index.insert(node->id, node);
        if (isCheckable(node->kind))
            m_checkable.append(node);
    }
}

QList<const CurriculumNode *> Curriculum::sections() const
{
    QList<const CurriculumNode *> result;
    for (const auto &child : m_root->children) {
        if (child->kind == NodeKind::Section)
            result.append(child.get());
    }
    return result;
}

QMap<NodeKind, int> Curriculum::countByKind() const
{
    QMap<NodeKind, int> counts;
    for (const CurriculumNode *node : allNodes()) {
        if (node->kind != NodeKind::Curriculum)
            ++counts[node->kind];
    }
    return counts;
}

QList<const CurriculumNode *> Curriculum::allNodes() const
{
    QList<const CurriculumNode *> result;
    std::vector<const CurriculumNode *> stack { m_root.get() };
    while (!stack.empty()) {
        const CurriculumNode *node = stack.back();
        stack.pop_back();
        result.append(node);
        for (auto it = node->children.rbegin(); it != node->children.rend(); ++it)
            stack.push_back(it->get());
    }
    return result;
}

} // namespace StudyBench
