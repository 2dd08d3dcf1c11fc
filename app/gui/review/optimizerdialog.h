#pragma once

#include <QDialog>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace StudyBench {

class Curriculum;
struct FsrsOptimizerResult;

/// Fits the FSRS weights to the review log on a worker thread (runAsync), with a progress bar and
/// Cancel, then shows log loss and RMSE(bins) before and after. The new weights are saved only when
/// they predict the log better.
class OptimizerDialog : public QDialog
{
    Q_OBJECT

public:
    OptimizerDialog(
        const QString &databasePath, std::shared_ptr<const Curriculum> curriculum, QWidget *parent = nullptr);
    ~OptimizerDialog() override;
    void start();

Q_SIGNALS:
    void done();

private:
    struct Shared
    {
        std::atomic_bool cancel { false };
        std::atomic_int step { 0 };
        std::atomic_int steps { 0 };
    };
    void finish(const FsrsOptimizerResult &result);

    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
    QLabel *m_label;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QTimer *m_poll;
};

} // namespace StudyBench
