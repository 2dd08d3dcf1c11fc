#pragma once

#include <QList>
#include <QString>
#include <QTableWidget>

namespace StudyBench {

/// One row of a KeyValueTable.
struct KeyValueRow
{
    bool enabled = true;
    QString name;
    QString value;
    bool isFile = false; ///< the value is a file path (multipart form fields)

    bool operator==(const KeyValueRow &other) const = default;
};

/// An editable table of name/value pairs with an "enabled" check box on each row, for query
/// parameters, headers and form fields. There is always an empty row at the end to type into;
/// Delete removes the selected rows. With @p withFiles, a third column says whether the value is
/// text or a file to upload.
class KeyValueTable : public QTableWidget
{
    Q_OBJECT

public:
    KeyValueTable(
        const QString &nameLabel, const QString &valueLabel, bool withFiles, QWidget *parent = nullptr);

    /// The rows that have a name or a value (the trailing empty row is left out).
    QList<KeyValueRow> rows() const;
    /// Replaces the rows without emitting rowsEdited().
    void setRows(const QList<KeyValueRow> &rows);

Q_SIGNALS:
    /// The user changed a row (typed, toggled, removed).
    void rowsEdited();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void appendRow(const KeyValueRow &row);
    void ensureTrailingRow();
    void setFileKind(int row, bool isFile);
    void makeCheckable(QTableWidgetItem *nameItem, bool checked);
    void onItemChanged(QTableWidgetItem *item);

    bool m_withFiles;
    int m_updating = 0;
};

} // namespace StudyBench
