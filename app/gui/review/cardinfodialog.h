#pragma once

#include "review/reviewstore.h"

#include <QDialog>

#include <memory>

class QLabel;
class QStandardItemModel;

namespace StudyBench {

class Curriculum;
class ForgettingCurve;

/// Card info: added, reviews, stability in days, difficulty, retrievability now, due, the review
/// log and the forgetting curve. Loads on a worker thread.
class CardInfoDialog : public QDialog
{
    Q_OBJECT

public:
    CardInfoDialog(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum,
        const QString &nodeId, QWidget *parent = nullptr);
    /// A fixed time (tests, screenshots) instead of the clock; call before load().
    void setNow(const QDateTime &now) { m_now = now; }
    void load();

Q_SIGNALS:
    void loadedForTest();

private:
    struct Info;
    void present(const Info &info);

    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
    QString m_nodeId;
    QDateTime m_now;
    QLabel *m_summary;
    ForgettingCurve *m_curve;
    QStandardItemModel *m_log;
};

} // namespace StudyBench
