#include "http/httpfileview.h"

#include "common/appearance.h"
#include "http/elidedtext.h"

#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace StudyBench {

namespace {

QColor outcomeColor(bool ok)
{
    const bool dark = Appearance::isDark();
    return ok ? (dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32))
              : (dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28));
}

// The URL column of the popup is at most this many characters wide; titles are never cut.
constexpr int kUrlColumnCharacters = 48;

} // namespace

HttpFileView::HttpFileView(QWidget *parent)
    : QWidget(parent)
    , m_picker(new ElidedButton(this))
    , m_outcome(new ElidedLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_sendAll(new QPushButton(tr("Send All"), this))
    , m_errors(new QListWidget(this))
    , m_popup(new QFrame(this, Qt::Popup))
    , m_path(new QLabel(m_popup))
    , m_filter(new QLineEdit(m_popup))
    , m_list(new QTreeWidget(m_popup))
{
    m_picker->setToolTip(tr("Choose a request of the open .http file"));
    m_outcome->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_outcome->setMaximumWidth(fontMetrics().averageCharWidth() * 22);
    m_errors->setVisible(false);
    m_errors->setMaximumHeight(120);
    m_send->setToolTip(tr("Send the selected request and run its handler script"));
    m_sendAll->setToolTip(
        tr("Send every request of the file in order, running handler scripts, as the CLI does"));
    m_send->setEnabled(false);
    m_sendAll->setEnabled(false);
    buildPopup();

    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(m_picker, 1);
    row->addWidget(m_outcome);
    row->addWidget(m_send);
    row->addWidget(m_sendAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_errors);
    connectSignals();
    updatePicker();
}

void HttpFileView::buildPopup()
{
    m_popup->setFrameShape(QFrame::StyledPanel);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setWordWrap(true); // a long path does not widen the popup
    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);
    m_list->setColumnCount(5);
    m_list->setHeaderLabels({ tr("Request"), tr("Method"), tr("URL"), tr("Line"), tr("Result") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive);
    auto *layout = new QVBoxLayout(m_popup);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_path);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
}

void HttpFileView::connectSignals()
{
    connect(m_picker, &QPushButton::clicked, this, &HttpFileView::showPicker);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_send->setEnabled(item != nullptr && m_sendAll->isEnabled());
        updatePicker();
        if (item)
            Q_EMIT requestSelected(m_list->indexOfTopLevelItem(item));
    });
    // Choosing a request (a click, or Enter) closes the popup; Send (Ctrl+Enter) sends it.
    connect(m_list, &QTreeWidget::itemClicked, m_popup, &QWidget::hide);
    connect(m_list, &QTreeWidget::itemActivated, m_popup, &QWidget::hide);
    connect(m_filter, &QLineEdit::textChanged, this, &HttpFileView::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &HttpFileView::pickFirstVisible);
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (currentRequest() >= 0)
            Q_EMIT sendRequested(currentRequest());
    });
    connect(m_sendAll, &QPushButton::clicked, this, &HttpFileView::sendAllRequested);
}

void HttpFileView::setFile(const HttpFile &file)
{
    m_file = file;
    m_list->clear();
    m_errors->clear();
    m_filter->clear();
    m_path->setText(QDir::toNativeSeparators(file.path));
    for (const HttpRequestTemplate &r : file.requests) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, r.name.isEmpty() ? r.title : r.name);
        item->setToolTip(NameColumn, r.title);
        item->setText(MethodColumn, r.method);
        item->setText(UrlColumn, r.url);
        item->setToolTip(UrlColumn, r.url);
        item->setText(LineColumn, QString::number(r.line));
        item->setTextAlignment(LineColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (const HttpFileError &e : file.errors) {
        auto *item = new QListWidgetItem(
            e.line > 0 ? tr("Line %1: %2").arg(e.line).arg(e.message) : e.message, m_errors);
        item->setForeground(outcomeColor(false));
        item->setToolTip(e.toString());
    }
    m_errors->setVisible(!file.errors.isEmpty());
    const bool sendable = file.ok() && !file.requests.isEmpty();
    m_sendAll->setEnabled(sendable);
    m_send->setEnabled(false);
    if (file.requests.isEmpty() && file.ok())
        m_path->setText(tr("%1 has no requests.").arg(QDir::toNativeSeparators(file.path)));
    updatePicker();
}

void HttpFileView::updatePicker()
{
    QTreeWidgetItem *item = m_list->currentItem();
    m_picker->setEnabled(m_list->topLevelItemCount() > 0);
    if (m_file.path.isEmpty())
        m_picker->setFullText(tr("No .http file is open"));
    else if (!item)
        m_picker->setFullText(tr("%1: choose one of %n request(s)", nullptr, m_list->topLevelItemCount())
                .arg(QFileInfo(m_file.path).fileName()));
    else
        m_picker->setFullText(QStringLiteral("%1  %2").arg(item->text(MethodColumn), item->text(NameColumn)));
    m_outcome->setFullText(item ? item->text(OutcomeColumn) : QString());
    if (item)
        m_outcome->setStyleSheet(
            QStringLiteral("color: %1").arg(item->foreground(OutcomeColumn).color().name()));
}

int HttpFileView::currentRequest() const
{
    return m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
}

void HttpFileView::setCurrentRequest(int index)
{
    m_list->setCurrentItem(m_list->topLevelItem(index));
}

void HttpFileView::setOutcome(int index, const QString &text, bool ok)
{
    QTreeWidgetItem *item = m_list->topLevelItem(index);
    if (!item)
        return;
    item->setText(OutcomeColumn, text);
    item->setForeground(OutcomeColumn, outcomeColor(ok));
    if (item == m_list->currentItem())
        updatePicker();
}

void HttpFileView::setBusy(bool busy)
{
    const bool sendable = m_file.ok() && !m_file.requests.isEmpty();
    m_sendAll->setEnabled(sendable && !busy);
    m_send->setEnabled(sendable && !busy && currentRequest() >= 0);
}

QSize HttpFileView::popupSize() const
{
    int width = 0;
    for (int c = 0; c < m_list->columnCount(); ++c)
        width += m_list->header()->sectionSize(c);
    width += 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width() + 8;
    const int rows = qMin(m_list->topLevelItemCount(), 16);
    const int rowHeight = qMax(m_list->sizeHintForRow(0), fontMetrics().height());
    const int height = m_path->sizeHint().height() + m_filter->sizeHint().height()
        + m_list->header()->sizeHint().height() + rows * rowHeight + 2 * m_list->frameWidth() + 24;
    return { qMax(width, m_picker->width()), height };
}

void HttpFileView::showPicker()
{
    if (m_list->topLevelItemCount() == 0)
        return;
    m_filter->clear();
    for (int c = 0; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    const int urlMax = fontMetrics().averageCharWidth() * kUrlColumnCharacters;
    if (m_list->header()->sectionSize(UrlColumn) > urlMax)
        m_list->header()->resizeSection(UrlColumn, urlMax);
    QSize size = popupSize();
    QPoint at = m_picker->mapToGlobal(QPoint(0, m_picker->height()));
    if (const QScreen *screen = m_picker->screen()) {
        const QRect room = screen->availableGeometry();
        size = size.boundedTo(room.size());
        at.setX(qBound(room.left(), at.x(), room.right() - size.width() + 1));
        at.setY(qBound(room.top(), at.y(), room.bottom() - size.height() + 1));
    }
    m_popup->setGeometry(QRect(at, size));
    m_popup->show();
    m_filter->setFocus();
    if (m_list->currentItem())
        m_list->scrollToItem(m_list->currentItem());
}

void HttpFileView::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const bool match = text.isEmpty() || item->text(NameColumn).contains(text, Qt::CaseInsensitive)
            || item->text(UrlColumn).contains(text, Qt::CaseInsensitive)
            || item->text(MethodColumn).contains(text, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

void HttpFileView::pickFirstVisible()
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (!m_list->topLevelItem(i)->isHidden()) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            break;
        }
    }
    m_popup->hide();
}

} // namespace StudyBench
