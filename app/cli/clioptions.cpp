#include "clioptions.h"

#include "util/datalocation.h"

namespace StudyBench {

namespace {

const QString kDataDir = QStringLiteral("data-dir");
const QString kJson = QStringLiteral("json");
const QString kCurriculum = QStringLiteral("curriculum");

QString dashed(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

} // namespace

void GlobalOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        QCommandLineOption(kDataDir,
            tr("Keep data (progress, backups, request history, practice data) in DIR (default: "
               "$STUDYBENCH_DATA_DIR or the user's data folder). Global: before or after the command."),
            tr("DIR")),
        QCommandLineOption(kJson, tr("Print JSON instead of text. Global: before or after the command.")),
        QCommandLineOption(kCurriculum,
            tr("Use the curriculum in FILE instead of the built-in one. Global: before or after the "
               "command."),
            tr("FILE")),
    });
}

void GlobalOptions::readFrom(const QCommandLineParser &parser)
{
    if (parser.isSet(kDataDir))
        dataDir = parser.value(kDataDir);
    if (parser.isSet(kCurriculum))
        curriculumFile = parser.value(kCurriculum);
    json = json || parser.isSet(kJson);
}

QString GlobalOptions::dataDirectory() const
{
    return StudyBench::dataDirectory(dataDir);
}

QString GlobalOptions::curriculum() const
{
    return chosenCurriculum(dataDirectory(), curriculumFile);
}

QString GlobalOptions::profileDirectory() const
{
    return StudyBench::profileDirectory(dataDirectory(), curriculum());
}

CommandLine::CommandLine(const QString &command, const QString &positional, const QString &positionalHelp)
    : m_command(command)
{
    m_parser.addHelpOption();
    GlobalOptions::addTo(m_parser);
    m_parser.addPositionalArgument(positional, positionalHelp);
}

bool CommandLine::parse(
    const QStringList &arguments, GlobalOptions &globals, QTextStream &out, QTextStream &err)
{
    if (!m_parser.parse(arguments)) {
        m_exitCode = usageError(err, errorText(m_parser, m_command));
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        // "Usage: studybench-cli [options] …" becomes "Usage: studybench-cli COMMAND [options] …".
        QString help = m_parser.helpText();
        const qsizetype at = help.indexOf(QLatin1StringView(" [options]"));
        out << (at < 0 ? help : help.insert(at + 1, m_command + QLatin1Char(' ')));
        m_exitCode = 0;
        return false;
    }
    globals.readFrom(m_parser);
    return true;
}

int CommandLine::usageError(QTextStream &err, const QString &message) const
{
    err << message << Qt::endl
        << tr("Run 'studybench-cli %1 --help' for its options.").arg(m_command) << Qt::endl;
    return 2;
}

bool CommandLine::readTime(const QCommandLineOption &option, QDateTime &now, QTextStream &err) const
{
    now = QDateTime::currentDateTimeUtc();
    if (!m_parser.isSet(option))
        return true;
    now = QDateTime::fromString(m_parser.value(option), Qt::ISODateWithMs);
    if (now.isValid())
        return true;
    usageError(err,
        tr("--%1 '%2' is not an ISO 8601 time; write it like 2026-05-01T09:00:00Z.")
            .arg(option.names().constFirst(), m_parser.value(option)));
    return false;
}

QString CommandLine::errorText(const QCommandLineParser &parser, const QString &command)
{
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.isEmpty())
        return parser.errorText();
    if (command.isEmpty())
        return tr("Unknown option '%1' before the command; there go only --data-dir, --json, "
                  "--curriculum, --help and --version.")
            .arg(dashed(unknown.first()));
    return tr("Unknown option '%1': 'studybench-cli %2' has no such option.")
        .arg(dashed(unknown.first()), command);
}

} // namespace StudyBench
