#pragma once

#include "review/reviewsession.h"

#include <QWidget>

#include <array>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace StudyBench {

/// The review screen: a card's front (term and place); Space shows the back (explanation, note,
/// practice files) and the grade buttons, each with the interval it gives, as Anki does; 1-4 grade
/// Again, Hard, Good, Easy. The whole session works from the keyboard.
class ReviewSessionWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewSessionWidget(ReviewSession *session, QWidget *parent = nullptr);

    bool backShown() const { return m_backShown; }
    /// Shows the back of the current card.
    void reveal();

Q_SIGNALS:
    /// The session has no card left.
    void finished();
    /// A practice collection's link on the back was clicked ("status-codes.http").
    void collectionRequested(const QString &fileName);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showCurrent();
    void grade(Rating rating);

    ReviewSession *m_session;
    QLabel *m_counts;
    QLabel *m_place;
    QLabel *m_term;
    /// The hint (front) or the back and the grade buttons.
    QStackedWidget *m_answer;
    QLabel *m_hint;
    QTextBrowser *m_back;
    QLabel *m_message;
    std::array<QPushButton *, 4> m_buttons {};
    bool m_backShown = false;
};

} // namespace StudyBench
