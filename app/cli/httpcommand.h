#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

/// `studybench-cli http`: sends the requests of a .http file (or a cURL command), runs their
/// response handlers and reports. Returns the exit code: 0 all passed, 1 a request or test failed,
/// 2 misused.
class HttpCommand
{
    Q_DECLARE_TR_FUNCTIONS(HttpCommand)

public:
    HttpCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("http"); @p globals holds the global options
    /// given before it.
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    int usageError(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
