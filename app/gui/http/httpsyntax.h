#pragma once

#include <QByteArray>
#include <QString>

class QPlainTextEdit;

namespace StudyBench::HttpSyntax {

/// Highlights @p edit's document as @p definition ("JSON", "XML", "HTML"; empty: no highlighting)
/// with the KSyntaxHighlighting theme that suits the edit's palette. Only for documents small
/// enough to highlight on the GUI thread.
void highlight(QPlainTextEdit *edit, const QString &definition);

/// @p text indented two spaces per level; empty when it is not well-formed XML. Safe on any thread.
QString prettyXml(const QString &text);
/// The same for bytes, whose encoding the XML declaration gives.
QString prettyXml(const QByteArray &bytes);

} // namespace StudyBench::HttpSyntax
