#include "http/httpfileview.h"

#include "common/appearance.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace StudyBench {

namespace {
enum Column
{
    NameColumn,
    MethodColumn,
    UrlColumn,
    LineColumn,
    OutcomeColumn,
};
} // namespace

HttpFileView::HttpFileView(QWidget *parent)
    : QWidget(parent)
    , m_path(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_errors(new QListWidget(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_sendAll(new QPushButton(tr("Send All"), this))
{
    m_path->setWordWrap(true);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setColumnCount(5);
    m_list->setHeaderLabels({ tr("Request"), tr("Method"), tr("URL"), tr("Line"), tr("Result") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(MethodColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(UrlColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(OutcomeColumn, QHeaderView::ResizeToContents);
    m_errors->setVisible(false);
    m_errors->setMaximumHeight(120);
    m_send->setToolTip(tr("Send the selected request and run its handler script"));
    m_sendAll->setToolTip(
        tr("Send every request of the file in order, running handler scripts, as the CLI does"));
    m_send->setEnabled(false);
    m_sendAll->setEnabled(false);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_send);
    buttons->addWidget(m_sendAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_path);
    layout->addWidget(m_errors);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    m_path->setText(tr("No .http file is open. Open one to list its requests."));

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_send->setEnabled(item != nullptr && m_sendAll->isEnabled());
        if (item)
            Q_EMIT requestSelected(m_list->indexOfTopLevelItem(item));
    });
    connect(m_list, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { Q_EMIT sendRequested(m_list->indexOfTopLevelItem(item)); });
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
    m_path->setText(QDir::toNativeSeparators(file.path));
    for (const HttpRequestTemplate &r : file.requests) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, r.name.isEmpty() ? r.title : r.name);
        item->setText(MethodColumn, r.method);
        item->setText(UrlColumn, r.url);
        item->setToolTip(UrlColumn, r.url);
        item->setText(LineColumn, QString::number(r.line));
        item->setTextAlignment(LineColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    const QColor errorColor = Appearance::isDark() ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    for (const HttpFileError &e : file.errors) {
        auto *item = new QListWidgetItem(
            e.line > 0 ? tr("Line %1: %2").arg(e.line).arg(e.message) : e.message, m_errors);
        item->setForeground(errorColor);
        item->setToolTip(e.toString());
    }
    m_errors->setVisible(!file.errors.isEmpty());
    const bool sendable = file.ok() && !file.requests.isEmpty();
    m_sendAll->setEnabled(sendable);
    m_send->setEnabled(false);
    if (file.requests.isEmpty() && file.ok())
        m_path->setText(tr("%1 has no requests.").arg(QDir::toNativeSeparators(file.path)));
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
    const bool dark = Appearance::isDark();
    item->setText(OutcomeColumn, text);
    item->setForeground(OutcomeColumn,
        ok ? (dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32))
           : (dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28)));
}

void HttpFileView::setBusy(bool busy)
{
    const bool sendable = m_file.ok() && !m_file.requests.isEmpty();
    m_sendAll->setEnabled(sendable && !busy);
    m_send->setEnabled(sendable && !busy && currentRequest() >= 0);
}

} // namespace StudyBench
