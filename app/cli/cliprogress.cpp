#include "cliprogress.h"

#include "curriculum/curriculumparser.h"
#include "progress/progressopener.h"

#include <QCoreApplication>

namespace StudyBench {

bool openProgressStore(ProgressStore &store, const QString &profileDirectory, QTextStream &err)
{
    const OpenReport report = ProgressOpener::open(store, profileDirectory);
    if (report.recovered)
        err << report.recoveryMessage() << Qt::endl;
    for (const QString &warning : report.backupWarnings)
        err << QCoreApplication::translate("CliCommands", "warning: %1").arg(warning) << Qt::endl;
    if (!report.ok)
        err << report.error << Qt::endl;
    return report.ok;
}

bool CliProfile::open(const GlobalOptions &globals, QTextStream &err)
{
    CurriculumParseResult parsed = CurriculumParser::parseFileOrBuiltin(globals.curriculum());
    if (!parsed.ok()) {
        err << parsed.error.toString() << Qt::endl;
        return false;
    }
    curriculum = std::move(parsed.curriculum);
    return openProgressStore(progress, globals.profileDirectory(), err);
}

} // namespace StudyBench
