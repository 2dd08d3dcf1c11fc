#include "drill/drillfinishdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace StudyBench {

DrillFinishDialog::DrillFinishDialog(QWidget *parent)
    : QDialog(parent)
    , m_fix(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Finish the Drill"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Score your answer against the rubric, 1 (weak) to 4 (strong). A 1 or 2 "
                                "makes the drill's least confident concepts due for review."),
        this);
    intro->setWordWrap(true);
    form->addRow(intro);
    const auto dimensions = DrillRubric::standardDimensions();
    for (size_t i = 0; i < dimensions.size(); ++i) {
        auto *box = new QSpinBox(this);
        box->setRange(0, kDrillMaxScore);
        box->setSpecialValueText(tr("–"));
        box->setToolTip(tr("Strong: %1\nWeak: %2").arg(dimensions[i].strong, dimensions[i].weak));
        connect(box, &QSpinBox::valueChanged, this, &DrillFinishDialog::updateOk);
        form->addRow(tr("&%1 (1–4):").arg(dimensions[i].name), box);
        m_boxes[i] = box;
    }
    m_fix->setPlaceholderText(tr("Optional: what to do better next time"));
    form->addRow(tr("What to &fix:"), m_fix);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    resize(480, sizeHint().height());
}

std::array<int, kDrillDimensionCount> DrillFinishDialog::scores() const
{
    std::array<int, kDrillDimensionCount> result {};
    for (size_t i = 0; i < m_boxes.size(); ++i)
        result[i] = m_boxes[i]->value();
    return result;
}

QString DrillFinishDialog::toFix() const
{
    return m_fix->text().trimmed();
}

void DrillFinishDialog::updateOk()
{
    bool all = true;
    for (const QSpinBox *box : m_boxes)
        all = all && box->value() >= kDrillMinScore;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(all);
}

} // namespace StudyBench
