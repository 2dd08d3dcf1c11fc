#include "search/searchsources.h"

#include "util/datalocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QVariant>

namespace StudyBench::SearchSources {

namespace {

// Text past this is not indexed: a practice file or a response body is rarely longer, and the
// index stays small.
constexpr qint64 kMaxIndexedBytes = 256 * 1024;

// @p bytes as text, or nothing when they are not UTF-8 text (an image, a zip).
QString textOf(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return {};
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes.left(kMaxIndexedBytes));
    return decoder.hasError() ? QString() : text;
}

QString headerLines(const QString &json)
{
    QStringList lines;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array)
        lines.append(v.toArray().at(0).toString() + QStringLiteral(": ") + v.toArray().at(1).toString());
    return lines.join(QLatin1Char('\n'));
}

void addFiles(const QDir &profile, const QString &folder, bool markdownOnly, QHash<QString, QString> &files)
{
    const QString root = profile.filePath(folder);
    if (!QFileInfo(root).isDir())
        return;
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        if (markdownOnly && info.suffix().compare(QLatin1StringView("md"), Qt::CaseInsensitive) != 0)
            continue;
        files.insert(profile.relativeFilePath(info.filePath()),
            QStringLiteral("%1:%2").arg(info.lastModified().toMSecsSinceEpoch()).arg(info.size()));
    }
}

} // namespace

QString curriculumHash(const Curriculum &curriculum)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QList<const CurriculumNode *> nodes = curriculum.allNodes();
    for (const CurriculumNode *node : nodes) {
        hash.addData(node->id.toUtf8());
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(node->title.toUtf8());
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(node->text.toUtf8());
        hash.addData(QByteArrayView("\x1e"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QList<IndexDocument> curriculumDocuments(const Curriculum &curriculum)
{
    QList<IndexDocument> documents;
    QSet<QString> seen;
    const QList<const CurriculumNode *> nodes = curriculum.allNodes();
    for (const CurriculumNode *node : nodes) {
        if (node == curriculum.root() || node->id.isEmpty() || seen.contains(node->id))
            continue;
        seen.insert(node->id);
        documents.append({ node->id, {}, node->title, node->text });
    }
    return documents;
}

QHash<QString, QString> listFiles(const QString &profileDir)
{
    QHash<QString, QString> files;
    const QDir profile(profileDir);
    addFiles(profile, DataFile::scratchFolder(), false, files);
    addFiles(profile, DataFile::drillsFolder(), true, files);
    return files;
}

bool isIndexedFile(const QString &relativePath)
{
    if (relativePath.startsWith(QLatin1StringView("../")) || QDir::isAbsolutePath(relativePath))
        return false;
    if (relativePath.startsWith(DataFile::scratchFolder() + QLatin1Char('/')))
        return true;
    return relativePath.startsWith(DataFile::drillsFolder() + QLatin1Char('/'))
        && relativePath.endsWith(QLatin1StringView(".md"), Qt::CaseInsensitive);
}

QString fileStamp(const QString &absolutePath)
{
    const QFileInfo info(absolutePath);
    return QStringLiteral("%1:%2").arg(info.lastModified().toMSecsSinceEpoch()).arg(info.size());
}

IndexDocument fileDocument(const QString &profileDir, const QString &relativePath, const QString &stamp)
{
    IndexDocument document { relativePath, stamp, relativePath.section(QLatin1Char('/'), 1), {} };
    QFile file(QDir(profileDir).filePath(relativePath));
    if (file.open(QIODevice::ReadOnly))
        document.body = textOf(file.read(kMaxIndexedBytes));
    return document;
}

QString historyColumns()
{
    return QStringLiteral("id, method, url, name, status, error, request_headers, request_json, "
                          "response_headers, response_body, sent_at");
}

IndexDocument historyDocument(const QSqlQuery &row)
{
    IndexDocument document;
    document.key = QString::number(row.value(0).toLongLong());
    // An id freed by pruning may be given again; the time it was sent tells the two apart.
    document.stamp = QString::number(row.value(10).toLongLong());
    const QString request = row.value(1).toString() + QLatin1Char(' ') + row.value(2).toString();
    const QString name = row.value(3).toString();
    const int status = row.value(4).toInt();
    document.title = name.isEmpty() ? request : name + QStringLiteral(" — ") + request;
    if (status > 0)
        document.title += QStringLiteral(" → %1").arg(status);
    const QJsonObject json = QJsonDocument::fromJson(row.value(7).toString().toUtf8()).object();
    document.body = QStringList { row.value(5).toString(), headerLines(row.value(6).toString()),
        json.value(QLatin1StringView("body")).toString().left(kMaxIndexedBytes),
        headerLines(row.value(8).toString()), textOf(row.value(9).toByteArray()) }
                        .join(QLatin1Char('\n'))
                        .trimmed();
    return document;
}

} // namespace StudyBench::SearchSources
