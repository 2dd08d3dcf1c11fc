#include "report/progressjson.h"

#include "curriculum/curriculum.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace StudyBench {

using namespace Qt::StringLiterals;

namespace {

QJsonValue toJson(const QVariant &value, ProgressColumn type)
{
    if (value.isNull())
        return QJsonValue::Null;
    switch (type) {
    case ProgressColumn::Text:
        return value.toString();
    case ProgressColumn::Integer:
    case ProgressColumn::OptionalInteger:
        return value.toLongLong();
    case ProgressColumn::Real:
        return value.toDouble();
    case ProgressColumn::Time:
    case ProgressColumn::OptionalTime:
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::UTC).toString(Qt::ISODateWithMs);
    }
    return {};
}

// The value of one field, or an error naming what it should have been.
QVariant fromJson(const QJsonValue &value, ProgressColumn type, QString *expected)
{
    const bool optional = type == ProgressColumn::OptionalInteger || type == ProgressColumn::OptionalTime;
    if (value.isNull() && optional)
        return QVariant();
    switch (type) {
    case ProgressColumn::Text:
        if (value.isString())
            return value.toString();
        *expected = ProgressJson::tr("text");
        return {};
    case ProgressColumn::Integer:
    case ProgressColumn::OptionalInteger:
        if (value.isDouble() && value.toDouble() == double(qint64(value.toDouble())))
            return qint64(value.toDouble());
        *expected = ProgressJson::tr("a whole number");
        return {};
    case ProgressColumn::Real:
        if (value.isDouble())
            return value.toDouble();
        *expected = ProgressJson::tr("a number");
        return {};
    case ProgressColumn::Time:
    case ProgressColumn::OptionalTime: {
        const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (value.isString() && at.isValid())
            return at.toMSecsSinceEpoch();
        *expected = ProgressJson::tr("a time such as 2026-12-06T14:03:00.000Z");
        return {};
    }
    }
    return {};
}

QString describe(const QJsonValue &value)
{
    if (value.isUndefined())
        return ProgressJson::tr("nothing");
    if (value.isObject() || value.isArray())
        return value.isObject() ? ProgressJson::tr("an object") : ProgressJson::tr("a list");
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

int lineAt(const QByteArray &data, int offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

// The ranges the database's CHECK constraints hold numbers to, so a file is refused by name
// before anything is written.
std::optional<std::pair<int, int>> rangeOf(const QString &table, const QString &column)
{
    if (column == u"state"_s || column.endsWith(u"_state"_s) || column == u"state_before"_s
        || column == u"state_after"_s)
        return std::pair(0, 3);
    if (column == u"confidence"_s)
        return std::pair(0, 5);
    if (column == u"rating"_s)
        return std::pair(1, 4);
    if (table == u"drill_attempt"_s && column != u"seconds_used"_s && column != u"started_at"_s)
        return std::pair(1, 4);
    return std::nullopt;
}

bool inRange(const QString &table, const QString &column, const QVariant &value)
{
    const auto range = rangeOf(table, column);
    if (!range || value.isNull() || value.typeId() != QMetaType::LongLong)
        return true;
    return value.toLongLong() >= range->first && value.toLongLong() <= range->second;
}

// What a column added after an export was written holds when the export lacks it.
QVariant laterColumnDefault(ProgressColumn type)
{
    return type == ProgressColumn::Text ? QVariant(QString()) : QVariant(qint64(0));
}

bool readTables(const QJsonObject &tables, ProgressSnapshot &snapshot, QString *error)
{
    for (const ProgressTable &table : progressTables()) {
        const QJsonValue rows = tables.value(table.name);
        if (rows.isUndefined() && table.requiredColumns == 0)
            continue; // a table added after the export was written
        if (!rows.isArray()) {
            *error = ProgressJson::tr("tables.%1: expected a list of records, found %2. The file is not a "
                                      "complete export; export it again.")
                         .arg(table.name, describe(rows));
            return false;
        }
        QList<QVariantMap> &out = snapshot.rows[table.name];
        const QJsonArray array = rows.toArray();
        for (qsizetype r = 0; r < array.size(); ++r) {
            const QJsonObject record = array.at(r).toObject();
            QVariantMap row;
            for (qsizetype c = 0; c < table.columns.size(); ++c) {
                const QString &column = table.columns.at(c);
                if (table.requiredColumns >= 0 && c >= table.requiredColumns
                    && record.value(column).isUndefined()) {
                    row.insert(column, laterColumnDefault(table.types.at(c)));
                    continue;
                }
                QString expected;
                const QVariant value = fromJson(record.value(column), table.types.at(c), &expected);
                if (expected.isEmpty() && !inRange(table.name, column, value)) {
                    const auto range = rangeOf(table.name, column);
                    expected
                        = ProgressJson::tr("a number from %1 to %2").arg(range->first).arg(range->second);
                }
                if (!expected.isEmpty()) {
                    *error = ProgressJson::tr("tables.%1[%2].%3: expected %4, found %5. Correct the field or "
                                              "export the file again.")
                                 .arg(table.name)
                                 .arg(r)
                                 .arg(column, expected, describe(record.value(column)));
                    return false;
                }
                row.insert(column, value);
            }
            out.append(row);
        }
    }
    return true;
}

} // namespace

QString ProgressJson::curriculumId(const Curriculum &curriculum)
{
    return QFileInfo(curriculum.sourceName()).completeBaseName();
}

QByteArray ProgressJson::write(
    const ProgressSnapshot &snapshot, const QString &curriculumId, const QDateTime &exportedAt)
{
    QJsonObject tables;
    for (const ProgressTable &table : progressTables()) {
        QJsonArray rows;
        for (const QVariantMap &row : snapshot.rows.value(table.name)) {
            QJsonObject record;
            for (qsizetype c = 0; c < table.columns.size(); ++c)
                record.insert(table.columns.at(c), toJson(row.value(table.columns.at(c)), table.types.at(c)));
            rows.append(record);
        }
        tables.insert(table.name, rows);
    }
    const QJsonObject root { { u"format"_s, formatName() }, { u"version"_s, kVersion },
        { u"curriculum"_s, curriculumId },
        { u"exported_at"_s, exportedAt.toUTC().toString(Qt::ISODateWithMs) }, { u"tables"_s, tables } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ProgressJson::read(const QByteArray &data, ProgressJsonFile &file, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const bool cut = parseError.offset >= data.trimmed().size() - 1 || data.trimmed().isEmpty();
        *error = cut ? tr("The file ends too early (line %1): it was cut short. Export it again and import "
                          "the complete file.")
                           .arg(lineAt(data, parseError.offset))
                     : tr("The file is not valid JSON at line %1: %2. Export it again, or correct that line.")
                           .arg(lineAt(data, parseError.offset))
                           .arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != formatName()) {
        *error
            = tr("This is not a StudyBench progress export (its \"format\" is %1, not \"%2\"). Choose a "
                 "file made by File \u203a Export Progress (JSON) or 'studybench-cli export --format json'.")
                  .arg(describe(root.value(u"format"_s)), formatName());
        return false;
    }
    const QJsonValue version = root.value(u"version"_s);
    if (!version.isDouble() || version.toInt() < 1) {
        *error = tr("\"version\": expected a whole number of 1 or more, found %1. Export the file again.")
                     .arg(describe(version));
        return false;
    }
    if (version.toInt() > kVersion) {
        *error = tr("This export was made by a newer StudyBench (format version %1; this one reads version "
                    "%2). Update StudyBench, then import it again.")
                     .arg(version.toInt())
                     .arg(kVersion);
        return false;
    }
    file.curriculumId = root.value(u"curriculum"_s).toString();
    file.exportedAt = QDateTime::fromString(root.value(u"exported_at"_s).toString(), Qt::ISODateWithMs);
    if (file.curriculumId.isEmpty()) {
        *error = tr("\"curriculum\": expected the curriculum's ID, found %1. Export the file again.")
                     .arg(describe(root.value(u"curriculum"_s)));
        return false;
    }
    return readTables(root.value(u"tables"_s).toObject(), file.snapshot, error);
}

} // namespace StudyBench
