#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

class DrillCatalog;
class DrillStore;
struct Drill;

/// `studybench-cli drill`: the curriculum's interview drills (list, rubric, attempts, record,
/// surprise).
/// An attempt, and the review cards a weak score makes due, are committed to the progress database
/// before the command returns. Exit code: 0 done, 1 refused or failed (nothing changed), 2 misused.
class DrillCommand
{
    Q_DECLARE_TR_FUNCTIONS(DrillCommand)

public:
    DrillCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("drill").
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    struct RecordOptions
    {
        QString scores;
        QString minutes;
        QString answer;
        QString fix;
    };

    int dispatch(DrillStore &store, const DrillCatalog &catalog, const QStringList &args,
        const CommandLine &commandLine, const RecordOptions &record);
    int list(DrillStore &store, const DrillCatalog &catalog);
    int attempts(DrillStore &store, const DrillCatalog &catalog, const QString &id);
    int record(DrillStore &store, const DrillCatalog &catalog, const QString &id,
        const RecordOptions &options, const CommandLine &commandLine);
    int surprise(DrillStore &store, const DrillCatalog &catalog);
    int rubric(const DrillCatalog &catalog, const QString &id);
    /// The drill @p id, or null after saying on the error stream that it is none.
    const Drill *drillOrSay(const DrillCatalog &catalog, const QString &id);

    QTextStream &m_out;
    QTextStream &m_err;
    QDateTime m_now;
    bool m_json = false;
    bool m_seeded = false;
    quint32 m_seed = 0;
};

} // namespace StudyBench
