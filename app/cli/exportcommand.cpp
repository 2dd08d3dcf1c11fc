#include "exportcommand.h"

#include "cliprogress.h"
#include "report/progressexport.h"
#include "report/progressimport.h"
#include "report/progressjson.h"

#include <QFileInfo>

namespace StudyBench {

using namespace Qt::StringLiterals;

ExportCommand::ExportCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

bool ExportCommand::needsGui(const QStringList &arguments)
{
    if (!arguments.contains(u"export"_s))
        return false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if ((a == u"--format"_s && arguments.value(i + 1).toLower() == u"pdf"_s)
            || a.toLower() == u"--format=pdf"_s)
            return true;
    }
    return false;
}

int ExportCommand::exportProgress(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(u"export"_s, QString(), QString());
    commandLine.parser().setApplicationDescription(
        tr("Writes the progress of the chosen curriculum to FILE: a report per section (md, html, pdf), "
           "the JSON that 'studybench-cli import' reads on another machine (json), or the review cards "
           "as a tab-separated file for Anki (anki)."));
    const QCommandLineOption format(u"format"_s, tr("md, html, pdf, json or anki."), tr("FORMAT"));
    const QCommandLineOption notes(
        u"notes"_s, tr("Include the notes (md, html, pdf; json and anki always do)."));
    const QCommandLineOption output({ u"o"_s, u"output"_s }, tr("The file to write."), tr("FILE"));
    commandLine.parser().addOptions({ format, notes, output });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const auto chosen = ProgressExport::formatFromName(commandLine.parser().value(format));
    if (!chosen)
        return commandLine.usageError(m_err, tr("--format must be md, html, pdf, json or anki."));
    if (commandLine.parser().value(output).isEmpty())
        return commandLine.usageError(m_err, tr("Say where to write with -o FILE."));
    if (!commandLine.parser().positionalArguments().isEmpty())
        return commandLine.usageError(m_err, tr("'export' takes no arguments besides its options."));
    CliProfile profile;
    if (!profile.open(globals, m_err))
        return 1;
    const QString path = QFileInfo(commandLine.parser().value(output)).absoluteFilePath();
    QString error;
    if (!ProgressExport::exportFile(*profile.curriculum, profile.progress.path(), *chosen,
            commandLine.parser().isSet(notes), path, &error)) {
        m_err << error << Qt::endl;
        return 1;
    }
    m_out << path << Qt::endl;
    return 0;
}

int ExportCommand::importProgress(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(
        u"import"_s, u"FILE"_s, tr("A JSON file made by 'studybench-cli export --format json'."));
    commandLine.parser().setApplicationDescription(
        tr("Merges a progress export into the chosen curriculum's progress: by item, the newer change wins; "
           "notes that differ are both kept; reviews and drill attempts are united. A backup is made first. "
           "Prints what was added, updated and left unchanged."));
    const QCommandLineOption dryRun(u"dry-run"_s, tr("Say what would change; write nothing."));
    commandLine.parser().addOption(dryRun);
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList args = commandLine.parser().positionalArguments();
    if (args.size() != 1)
        return commandLine.usageError(m_err, tr("Usage: studybench-cli import FILE [--dry-run]"));
    CliProfile profile;
    if (!profile.open(globals, m_err))
        return 1;
    ImportRequest request;
    request.file = QFileInfo(args.first()).absoluteFilePath();
    request.databasePath = profile.progress.path();
    request.profileDirectory = globals.profileDirectory();
    request.curriculumId = ProgressJson::curriculumId(*profile.curriculum);
    request.dryRun = commandLine.parser().isSet(dryRun);
    const MergeReport report = ProgressImport::run(request);
    if (!report.ok()) {
        m_err << report.error << Qt::endl << tr("Nothing was changed.") << Qt::endl;
        return 1;
    }
    m_out << report.text() << Qt::endl;
    m_out << (request.dryRun ? tr("Dry run: nothing was written.") : tr("Imported %1.").arg(request.file))
          << Qt::endl;
    return 0;
}

} // namespace StudyBench
