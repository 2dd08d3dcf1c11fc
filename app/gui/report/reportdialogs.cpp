#include "report/reportdialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace StudyBench {

ExportDialog::ExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_notes(new QCheckBox(tr("Include my &notes"), this))
    , m_hint(new QLabel(this))
{
    setWindowTitle(tr("Export Progress"));
    m_format->addItem(tr("PDF document"), int(ProgressExport::Format::Pdf));
    m_format->addItem(tr("Web page (HTML)"), int(ProgressExport::Format::Html));
    m_format->addItem(tr("Markdown"), int(ProgressExport::Format::Markdown));
    m_format->addItem(tr("JSON, to import on another machine"), int(ProgressExport::Format::Json));
    m_hint->setWordWrap(true);
    m_notes->setChecked(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_notes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateHint);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    updateHint();
    setMinimumWidth(480);
    adjustSize();
}

ProgressExport::Format ExportDialog::format() const
{
    return ProgressExport::Format(m_format->currentData().toInt());
}

void ExportDialog::setFormat(ProgressExport::Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

bool ExportDialog::includeNotes() const
{
    return m_notes->isChecked() || format() == ProgressExport::Format::Json;
}

void ExportDialog::setIncludeNotes(bool include)
{
    m_notes->setChecked(include);
}

void ExportDialog::updateHint()
{
    const bool json = format() == ProgressExport::Format::Json;
    m_notes->setEnabled(!json);
    m_hint->setText(json ? tr("Everything: states with their history, confidence, notes, review cards and "
                              "their log, drill attempts. File › Import Progress… merges it into another "
                              "profile.")
                         : tr("Each section's items with their state, confidence, last change and review "
                              "numbers, and a chart of each section's progress."));
}

ImportReportDialog::ImportReportDialog(const QString &file, const MergeReport &report, QWidget *parent)
    : QDialog(parent)
    , m_model(new QStandardItemModel(0, 4, this))
    , m_table(new QTableView(this))
{
    setWindowTitle(tr("Import Progress"));
    auto *intro = new QLabel(
        tr("Importing <b>%1</b> would change your progress like this. For each item the newer change "
           "wins; notes that differ are both kept; reviews and drill attempts are united. A backup is "
           "made first (File \u203a Restore from Backup… undoes the import).")
            .arg(QFileInfo(file).fileName().toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_model->setHorizontalHeaderLabels({ tr("Records"), tr("Added"), tr("Updated"), tr("Left unchanged") });
    for (const ProgressTable &table : progressTables()) {
        const MergeCount c = report.counts.value(table.name);
        QList<QStandardItem *> row { new QStandardItem(MergeReport::kindLabel(table.name)) };
        for (const int n : { c.added, c.updated, c.unchanged }) {
            auto *item = new QStandardItem(QLocale().toString(n));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.append(item);
        }
        m_model->appendRow(row);
    }
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    import->setEnabled(report.changedAnything());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    if (!report.changedAnything())
        layout->addWidget(new QLabel(tr("Nothing to import: your progress already holds all of it."), this));
    layout->addWidget(buttons);
    resize(560, 400);
}

} // namespace StudyBench
