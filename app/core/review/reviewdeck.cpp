#include "review/reviewdeck.h"

#include "curriculum/curriculum.h"
#include "curriculum/practicecollections.h"

#include <QHash>

#include <cmath>

namespace StudyBench {

namespace {

bool becomesCard(const CurriculumNode *node)
{
    return node && (node->kind == NodeKind::Concept || node->kind == NodeKind::ChecklistItem);
}

bool underSection(const CurriculumNode *node, const QString &sectionId)
{
    for (; node; node = node->parent) {
        if (node->id == sectionId)
            return true;
    }
    return false;
}

} // namespace

ReviewDeck::ReviewDeck(ReviewStore &store, const Curriculum *curriculum)
    : m_store(store)
    , m_curriculum(curriculum)
{ }

Fsrs ReviewDeck::scheduler()
{
    FsrsSettings settings = m_store.settings();
    if (m_learningSteps)
        settings.learningSteps = *m_learningSteps;
    settings.fuzz = m_fuzz;
    return Fsrs(settings);
}

QStringList ReviewDeck::addFromProgress(const ItemRecords &items, const QDateTime &now)
{
    QStringList made;
    for (const ItemRecord &item : items) {
        if (item.state != ItemState::InProgress && item.state != ItemState::Done)
            continue;
        const CurriculumNode *node = m_curriculum ? m_curriculum->find(item.nodeId) : nullptr;
        if (!becomesCard(node))
            continue;
        bool created = false;
        if (m_store.addCard(item.nodeId, node->title, now, &created) && created)
            made.append(item.nodeId);
    }
    made.sort();
    return made;
}

ReviewOutcome ReviewDeck::add(const QString &nodeId, const QDateTime &now)
{
    ReviewOutcome out;
    const CurriculumNode *node = m_curriculum ? m_curriculum->find(nodeId) : nullptr;
    if (!node || node == m_curriculum->root()) {
        out.error = tr("'%1' is not an item of the curriculum, so it cannot become a card. "
                       "List the IDs with 'studybench-cli progress list'.")
                        .arg(nodeId);
        return out;
    }
    if (!m_store.addCard(nodeId, node->title, now)) {
        out.error = m_store.errorString();
        return out;
    }
    out.card = m_store.card(nodeId).value_or(ReviewCardRecord {});
    return out;
}

ReviewOutcome ReviewDeck::grade(const QString &nodeId, Rating rating, const QDateTime &now)
{
    ReviewOutcome out;
    const std::optional<ReviewCardRecord> card = m_store.card(nodeId);
    if (!card) {
        out.error = tr("'%1' is not a review card; nothing was graded. Add it first with "
                       "'studybench-cli review add %1', or see the cards with 'review due'.")
                        .arg(nodeId);
        return out;
    }
    const GradeResult result = scheduler().grade(card->card, rating, now);
    if (!result.ok()) {
        out.error = tr("Card '%1': %2 Nothing was graded.").arg(nodeId, result.error);
        return out;
    }
    if (!m_store.recordGrade(nodeId, result.card, result.log)) {
        out.error = tr("Card '%1': %2. Nothing was graded.").arg(nodeId, m_store.errorString());
        return out;
    }
    out.card = *card;
    out.card.card = result.card;
    out.log = result.log;
    return out;
}

std::array<QDateTime, 4> ReviewDeck::nextDue(const FsrsCard &card, const QDateTime &now)
{
    const Fsrs fsrs = scheduler();
    std::array<QDateTime, 4> result;
    for (int r = 1; r <= 4; ++r)
        result[size_t(r - 1)] = fsrs.grade(card, static_cast<Rating>(r), now).card.due;
    return result;
}

QList<ReviewCardRecord> ReviewDeck::due(const QDateTime &now, const QString &sectionId)
{
    QList<ReviewCardRecord> result;
    for (const ReviewCardRecord &c : m_store.cards()) {
        if (c.card.due > now)
            continue;
        if (!sectionId.isEmpty() && !(m_curriculum && underSection(m_curriculum->find(c.nodeId), sectionId)))
            continue;
        result.append(c);
    }
    return result;
}

ReviewCardText ReviewDeck::text(const ReviewCardRecord &card) const
{
    ReviewCardText t;
    t.term = card.title;
    t.note = m_store.note(card.nodeId);
    const CurriculumNode *node = m_curriculum ? m_curriculum->find(card.nodeId) : nullptr;
    if (!node)
        return t;
    t.term = node->title;
    t.explanation = node->text;
    QStringList place;
    for (const CurriculumNode *p = node->parent; p && p->parent; p = p->parent)
        place.prepend(p->title);
    t.place = place.join(QStringLiteral(" \u203a "));
    for (const PracticeCollection &c : PracticeCollections::forNode(card.nodeId))
        t.practiceFiles.append(c.fileName);
    return t;
}

std::optional<FsrsCard> ReviewDeck::replayed(const QString &nodeId)
{
    const std::optional<ReviewCardRecord> card = m_store.card(nodeId);
    if (!card)
        return std::nullopt;
    QList<ReviewLogEntry> entries;
    for (const ReviewLogRow &row : m_store.log(nodeId))
        entries.append(row.entry);
    return scheduler().replay(entries, card->added, card->card.fuzzSeed);
}

QList<CardReviewLog> ReviewDeck::optimizerLogs(QString *error)
{
    QHash<QString, qsizetype> index;
    QList<CardReviewLog> logs;
    QStringList gaps;
    QList<ReviewLogRow> rows = m_store.log();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const ReviewLogRow &row = rows.at(i);
        const bool first = i == 0 || rows.at(i - 1).nodeId != row.nodeId;
        const double expected = first ? 0.0 : rows.at(i - 1).entry.stabilityAfter;
        const bool gap = first
            ? row.entry.stateBefore != CardState::New
            : std::abs(row.entry.stabilityBefore - expected) > 1e-9 * std::max(1.0, expected);
        if (gap) {
            gaps.append(tr("card '%1' at %2 (stability before %3 days, the review before it left %4)")
                    .arg(row.nodeId, row.entry.reviewedAt.toString(Qt::ISODate))
                    .arg(row.entry.stabilityBefore, 0, 'g', 6)
                    .arg(expected, 0, 'g', 6));
        }
        if (!index.contains(row.nodeId)) {
            index.insert(row.nodeId, logs.size());
            logs.append(CardReviewLog { qint64(logs.size()), {} });
        }
        logs[index.value(row.nodeId)].entries.append(row.entry);
    }
    if (!gaps.isEmpty()) {
        *error = tr("The review log has gaps (a review is missing before): %1. The optimizer was not run and "
                    "nothing was changed; restore a backup that has the whole log "
                    "('studybench-cli backup list').")
                     .arg(gaps.join(QStringLiteral("; ")));
        return {};
    }
    const bool severalReviews = std::any_of(
        logs.cbegin(), logs.cend(), [](const CardReviewLog &l) { return l.entries.size() > 1; });
    if (!logs.isEmpty() && !severalReviews) {
        *error = tr("Every card has one review only (%1 cards), so there is no recall to learn from. The "
                    "optimizer was "
                    "not run; review the cards again on later days and try then.")
                     .arg(logs.size());
        return {};
    }
    if (rows.size() < FsrsOptimizer::kMinimumReviews) {
        *error
            = tr("The log has %1 reviews; the optimizer needs at least %2. The optimizer was not run; keep "
                 "reviewing and try again later.")
                  .arg(rows.size())
                  .arg(FsrsOptimizer::kMinimumReviews);
        return {};
    }
    return logs;
}

FsrsOptimizerResult ReviewDeck::optimize(
    const std::atomic_bool *cancel, const FsrsOptimizer::Progress &progress)
{
    FsrsOptimizerResult result;
    const QList<CardReviewLog> logs = optimizerLogs(&result.error);
    if (!result.error.isEmpty())
        return result;
    FsrsSettings settings = m_store.settings();
    FsrsOptimizerOptions options;
    options.start = settings.weights;
    options.relearningSteps = int(settings.relearningSteps.size());
    result = FsrsOptimizer::optimize(logs, options, cancel, progress);
    if (result.error.isEmpty() && !result.cancelled && result.improved) {
        settings.weights = result.weights;
        if (!m_store.saveSettings(settings))
            result.error = m_store.errorString();
    }
    return result;
}

QString ReviewDeck::formatInterval(const QDateTime &from, const QDateTime &to)
{
    const qint64 seconds = std::max<qint64>(0, from.secsTo(to));
    if (seconds < 3600)
        return tr("%1m").arg(std::max<qint64>(1, qRound64(seconds / 60.0)));
    if (seconds < 86400)
        return tr("%1h").arg(qRound64(seconds / 3600.0));
    const double days = seconds / 86400.0;
    if (days < 30)
        return tr("%1d").arg(qRound64(days));
    if (days < 365)
        return tr("%1mo").arg(days / 30.4375, 0, 'f', 1);
    return tr("%1y").arg(days / 365.25, 0, 'f', 1);
}

} // namespace StudyBench
