#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTimer;
class QWidget;

namespace StudyBench {

class Curriculum;

/// The Review menu and the status bar's "N due" label, for the main window to add:
///
///     auto *review = new ReviewActions(this);
///     menuBar()->addMenu(review->menu());
///     statusBar()->addPermanentWidget(review->dueLabel());
///     review->setDatabase(progressPath, curriculum);      // on open and on curriculum change
///     // and on selection change: review->setCurrentItem(nodeId);
///
/// Start Review (F7) opens a session; Card Info and Add to Review act on the current item;
/// Settings… sets retention and steps; Optimize… fits the weights. Disk work runs on worker
/// threads. itemReviewChanged() says whether the current item is a card and when it is due.
class ReviewActions : public QObject
{
    Q_OBJECT

public:
    explicit ReviewActions(QWidget *window);

    void setDatabase(const QString &databasePath, std::shared_ptr<const Curriculum> curriculum);
    void setCurrentItem(const QString &nodeId);
    QMenu *menu() const { return m_menu; }
    QList<QAction *> actions() const;
    /// Review Here, Card Info and Add to Review: the actions on one item, for its context menu.
    QList<QAction *> itemActions() const { return { m_startHere, m_info, m_add }; }
    QAction *cardInfoAction() const { return m_info; }
    QAction *addToReviewAction() const { return m_add; }
    QAction *settingsAction() const { return m_settings; }
    QLabel *dueLabel() const { return m_dueLabel; }
    int dueCount() const { return m_due; }

    /// Ends every open review session: a grade in progress is committed first, then the session's
    /// connection to the database is closed. Call it before the database file is replaced (a
    /// restore), so that no grade goes into the file being replaced.
    void endSessions();

public Q_SLOTS:
    /// Counts the due cards again (also every minute, after a session and after adding), then
    /// reads the current item's card again.
    void refreshDue();
    /// refreshDue() once, a moment after the last of a burst of calls (a whole section marked done
    /// saves one state per item).
    void refreshDueSoon();

Q_SIGNALS:
    void dueCountChanged(int count);
    /// The current item's review status, read after it is selected and after each refreshDue():
    /// @p isCard, and @p status saying when the card is due ("due in 3 days").
    void itemReviewChanged(const QString &nodeId, bool isCard, const QString &status);
    /// A message for the status bar.
    void message(const QString &text);
    /// The learner followed a practice collection's link on a card ("status-codes.http").
    void collectionRequested(const QString &fileName);

private:
    /// A session over every due card, or only those under @p sectionId.
    void startReview(const QString &sectionId = {});
    void showCardInfo();
    void addToReview();
    void editSettings();
    void optimize();
    void refreshItem();

    QWidget *m_window;
    QString m_path;
    std::shared_ptr<const Curriculum> m_curriculum;
    QString m_current;
    QMenu *m_menu;
    QAction *m_start;
    QAction *m_startHere;
    QAction *m_info;
    QAction *m_add;
    QAction *m_settings;
    QAction *m_optimize;
    QLabel *m_dueLabel;
    QTimer *m_timer;
    QTimer *m_soon;
    int m_due = -1;
    int m_itemRequest = 0;
};

} // namespace StudyBench
