#include "cohort/cohortsharedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace StudyBench {

CohortShareDialog::CohortShareDialog(const CohortSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_folder(new QLineEdit(QDir::toNativeSeparators(settings.folder), this))
    , m_name(new QLineEdit(settings.name, this))
    , m_notes(new QCheckBox(tr("Include my &notes"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Share Progress with Cohort"));
    auto *intro
        = new QLabel(tr("Your instructor sees a summary of your progress: each item's state and "
                        "confidence, when you last changed it, and your drill scores. StudyBench writes "
                        "it into a folder of its own inside the cohort folder your bootcamp syncs "
                        "(Syncthing, Nextcloud), and keeps it current while the window runs."),
            this);
    intro->setWordWrap(true);
    m_notes->setChecked(settings.includeNotes);
    m_notes->setToolTip(tr("Your notes are shared only when this is ticked"));
    m_folder->setPlaceholderText(tr("The folder your bootcamp syncs"));
    m_name->setPlaceholderText(tr("Your name, as your instructor knows you"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Cohort &folder:"), folderRow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_notes);
    m_status->setWordWrap(true);
    m_status->setText(settings.isSharing()
            ? tr("Sharing into %1.").arg(QDir::toNativeSeparators(settings.folder))
            : tr("Not sharing."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_share = buttons->addButton(tr("&Share"), QDialogButtonBox::AcceptRole);
    m_stop = buttons->addButton(tr("S&top Sharing"), QDialogButtonBox::DestructiveRole);
    m_stop->setToolTip(tr("Removes your summary from the cohort folder and stops updating it"));
    m_stop->setVisible(settings.isSharing());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    m_chooser = [this](const QString &start) {
        return QFileDialog::getExistingDirectory(
            this, tr("Cohort Folder"), start.isEmpty() ? QDir::homePath() : start);
    };
    connect(browse, &QPushButton::clicked, this, &CohortShareDialog::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &CohortShareDialog::updateButtons);
    connect(m_name, &QLineEdit::textChanged, this, &CohortShareDialog::updateButtons);
    connect(m_share, &QPushButton::clicked, this, [this] {
        m_choice = Share;
        accept();
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_choice = Stop;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
    setMinimumWidth(520);
}

CohortSettings CohortShareDialog::settings() const
{
    return { QDir::fromNativeSeparators(m_folder->text().trimmed()), m_name->text().trimmed(),
        m_notes->isChecked() };
}

void CohortShareDialog::browse()
{
    const QString folder = m_chooser(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

void CohortShareDialog::updateButtons()
{
    const bool ready = !m_folder->text().trimmed().isEmpty() && !m_name->text().trimmed().isEmpty();
    m_share->setEnabled(ready);
    m_share->setToolTip(ready ? QString() : tr("Choose the cohort folder and the name your instructor sees"));
}

} // namespace StudyBench
