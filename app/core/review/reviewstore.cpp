#include "review/reviewstore.h"

#include "progress/progressstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace StudyBench {

namespace {

const QString kCardColumns = QStringLiteral(
    "node_id, title, added_at, state, step, stability, difficulty, due_at, last_review_at, reps, lapses");

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

QVariant toMs(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QString weightsText(const FsrsWeights &weights)
{
    QStringList parts;
    for (const double w : weights)
        parts.append(QString::number(w, 'g', 17));
    return parts.join(u' ');
}

std::optional<FsrsWeights> weightsFrom(const QString &text)
{
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    FsrsWeights weights = fsrsDefaultWeights();
    if (parts.size() != qsizetype(weights.size()))
        return std::nullopt;
    for (size_t i = 0; i < weights.size(); ++i) {
        bool ok = false;
        weights[i] = parts.at(qsizetype(i)).toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    return weights;
}

} // namespace

// FNV-1a of the item's ID.
quint64 ReviewStore::fuzzSeedOf(const QString &nodeId)
{
    quint64 hash = 14695981039346656037ULL;
    for (const char c : nodeId.toUtf8()) {
        hash ^= quint8(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

ReviewStore::ReviewStore()
    : m_db(QStringLiteral("studybench-review"))
{ }

ReviewStore::~ReviewStore() = default;

bool ReviewStore::open(const QString &path)
{
    return m_db.open(path, ProgressStore::migrations());
}

void ReviewStore::close()
{
    m_db.close();
}

bool ReviewStore::isOpen() const
{
    return m_db.isOpen();
}

bool ReviewStore::addCard(const QString &nodeId, const QString &title, const QDateTime &added, bool *created)
{
    if (created)
        *created = false;
    if (nodeId.isEmpty())
        return m_db.fail(tr("Cannot add a card without an item ID"));
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO review_card (node_id, title, added_at, due_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (node_id) DO NOTHING"));
    q.addBindValue(nodeId);
    q.addBindValue(title);
    q.addBindValue(added.toMSecsSinceEpoch());
    q.addBindValue(added.toMSecsSinceEpoch());
    if (!m_db.exec(q, tr("Cannot add the card %1").arg(nodeId)))
        return false;
    if (created)
        *created = q.numRowsAffected() > 0;
    return true;
}

bool ReviewStore::makeDueIn(
    SqliteDatabase &db, const QString &nodeId, const QString &title, const QDateTime &at)
{
    QSqlQuery q(db.database());
    q.prepare(QStringLiteral(
        "INSERT INTO review_card (node_id, title, added_at, due_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (node_id) DO UPDATE SET due_at = min(review_card.due_at, excluded.due_at)"));
    q.addBindValue(nodeId);
    q.addBindValue(title);
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(at.toMSecsSinceEpoch());
    QSqlQuery fact(db.database());
    fact.prepare(QStringLiteral("INSERT OR IGNORE INTO review_due (node_id, at) VALUES (?, ?)"));
    fact.addBindValue(nodeId);
    fact.addBindValue(at.toMSecsSinceEpoch());
    return db.exec(q, tr("Cannot make %1 due for review").arg(nodeId))
        && db.exec(fact, tr("Cannot make %1 due for review").arg(nodeId));
}

ReviewCardRecord ReviewStore::cardFrom(const QSqlQuery &q)
{
    ReviewCardRecord r;
    r.nodeId = q.value(0).toString();
    r.title = q.value(1).toString();
    r.added = fromMs(q.value(2));
    r.card.state = static_cast<CardState>(q.value(3).toInt());
    r.card.step = q.value(4).toInt();
    r.card.stability = q.value(5).toDouble();
    r.card.difficulty = q.value(6).toDouble();
    r.card.due = fromMs(q.value(7));
    r.card.lastReview = fromMs(q.value(8));
    r.card.reps = q.value(9).toInt();
    r.card.lapses = q.value(10).toInt();
    r.card.fuzzSeed = fuzzSeedOf(r.nodeId);
    return r;
}

std::optional<ReviewCardRecord> ReviewStore::card(const QString &nodeId)
{
    // Read on every grade: compiled once per connection (SqliteDatabase::cached()).
    const CachedQuery q = m_db.cached(
        QStringLiteral("SELECT %1 FROM review_card WHERE node_id = ?").arg(kCardColumns), { nodeId });
    if (!q.ok()) {
        m_db.fail(tr("Database error in %1").arg(m_db.path()), q->lastError().text());
        return std::nullopt;
    }
    if (!q->next())
        return std::nullopt;
    return cardFrom(*q);
}

QList<ReviewCardRecord> ReviewStore::cards()
{
    QList<ReviewCardRecord> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM review_card ORDER BY due_at, node_id").arg(kCardColumns));
    if (!m_db.exec(q))
        return result;
    while (q.next())
        result.append(cardFrom(q));
    return result;
}

bool ReviewStore::storeCardIn(SqliteDatabase &db, const QString &nodeId, const FsrsCard &after)
{
    const CachedQuery q = db.cached(
        QStringLiteral("UPDATE review_card SET state = ?, step = ?, stability = ?, difficulty = ?,"
                       " due_at = ?, last_review_at = ?, reps = ?, lapses = ? WHERE node_id = ?"),
        { int(after.state), after.step, after.stability, after.difficulty, toMs(after.due),
            toMs(after.lastReview), after.reps, after.lapses, nodeId });
    if (!q.ok())
        return db.fail(tr("Cannot store the grade of %1").arg(nodeId), q->lastError().text());
    if (q->numRowsAffected() != 1)
        return db.fail(tr("%1 is not a review card").arg(nodeId));
    return true;
}

bool ReviewStore::recordGrade(const QString &nodeId, const FsrsCard &after, const ReviewLogEntry &e)
{
    if (!m_db.begin())
        return false;
    if (!storeCardIn(m_db, nodeId, after)) {
        m_db.rollback();
        return false;
    }
    const bool logged = [&] {
        const CachedQuery log = m_db.cached(
            QStringLiteral(
                "INSERT INTO review_log (node_id, reviewed_at, rating, elapsed_days, scheduled_days,"
                " state_before, stability_before, difficulty_before, state_after, step_after,"
                " stability_after, difficulty_after, due_after)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { nodeId, toMs(e.reviewedAt), int(e.rating), e.elapsedDays, e.scheduledDays, int(e.stateBefore),
                e.stabilityBefore, e.difficultyBefore, int(after.state), after.step, e.stabilityAfter,
                e.difficultyAfter, toMs(after.due) });
        return log.ok() || m_db.fail(tr("Cannot store the grade of %1").arg(nodeId), log->lastError().text());
    }();
    if (!logged) {
        m_db.rollback();
        return false;
    }
    return m_db.commit();
}

QList<ReviewLogRow> ReviewStore::log(const QString &nodeId)
{
    QList<ReviewLogRow> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, node_id, reviewed_at, rating, elapsed_days, scheduled_days,"
                             " state_before, stability_before, difficulty_before, state_after, step_after,"
                             " stability_after, difficulty_after, due_after FROM review_log"
                             " WHERE ? = '' OR node_id = ? ORDER BY node_id, reviewed_at, id"));
    // A null QString binds as NULL, which equals nothing: bind an empty one for "every card".
    const QString card = nodeId.isNull() ? QStringLiteral("") : nodeId;
    q.addBindValue(card);
    q.addBindValue(card);
    if (!m_db.exec(q))
        return result;
    while (q.next()) {
        ReviewLogRow r;
        r.id = q.value(0).toLongLong();
        r.nodeId = q.value(1).toString();
        r.entry.reviewedAt = fromMs(q.value(2));
        r.entry.rating = static_cast<Rating>(q.value(3).toInt());
        r.entry.elapsedDays = q.value(4).toInt();
        r.entry.scheduledDays = q.value(5).toInt();
        r.entry.stateBefore = static_cast<CardState>(q.value(6).toInt());
        r.entry.stabilityBefore = q.value(7).toDouble();
        r.entry.difficultyBefore = q.value(8).toDouble();
        r.stateAfter = static_cast<CardState>(q.value(9).toInt());
        r.stepAfter = q.value(10).toInt();
        r.entry.stabilityAfter = q.value(11).toDouble();
        r.entry.difficultyAfter = q.value(12).toDouble();
        r.dueAfter = fromMs(q.value(13));
        result.append(r);
    }
    return result;
}

int ReviewStore::reviewCount()
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT count(*) FROM review_log"));
    if (!m_db.exec(q) || !q.next())
        return 0;
    return q.value(0).toInt();
}

FsrsSettings ReviewStore::settings()
{
    return settingsIn(m_db);
}

FsrsSettings ReviewStore::settingsIn(SqliteDatabase &db)
{
    FsrsSettings s;
    // Read for every grade (the scheduler's settings may have changed in another process).
    const CachedQuery q = db.cached(QStringLiteral("SELECT key, value FROM review_setting"));
    if (!q.ok())
        return s;
    while (q->next()) {
        const QString key = q->value(0).toString();
        const QString value = q->value(1).toString();
        QString ignored;
        if (key == QLatin1StringView("desired_retention")) {
            bool ok = false;
            const double r = value.toDouble(&ok);
            if (ok)
                s.desiredRetention = r;
        } else if (key == QLatin1StringView("learning_steps")) {
            s.learningSteps = FsrsSteps::parse(value, &ignored).value_or(s.learningSteps);
        } else if (key == QLatin1StringView("relearning_steps")) {
            s.relearningSteps = FsrsSteps::parse(value, &ignored).value_or(s.relearningSteps);
        } else if (key == QLatin1StringView("maximum_interval_days")) {
            bool ok = false;
            const int days = value.toInt(&ok);
            if (ok)
                s.maximumIntervalDays = days;
        } else if (key == QLatin1StringView("weights")) {
            s.weights = weightsFrom(value).value_or(s.weights);
        }
    }
    return s.validate().isEmpty() ? s : FsrsSettings {};
}

bool ReviewStore::saveSettings(const FsrsSettings &s, const QDateTime &at)
{
    if (const QString invalid = s.validate(); !invalid.isEmpty())
        return m_db.fail(tr("Cannot save the review settings"), invalid);
    if (!m_db.begin())
        return false;
    const QList<QPair<QString, QString>> values {
        { QStringLiteral("desired_retention"), QString::number(s.desiredRetention, 'g', 17) },
        { QStringLiteral("learning_steps"), FsrsSteps::format(s.learningSteps) },
        { QStringLiteral("relearning_steps"), FsrsSteps::format(s.relearningSteps) },
        { QStringLiteral("maximum_interval_days"), QString::number(s.maximumIntervalDays) },
        { QStringLiteral("weights"), weightsText(s.weights) },
    };
    for (const auto &[key, value] : values) {
        QSqlQuery q(m_db.database());
        // A value that changed is this device's change again (sync stamps its device and order).
        q.prepare(QStringLiteral("INSERT INTO review_setting (key, value, changed_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                                 " changed_at = excluded.changed_at, device = '', clock = 0"
                                 " WHERE value IS NOT excluded.value"));
        q.addBindValue(key);
        q.addBindValue(value);
        q.addBindValue(at.toMSecsSinceEpoch());
        if (!m_db.exec(q, tr("Cannot save the review settings"))) {
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit();
}

QString ReviewStore::note(const QString &nodeId)
{
    return ProgressStore::noteIn(m_db, nodeId);
}

} // namespace StudyBench
