#include "http/elidedtext.h"

#include <QStyle>
#include <QStyleOptionButton>

namespace StudyBench {

namespace {
// The narrowest an elided text gets: a few characters and the ellipsis.
constexpr int kMinimumCharacters = 8;
} // namespace

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    m_text = text;
    setToolTip(text);
    updateGeometry();
    elide();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return { fontMetrics().averageCharWidth() * kMinimumCharacters + m.left() + m.right(),
        fontMetrics().height() + m.top() + m.bottom() };
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins m = contentsMargins();
    return { fontMetrics().horizontalAdvance(m_text) + m.left() + m.right(),
        fontMetrics().height() + m.top() + m.bottom() };
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::elide()
{
    QLabel::setText(fontMetrics().elidedText(m_text, Qt::ElideRight, contentsRect().width()));
}

ElidedButton::ElidedButton(QWidget *parent)
    : QPushButton(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ElidedButton::setFullText(const QString &text)
{
    m_text = text;
    setToolTip(text);
    updateGeometry();
    elide();
}

QSize ElidedButton::minimumSizeHint() const
{
    QStyleOptionButton option;
    initStyleOption(&option);
    const QSize text(fontMetrics().averageCharWidth() * kMinimumCharacters, fontMetrics().height());
    return style()->sizeFromContents(QStyle::CT_PushButton, &option, text, this);
}

QSize ElidedButton::sizeHint() const
{
    QStyleOptionButton option;
    initStyleOption(&option);
    const QSize text(fontMetrics().horizontalAdvance(m_text), fontMetrics().height());
    return style()->sizeFromContents(QStyle::CT_PushButton, &option, text, this);
}

void ElidedButton::resizeEvent(QResizeEvent *event)
{
    QPushButton::resizeEvent(event);
    elide();
}

void ElidedButton::elide()
{
    QStyleOptionButton option;
    initStyleOption(&option);
    const QRect text = style()->subElementRect(QStyle::SE_PushButtonContents, &option, this);
    const int room = text.width() - fontMetrics().averageCharWidth(); // the menu arrow's side
    QPushButton::setText(fontMetrics().elidedText(m_text, Qt::ElideRight, qMax(0, room)));
}

} // namespace StudyBench
