#include "sync/syncreader.h"

#include "progress/progressstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace StudyBench {

namespace {

const QString kKind = QStringLiteral("kind");
const QString kSeq = QStringLiteral("seq");

// A row as the database holds it: JSON has only doubles, the key and the merge compare types.
QVariantMap typed(const ProgressTable &table, const QJsonObject &o)
{
    QVariantMap row;
    for (qsizetype i = 0; i < table.columns.size(); ++i) {
        const QJsonValue v = o.value(table.columns.at(i));
        switch (table.types.at(i)) {
        case ProgressColumn::Text:
            row.insert(table.columns.at(i), v.toString());
            break;
        case ProgressColumn::Real:
            row.insert(table.columns.at(i), v.toDouble());
            break;
        case ProgressColumn::OptionalInteger:
        case ProgressColumn::OptionalTime:
            row.insert(table.columns.at(i), v.isNull() ? QVariant() : QVariant(qint64(v.toDouble())));
            break;
        default:
            row.insert(table.columns.at(i), qint64(v.toDouble()));
        }
    }
    return row;
}

// A row from a log written before changes carried their device and ordering key (schema 4): the
// legacy device and the change's time, as the schema 5 migration stamped the rows it had, so it
// keeps the key it has on every device that merged it before.
QVariantMap stamped(QVariantMap row)
{
    const QString device = QStringLiteral("device");
    if (!row.contains(device) || !row.value(device).toString().isEmpty())
        return row;
    row.insert(device, QString(ProgressStore::kLegacyDevice));
    const QString time = row.contains(QStringLiteral("updated_at")) ? QStringLiteral("updated_at")
                                                                    : QStringLiteral("changed_at");
    row.insert(QStringLiteral("clock"), row.value(time).toLongLong());
    return row;
}

// The greatest sequence number among the complete lines of @p bytes (0: none); the first line
// may be cut short where a tail was read from (it is skipped like any line that is no record).
qint64 greatestSeq(const QByteArray &bytes)
{
    qint64 greatest = 0;
    for (qsizetype from = 0, end = bytes.indexOf('\n'); end >= 0;
        from = end + 1, end = bytes.indexOf('\n', from)) {
        const QJsonObject o = QJsonDocument::fromJson(bytes.mid(from, end - from)).object();
        greatest = std::max(greatest, qint64(o.value(kSeq).toDouble()));
    }
    return greatest;
}

// The greatest sequence number in the log @p path: its last 64 KiB, or more while they hold no
// record (a long note).
qint64 lastSeqInFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (qint64 tail = 64 * 1024;; tail *= 4) {
        const qint64 from = std::max(qint64(0), file.size() - tail);
        if (!file.seek(from))
            return 0;
        const qint64 seq = greatestSeq(file.readAll());
        if (seq > 0 || from == 0)
            return seq;
    }
}

// An item from a log written before its confidence had its own order (schema 6): the confidence
// goes with the row's last change, as it did then.
QVariantMap withConfidenceOrder(QVariantMap row, const QJsonObject &logged)
{
    if (logged.contains(QStringLiteral("confidence_clock")))
        return row;
    row.insert(QStringLiteral("confidence_device"), row.value(QStringLiteral("device")));
    row.insert(QStringLiteral("confidence_clock"), row.value(QStringLiteral("clock")));
    return row;
}

} // namespace

QString NoteVersion::hashOf(const QString &nodeId, const QString &body, qint64 at, const QString &device)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : { nodeId, body, QString::number(at), device }) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\x1f"));
    }
    return QString::fromLatin1(hash.result().toHex().left(32));
}

QJsonObject NoteVersion::toJson() const
{
    return QJsonObject { { QStringLiteral("hash"), hash }, { QStringLiteral("node"), nodeId },
        { QStringLiteral("body"), body }, { QStringLiteral("at"), at }, { QStringLiteral("device"), device },
        { QStringLiteral("replaces"), QJsonArray::fromStringList(replaces) } };
}

NoteVersion NoteVersion::fromJson(const QJsonObject &o)
{
    NoteVersion v;
    v.nodeId = o.value(QStringLiteral("node")).toString();
    v.body = o.value(QStringLiteral("body")).toString();
    v.at = qint64(o.value(QStringLiteral("at")).toDouble());
    v.device = o.value(QStringLiteral("device")).toString();
    for (const QJsonValue &r : o.value(QStringLiteral("replaces")).toArray())
        v.replaces.append(r.toString());
    v.hash = hashOf(v.nodeId, v.body, v.at, v.device);
    return v;
}

bool SyncReader::headerFits(const QJsonObject &header, const QString &path, const QString &deviceId,
    const QString &curriculumId, QStringList *messages)
{
    const int format = header.value(QStringLiteral("format")).toInt();
    const QString curriculum = header.value(QStringLiteral("curriculum")).toString();
    QString why;
    if (header.value(kKind).toString() != SyncFormat::header())
        why = tr("it does not start with a StudyBench sync header");
    else if (format > SyncFormat::kVersion)
        why = tr(
            "a newer StudyBench wrote it (format %1, this one reads %2): update StudyBench on this device")
                  .arg(format)
                  .arg(SyncFormat::kVersion);
    else if (curriculum != curriculumId)
        why = tr("it is progress in another curriculum (%1, this is %2)").arg(curriculum, curriculumId);
    else if (header.value(QStringLiteral("device")).toString() != deviceId)
        why = tr("it belongs to device %1, not to the folder it is in")
                  .arg(header.value(QStringLiteral("device")).toString());
    if (!why.isEmpty())
        messages->append(tr("%1: skipped: %2").arg(QDir::toNativeSeparators(path), why));
    return why.isEmpty();
}

void SyncReader::readFile(const QString &path, const QString &deviceId, const QString &curriculumId,
    SyncFileMark &mark, QMap<qint64, QJsonObject> &records, QStringList *messages)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        messages->append(tr("%1: cannot read it (%2); trying again next time").arg(path, file.errorString()));
        return;
    }
    // Logs only grow: a file is read on from where the last merge left it, unless it shrank (it
    // was replaced) or that place is not a line's end.
    const bool resume
        = mark.offset > 0 && mark.offset <= file.size() && file.seek(mark.offset - 1) && file.read(1) == "\n";
    file.seek(0);
    const QByteArray header = file.readLine();
    if (!header.endsWith('\n'))
        return; // the header itself is still arriving
    if (!headerFits(QJsonDocument::fromJson(header).object(), path, deviceId, curriculumId, messages))
        return;
    if (!resume)
        mark = { header.size(), 1, {} };
    file.seek(mark.offset);
    const QByteArray bytes = file.readAll();
    // The last line is complete only when a newline ends it; a partial one waits for the rest.
    qint64 offset = mark.offset;
    int lineNumber = mark.line;
    for (qsizetype from = 0, end = bytes.indexOf('\n'); end >= 0;
        from = end + 1, end = bytes.indexOf('\n', from)) {
        const QByteArray line = bytes.mid(from, end - from);
        offset += line.size() + 1;
        ++lineNumber;
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        const qint64 seq = qint64(o.value(kSeq).toDouble());
        mark.ends.append({ error.error == QJsonParseError::NoError ? seq : 0, offset, lineNumber });
        if (error.error != QJsonParseError::NoError || seq <= 0) {
            messages->append(
                tr("%1:%2: not a sync record, skipped").arg(QDir::toNativeSeparators(path)).arg(lineNumber));
            continue;
        }
        records.insert(seq, o);
    }
}

qint64 SyncReader::lastSeqIn(const QString &deviceFolder)
{
    const QDir dir(deviceFolder);
    qint64 greatest = 0;
    for (const QString &name : dir.entryList({ QStringLiteral("*.jsonl") }, QDir::Files))
        greatest = std::max(greatest, lastSeqInFile(dir.filePath(name)));
    return greatest;
}

void SyncFileMark::advance(qint64 merged)
{
    for (const auto &[seq, end, number] : std::as_const(ends)) {
        if (seq > merged)
            break;
        offset = end;
        line = number;
    }
    ends.clear();
}

void SyncReader::add(
    SyncBatch &batch, const QJsonObject &record, QMap<QString, QMap<QString, QVariantMap>> &rows)
{
    const QString kind = record.value(kKind).toString();
    if (kind == SyncFormat::note()) {
        batch.notes.append(NoteVersion::fromJson(record));
    } else if (kind == SyncFormat::row()) {
        const QString name = record.value(QStringLiteral("table")).toString();
        if (const ProgressTable *table = progressTable(name)) {
            const QJsonObject logged = record.value(QStringLiteral("row")).toObject();
            QVariantMap row = stamped(typed(*table, logged));
            if (name == QStringLiteral("item"))
                row = withConfidenceOrder(row, logged);
            rows[name].insert(progressKey(*table, row), row);
        }
    }
    ++batch.records;
}

SyncBatch SyncReader::read(const QString &deviceFolder, const QString &deviceId, qint64 afterSeq,
    const QString &curriculumId, QStringList *messages, QHash<QString, SyncFileMark> *marks)
{
    QMap<qint64, QJsonObject> records;
    const QDir dir(deviceFolder);
    QHash<QString, SyncFileMark> fresh;
    QHash<QString, SyncFileMark> &files = marks ? *marks : fresh;
    const QStringList names = dir.entryList({ QStringLiteral("*.jsonl") }, QDir::Files, QDir::Name);
    for (auto m = files.begin(); m != files.end();)
        m = names.contains(m.key()) ? std::next(m) : files.erase(m);
    for (const QString &name : names)
        readFile(dir.filePath(name), deviceId, curriculumId, files[name], records, messages);
    SyncBatch batch;
    SyncBatch pending;
    pending.deviceId = deviceId;
    QMap<QString, QMap<QString, QVariantMap>> rows;
    QMap<QString, QMap<QString, QVariantMap>> pendingRows;
    for (qint64 seq = afterSeq + 1; records.contains(seq); ++seq) {
        const QJsonObject &record = records[seq];
        if (record.value(kKind).toString() != SyncFormat::commit()) {
            add(pending, record, pendingRows);
            continue;
        }
        for (auto t = pendingRows.cbegin(); t != pendingRows.cend(); ++t) {
            for (auto r = t->cbegin(); r != t->cend(); ++r)
                rows[t.key()].insert(r.key(), r.value());
        }
        batch.notes += pending.notes;
        batch.records += pending.records + 1;
        batch.lastSeq = seq;
        pending = {};
        pending.deviceId = deviceId;
        pendingRows.clear();
    }
    for (auto t = rows.cbegin(); t != rows.cend(); ++t)
        batch.rows.rows[t.key()] = t->values();
    for (SyncFileMark &mark : files)
        mark.advance(std::max(afterSeq, batch.lastSeq));
    return batch;
}

} // namespace StudyBench
