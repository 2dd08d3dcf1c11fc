#include "review/reviewsessionwidget.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QUrl>

namespace StudyBench {

namespace {

// Text that is not Markdown (the curriculum's explanation, file names), escaped so that it shows
// as written inside the Markdown of the back.
QString escapedMarkdown(const QString &text)
{
    static const QString special = QStringLiteral("\\`*_{}[]()#+-.!<>|~");
    QString out;
    out.reserve(text.size() * 2);
    for (const QChar c : text) {
        if (special.contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// The back of a card: the explanation, the learner's note as the Markdown they wrote, the
// practice files.
QString backMarkdown(const ReviewCardText &text)
{
    QString md = escapedMarkdown(text.explanation) + QStringLiteral("\n\n");
    if (!text.note.isEmpty())
        md += QStringLiteral("#### %1\n\n%2\n\n")
                  .arg(escapedMarkdown(ReviewSessionWidget::tr("Your note")), text.note);
    if (!text.practiceFiles.isEmpty()) {
        QStringList files;
        for (const QString &file : text.practiceFiles) {
            QUrl link;
            link.setScheme(QStringLiteral("collection"));
            link.setPath(file);
            files.append(
                QStringLiteral("[%1](%2)").arg(escapedMarkdown(file), link.toString(QUrl::FullyEncoded)));
        }
        md += QStringLiteral("#### %1\n\n%2\n")
                  .arg(
                      escapedMarkdown(ReviewSessionWidget::tr("Practice")), files.join(QStringLiteral(", ")));
    }
    return md;
}

} // namespace

ReviewSessionWidget::ReviewSessionWidget(ReviewSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_counts(new QLabel(this))
    , m_place(new QLabel(this))
    , m_term(new QLabel(this))
    , m_answer(new QStackedWidget(this))
    , m_hint(new QLabel(tr("Press Space to show the answer"), m_answer))
    , m_back(new QTextBrowser)
    , m_message(new QLabel(this))
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    m_counts->setAlignment(Qt::AlignRight);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setToolTip(tr("New + learning + review cards left"));
    m_place->setAlignment(Qt::AlignCenter);
    m_place->setEnabled(false);
    m_term->setAlignment(Qt::AlignCenter);
    m_term->setWordWrap(true);
    QFont termFont = m_term->font();
    termFont.setPointSizeF(termFont.pointSizeF() * 1.8);
    termFont.setBold(true);
    m_term->setFont(termFont);
    m_back->setOpenExternalLinks(false);
    m_back->setOpenLinks(false);
    // A practice collection opens in the window's HTTP client (the practice server starts with it).
    connect(m_back, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1StringView("collection"))
            Q_EMIT collectionRequested(url.path());
    });
    m_back->setFocusPolicy(Qt::NoFocus);
    m_hint->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    // The front's hint and the back (answer and grade buttons) take turns in one place: turning a
    // card over switches the page, without showing or hiding widgets of the outer layout, which
    // made Qt lay the whole screen out again several times a grade.
    auto *back = new QWidget(m_answer);
    auto *backLayout = new QVBoxLayout(back);
    backLayout->setContentsMargins(0, 0, 0, 0);
    backLayout->addWidget(m_back, 1);
    auto *buttons = new QHBoxLayout;
    const QStringList names { tr("Again"), tr("Hard"), tr("Good"), tr("Easy") };
    for (int i = 0; i < 4; ++i) {
        m_buttons[size_t(i)] = new QPushButton(back);
        m_buttons[size_t(i)]->setFocusPolicy(Qt::NoFocus);
        m_buttons[size_t(i)]->setToolTip(tr("%1 (key %2)").arg(names.at(i)).arg(i + 1));
        connect(m_buttons[size_t(i)], &QPushButton::clicked, this,
            [this, i] { grade(static_cast<Rating>(i + 1)); });
        buttons->addWidget(m_buttons[size_t(i)]);
    }
    backLayout->addLayout(buttons);
    m_answer->addWidget(m_hint);
    m_answer->addWidget(back);
    layout->addWidget(m_counts);
    layout->addWidget(m_place);
    layout->addWidget(m_term);
    layout->addWidget(m_answer, 1);
    layout->addWidget(m_message);
    connect(m_session, &ReviewSession::loaded, this, &ReviewSessionWidget::showCurrent);
    connect(m_session, &ReviewSession::graded, this, &ReviewSessionWidget::showCurrent);
    connect(m_session, &ReviewSession::failed, m_message, &QLabel::setText);
    showCurrent();
}

void ReviewSessionWidget::showCurrent()
{
    m_backShown = false;
    const auto counts = m_session->remaining();
    // QLabel lays nothing out again for a text it already shows.
    m_counts->setText(tr("<span style='color:#3b82f6'>%1</span> + <span style='color:#ef4444'>%2</span> + "
                         "<span style='color:#22c55e'>%3</span>")
            .arg(counts[0])
            .arg(counts[1])
            .arg(counts[2]));
    const SessionCard *card = m_session->current();
    m_answer->setCurrentWidget(m_hint);
    m_answer->setVisible(card != nullptr);
    if (!card) {
        m_place->setText(QString());
        m_term->setText(m_session->busy() ? tr("Loading…") : tr("No cards are due. Well done."));
        if (!m_session->busy())
            Q_EMIT finished();
        return;
    }
    m_place->setText(card->text.place);
    m_term->setText(card->text.term);
}

void ReviewSessionWidget::reveal()
{
    const SessionCard *card = m_session->current();
    if (!card || m_backShown)
        return;
    m_backShown = true;
    m_back->setMarkdown(backMarkdown(card->text));
    const QStringList names { tr("Again"), tr("Hard"), tr("Good"), tr("Easy") };
    for (int i = 0; i < 4; ++i) {
        m_buttons[size_t(i)]->setText(tr("%1\n%2").arg(
            ReviewDeck::formatInterval(m_session->now(), card->next[size_t(i)]), names.at(i)));
    }
    m_answer->setCurrentIndex(1);
}

void ReviewSessionWidget::grade(Rating rating)
{
    if (!m_backShown || m_session->busy())
        return;
    if (!m_message->text().isEmpty())
        m_message->clear();
    m_session->grade(rating);
}

void ReviewSessionWidget::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter) {
        if (m_backShown && key != Qt::Key_Space)
            grade(Rating::Good);
        else
            reveal();
        return;
    }
    if (key >= Qt::Key_1 && key <= Qt::Key_4) {
        grade(static_cast<Rating>(key - Qt::Key_1 + 1));
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace StudyBench
