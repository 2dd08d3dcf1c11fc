#pragma once

#include "curriculum/curriculum.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// Where and why a curriculum file could not be read.
struct CurriculumError
{
    QString file;
    int line = 0; ///< 1-based; 0 when the problem is with the file as a whole
    QString message; ///< what was wrong, and what was expected instead

    bool isNull() const { return message.isEmpty(); }
    /// "file:line: message", the form compilers use, so editors can jump to it.
    QString toString() const;
};

struct CurriculumParseResult
{
    CurriculumPtr curriculum; ///< null when parsing failed
    CurriculumError error;
    QStringList warnings; ///< problems that did not stop the import (duplicate titles, …)
    int repairedRuns = 0; ///< how many runs of mis-encoded text were repaired

    bool ok() const { return curriculum != nullptr; }
};

/// Parses a Markdown curriculum with md4c into a Curriculum tree.
///
/// "##" headings are sections, "###" groups, "####" topics. In lists, an item that starts with
/// a bold term is a concept (term and explanation kept apart), "- [ ]" is a checklist item (a
/// milestone under a heading that names milestones), a plain item under a heading that names
/// projects is a practical project, any other item a bullet. A list that only links to anchors
/// in the same file (a table of contents) is navigation and is left out.
class CurriculumParser
{
    Q_DECLARE_TR_FUNCTIONS(CurriculumParser)

public:
    static CurriculumParseResult parse(const QByteArray &bytes, const QString &fileName);
    static CurriculumParseResult parseFile(const QString &path);
    /// The curriculum compiled into the binary.
    static CurriculumParseResult builtin();
    /// The curriculum in @p path, or the built-in one when @p path is empty.
    static CurriculumParseResult parseFileOrBuiltin(const QString &path);
    static QString builtinPath();
};

/// A readable, stable slug: lower case, letters and digits, words joined by '-'.
QString slugify(const QString &title);

} // namespace StudyBench
