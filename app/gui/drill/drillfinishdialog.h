#pragma once

#include "drill/drillrubric.h"

#include <QDialog>

#include <array>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace StudyBench {

/// Asks for a finished drill's four scores, 1 to 4 (typed or stepped with the arrow keys, one box
/// per dimension, OK once all four are set) and an optional "what to fix".
class DrillFinishDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DrillFinishDialog(QWidget *parent = nullptr);

    std::array<int, kDrillDimensionCount> scores() const;
    QString toFix() const;

private:
    void updateOk();

    std::array<QSpinBox *, kDrillDimensionCount> m_boxes {};
    QLineEdit *m_fix;
    QDialogButtonBox *m_buttons;
};

} // namespace StudyBench
