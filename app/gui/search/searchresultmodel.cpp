#include "search/searchresultmodel.h"

#include <QPoint>

namespace StudyBench {

namespace {
// internalId 0 marks a heading; a hit's is its group's row + 1.
constexpr quintptr kHeading = 0;

QVariantList asVariant(const QList<SearchHighlight> &highlights)
{
    QVariantList list;
    for (const SearchHighlight &s : highlights)
        list.append(QPoint(s.start, s.length));
    return list;
}
} // namespace

SearchResultModel::SearchResultModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void SearchResultModel::setHits(const QList<SearchHit> &hits)
{
    beginResetModel();
    m_groups.clear();
    for (const SearchHit &hit : hits) {
        if (m_groups.isEmpty() || m_groups.last().kind != hit.kind)
            m_groups.append({ hit.kind, {} });
        m_groups.last().hits.append(hit);
    }
    endResetModel();
}

int SearchResultModel::hitCount() const
{
    int n = 0;
    for (const Group &group : m_groups)
        n += int(group.hits.size());
    return n;
}

const SearchHit *SearchResultModel::hit(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kHeading)
        return nullptr;
    const Group &group = m_groups.at(int(index.internalId() - 1));
    return &group.hits.at(index.row());
}

QModelIndex SearchResultModel::firstHit() const
{
    return m_groups.isEmpty() ? QModelIndex() : index(0, 0, index(0, 0));
}

QModelIndex SearchResultModel::stepHit(const QModelIndex &from, int step) const
{
    QList<QModelIndex> all;
    for (int g = 0; g < m_groups.size(); ++g) {
        for (int h = 0; h < m_groups.at(g).hits.size(); ++h)
            all.append(createIndex(h, 0, quintptr(g + 1)));
    }
    if (all.isEmpty())
        return {};
    const int at = int(all.indexOf(from));
    if (at < 0)
        return step >= 0 ? all.first() : all.last();
    return all.at(qBound(0, at + step, int(all.size()) - 1));
}

QModelIndex SearchResultModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, 0, kHeading) : QModelIndex();
    if (parent.internalId() != kHeading || row >= m_groups.at(parent.row()).hits.size())
        return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex SearchResultModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kHeading)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kHeading);
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    return parent.internalId() == kHeading ? int(m_groups.at(parent.row()).hits.size()) : 0;
}

int SearchResultModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const SearchHit *h = hit(index);
    if (!h) {
        const Group &group = m_groups.at(index.row());
        if (role == Qt::DisplayRole)
            return searchKindTitle(group.kind);
        if (role == IsHeadingRole)
            return true;
        return role == KindRole ? QVariant(int(group.kind)) : QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        return h->title;
    case Qt::ToolTipRole:
        return h->kind == SearchKind::File ? tr("%1, line %2").arg(h->key).arg(h->line) : h->key;
    case Qt::AccessibleDescriptionRole:
    case SnippetRole:
        return h->snippet;
    case IsHeadingRole:
        return false;
    case KindRole:
        return int(h->kind);
    case KeyRole:
        return h->key;
    case LineRole:
        return h->line;
    case HighlightsRole:
        return asVariant(h->highlights);
    case TitleHighlightsRole:
        return asVariant(h->titleHighlights);
    default:
        return {};
    }
}

Qt::ItemFlags SearchResultModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return hit(index) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::ItemIsEnabled;
}

} // namespace StudyBench
