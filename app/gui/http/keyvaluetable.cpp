#include "http/keyvaluetable.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>

#include <algorithm>

namespace StudyBench {

namespace {
constexpr int kNameColumn = 0;
constexpr int kValueColumn = 1;
constexpr int kKindColumn = 2;
} // namespace

KeyValueTable::KeyValueTable(
    const QString &nameLabel, const QString &valueLabel, bool withFiles, QWidget *parent)
    : QTableWidget(0, withFiles ? 3 : 2, parent)
    , m_withFiles(withFiles)
{
    QStringList labels { nameLabel, valueLabel };
    if (withFiles)
        labels.append(tr("Kind"));
    setHorizontalHeaderLabels(labels);
    horizontalHeader()->setSectionResizeMode(kNameColumn, QHeaderView::Interactive);
    horizontalHeader()->setSectionResizeMode(kValueColumn, QHeaderView::Stretch);
    if (withFiles)
        horizontalHeader()->setSectionResizeMode(kKindColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->resizeSection(kNameColumn, 200);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::AllEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    connect(this, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureTrailingRow();
}

QList<KeyValueRow> KeyValueTable::rows() const
{
    QList<KeyValueRow> out;
    for (int r = 0; r < rowCount(); ++r) {
        const QTableWidgetItem *nameItem = item(r, kNameColumn);
        const QTableWidgetItem *valueItem = item(r, kValueColumn);
        KeyValueRow row;
        row.name = nameItem ? nameItem->text() : QString();
        row.value = valueItem ? valueItem->text() : QString();
        if (row.name.isEmpty() && row.value.isEmpty())
            continue;
        // A row typed into the empty last row has no check box until its first edit is handled.
        row.enabled = !nameItem || !nameItem->data(Qt::CheckStateRole).isValid()
            || nameItem->checkState() == Qt::Checked;
        if (m_withFiles) {
            if (const auto *kind = qobject_cast<QComboBox *>(cellWidget(r, kKindColumn)))
                row.isFile = kind->currentIndex() == 1;
        }
        out.append(row);
    }
    return out;
}

void KeyValueTable::setRows(const QList<KeyValueRow> &rows)
{
    ++m_updating;
    setRowCount(0);
    for (const KeyValueRow &row : rows)
        appendRow(row);
    --m_updating;
    ensureTrailingRow();
}

void KeyValueTable::appendRow(const KeyValueRow &row)
{
    ++m_updating;
    const int r = rowCount();
    insertRow(r);
    auto *nameItem = new QTableWidgetItem(row.name);
    setItem(r, kNameColumn, nameItem);
    // The empty last row, for typing a new one, gets its check box once something is typed.
    if (!row.name.isEmpty() || !row.value.isEmpty())
        makeCheckable(nameItem, row.enabled);
    setItem(r, kValueColumn, new QTableWidgetItem(row.value));
    if (m_withFiles) {
        auto *kind = new QComboBox(this);
        kind->addItems({ tr("Text"), tr("File") });
        kind->setCurrentIndex(row.isFile ? 1 : 0);
        kind->setToolTip(tr("Choose File to upload a file; its path is the value."));
        connect(kind, &QComboBox::activated, this, [this, kind](int index) {
            for (int i = 0; i < rowCount(); ++i) {
                if (cellWidget(i, kKindColumn) == kind) {
                    setFileKind(i, index == 1);
                    break;
                }
            }
        });
        setCellWidget(r, kKindColumn, kind);
    }
    --m_updating;
}

void KeyValueTable::makeCheckable(QTableWidgetItem *nameItem, bool checked)
{
    nameItem->setFlags(nameItem->flags() | Qt::ItemIsUserCheckable);
    nameItem->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    nameItem->setToolTip(tr("Clear the check box to leave this row out without deleting it."));
}

void KeyValueTable::setFileKind(int row, bool isFile)
{
    if (isFile) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a File to Upload"));
        if (!path.isEmpty()) {
            if (!item(row, kValueColumn))
                setItem(row, kValueColumn, new QTableWidgetItem);
            item(row, kValueColumn)->setText(path);
        }
    }
    ensureTrailingRow();
    Q_EMIT rowsEdited();
}

void KeyValueTable::ensureTrailingRow()
{
    const int last = rowCount() - 1;
    const bool lastIsEmpty = last >= 0
        && (!item(last, kNameColumn) || item(last, kNameColumn)->text().isEmpty())
        && (!item(last, kValueColumn) || item(last, kValueColumn)->text().isEmpty());
    if (!lastIsEmpty)
        appendRow({});
}

void KeyValueTable::onItemChanged(QTableWidgetItem *changed)
{
    if (m_updating)
        return;
    ++m_updating;
    const int r = changed->row();
    QTableWidgetItem *nameItem = item(r, kNameColumn);
    if (!nameItem) {
        nameItem = new QTableWidgetItem;
        setItem(r, kNameColumn, nameItem);
    }
    if (!nameItem->data(Qt::CheckStateRole).isValid() && !changed->text().isEmpty())
        makeCheckable(nameItem, true);
    ensureTrailingRow();
    --m_updating;
    Q_EMIT rowsEdited();
}

void KeyValueTable::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && state() != EditingState) {
        QList<int> selected;
        for (const QModelIndex &index : selectionModel()->selectedRows())
            selected.append(index.row());
        if (!selected.isEmpty()) {
            std::sort(selected.begin(), selected.end(), std::greater<>());
            ++m_updating;
            for (int r : std::as_const(selected))
                removeRow(r);
            --m_updating;
            ensureTrailingRow();
            Q_EMIT rowsEdited();
            return;
        }
    }
    QTableWidget::keyPressEvent(event);
}

} // namespace StudyBench
