#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

class ProgressStore;

/// studybench-cli's commands. Each returns the process exit code: 0 done, 1 failed, 2 misused.
class CliCommands
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)

public:
    CliCommands(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    int curriculum(const QStringList &args, bool json, const QString &curriculumFile);
    int progress(const QStringList &args, bool json, const QString &dataDir, const QString &curriculumFile);
    int backup(const QStringList &args, bool json, const QString &dataDir);
    bool openStore(ProgressStore &store, const QString &dataDir);
    int usageError(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
