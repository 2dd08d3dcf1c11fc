#pragma once

// A look at an SQLite file from outside, as another process would: a connection of its own,
// opened and closed for the one statement.

#include <QString>
#include <QVariant>

namespace StudyBenchTest {

/// Runs @p sql on the SQLite file @p path and returns the first column of its first row; an
/// invalid QVariant when the file does not open, the statement fails or returns no row.
QVariant sqliteValue(const QString &path, const QString &sql);

} // namespace StudyBenchTest
