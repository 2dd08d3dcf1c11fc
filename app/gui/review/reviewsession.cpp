#include "review/reviewsession.h"

#include "progress/progressstore.h"

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

/// Lives on the session's thread and owns the connection there, open from load() to the end.
class ReviewWorker : public QObject
{
public:
    ReviewWorker(const QString &path, const Curriculum *curriculum)
        : m_path(path)
        , m_deck(m_store, curriculum)
    { }

    /// The deck on the open store, or null with @p error set.
    ReviewDeck *deck(bool fuzz, QString *error)
    {
        if (!m_store.isOpen() && !m_store.open(m_path)) {
            *error = m_store.errorString();
            return nullptr;
        }
        m_deck.setFuzz(fuzz);
        return &m_deck;
    }
    void close() { m_store.close(); }

private:
    QString m_path;
    ReviewStore m_store;
    ReviewDeck m_deck;
};

ReviewSession::ReviewSession(
    const QString &databasePath, std::shared_ptr<const Curriculum> curriculum, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
    , m_curriculum(std::move(curriculum))
    , m_worker(new ReviewWorker(databasePath, m_curriculum.get()))
{
    m_thread.setObjectName(QStringLiteral("review-session"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ReviewSession::~ReviewSession()
{
    // Queued after any grade in progress, which therefore ends committed.
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); });
    m_thread.quit();
    m_thread.wait();
}

QDateTime ReviewSession::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

void ReviewSession::load()
{
    m_busy = true;
    const bool fuzz = !m_fixedNow.isValid();
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker, now = now(), section = m_section, fuzz] {
        LoadResult result;
        ProgressStore progress;
        ReviewDeck *deck = w->deck(fuzz, &result.error);
        if (deck && !progress.open(m_path))
            result.error = progress.errorString();
        if (deck && result.error.isEmpty()) {
            deck->addFromProgress(progress.items(), now);
            for (const ReviewCardRecord &record : deck->due(now, section))
                result.cards.append(sessionCard(*deck, record, now));
        }
        QMetaObject::invokeMethod(this, [this, result] {
            m_busy = false;
            m_queue = result.cards;
            if (!result.error.isEmpty())
                Q_EMIT failed(result.error);
            Q_EMIT loaded();
        });
    });
}

void ReviewSession::grade(Rating rating)
{
    if (m_busy || m_queue.isEmpty())
        return;
    m_busy = true;
    const bool fuzz = !m_fixedNow.isValid();
    QMetaObject::invokeMethod(
        m_worker, [this, w = m_worker, now = now(), id = m_queue.first().record.nodeId, rating, fuzz] {
            GradeDone done;
            if (ReviewDeck *deck = w->deck(fuzz, &done.outcome.error)) {
                done.outcome = deck->grade(id, rating, now);
                done.requeue
                    = done.outcome.ok() && now.secsTo(done.outcome.card.card.due) <= kLearnAheadSeconds;
                if (done.requeue)
                    done.again = sessionCard(*deck, done.outcome.card, done.outcome.card.card.due);
            }
            QMetaObject::invokeMethod(this, [this, rating, done] {
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
