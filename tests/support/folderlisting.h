#pragma once

// What "nothing was written into the folder" is checked against, for the tests of read-only views.

#include <QString>
#include <QStringList>

namespace StudyBenchTest {

/// Every file and folder under @p folder, sorted: its path relative to @p folder, its modification
/// time and, for a file, the SHA-256 of its bytes. Equal listings: nothing was created, removed,
/// changed or touched.
QStringList folderListing(const QString &folder);

} // namespace StudyBenchTest
