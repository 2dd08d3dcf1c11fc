#include "review/reviewsession.h"

#include "progress/progressstore.h"
#include "util/asyncrun.h"

namespace StudyBench {

namespace {

// How far ahead a learning card is shown again in the same session, as Anki's learn-ahead limit.
constexpr qint64 kLearnAheadSeconds = 20 * 60;

SessionCard sessionCard(ReviewDeck &deck, const ReviewCardRecord &record, const QDateTime &now)
{
    return SessionCard { record, deck.text(record), deck.nextDue(record.card, now) };
}

struct LoadResult
{
    QList<SessionCard> cards;
    QString error;
};

struct GradeDone
{
    ReviewOutcome outcome;
    SessionCard again;
    bool requeue = false;
};

} // namespace

ReviewSession::ReviewSession(
    const QString &databasePath, std::shared_ptr<const Curriculum> curriculum, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
    , m_curriculum(std::move(curriculum))
{ }

QDateTime ReviewSession::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

void ReviewSession::load()
{
    m_busy = true;
    const bool fuzz = !m_fixedNow.isValid();
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, now = now(), section = m_section, fuzz] {
            LoadResult result;
            ProgressStore progress;
            ReviewStore store;
            if (!progress.open(path) || !store.open(path)) {
                result.error = progress.isOpen() ? store.errorString() : progress.errorString();
                return result;
            }
            ReviewDeck deck(store, curriculum.get());
            deck.setFuzz(fuzz);
            deck.addFromProgress(progress.items(), now);
            for (const ReviewCardRecord &record : deck.due(now, section))
                result.cards.append(sessionCard(deck, record, now));
            return result;
        },
        [this](const LoadResult &result) {
            m_busy = false;
            m_queue = result.cards;
            if (!result.error.isEmpty())
                Q_EMIT failed(result.error);
            Q_EMIT loaded();
        });
}

void ReviewSession::grade(Rating rating)
{
    if (m_busy || m_queue.isEmpty())
        return;
    m_busy = true;
    const bool fuzz = !m_fixedNow.isValid();
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, now = now(), id = m_queue.first().record.nodeId, rating,
            fuzz] {
            GradeDone done;
            ReviewStore store;
            if (!store.open(path)) {
                done.outcome.error = store.errorString();
                return done;
            }
            ReviewDeck deck(store, curriculum.get());
            deck.setFuzz(fuzz);
            done.outcome = deck.grade(id, rating, now);
            done.requeue = done.outcome.ok() && now.secsTo(done.outcome.card.card.due) <= kLearnAheadSeconds;
            if (done.requeue)
                done.again = sessionCard(deck, done.outcome.card, done.outcome.card.card.due);
            return done;
        },
        [this, rating](const GradeDone &done) {
            m_busy = false;
            if (!done.outcome.ok()) {
                Q_EMIT failed(done.outcome.error);
                return;
            }
            m_queue.removeFirst();
            if (done.requeue)
                m_queue.append(done.again);
            Q_EMIT graded(done.outcome.card.nodeId, rating, done.outcome.card.card.due);
        });
}

std::array<int, 3> ReviewSession::remaining() const
{
    std::array<int, 3> counts { 0, 0, 0 };
    for (const SessionCard &c : m_queue) {
        switch (c.record.card.state) {
        case CardState::New:
            ++counts[0];
            break;
        case CardState::Learning:
        case CardState::Relearning:
            ++counts[1];
            break;
        case CardState::Review:
            ++counts[2];
            break;
        }
    }
    return counts;
}

} // namespace StudyBench
