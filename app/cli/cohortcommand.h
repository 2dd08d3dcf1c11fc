#pragma once

#include "clioptions.h"
#include "curriculum/curriculum.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

struct CohortOverview;
struct CohortShareResult;

/// `studybench-cli cohort`: the cohort view for instructors (see CohortOverview).
///
///  - `cohort share DIR [--name NAME] [--notes|--no-notes]` writes this learner's summary into the
///    cohort folder DIR (COHORT/learners/DEVICE-ID/summary.json) and remembers DIR, the name and the
///    notes choice; `cohort share` writes it again into the remembered folder;
///  - `cohort share --stop` removes this learner's summary from the folder and forgets it;
///  - `cohort DIR [--json|--csv] [--now TIME]` shows the instructor's view of DIR: learners × sections,
///    the items most learners are stuck on, who has been inactive. Read-only.
///
/// Exit code: 0 done (files skipped are named on standard error), 1 failed, 2 misused.
class CohortCommand
{
    Q_DECLARE_TR_FUNCTIONS(CohortCommand)

public:
    CohortCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("cohort").
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    int share(const QString &folder, const GlobalOptions &globals, const QCommandLineParser &parser);
    int stop(const GlobalOptions &globals);
    int view(const QString &folder, const GlobalOptions &globals, bool csv);
    CurriculumPtr curriculum(const GlobalOptions &globals);
    void printShare(const CohortShareResult &result, const QString &name, bool notes);
    void printTable(const CohortOverview &o);
    void printStuck(const CohortOverview &o);
    void printInactive(const CohortOverview &o);

    QTextStream &m_out;
    QTextStream &m_err;
    QDateTime m_now;
};

} // namespace StudyBench
