#include "progress/progressreconciler.h"

#include "progress/backupmanager.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace StudyBench {

namespace {

constexpr double kTypoSimilarity = 0.75;

// Segments shared at the same place counting from the end, then from the start.
int pathScore(const QStringList &a, const QStringList &b)
{
    int score = 0;
    for (qsizetype i = 1; i <= std::min(a.size(), b.size()); ++i) {
        if (a.at(a.size() - i) == b.at(b.size() - i))
            ++score;
    }
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a.at(i) == b.at(i))
            ++score;
    }
    return score;
}

} // namespace

int ProgressReconciler::apply(
    ProgressStore &store, const Curriculum &curriculum, const QString &dataDir, QString *error)
{
    const QList<IdMove> moves = plan(curriculum, store.items());
    if (moves.isEmpty())
        return 0;
    BackupManager backups(dataDir);
    if (!backups.backUp(store.path(), QStringLiteral("pre-import"))) {
        *error = backups.errorString();
        return -1;
    }
    QList<QPair<QString, QString>> pairs;
    for (const IdMove &m : moves)
        pairs.append({ m.from, m.to });
    if (!store.moveIds(pairs)) {
        *error = store.errorString();
        return -1;
    }
    return int(moves.size());
}

double ProgressReconciler::similarity(const QString &a, const QString &b)
{
    const QString x = a.toLower();
    const QString y = b.toLower();
    if (x.isEmpty() && y.isEmpty())
        return 1.0;
    std::vector<int> previous(size_t(y.size()) + 1), current(size_t(y.size()) + 1);
    for (qsizetype j = 0; j <= y.size(); ++j)
        previous[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const int cost = x.at(i - 1) == y.at(j - 1) ? 0 : 1;
            current[size_t(j)] = std::min(
                { previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, previous[size_t(j - 1)] + cost });
        }
        std::swap(previous, current);
    }
    return 1.0 - double(previous[size_t(y.size())]) / double(std::max(x.size(), y.size()));
}

QList<IdMove> ProgressReconciler::plan(const Curriculum &curriculum, const ItemRecords &records)
{
    // Items with no progress of their own, by their last slug.
    QHash<QString, QList<const CurriculumNode *>> freeByLeaf;
    for (const CurriculumNode *node : curriculum.checkableNodes()) {
        if (!records.contains(node->id))
            freeByLeaf[node->id.section(QLatin1Char('/'), -1)].append(node);
    }
    QList<IdMove> moves;
    QHash<QString, int> claims; // target -> how many orphans chose it
    for (const ItemRecord &record : records) {
        if (curriculum.contains(record.nodeId))
            continue;
        const QStringList path = record.nodeId.split(QLatin1Char('/'));
        const CurriculumNode *target = nullptr;

        // 1. Its own title is unchanged: the same last slug at the most similar path.
        const QList<const CurriculumNode *> sameLeaf = freeByLeaf.value(path.last());
        int best = -1;
        int bestCount = 0;
        for (const CurriculumNode *candidate : sameLeaf) {
            const int score = pathScore(path, candidate->id.split(QLatin1Char('/')));
            if (score > best) {
                best = score;
                bestCount = 1;
                target = candidate;
            } else if (score == best) {
                ++bestCount;
            }
        }
        if (bestCount != 1)
            target = nullptr;

        // 2. A typo fixed in its title: the same parent, a nearly equal title.
        if (!target && path.size() > 1) {
            const CurriculumNode *parent
                = curriculum.find(path.mid(0, path.size() - 1).join(QLatin1Char('/')));
            const QString oldTitle = record.title.isEmpty() ? path.last() : record.title;
            double bestSimilarity = kTypoSimilarity;
            int matches = 0;
            static const std::vector<std::unique_ptr<CurriculumNode>> noChildren;
            for (const auto &child : parent ? parent->children : noChildren) {
                if (!isCheckable(child->kind) || records.contains(child->id))
                    continue;
                const double s = similarity(oldTitle, child->title);
                if (s > bestSimilarity) {
                    bestSimilarity = s;
                    target = child.get();
                    matches = 1;
                } else if (s == bestSimilarity && target) {
                    ++matches;
                }
            }
            if (matches != 1)
                target = nullptr;
        }
        if (target) {
            moves.append({ record.nodeId, target->id });
            ++claims[target->id];
        }
    }
    // Two orphans that want the same item: neither moves.
    moves.erase(
        std::remove_if(moves.begin(), moves.end(), [&](const IdMove &m) { return claims.value(m.to) > 1; }),
        moves.end());
    std::sort(moves.begin(), moves.end(), [](const IdMove &a, const IdMove &b) { return a.from < b.from; });
    return moves;
}

} // namespace StudyBench
