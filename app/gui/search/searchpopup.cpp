#include "search/searchpopup.h"

#include "search/searchresultdelegate.h"
#include "search/searchresultmodel.h"

#include <QApplication>
#include <QGraphicsDropShadowEffect>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace StudyBench {

SearchPopup::SearchPopup(SearchResultModel *model, QWidget *window)
    : QFrame(window)
    , m_model(model)
    , m_edit(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("searchPopup"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    auto *shadow = new QGraphicsDropShadowEffect(this);
    shadow->setBlurRadius(24);
    shadow->setOffset(0, 4);
    shadow->setColor(QColor(0, 0, 0, 90));
    setGraphicsEffect(shadow);

    m_edit->setPlaceholderText(tr("Search the curriculum, notes, practice files and request history"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("Search everything"));
    m_edit->installEventFilter(this);
    m_view->setModel(model);
    m_view->setItemDelegate(new SearchResultDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setIndentation(0);
    m_view->setUniformRowHeights(false);
    m_view->setFocusPolicy(Qt::NoFocus); // the keys stay in the field
    m_view->setAccessibleName(tr("Search results"));
    m_view->setFrameShape(QFrame::NoFrame);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setContentsMargins(4, 0, 4, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_edit);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_edit, &QLineEdit::textEdited, this, &SearchPopup::textEdited);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            Q_EMIT textEdited(text); // the clear button
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (m_model->hit(index))
            Q_EMIT hitActivated(index);
    });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (isVisible() && now && now != this && !isAncestorOf(now))
            hide();
    });
    window->installEventFilter(this);
    hide();
}

void SearchPopup::place()
{
    const QWidget *window = parentWidget();
    const int width = qMin(760, window->width() - 40);
    // As tall as the hits need, up to most of the window.
    int rows = 0;
    for (int g = 0; g < m_model->rowCount(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        rows += m_view->sizeHintForIndex(group).height();
        for (int h = 0; h < m_model->rowCount(group); ++h)
            rows += m_view->sizeHintForIndex(m_model->index(h, 0, group)).height();
    }
    const QMargins margins = layout()->contentsMargins();
    const int chrome = margins.top() + margins.bottom() + m_edit->sizeHint().height()
        + m_status->sizeHint().height() + 2 * layout()->spacing() + 2 * frameWidth();
    const int height = qMin(chrome + rows + 4, window->height() - 90);
    setGeometry((window->width() - width) / 2, 48, width, height);
}

void SearchPopup::popUp()
{
    if (!isVisible())
        m_returnFocus = QApplication::focusWidget();
    place();
    show();
    raise();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
    if (m_edit->text().isEmpty())
        showHits({});
}

void SearchPopup::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    if (m_returnFocus && QApplication::focusWidget() && isAncestorOf(QApplication::focusWidget()))
        m_returnFocus->setFocus(Qt::OtherFocusReason);
}

void SearchPopup::showHits(const QString &text)
{
    m_view->expandAll();
    place();
    const QModelIndex first = m_model->firstHit();
    m_view->setCurrentIndex(first);
    if (first.isValid())
        m_view->scrollTo(first);
    const int count = m_model->hitCount();
    if (text.trimmed().isEmpty())
        m_status->setText(tr("Type to search. ↑↓ move, Enter opens, Esc closes."));
    else if (count == 0)
        m_status->setText(tr("Nothing found for “%1”.").arg(text.trimmed()));
    else
        m_status->setText(tr("%n result(s). ↑↓ move, Enter opens, Esc closes.", nullptr, count));
}

void SearchPopup::step(int hits)
{
    const QModelIndex next = m_model->stepHit(m_view->currentIndex(), hits);
    if (next.isValid()) {
        m_view->setCurrentIndex(next);
        m_view->scrollTo(next);
    }
}

void SearchPopup::activateCurrent()
{
    if (m_model->hit(m_view->currentIndex()))
        Q_EMIT hitActivated(m_view->currentIndex());
}

bool SearchPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    if (watched != m_edit || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    switch (static_cast<QKeyEvent *>(event)->key()) {
    case Qt::Key_Down:
        step(1);
        return true;
    case Qt::Key_Up:
        step(-1);
        return true;
    case Qt::Key_PageDown:
        step(8);
        return true;
    case Qt::Key_PageUp:
        step(-8);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        activateCurrent();
        return true;
    case Qt::Key_Escape:
        hide();
        return true;
    default:
        return false;
    }
}

} // namespace StudyBench
