#pragma once

#include "search/searchquery.h"

#include <QAbstractItemModel>
#include <QList>

namespace StudyBench {

/// Search hits as a two-level tree: a heading per kind (not selectable) over its hits, best first.
class SearchResultModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role
    {
        IsHeadingRole = Qt::UserRole + 1,
        KindRole, ///< SearchKind as int
        KeyRole, ///< node id, file path or history id
        SnippetRole,
        HighlightsRole, ///< QVariantList of QPoint(start, length)
        LineRole,
        TitleHighlightsRole, ///< as HighlightsRole, in the title
    };

    explicit SearchResultModel(QObject *parent = nullptr);

    /// Replaces the hits (grouped by kind, as SearchIndex::search() gives them).
    void setHits(const QList<SearchHit> &hits);
    int hitCount() const;
    /// The hit at @p index, or null for a heading or an invalid index.
    const SearchHit *hit(const QModelIndex &index) const;
    /// The first hit's index, or an invalid one.
    QModelIndex firstHit() const;
    /// The hit @p step hits after (or before, negative) @p from, staying at the ends.
    QModelIndex stepHit(const QModelIndex &from, int step) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Group
    {
        SearchKind kind;
        QList<SearchHit> hits;
    };
    QList<Group> m_groups;
};

} // namespace StudyBench
