#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// Practice files ("scratch pads") for curriculum nodes, kept under <dataDir>/scratch/<node id>/.
///
/// A node id is a slug path such as "apis/api-design-mastery/restful-principles"; each of its
/// segments becomes a folder. Ids that could leave the scratch folder ("..", absolute paths,
/// backslashes) are refused.
class ScratchPads
{
    Q_DECLARE_TR_FUNCTIONS(ScratchPads)

public:
    explicit ScratchPads(QString dataDir);

    QString dataDir() const { return m_dataDir; }
    /// <dataDir>/scratch
    QString rootPath() const;
    static bool isValidNodeId(const QString &nodeId);
    /// <dataDir>/scratch/<nodeId>; empty for an invalid id.
    QString folderFor(const QString &nodeId) const;

    /// The node's practice file <folder>/<fileName>, created empty (with its folders) when missing.
    /// Empty on failure, with @p error set when given.
    QString practiceFile(const QString &nodeId, const QString &fileName = QStringLiteral("practice.md"),
        QString *error = nullptr) const;
    /// The files in the node's folder (absolute paths, sorted by name); not its sub-nodes' files.
    QStringList files(const QString &nodeId) const;
    /// Ids of every node that has at least one scratch file, sorted.
    QStringList nodesWithFiles() const;

private:
    QString m_dataDir;
};

} // namespace StudyBench
