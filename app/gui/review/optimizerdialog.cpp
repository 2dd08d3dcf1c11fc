#include "review/optimizerdialog.h"

#include "review/reviewdeck.h"
#include "util/asyncrun.h"

#include <QBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace StudyBench {

OptimizerDialog::OptimizerDialog(
    const QString &databasePath, std::shared_ptr<const Curriculum> curriculum, QWidget *parent)
    : QDialog(parent)
    , m_path(databasePath)
    , m_curriculum(std::move(curriculum))
    , m_label(new QLabel(tr("Fitting the scheduler to your review log…"), this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_poll(new QTimer(this))
{
    setWindowTitle(tr("Optimize Review Schedule"));
    auto *layout = new QVBoxLayout(this);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel, 0, Qt::AlignRight);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_poll->isActive())
            m_shared->cancel = true;
        else
            accept();
    });
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] {
        m_progress->setMaximum(std::max(1, m_shared->steps.load()));
        m_progress->setValue(m_shared->step.load());
    });
    resize(460, 200);
}

OptimizerDialog::~OptimizerDialog()
{
    m_shared->cancel = true;
}

void OptimizerDialog::start()
{
    m_poll->start();
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, shared = m_shared] {
            FsrsOptimizerResult result;
            ReviewStore store;
            if (!store.open(path)) {
                result.error = store.errorString();
                return result;
            }
            ReviewDeck deck(store, curriculum.get());
            return deck.optimize(&shared->cancel, [shared](int step, int steps) {
                shared->step = step;
                shared->steps = steps;
            });
        },
        [this](const FsrsOptimizerResult &result) { finish(result); });
}

void OptimizerDialog::finish(const FsrsOptimizerResult &result)
{
    m_poll->stop();
    m_cancel->setText(tr("Close"));
    if (!result.error.isEmpty())
        m_label->setText(result.error.toHtmlEscaped());
    else if (result.cancelled)
        m_label->setText(tr("Cancelled; the weights were not changed."));
    else
        m_label->setText(
            tr("<p>%1 reviews of %2 cards.</p><table><tr><td></td><td>Before</td><td>After</td></tr>"
               "<tr><td>Log "
               "loss</td><td>%3</td><td>%4</td></tr><tr><td>RMSE(bins)</td><td>%5</td><td>%6</td></tr>"
               "</table><p>%7</p>")
                .arg(result.reviews)
                .arg(result.cards)
                .arg(result.before.logLoss, 0, 'f', 4)
                .arg(result.after.logLoss, 0, 'f', 4)
                .arg(result.before.rmseBins, 0, 'f', 4)
                .arg(result.after.rmseBins, 0, 'f', 4)
                .arg(result.improved ? tr("The new weights are saved.")
                                     : tr("The new weights predict no better; the old ones are kept.")));
    m_progress->setValue(m_progress->maximum());
    Q_EMIT done();
}

} // namespace StudyBench
