#pragma once

#include <QString>

class QPlainTextEdit;

namespace StudyBench::HttpSyntax {

/// Highlights @p edit's document as @p definition ("JSON", "XML", "HTML"; empty: no highlighting)
/// with the KSyntaxHighlighting theme that suits the edit's palette. Only for documents small
/// enough to highlight on the GUI thread.
void highlight(QPlainTextEdit *edit, const QString &definition);

} // namespace StudyBench::HttpSyntax
