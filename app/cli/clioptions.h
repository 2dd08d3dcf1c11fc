#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

namespace StudyBench {

/// The options every studybench-cli command takes, before or after the command's name, as in git
/// and cargo: `studybench-cli --data-dir DIR http FILE` and `studybench-cli http FILE --data-dir DIR`.
struct GlobalOptions
{
    Q_DECLARE_TR_FUNCTIONS(GlobalOptions)

public:
    QString dataDir; ///< --data-dir DIR; empty for $STUDYBENCH_DATA_DIR or the user's data folder
    bool json = false; ///< --json
    QString curriculumFile; ///< --curriculum FILE, as given; see curriculum()

    /// Adds --data-dir, --json and --curriculum to @p parser.
    static void addTo(QCommandLineParser &parser);
    /// Takes what @p parser found; an option given after the command wins over one given before it.
    void readFrom(const QCommandLineParser &parser);

    /// The data directory (dataDirectory()): --data-dir, $STUDYBENCH_DATA_DIR or the user's.
    QString dataDirectory() const;
    /// The curriculum (chosenCurriculum()): --curriculum, else the window's last choice, else the
    /// administrator's default; empty for the built-in one.
    QString curriculum() const;
    /// Where that curriculum keeps its progress, notes and backups (profileDirectory()).
    QString profileDirectory() const;
};

/// The command line of one studybench-cli command: its own options, the global ones and --help.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    /// @p command is the command's name; @p positional how its arguments read in the usage line,
    /// @p positionalHelp what they are. The command's description and options go to parser().
    CommandLine(const QString &command, const QString &positional, const QString &positionalHelp);

    QCommandLineParser &parser() { return m_parser; }
    /// Parses @p arguments (the command's name first) into @p globals. Returns false when the
    /// command is done: after printing its help to @p out (exitCode() 0), or after saying on
    /// @p err what is wrong (exitCode() 2).
    bool parse(const QStringList &arguments, GlobalOptions &globals, QTextStream &out, QTextStream &err);
    int exitCode() const { return m_exitCode; }
    /// Says @p message and how to get help on @p err; returns 2, the exit code for misuse.
    int usageError(QTextStream &err, const QString &message) const;
    /// Reads the time @p option gives (ISO 8601, for --now) into @p now, or the current time when
    /// it is not given. False, after saying so on @p err (exit code 2), for one it cannot read.
    bool readTime(const QCommandLineOption &option, QDateTime &now, QTextStream &err) const;

    /// What is wrong with arguments @p parser refused; names @p command when the problem is an option
    /// that command does not have (empty @p command: the options before any command).
    static QString errorText(const QCommandLineParser &parser, const QString &command);

private:
    QCommandLineParser m_parser;
    QString m_command;
    int m_exitCode = 0;
};

} // namespace StudyBench
