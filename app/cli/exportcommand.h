#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

/// `studybench-cli export` (a report or the JSON for import, or review cards for Anki) and
/// `studybench-cli import FILE [--dry-run]`. Exit code: 0 done, 1 failed (nothing changed), 2 misused.
class ExportCommand
{
    Q_DECLARE_TR_FUNCTIONS(ExportCommand)

public:
    ExportCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("export").
    int exportProgress(const QStringList &arguments, GlobalOptions globals);
    /// @p arguments starts with the command name ("import").
    int importProgress(const QStringList &arguments, GlobalOptions globals);

    /// True when the command line asks for a PDF export: main() then makes a QGuiApplication
    /// (offscreen) for its fonts and painting; every other command stays display-free.
    static bool needsGui(const QStringList &arguments);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
