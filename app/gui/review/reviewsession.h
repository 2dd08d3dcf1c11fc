#pragma once

#include "review/reviewdeck.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QThread>

#include <array>
#include <memory>

namespace StudyBench {

class Curriculum;
class ReviewWorker;

/// One card of a session, with everything the screen shows.
struct SessionCard
{
    ReviewCardRecord record;
    ReviewCardText text;
    /// When each of Again, Hard, Good, Easy would make it due.
    std::array<QDateTime, 4> next;
};

/// A review session over the progress database: loads the due cards and grades them on the
/// session's worker thread, which keeps one connection (ReviewStore) open for the whole session,
/// so the GUI thread never waits on disk and a grade does not reopen the database. A grade is
/// committed before graded() is emitted and before the next card is offered.
class ReviewSession : public QObject
{
    Q_OBJECT

public:
    ReviewSession(
        const QString &databasePath, std::shared_ptr<const Curriculum> curriculum, QObject *parent = nullptr);
    /// Finishes a grade in progress, closes the connection and stops the worker thread.
    ~ReviewSession() override;

    /// A fixed time for the whole session (tests, screenshots); interval fuzz is then off.
    void setNow(const QDateTime &now) { m_fixedNow = now; }
    QDateTime now() const;
    /// Only cards under this section (empty: all).
    void setSection(const QString &sectionId) { m_section = sectionId; }

    /// Makes cards of items in progress or done, then loads the due ones: loaded() follows.
    void load();
    /// Grades the current card; graded() (or failed()) follows, then the next card is current.
    void grade(Rating rating);
    bool busy() const { return m_busy; }

    const SessionCard *current() const { return m_queue.isEmpty() ? nullptr : &m_queue.first(); }
    /// Cards left in the session, by state: new, learning (and relearning), review.
    std::array<int, 3> remaining() const;
    QString databasePath() const { return m_path; }
    std::shared_ptr<const Curriculum> curriculum() const { return m_curriculum; }

Q_SIGNALS:
    void loaded();
    void graded(const QString &nodeId, Rating rating, const QDateTime &due);
    void failed(const QString &message);

private:
    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
    QDateTime m_fixedNow;
    QString m_section;
    QList<SessionCard> m_queue;
    bool m_busy = false;
    QThread m_thread;
    ReviewWorker *m_worker;
};

} // namespace StudyBench
