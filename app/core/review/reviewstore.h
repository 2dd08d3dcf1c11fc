#pragma once

#include "review/fsrs.h"
#include "util/sqliteutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace StudyBench {

/// A review card: a curriculum item the learner reviews, and its scheduling state (a cache of
/// Fsrs::replay over its log).
struct ReviewCardRecord
{
    QString nodeId;
    /// The item's title when the card was added, so a card whose item left the curriculum is named.
    QString title;
    QDateTime added;
    FsrsCard card;
};

/// One stored grade: what FSRS logged, and the card's schedule after it.
struct ReviewLogRow
{
    qint64 id = 0;
    QString nodeId;
    ReviewLogEntry entry;
    CardState stateAfter = CardState::New;
    int stepAfter = 0;
    QDateTime dueAfter;
};

/// Spaced review's tables in the progress database (schema 2 of ProgressStore::migrations()):
/// review_card, review_log and review_setting. It opens the same file as ProgressStore on its own
/// connection, so grades share the progress file's transactions, backups and crash guarantees:
/// every write is one transaction with synchronous=FULL, on disk when the call returns true.
///
/// Blocking: use it from the CLI or a worker thread. One instance belongs to the thread that
/// opened it.
class ReviewStore
{
    Q_DECLARE_TR_FUNCTIONS(ReviewStore)

public:
    ReviewStore();
    ~ReviewStore();
    ReviewStore(const ReviewStore &) = delete;
    ReviewStore &operator=(const ReviewStore &) = delete;

    /// Opens (creating and migrating when needed) the progress database at @p path.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_db.errorString(); }

    /// Adds a New card due at @p added. An existing card is left as it is (*created false).
    bool addCard(
        const QString &nodeId, const QString &title, const QDateTime &added, bool *created = nullptr);
    /// Makes @p nodeId due at @p at in @p db, a progress database another store has open (inside
    /// that store's transaction, as a drill attempt does): adds a New card due then when the item
    /// has none, brings an existing card's later due time forward to @p at.
    static bool makeDueIn(
        SqliteDatabase &db, const QString &nodeId, const QString &title, const QDateTime &at);
    std::optional<ReviewCardRecord> card(const QString &nodeId);
    /// Every card, soonest due first.
    QList<ReviewCardRecord> cards();
    /// Stores a grade's log entry and the card after it in one transaction. Refused (false,
    /// nothing written) when @p nodeId is not a card.
    bool recordGrade(const QString &nodeId, const FsrsCard &after, const ReviewLogEntry &entry);
    /// The reviews of one card (or of all cards when @p nodeId is empty), by card, oldest first.
    QList<ReviewLogRow> log(const QString &nodeId = {});
    int reviewCount();

    /// The scheduler's settings saved here (desired retention, steps, maximum interval, weights);
    /// defaults for what was never saved or does not read back. Fuzz is on.
    FsrsSettings settings();
    /// Saves retention, steps, maximum interval and weights in one transaction. Refused when they do not
    /// validate().
    bool saveSettings(const FsrsSettings &settings, const QDateTime &at = QDateTime::currentDateTimeUtc());

    /// The learner's note on the item (the progress database's note table), or empty.
    QString note(const QString &nodeId);

    /// The fuzz seed of @p nodeId's card: the same on every device and Qt version.
    static quint64 fuzzSeedOf(const QString &nodeId);
    /// settings() read through @p db, a progress database another store has open (inside its
    /// transaction, as a merge does).
    static FsrsSettings settingsIn(SqliteDatabase &db);
    /// Writes @p card as @p nodeId's scheduling state through @p db (the card row must exist;
    /// false when it does not). The caller owns the transaction.
    static bool storeCardIn(SqliteDatabase &db, const QString &nodeId, const FsrsCard &card);

private:
    static ReviewCardRecord cardFrom(const class QSqlQuery &q);

    SqliteDatabase m_db;
};

} // namespace StudyBench
