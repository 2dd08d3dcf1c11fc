#pragma once

#include "review/fsrs.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace StudyBench {

/// Review › Settings…: desired retention with the workload it implies beside it, learning and
/// relearning steps, and the maximum interval. The settings are read and saved through ReviewStore
/// on worker threads; the workload is simulated on one too, a moment after the last change.
/// OK is enabled only when every field is usable; a failed save keeps the dialog and its values.
class ReviewSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReviewSettingsDialog(const QString &databasePath, QWidget *parent = nullptr);
    /// Reads the saved settings and the number of cards (on a worker thread).
    void load();

    QDoubleSpinBox *retentionBox() const { return m_retention; }
    QLineEdit *learningStepsEdit() const { return m_learning; }
    QLineEdit *relearningStepsEdit() const { return m_relearning; }
    QSpinBox *maximumIntervalBox() const { return m_maximumInterval; }
    QLabel *workloadLabel() const { return m_workload; }
    QLabel *learningStepsMessage() const { return m_learningMessage; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *okButton() const;
    /// Closes without saving; ignored while a save is under way.
    void reject() override;

Q_SIGNALS:
    /// The saved settings are in the fields (or the status label says why they could not be read).
    void loaded();
    /// The workload label shows the estimate for the fields as they are.
    void workloadShown(double reviewsPerCardYear);
    /// A save failed: the dialog stays open with its values, the status label says what to do.
    void saveFailed(const QString &error);

private:
    struct Loaded
    {
        FsrsSettings settings;
        int cards = 0;
        QString error;
    };
    void buildFields();
    QLineEdit *addStepsRow(QFormLayout *form, const QString &label, const QString &hint, QLabel **message);
    void present(const Loaded &loaded);
    void showSettings(const FsrsSettings &settings);
    /// The fields as settings (weights as loaded), or nothing while a field is unusable.
    std::optional<FsrsSettings> edited();
    bool checkSteps(QLineEdit *edit, QLabel *message, const QString &hint);
    void fieldsChanged();
    void estimateWorkload();
    void showWorkload(double reviewsPerCardYear);
    void save();
    void saveFinished(const QString &error);

    QString m_path;
    FsrsSettings m_loaded;
    int m_cards = 0;
    bool m_ready = false;
    bool m_saving = false;
    int m_workloadRequest = 0;
    QDoubleSpinBox *m_retention;
    QLabel *m_workload;
    QLineEdit *m_learning = nullptr;
    QLabel *m_learningMessage = nullptr;
    QLineEdit *m_relearning = nullptr;
    QLabel *m_relearningMessage = nullptr;
    QSpinBox *m_maximumInterval;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QTimer *m_debounce;
};

} // namespace StudyBench
