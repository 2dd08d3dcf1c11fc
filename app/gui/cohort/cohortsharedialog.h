#pragma once

#include "cohort/cohortshare.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace StudyBench {

/// File › Share Progress with Cohort…: the cohort folder, the name the instructor sees and
/// "Include my notes"; Share, Stop Sharing (while sharing) or Cancel. It only asks: CohortActions
/// does the writing, off the GUI thread.
class CohortShareDialog : public QDialog
{
    Q_OBJECT

public:
    /// What the learner chose.
    enum Choice
    {
        Cancel,
        Share,
        Stop,
    };
    /// Asks for a folder, starting at the given one; empty for none (tests replace it).
    using FolderChooser = std::function<QString(const QString &)>;

    CohortShareDialog(const CohortSettings &settings, QWidget *parent = nullptr);

    CohortSettings settings() const;
    Choice choice() const { return m_choice; }
    void setFolderChooser(FolderChooser chooser) { m_chooser = std::move(chooser); }

    QLineEdit *folderEdit() const { return m_folder; }
    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *notesBox() const { return m_notes; }
    QPushButton *shareButton() const { return m_share; }
    QPushButton *stopButton() const { return m_stop; }

private:
    void browse();
    void updateButtons();

    QLineEdit *m_folder;
    QLineEdit *m_name;
    QCheckBox *m_notes;
    QLabel *m_status;
    QPushButton *m_share;
    QPushButton *m_stop;
    FolderChooser m_chooser;
    Choice m_choice = Cancel;
};

} // namespace StudyBench
