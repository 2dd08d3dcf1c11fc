#include "drill/drillstore.h"

#include "curriculum/curriculum.h"
#include "drill/drillcatalog.h"
#include "progress/progressstore.h"
#include "review/reviewstore.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <numeric>

namespace StudyBench {

namespace {

const QString kAttemptColumns
    = QStringLiteral("id, node_id, started_at, seconds_used, communication, "
                     "problem_solving, technical_depth, verification, to_fix, answer_path");

QDateTime fromMs(const QVariant &v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

} // namespace

double DrillAttempt::meanScore() const
{
    return std::accumulate(scores.begin(), scores.end(), 0.0) / double(scores.size());
}

bool DrillAttempt::hasWeakScore() const
{
    return std::any_of(scores.begin(), scores.end(), [](int s) { return s <= kDrillWeakScore; });
}

DrillStore::DrillStore()
    : m_db(QStringLiteral("studybench-drill"))
{ }

DrillStore::~DrillStore() = default;

bool DrillStore::open(const QString &path)
{
    return m_db.open(path, ProgressStore::migrations());
}

void DrillStore::close()
{
    m_db.close();
}

bool DrillStore::isOpen() const
{
    return m_db.isOpen();
}

QString DrillStore::refusal(const DrillCatalog &catalog, const DrillAttempt &attempt) const
{
    if (!catalog.find(attempt.nodeId))
        return tr("'%1' is not a drill of this curriculum; nothing was recorded. List the drills with "
                  "'studybench-cli drill list'.")
            .arg(attempt.nodeId);
    const auto dimensions = DrillRubric::standardDimensions();
    for (size_t i = 0; i < attempt.scores.size(); ++i) {
        if (attempt.scores[i] < kDrillMinScore || attempt.scores[i] > kDrillMaxScore)
            return tr("The %1 score %2 is not between 1 and 4; nothing was recorded. Score each "
                      "dimension 1 (weak) to 4 (strong).")
                .arg(dimensions[i].name.toLower())
                .arg(attempt.scores[i]);
    }
    if (attempt.secondsUsed < 0 || !attempt.startedAt.isValid())
        return tr("The attempt has no valid start or a negative time used; nothing was recorded.");
    if (!attempt.answerPath.isEmpty() && !QFileInfo(attempt.answerPath).isFile())
        return tr("The answer file %1 does not exist; nothing was recorded. Give the file the answer "
                  "was written in, or record the attempt without one.")
            .arg(attempt.answerPath);
    return {};
}

DrillRecordOutcome DrillStore::record(
    const DrillCatalog &catalog, const DrillAttempt &attempt, const QDateTime &now)
{
    DrillRecordOutcome out;
    out.error = refusal(catalog, attempt);
    if (!out.error.isEmpty())
        return out;
    if (!m_db.begin()) {
        out.error = m_db.errorString();
        return out;
    }
    // Read inside the transaction, so another process cannot record a later one meanwhile.
    const QList<DrillAttempt> last = attempts(attempt.nodeId);
    if (!last.isEmpty() && attempt.startedAt < last.constLast().startedAt) {
        m_db.rollback();
        out.error = tr("The last attempt at %1 started at %2; this one would start at %3, before it. "
                       "Nothing was recorded; give a later time.")
                        .arg(attempt.nodeId, iso(last.constLast().startedAt), iso(attempt.startedAt));
        return out;
    }
    out.attempt = attempt;
    const Drill *drill = catalog.find(attempt.nodeId);
    if (!insert(attempt, &out.attempt.id)
        || (attempt.hasWeakScore() && !feedReview(catalog, *drill, now, &out.madeDue)) || !m_db.commit()) {
        m_db.rollback();
        out.error = tr("%1. Nothing was recorded.").arg(m_db.errorString());
        out.madeDue.clear();
    }
    return out;
}

bool DrillStore::insert(const DrillAttempt &a, qint64 *id)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO drill_attempt (node_id, started_at, seconds_used, communication, "
                             "problem_solving, technical_depth, verification, to_fix, answer_path) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.nodeId);
    q.addBindValue(a.startedAt.toMSecsSinceEpoch());
    q.addBindValue(a.secondsUsed);
    for (const int score : a.scores)
        q.addBindValue(score);
    // A null QString binds as NULL, which the NOT NULL columns refuse: bind empty ones instead.
    q.addBindValue(a.toFix.isNull() ? QStringLiteral("") : a.toFix);
    q.addBindValue(a.answerPath.isNull() ? QStringLiteral("") : a.answerPath);
    if (!m_db.exec(q, tr("Cannot store the attempt at %1").arg(a.nodeId)))
        return false;
    *id = q.lastInsertId().toLongLong();
    return true;
}

bool DrillStore::feedReview(
    const DrillCatalog &catalog, const Drill &drill, const QDateTime &now, QStringList *madeDue)
{
    const QList<const CurriculumNode *> concepts = catalog.concepts(drill);
    QList<int> confidence;
    for (const CurriculumNode *node : concepts) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("SELECT confidence FROM item WHERE node_id = ?"));
        q.addBindValue(node->id);
        if (!m_db.exec(q, tr("Cannot read the confidence in %1").arg(node->id)))
            return false;
        confidence.append(q.next() ? q.value(0).toInt() : 0);
    }
    if (concepts.isEmpty())
        return true;
    const int lowest = *std::min_element(confidence.begin(), confidence.end());
    for (qsizetype i = 0; i < concepts.size(); ++i) {
        if (confidence.at(i) != lowest)
            continue;
        if (!ReviewStore::makeDueIn(m_db, concepts.at(i)->id, concepts.at(i)->title, now))
            return false;
        madeDue->append(concepts.at(i)->id);
    }
    return true;
}

DrillAttempt DrillStore::attemptFrom(const QSqlQuery &q)
{
    DrillAttempt a;
    a.id = q.value(0).toLongLong();
    a.nodeId = q.value(1).toString();
    a.startedAt = fromMs(q.value(2));
    a.secondsUsed = q.value(3).toInt();
    for (int i = 0; i < kDrillDimensionCount; ++i)
        a.scores[size_t(i)] = q.value(4 + i).toInt();
    a.toFix = q.value(8).toString();
    a.answerPath = q.value(9).toString();
    return a;
}

QList<DrillAttempt> DrillStore::attempts(const QString &nodeId)
{
    QList<DrillAttempt> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM drill_attempt WHERE node_id = ? ORDER BY started_at, id")
            .arg(kAttemptColumns));
    q.addBindValue(nodeId);
    if (!m_db.exec(q))
        return result;
    while (q.next())
        result.append(attemptFrom(q));
    return result;
}

QHash<QString, DrillSummary> DrillStore::summaries()
{
    QHash<QString, DrillSummary> result;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT %1 FROM drill_attempt ORDER BY node_id, started_at, id").arg(kAttemptColumns));
    if (!m_db.exec(q))
        return result;
    while (q.next()) {
        const DrillAttempt a = attemptFrom(q);
        DrillSummary &s = result[a.nodeId];
        ++s.attempts;
        s.lastMean = a.meanScore();
        s.lastStartedAt = a.startedAt;
    }
    return result;
}

QList<double> DrillStore::trend(const QList<DrillAttempt> &attempts)
{
    QList<double> means;
    for (const DrillAttempt &a : attempts)
        means.append(a.meanScore());
    return means;
}

double DrillStore::surpriseWeight(const DrillSummary *summary)
{
    // Never tried: 4. Tried: from 3.5 (every score 1) down to 0.5 (every score 4).
    if (!summary || summary->attempts == 0)
        return 4.0;
    return kDrillMaxScore + 0.5 - summary->lastMean;
}

const Drill *DrillStore::surprise(const DrillCatalog &catalog, QRandomGenerator &random)
{
    const QHash<QString, DrillSummary> known = summaries();
    QList<double> cumulative;
    double total = 0;
    for (const Drill &drill : catalog.drills()) {
        const auto it = known.constFind(drill.id);
        total += surpriseWeight(it == known.constEnd() ? nullptr : &*it);
        cumulative.append(total);
    }
    if (cumulative.isEmpty())
        return nullptr;
    const double pick = random.generateDouble() * total;
    const auto hit = std::upper_bound(cumulative.begin(), cumulative.end(), pick);
    const qsizetype index = std::min(qsizetype(hit - cumulative.begin()), cumulative.size() - 1);
    return &catalog.drills().at(index);
}

} // namespace StudyBench
