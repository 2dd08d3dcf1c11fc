#pragma once

#include "report/progressexport.h"
#include "review/progressmerge.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace StudyBench {

/// File › Export Progress…: the format (Markdown, HTML, PDF, or JSON for another machine) and
/// whether the notes go in.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(QWidget *parent = nullptr);
    ProgressExport::Format format() const;
    void setFormat(ProgressExport::Format format);
    bool includeNotes() const;
    void setIncludeNotes(bool include);

private:
    void updateHint();

    QComboBox *m_format;
    QCheckBox *m_notes;
    QLabel *m_hint;
};

/// What an import would do (the dry run), kind by kind, before the learner says Import.
class ImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportReportDialog(const QString &file, const MergeReport &report, QWidget *parent = nullptr);
    QStandardItemModel *model() const { return m_model; }

private:
    QStandardItemModel *m_model;
    QTableView *m_table;
};

} // namespace StudyBench
