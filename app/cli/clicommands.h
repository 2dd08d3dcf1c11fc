#pragma once

#include "clioptions.h"

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
    // Each takes the command's arguments (its name first) and the global options given before it.
    int curriculum(const QStringList &arguments, GlobalOptions globals);
    int progress(const QStringList &arguments, GlobalOptions globals);
    int backup(const QStringList &arguments, GlobalOptions globals);
    int serve(const QStringList &arguments, GlobalOptions globals);
    int usageError(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
