#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

namespace StudyBench {

struct HttpRunOptions;

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
    /// Reads the command line into @p options; returns an exit code when the command is done.
    std::optional<int> parseOptions(
        const QStringList &arguments, GlobalOptions &globals, HttpRunOptions *options);
    /// Reads @p option's seconds into @p into (ms); returns 2 after saying what is wrong.
    std::optional<int> parseSeconds(
        const QCommandLineParser &parser, const QCommandLineOption &option, std::optional<int> *into);
    int usageError(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
