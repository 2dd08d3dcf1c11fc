#include "review/reviewactions.h"

#include "progress/progressstore.h"
#include "review/cardinfodialog.h"
#include "review/optimizerdialog.h"
#include "review/reviewdeck.h"
#include "review/reviewsession.h"
#include "review/reviewsessionwidget.h"
#include "review/reviewsettingsdialog.h"
#include "util/asyncrun.h"

#include <QAction>
#include <QBoxLayout>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QTimer>

namespace StudyBench {

namespace {

// The object name of a review session's dialog, so that endSessions() finds every one.
const QString kSessionDialog = QStringLiteral("reviewSessionDialog");

// When a card comes due, in words: "new card, due now", "due in 8m", "due in 3 days".
QString dueStatus(const FsrsCard &card, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(card.due);
    if (seconds <= 0)
        return card.state == CardState::New ? ReviewActions::tr("new card, due now")
                                            : ReviewActions::tr("due now");
    if (seconds < 86400)
        return ReviewActions::tr("due in %1").arg(ReviewDeck::formatInterval(now, card.due));
    return ReviewActions::tr("due in %n day(s)", nullptr, int(qRound64(seconds / 86400.0)));
}

} // namespace

ReviewActions::ReviewActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_menu(new QMenu(tr("&Review"), window))
    , m_start(m_menu->addAction(tr("&Start Review")))
    , m_startHere(m_menu->addAction(tr("Review &Here")))
    , m_info(m_menu->addAction(tr("Card &Info")))
    , m_add(m_menu->addAction(tr("&Add to Review")))
    , m_settings(m_menu->addAction(tr("S&ettings…")))
    , m_optimize(m_menu->addAction(tr("&Optimize…")))
    , m_dueLabel(new QLabel(window))
    , m_timer(new QTimer(this))
    , m_soon(new QTimer(this))
{
    m_start->setShortcut(Qt::Key_F7);
    m_info->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_menu->insertSeparator(m_settings);
    connect(m_start, &QAction::triggered, this, [this] { startReview(); });
    m_startHere->setToolTip(tr("Review only the due cards under the selected section, group or topic"));
    connect(m_startHere, &QAction::triggered, this, [this] { startReview(m_current); });
    connect(m_info, &QAction::triggered, this, &ReviewActions::showCardInfo);
    connect(m_add, &QAction::triggered, this, &ReviewActions::addToReview);
    connect(m_settings, &QAction::triggered, this, &ReviewActions::editSettings);
    connect(m_optimize, &QAction::triggered, this, &ReviewActions::optimize);
    m_dueLabel->setToolTip(tr("Review cards due now (Review › Start Review)"));
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &ReviewActions::refreshDue);
    m_soon->setSingleShot(true);
    m_soon->setInterval(250);
    connect(m_soon, &QTimer::timeout, this, &ReviewActions::refreshDue);
    setCurrentItem({});
    for (QAction *a : actions())
        a->setEnabled(false);
}

QList<QAction *> ReviewActions::actions() const
{
    return { m_start, m_startHere, m_info, m_add, m_settings, m_optimize };
}

void ReviewActions::setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum)
{
    m_path = databasePath;
    m_curriculum = std::move(curriculum);
    m_start->setEnabled(!m_path.isEmpty());
    m_settings->setEnabled(!m_path.isEmpty());
    m_optimize->setEnabled(!m_path.isEmpty());
    setCurrentItem(m_current);
    m_timer->start();
    refreshDue();
}

void ReviewActions::setCurrentItem(const QString &nodeId)
{
    m_current = nodeId;
    m_info->setEnabled(!m_path.isEmpty() && !nodeId.isEmpty());
    m_add->setEnabled(!m_path.isEmpty() && !nodeId.isEmpty());
    m_startHere->setEnabled(!m_path.isEmpty() && !nodeId.isEmpty());
    refreshItem();
}

void ReviewActions::refreshItem()
{
    if (m_path.isEmpty() || m_current.isEmpty())
        return;
    // Only the answer to the latest question is shown (selection moves on, grades come in).
    const int request = ++m_itemRequest;
    runAsync(
        this,
        [path = m_path, id = m_current] {
            ReviewStore store;
            const bool opened = store.open(path);
            return std::pair(opened, opened ? store.card(id) : std::nullopt);
        },
        [this, request, id = m_current](const std::pair<bool, std::optional<ReviewCardRecord>> &result) {
            const auto &[opened, record] = result;
            if (request != m_itemRequest || !opened)
                return; // no line for an item of a database that does not open
            const QString status
                = record ? dueStatus(record->card, QDateTime::currentDateTimeUtc()) : QString();
            Q_EMIT itemReviewChanged(id, record.has_value(), status);
        });
}

void ReviewActions::refreshDueSoon()
{
    m_soon->start();
}

void ReviewActions::refreshDue()
{
    if (m_path.isEmpty())
        return;
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum] {
            ProgressStore progress;
            ReviewStore store;
            if (!progress.open(path) || !store.open(path))
                return -1;
            ReviewDeck deck(store, curriculum.get());
            const QDateTime now = QDateTime::currentDateTimeUtc();
            deck.addFromProgress(progress.items(), now);
            return int(deck.due(now).size());
        },
        [this](int count) {
            m_dueLabel->setText(count < 0 ? QString() : tr("%n due", nullptr, count));
            if (count != m_due) {
                m_due = count;
                Q_EMIT dueCountChanged(count);
            }
            refreshItem();
        });
}

void ReviewActions::startReview(const QString &sectionId)
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(kSessionDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Review"));
    auto *session = new ReviewSession(m_path, m_curriculum, dialog);
    session->setSection(sectionId);
    auto *widget = new ReviewSessionWidget(session, dialog);
    connect(widget, &ReviewSessionWidget::collectionRequested, this, &ReviewActions::collectionRequested);
    (new QVBoxLayout(dialog))->addWidget(widget);
    connect(dialog, &QObject::destroyed, this, &ReviewActions::refreshDue);
    dialog->resize(640, 520);
    dialog->show();
    widget->setFocus();
    session->load();
}

void ReviewActions::endSessions()
{
    // Deleting the dialog deletes its session, which waits for a grade in progress.
    const QList<QDialog *> sessions = m_window->findChildren<QDialog *>(kSessionDialog);
    for (QDialog *dialog : sessions)
        delete dialog;
}

void ReviewActions::showCardInfo()
{
    auto *dialog = new CardInfoDialog(m_path, m_curriculum, m_current, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->load();
}

void ReviewActions::addToReview()
{
    runAsync(
        this,
        [path = m_path, curriculum = m_curriculum, id = m_current] {
            ReviewStore store;
            if (!store.open(path))
                return store.errorString();
            ReviewDeck deck(store, curriculum.get());
            return deck.add(id, QDateTime::currentDateTimeUtc()).error;
        },
        [this](const QString &error) {
            Q_EMIT message(error.isEmpty() ? tr("Added to review.") : error);
            refreshDue();
        });
}

void ReviewActions::editSettings()
{
    auto *dialog = new ReviewSettingsDialog(m_path, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // New settings change what the cards' next grades do, not what is due now; counted anyway.
    connect(dialog, &QDialog::accepted, this, &ReviewActions::refreshDue);
    dialog->open();
    dialog->load();
}

void ReviewActions::optimize()
{
    auto *dialog = new OptimizerDialog(m_path, m_curriculum, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->start();
}

} // namespace StudyBench
