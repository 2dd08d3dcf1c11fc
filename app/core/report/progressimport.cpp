#include "report/progressimport.h"

#include "curriculum/curriculum.h"
#include "progress/backupmanager.h"
#include "progress/progressstore.h"
#include "report/progressjson.h"

#include <QFile>
#include <QFileInfo>

namespace StudyBench {

MergeReport ProgressImport::run(const ImportRequest &request)
{
    MergeReport report;
    report.dryRun = request.dryRun;
    QFile file(request.file);
    if (!file.open(QIODevice::ReadOnly)) {
        report.error = tr("Cannot read %1: %2.").arg(request.file, file.errorString());
        return report;
    }
    ProgressJsonFile parsed;
    QString error;
    if (!ProgressJson::read(file.readAll(), parsed, &error)) {
        report.error = tr("%1: %2").arg(QFileInfo(request.file).fileName(), error);
        return report;
    }
    if (parsed.curriculumId != request.curriculumId) {
        report.error
            = tr("%1 holds progress in the curriculum '%2', but '%3' is open. Open '%2' "
                 "(--curriculum %2.md on the command line), then import it again.")
                  .arg(QFileInfo(request.file).fileName(), parsed.curriculumId, request.curriculumId);
        return report;
    }
    if (!request.dryRun) {
        BackupManager backups(request.profileDirectory);
        if (QFileInfo::exists(request.databasePath)
            && !backups.backUp(request.databasePath, QStringLiteral("pre-import"))) {
            report.error
                = tr("Nothing was imported: the backup before it failed (%1).").arg(backups.errorString());
            return report;
        }
    }
    MergeOptions options;
    options.sourceName = QFileInfo(request.file).fileName();
    options.dryRun = request.dryRun;
    return ProgressMerge::merge(request.databasePath, parsed.snapshot, options);
}

SectionReset::Result SectionReset::run(const Curriculum &curriculum, const QString &sectionId,
    const QString &databasePath, const QString &profileDirectory)
{
    Result result;
    const CurriculumNode *section = curriculum.find(sectionId);
    if (!section) {
        result.error
            = tr("No section has the ID '%1'; 'studybench-cli progress' lists the sections.").arg(sectionId);
        return result;
    }
    BackupManager backups(profileDirectory);
    const auto backup = backups.backUp(databasePath, QStringLiteral("pre-reset"));
    if (!backup) {
        result.error = tr("Nothing was reset: the backup before it failed (%1).").arg(backups.errorString());
        return result;
    }
    result.backupPath = backup->path;
    ProgressStore store;
    if (!store.open(databasePath)) {
        result.error = store.errorString();
        return result;
    }
    const ItemRecords items = store.items();
    for (const CurriculumNode *node : curriculum.checkableNodes()) {
        const bool under = node->id == sectionId || node->id.startsWith(sectionId + QLatin1Char('/'));
        const auto it = items.constFind(node->id);
        if (!under || it == items.constEnd() || it->state == ItemState::NotStarted)
            continue;
        if (!store.setState(node->id, ItemState::NotStarted, node->title, QStringLiteral("reset"))) {
            result.error = store.errorString();
            return result;
        }
        ++result.reset;
    }
    return result;
}

} // namespace StudyBench
