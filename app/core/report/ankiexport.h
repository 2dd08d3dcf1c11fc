#pragma once

#include "review/progressmerge.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace StudyBench {

class Curriculum;
struct CurriculumNode;

/// Review cards as a tab-separated file that Anki imports as notes of the Basic type: the front
/// (the item's title), the back (its explanation and the learner's note rendered to HTML) and the
/// tags (the section path, "APIs::API_Design_Mastery"). The file starts with Anki's headers
/// #separator:tab, #html:true and #tags column:3, so Anki needs no questions answered. Fields hold
/// no tab or line break: HTML says them (&#9;, <br>), and quotes are &quot;.
class AnkiExport
{
    Q_DECLARE_TR_FUNCTIONS(AnkiExport)

public:
    /// The whole file, one line per review card in the curriculum's order (cards whose item left
    /// the curriculum last, with their stored title).
    static QString tsv(const Curriculum &curriculum, const ProgressSnapshot &snapshot);
    /// One field made safe: no tabs, line breaks or carriage returns.
    static QString field(const QString &html);
    /// The tag of @p node: the titles from its section down to its parent, spaces as
    /// underscores, joined by "::".
    static QString tag(const CurriculumNode *node);
};

} // namespace StudyBench
