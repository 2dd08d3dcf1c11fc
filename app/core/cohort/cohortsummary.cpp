#include "cohort/cohortsummary.h"

#include "curriculum/curriculum.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

QString isoText(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

int lineAt(const QByteArray &data, qsizetype offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

// A JSON value as a message shows it.
QString describe(const QJsonValue &value)
{
    if (value.isUndefined())
        return CohortSummary::tr("nothing");
    if (value.isString())
        return u"\""_s + value.toString().left(40) + u"\""_s;
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.isNull() ? u"null"_s
        : value.isArray() ? CohortSummary::tr("a list")
                          : CohortSummary::tr("an object");
}

QString expected(const QString &path, const QString &what, const QJsonValue &found)
{
    return CohortSummary::tr("%1: expected %2, found %3").arg(path, what, describe(found));
}

QJsonObject itemJson(const CohortItem &item, bool notes)
{
    QJsonObject o { { u"id"_s, item.nodeId }, { u"state"_s, stateName(item.state) },
        { u"confidence"_s, item.confidence }, { u"changedAt"_s, isoText(item.changedAt) } };
    if (notes && !item.note.isEmpty())
        o.insert(u"note"_s, item.note);
    return o;
}

// An optional time: missing or empty is invalid (no time), anything else must read as ISO 8601.
bool readTime(const QJsonObject &o, const QString &key, const QString &path, QDateTime &at, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.toString().isEmpty())
        return true;
    at = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        *error = expected(path + u'.' + key, CohortSummary::tr("a time such as 2026-12-07T09:30:00.000Z"), v);
    return at.isValid();
}

bool readItem(const QJsonValue &value, const QString &path, CohortItem &item, QString *error)
{
    const QJsonObject o = value.toObject();
    item.nodeId = o.value(u"id"_s).toString();
    if (!value.isObject() || item.nodeId.isEmpty()) {
        *error = expected(path + u".id"_s, CohortSummary::tr("an item's ID"), o.value(u"id"_s));
        return false;
    }
    const std::optional<ItemState> state = stateFromName(o.value(u"state"_s).toString());
    if (!state) {
        *error = expected(path + u".state"_s, CohortSummary::tr("not-started, in-progress, done or skipped"),
            o.value(u"state"_s));
        return false;
    }
    item.state = *state;
    const QJsonValue confidence = o.value(u"confidence"_s);
    item.confidence = confidence.toInt(-1);
    if (!confidence.isUndefined() && (item.confidence < 0 || item.confidence > 5)) {
        *error
            = expected(path + u".confidence"_s, CohortSummary::tr("a whole number from 0 to 5"), confidence);
        return false;
    }
    item.confidence = qMax(0, item.confidence);
    item.note = o.value(u"note"_s).toString();
    return readTime(o, u"changedAt"_s, path, item.changedAt, error);
}

bool readDrill(const QJsonValue &value, const QString &path, CohortDrill &drill, QString *error)
{
    const QJsonObject o = value.toObject();
    drill.nodeId = o.value(u"id"_s).toString();
    drill.attempts = o.value(u"attempts"_s).toInt(-1);
    drill.lastMean = o.value(u"lastMean"_s).toDouble(-1);
    if (drill.nodeId.isEmpty() || drill.attempts < 0) {
        *error = drill.nodeId.isEmpty()
            ? expected(path + u".id"_s, CohortSummary::tr("a drill's ID"), o.value(u"id"_s))
            : expected(path + u".attempts"_s, CohortSummary::tr("a whole number"), o.value(u"attempts"_s));
        return false;
    }
    if (drill.lastMean < 0 || drill.lastMean > 4) {
        *error = expected(
            path + u".lastMean"_s, CohortSummary::tr("a score from 0 to 4"), o.value(u"lastMean"_s));
        return false;
    }
    return readTime(o, u"lastAt"_s, path, drill.lastAt, error);
}

bool readLists(const QJsonObject &root, LearnerSummary &summary, QString *error)
{
    const QJsonArray items = root.value(u"items"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        CohortItem item;
        if (!readItem(items.at(i), u"items[%1]"_s.arg(i), item, error))
            return false;
        summary.items.append(item);
    }
    const QJsonArray drills = root.value(u"drills"_s).toArray();
    for (qsizetype i = 0; i < drills.size(); ++i) {
        CohortDrill drill;
        if (!readDrill(drills.at(i), u"drills[%1]"_s.arg(i), drill, error))
            return false;
        summary.drills.append(drill);
    }
    return true;
}

// The members of the header: which learner, which curriculum, when.
bool readHeader(const QJsonObject &root, LearnerSummary &summary, QString *error)
{
    summary.deviceId = root.value(u"device"_s).toString();
    summary.name = root.value(u"name"_s).toString().trimmed();
    summary.curriculumId = root.value(u"curriculum"_s).toString();
    summary.curriculumVersion = root.value(u"curriculumVersion"_s).toString();
    summary.notesIncluded = root.value(u"notesIncluded"_s).toBool();
    for (const QJsonValue &device : root.value(u"syncsWith"_s).toArray()) {
        if (!device.toString().isEmpty() && device.toString() != summary.deviceId)
            summary.syncsWith.append(device.toString());
    }
    if (summary.deviceId.isEmpty()) {
        *error = expected(u"device"_s, CohortSummary::tr("the learner's device ID"), root.value(u"device"_s));
        return false;
    }
    if (summary.curriculumId.isEmpty()) {
        *error = expected(
            u"curriculum"_s, CohortSummary::tr("the curriculum's ID"), root.value(u"curriculum"_s));
        return false;
    }
    if (!root.value(u"items"_s).isArray()) {
        *error = expected(u"items"_s, CohortSummary::tr("a list"), root.value(u"items"_s));
        return false;
    }
    return readTime(root, u"generatedAt"_s, QString(), summary.generatedAt, error);
}

} // namespace

QDateTime LearnerSummary::lastActivity() const
{
    QDateTime last;
    for (const CohortItem &item : items) {
        if (item.changedAt.isValid() && (!last.isValid() || item.changedAt > last))
            last = item.changedAt;
    }
    for (const CohortDrill &drill : drills) {
        if (drill.lastAt.isValid() && (!last.isValid() || drill.lastAt > last))
            last = drill.lastAt;
    }
    return last;
}

QByteArray CohortSummary::toJson(const LearnerSummary &summary)
{
    QJsonArray items;
    for (const CohortItem &item : summary.items)
        items.append(itemJson(item, summary.notesIncluded));
    QJsonArray drills;
    for (const CohortDrill &d : summary.drills) {
        drills.append(QJsonObject { { u"id"_s, d.nodeId }, { u"attempts"_s, d.attempts },
            { u"lastMean"_s, qRound(d.lastMean * 100) / 100.0 }, { u"lastAt"_s, isoText(d.lastAt) } });
    }
    QJsonObject root { { u"format"_s, formatName() }, { u"version"_s, kVersion },
        { u"device"_s, summary.deviceId }, { u"name"_s, summary.name },
        { u"curriculum"_s, summary.curriculumId }, { u"curriculumVersion"_s, summary.curriculumVersion },
        { u"generatedAt"_s, isoText(summary.generatedAt) }, { u"notesIncluded"_s, summary.notesIncluded },
        { u"items"_s, items }, { u"drills"_s, drills } };
    if (!summary.syncsWith.isEmpty())
        root.insert(u"syncsWith"_s, QJsonArray::fromStringList(summary.syncsWith));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

CohortSummary::Problem CohortSummary::fromJson(
    const QByteArray &data, LearnerSummary &summary, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray trimmed = data.trimmed();
        const bool cut
            = !trimmed.isEmpty() && trimmed.startsWith('{') && parseError.offset >= trimmed.size() - 1;
        *error = cut ? tr("it ends too early at line %1").arg(lineAt(data, parseError.offset))
                     : tr("it is not JSON (line %1: %2)")
                           .arg(lineAt(data, parseError.offset))
                           .arg(parseError.errorString());
        return cut ? Problem::CutShort : Problem::NotJson;
    }
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != formatName()) {
        *error = tr("it is not a StudyBench cohort summary (its \"format\" is %1)")
                     .arg(describe(root.value(u"format"_s)));
        return Problem::NotJson;
    }
    const QJsonValue version = root.value(u"version"_s);
    if (!version.isDouble() || version.toInt() < 1) {
        *error = expected(u"version"_s, tr("a whole number of 1 or more"), version);
        return Problem::Invalid;
    }
    if (version.toInt() > kVersion) {
        *error = tr("a newer StudyBench wrote it (format version %1; this one reads version %2)")
                     .arg(version.toInt())
                     .arg(kVersion);
        return Problem::Newer;
    }
    summary = {};
    if (!readHeader(root, summary, error) || !readLists(root, summary, error))
        return Problem::Invalid;
    return Problem::None;
}

QString CohortSummary::learnersFolder(const QString &cohortFolder)
{
    return QDir(cohortFolder).filePath(u"learners"_s);
}

QString CohortSummary::path(const QString &cohortFolder, const QString &deviceId)
{
    return QDir(learnersFolder(cohortFolder)).filePath(deviceId + u'/' + fileName());
}

QString CohortSummary::curriculumVersion(const Curriculum &curriculum)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const CurriculumNode *node : curriculum.checkableNodes()) {
        hash.addData(node->id.toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(hash.result().toHex().left(12));
}

} // namespace StudyBench
