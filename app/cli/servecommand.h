#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

/// studybench-cli serve: runs the practice server in the foreground until SIGINT or SIGTERM,
/// writing one access-log line per request to standard output.
class ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(ServeCommand)

public:
    ServeCommand(QTextStream &out, QTextStream &err);
    /// args: the words after "serve" ("reset" deletes the practice data and exits);
    /// port: the --port value, empty for the default.
    int run(const QStringList &args, const QString &port, const QString &dataDir);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
