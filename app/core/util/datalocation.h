#pragma once

#include <QString>

namespace StudyBench {

/// Every file and folder StudyBench keeps in a data (or profile) directory, named here and nowhere
/// else. Paths are relative to the directory.
namespace DataFile {
inline QString progressDatabase()
{
    return QStringLiteral("progress.sqlite");
}
inline QString httpHistory()
{
    return QStringLiteral("http-history.sqlite");
}
/// The search index (app/core/search): a cache derived from the other files, rebuilt when missing.
inline QString searchIndex()
{
    return QStringLiteral("search.sqlite");
}
inline QString practiceDatabase()
{
    return QStringLiteral("practice.sqlite");
}
/// The window's state (geometry, splitters, open tabs, the chosen curriculum).
inline QString uiState()
{
    return QStringLiteral("ui.ini");
}
/// Sync (app/core/sync): the device ID and the sync folder.
inline QString syncSettings()
{
    return QStringLiteral("sync.json");
}
/// The cohort view (app/core/cohort): the cohort folder this profile shares its summary into.
inline QString cohortSettings()
{
    return QStringLiteral("cohort.json");
}
inline QString instanceLock()
{
    return QStringLiteral("studybench.lock");
}
inline QString backupsFolder()
{
    return QStringLiteral("backups");
}
/// Drill answers: drills/DRILL-ID/*.md.
inline QString drillsFolder()
{
    return QStringLiteral("drills");
}
inline QString scratchFolder()
{
    return QStringLiteral("scratch");
}
/// Profiles of curricula other than the built-in one: curricula/NAME.
inline QString curriculaFolder()
{
    return QStringLiteral("curricula");
}
/// Response bodies spooled to disk, under the cache location rather than the data directory.
inline QString responseSpoolFolder()
{
    return QStringLiteral("responses");
}
} // namespace DataFile

/// The data directory: @p commandLineOverride (--data-dir) when given, else $STUDYBENCH_DATA_DIR,
/// else QStandardPaths::AppDataLocation. Always absolute; not created here.
QString dataDirectory(const QString &commandLineOverride = {});
/// The progress database inside @p dataDir.
QString progressDatabasePath(const QString &dataDir);

/// The folder inside @p dataDir that keeps the progress, notes, backups and practice files of the
/// curriculum in @p curriculumFile, so that curricula never mix: @p dataDir itself for the
/// built-in curriculum (an empty @p curriculumFile) and for any file with its name
/// (backend-mastery.md, as packages install it), else dataDir/curricula/NAME for a file NAME.md.
/// Files of the same name share a folder wherever they are, so a curriculum may move.
QString profileDirectory(const QString &dataDir, const QString &curriculumFile);

/// The curriculum file StudyBench shows for @p dataDir (empty: the built-in one): @p commandLine
/// (--curriculum, made absolute) when given, else the learner's last choice (ui.ini), else the
/// administrator's Curriculum/Default (Preferences), else the built-in one.
QString chosenCurriculum(const QString &dataDir, const QString &commandLine = {});

/// The curricula installed for everyone: every *.md in studybench/curricula/ under each of
/// $XDG_DATA_HOME and $XDG_DATA_DIRS, the first of each file name only, sorted by file name.
QStringList installedCurricula();

/// Sets the application name and version used by QStandardPaths and QSettings. Call once, first.
void setApplicationIdentity();

} // namespace StudyBench
