#pragma once

#include "clioptions.h"
#include "curriculum/curriculum.h"
#include "progress/progressstore.h"

#include <QString>
#include <QTextStream>

namespace StudyBench {

/// Opens the progress database in @p profileDirectory with ProgressOpener (recovering a damaged
/// one), saying on @p err what it recovered, each backup warning, and why it could not open. False
/// when it could not: the command then exits with 1.
bool openProgressStore(ProgressStore &store, const QString &profileDirectory, QTextStream &err);

/// What the review and drill commands work on: the chosen curriculum and its progress database.
struct CliProfile
{
    CurriculumPtr curriculum;
    ProgressStore progress;

    /// Reads the curriculum @p globals choose and opens its progress database (openProgressStore()).
    /// False, after saying why on @p err, when either fails: the command then exits with 1.
    bool open(const GlobalOptions &globals, QTextStream &err);
};

} // namespace StudyBench
