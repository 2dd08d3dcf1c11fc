#pragma once

#include <QString>

namespace KSyntaxHighlighting {
class Definition;
class Repository;
} // namespace KSyntaxHighlighting

namespace StudyBench {

/// The one KSyntaxHighlighting repository of the process, loaded on first use. GUI thread only.
KSyntaxHighlighting::Repository &syntaxRepository();

/// The best definition for a file: by file name first, then by the MIME type that the name and
/// @p content (the first few KiB are enough) suggest. Invalid when nothing fits (plain text).
KSyntaxHighlighting::Definition definitionFor(const QString &fileName, const QString &content = {});

} // namespace StudyBench
