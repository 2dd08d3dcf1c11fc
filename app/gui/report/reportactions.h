#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QWidget;

namespace StudyBench {

class Curriculum;
struct MergeReport;

/// Export, import and Reset Section, for the main window to add:
///
///     auto *report = new ReportActions(this);
///     fileMenu->addActions(report->fileActions());
///     curriculumPane->setContextActions({ ..., report->resetSectionAction() });
///     report->setDatabase(progressPath, profileDir, curriculum);   // on open and on curriculum change
///     report->setCurrentItem(nodeId);                              // on selection change
///     connect(report, &ReportActions::progressChanged, progressService, &ProgressService::reload);
///
/// Export Progress… (Markdown, HTML, PDF or JSON, notes optional), Export Review Cards for
/// Anki… and Import Progress… (the dry run's report first, then the import after a backup);
/// Reset Section for Revision… asks first. Disk work runs on worker threads; done() (and message())
/// says how it went.
class ReportActions : public QObject
{
    Q_OBJECT

public:
    /// Asks for a file: (title, suggested path, filter) -> chosen path, empty for none.
    using FileChooser = std::function<QString(const QString &, const QString &, const QString &)>;

    explicit ReportActions(QWidget *window);

    void setDatabase(const QString &databasePath, const QString &profileDirectory,
        std::shared_ptr<const Curriculum> curriculum);
    /// The selected node: Reset Section shows for a section only.
    void setCurrentItem(const QString &nodeId);
    /// Export Progress…, Export Review Cards for Anki…, Import Progress….
    QList<QAction *> fileActions() const { return { m_export, m_anki, m_import }; }
    QAction *exportAction() const { return m_export; }
    QAction *ankiAction() const { return m_anki; }
    QAction *importAction() const { return m_import; }
    QAction *resetSectionAction() const { return m_reset; }
    /// Replaces the file dialogs (tests): saving and opening.
    void setFileChoosers(FileChooser save, FileChooser open);

Q_SIGNALS:
    /// An import or a reset changed the progress database: the window reads it again.
    void progressChanged();
    /// A message for the status bar.
    void message(const QString &text);
    /// An export, import or reset finished (@p ok) or was refused; @p text says what happened.
    void done(bool ok, const QString &text);

private:
    void exportProgress();
    void exportAnki();
    void writeExport(int format, bool notes, const QString &path);
    void importProgress();
    void showImportReport(const QString &file, const MergeReport &report);
    void resetSection();
    void finish(bool ok, const QString &text);
    QString suggestedPath(const QString &suffix) const;

    QWidget *m_window;
    QString m_path;
    QString m_profileDir;
    std::shared_ptr<const Curriculum> m_curriculum;
    QString m_current;
    FileChooser m_save;
    FileChooser m_open;
    QAction *m_export;
    QAction *m_anki;
    QAction *m_import;
    QAction *m_reset;
};

} // namespace StudyBench
