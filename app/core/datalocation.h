#pragma once

#include <QString>

namespace StudyBench {

/// The data directory: @p commandLineOverride (--data-dir) when given, else $STUDYBENCH_DATA_DIR,
/// else QStandardPaths::AppDataLocation. Always absolute; not created here.
QString dataDirectory(const QString &commandLineOverride = {});
/// The progress database inside @p dataDir.
QString progressDatabasePath(const QString &dataDir);

/// Sets the application name and version used by QStandardPaths and QSettings. Call once, first.
void setApplicationIdentity();

} // namespace StudyBench
