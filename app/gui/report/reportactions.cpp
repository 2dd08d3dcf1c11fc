#include "report/reportactions.h"

#include "curriculum/curriculum.h"
#include "report/progressexport.h"
#include "report/progressimport.h"
#include "report/progressjson.h"
#include "report/reportdialogs.h"
#include "util/asyncrun.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QWidget>

namespace StudyBench {

ReportActions::ReportActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_export(new QAction(tr("E&xport Progress…"), this))
    , m_anki(new QAction(tr("Export Review Cards for &Anki…"), this))
    , m_import(new QAction(tr("&Import Progress…"), this))
    , m_reset(new QAction(tr("Reset Section for Re&vision…"), this))
{
    m_export->setToolTip(tr("Write your progress as a PDF, web page, Markdown or JSON file"));
    m_anki->setToolTip(tr("Write your review cards as a file Anki imports as notes"));
    m_import->setToolTip(tr("Merge a JSON export (from another machine or profile) into your progress"));
    m_reset->setToolTip(tr("Set every item of this section back to not started, to revise it"));
    m_save = [this](const QString &title, const QString &path, const QString &filter) {
        return QFileDialog::getSaveFileName(m_window, title, path, filter);
    };
    m_open = [this](const QString &title, const QString &path, const QString &filter) {
        return QFileDialog::getOpenFileName(m_window, title, path, filter);
    };
    connect(m_export, &QAction::triggered, this, &ReportActions::exportProgress);
    connect(m_anki, &QAction::triggered, this, &ReportActions::exportAnki);
    connect(m_import, &QAction::triggered, this, &ReportActions::importProgress);
    connect(m_reset, &QAction::triggered, this, &ReportActions::resetSection);
    setDatabase({}, {}, nullptr);
}

void ReportActions::setDatabase(const QString &databasePath, const QString &profileDirectory,
    std::shared_ptr<const Curriculum> curriculum)
{
    m_path = databasePath;
    m_profileDir = profileDirectory;
    m_curriculum = std::move(curriculum);
    const bool ready = !m_path.isEmpty() && m_curriculum;
    for (QAction *a : { m_export, m_anki, m_import })
        a->setEnabled(ready);
    setCurrentItem(m_current);
}

void ReportActions::setCurrentItem(const QString &nodeId)
{
    m_current = nodeId;
    const CurriculumNode *node = m_curriculum ? m_curriculum->find(nodeId) : nullptr;
    const bool section = node && node->kind == NodeKind::Section && !m_path.isEmpty();
    m_reset->setVisible(section);
    m_reset->setEnabled(section);
}

void ReportActions::setFileChoosers(FileChooser save, FileChooser open)
{
    m_save = std::move(save);
    m_open = std::move(open);
}

QString ReportActions::suggestedPath(const QString &suffix) const
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name
        = m_curriculum ? ProgressJson::curriculumId(*m_curriculum) : QStringLiteral("progress");
    return QDir(folder).filePath(
        QStringLiteral("%1-%2.%3").arg(name, QDate::currentDate().toString(Qt::ISODate), suffix));
}

void ReportActions::finish(bool ok, const QString &text)
{
    if (ok)
        Q_EMIT message(text);
    else
        QMessageBox::warning(m_window, tr("StudyBench"), text);
    Q_EMIT done(ok, text);
}

void ReportActions::exportProgress()
{
    ExportDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ProgressExport::Format format = dialog.format();
    const QString suffix = ProgressExport::suffix(format);
    const QString path = m_save(
        tr("Export Progress"), suggestedPath(suffix), tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (!path.isEmpty())
        writeExport(int(format), dialog.includeNotes(), path);
}

void ReportActions::exportAnki()
{
    const QString path = m_save(tr("Export Review Cards for Anki"), suggestedPath(QStringLiteral("tsv")),
        tr("Tab-separated text (*.tsv *.txt)"));
    if (!path.isEmpty())
        writeExport(int(ProgressExport::Format::Anki), true, path);
}

void ReportActions::writeExport(int format, bool notes, const QString &path)
{
    m_window->setCursor(Qt::BusyCursor);
    runAsync(
        this,
        [curriculum = m_curriculum, database = m_path, format, notes, path] {
            QString error;
            const bool ok = ProgressExport::exportFile(
                *curriculum, database, ProgressExport::Format(format), notes, path, &error);
            return std::pair(ok, error);
        },
        [this, path](const std::pair<bool, QString> &result) {
            m_window->unsetCursor();
            finish(result.first,
                result.first ? tr("Exported to %1").arg(QDir::toNativeSeparators(path)) : result.second);
        });
}

void ReportActions::importProgress()
{
    const QString file = m_open(tr("Import Progress"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), tr("Progress exports (*.json)"));
    if (file.isEmpty())
        return;
    ImportRequest request { file, m_path, m_profileDir, ProgressJson::curriculumId(*m_curriculum), true };
    runAsync(
        this, [request] { return ProgressImport::run(request); },
        [this, file](const MergeReport &report) {
            if (!report.ok())
                finish(false, report.error);
            else
                showImportReport(file, report);
        });
}

void ReportActions::showImportReport(const QString &file, const MergeReport &dryRun)
{
    ImportReportDialog dialog(file, dryRun, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ImportRequest request { file, m_path, m_profileDir, ProgressJson::curriculumId(*m_curriculum), false };
    runAsync(
        this, [request] { return ProgressImport::run(request); },
        [this, file](const MergeReport &report) {
            if (report.changedAnything())
                Q_EMIT progressChanged();
            finish(report.ok(),
                report.ok() ? tr("Imported %1; the progress before it is kept as a backup.")
                                  .arg(QFileInfo(file).fileName())
                            : report.error);
        });
}

void ReportActions::resetSection()
{
    const CurriculumNode *section = m_curriculum ? m_curriculum->find(m_current) : nullptr;
    if (!section)
        return;
    const auto answer = QMessageBox::question(m_window, tr("Reset Section for Revision"),
        tr("Set every item of “%1” back to not started, to revise it?\n\nThe history of changes, your notes, "
           "confidence and review cards are kept. A backup is made first: File \u203a Restore from Backup… "
           "undoes the reset.")
            .arg(section->title),
        QMessageBox::Reset | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Reset)
        return;
    runAsync(
        this,
        [curriculum = m_curriculum, id = section->id, database = m_path, profile = m_profileDir] {
            return SectionReset::run(*curriculum, id, database, profile);
        },
        [this, title = section->title](const SectionReset::Result &result) {
            if (result.reset > 0)
                Q_EMIT progressChanged();
            finish(result.ok(),
                result.ok()
                    ? tr("%n item(s) of %1 set back to not started.", nullptr, result.reset).arg(title)
                    : result.error);
        });
}

} // namespace StudyBench
