#pragma once

#include "curriculum/curriculum.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

class QSqlQuery;

namespace StudyBench {

/// One row for the search index: what it is called (key), when it last changed (stamp: the
/// index re-reads it only when that differs), and its text.
struct IndexDocument
{
    QString key;
    QString stamp;
    QString title;
    QString body;
};

/// Reading what the search index indexes from where StudyBench keeps it. Read-only, blocking.
namespace SearchSources {

/// A digest of every node's id, title and text: the index re-reads the curriculum when it changes.
QString curriculumHash(const Curriculum &curriculum);
/// Every node but the root, in document order, each id once.
QList<IndexDocument> curriculumDocuments(const Curriculum &curriculum);

/// The learner's files under @p profileDir: everything under scratch/ and drills' *.md, each by
/// its path relative to @p profileDir, with its stamp (modification time and size).
QHash<QString, QString> listFiles(const QString &profileDir);
/// Whether @p relativePath (to the profile folder) is one listFiles() would list.
bool isIndexedFile(const QString &relativePath);
/// The file @p relativePath as a document: its text (none for a binary or very large file).
IndexDocument fileDocument(const QString &profileDir, const QString &relativePath, const QString &stamp);
/// The stamp of a file's modification time and size, as listFiles() gives it.
QString fileStamp(const QString &absolutePath);

/// The columns historyDocument() reads, for "SELECT <columns> FROM request".
QString historyColumns();
/// A row of the request history (selected with historyColumns()) as a document.
IndexDocument historyDocument(const QSqlQuery &row);

} // namespace SearchSources

} // namespace StudyBench
