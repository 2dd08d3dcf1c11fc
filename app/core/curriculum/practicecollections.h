#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// A request collection shipped with the curriculum (curriculum/practice/*.http, compiled in).
struct PracticeCollection
{
    QString fileName; ///< "status-codes.http"
    QString title;
    QStringList nodeIds; ///< the curriculum items it illustrates
};

/// The shipped request collections, and their copies in the data directory that the learner
/// opens, edits and sends.
class PracticeCollections
{
    Q_DECLARE_TR_FUNCTIONS(PracticeCollections)

public:
    /// Every collection of the index (curriculum/practice/index.json).
    static QList<PracticeCollection> all();
    /// The collections of @p nodeId and of every item below it.
    static QList<PracticeCollection> forNode(const QString &nodeId);
    /// <dataDir>/practice/<fileName>: copied from the shipped one when missing (a learner's edits
    /// are kept), with an http-client.env.json beside it whose "local" environment points at
    /// http://127.0.0.1:<port>. Empty, with @p error set, on failure.
    static QString materialize(const QString &dataDir, const QString &fileName, quint16 port, QString *error);
};

} // namespace StudyBench
