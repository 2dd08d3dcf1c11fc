#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace StudyBench {

struct SyncPassReport;

/// `studybench-cli sync`: progress on every device through a synced folder (see SyncEngine).
/// `sync --folder DIR` sets the folder, then does a pass; `sync` does one pass (writes what is
/// pending, merges every other device's logs, says how many changes came from which device);
/// `sync status` shows the device, the folder and the devices merged. Exit code: 0 done, 1 failed
/// (what was merged before the failure stays merged; nothing half-merged), 2 misused.
class SyncCommand
{
    Q_DECLARE_TR_FUNCTIONS(SyncCommand)

public:
    SyncCommand(QTextStream &out, QTextStream &err);
    /// @p arguments starts with the command name ("sync").
    int run(const QStringList &arguments, GlobalOptions globals);

private:
    int pass(const QString &profileDir, const QString &curriculumId, bool json);
    int status(const QString &profileDir, const QString &curriculumId, bool json);
    void printPass(const SyncPassReport &report, const QString &folder);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace StudyBench
