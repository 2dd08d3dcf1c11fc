#pragma once

#include "httpclient/httpfile.h"

#include <QWidget>

class QFrame;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace StudyBench {

class ElidedButton;
class ElidedLabel;

/// The requests of an open .http file as a compact picker of one row: a button naming the current
/// request opens a filterable popup listing every request (name, method, URL, line, and the outcome
/// of the last time it was sent) as wide as their titles need; Send and Send All beside it. Below
/// the row, the file's errors (with their line numbers) when it is malformed.
class HttpFileView : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        MethodColumn,
        UrlColumn,
        LineColumn,
        OutcomeColumn,
    };

    explicit HttpFileView(QWidget *parent = nullptr);

    void setFile(const HttpFile &file);
    const HttpFile &file() const { return m_file; }
    int currentRequest() const;
    void setCurrentRequest(int index);
    /// Shows @p text as the outcome of request @p index; @p ok colours it.
    void setOutcome(int index, const QString &text, bool ok);
    /// While requests are being sent, the Send buttons are disabled.
    void setBusy(bool busy);
    /// Opens the picker's popup (what clicking the picker does).
    void showPicker();

    /// The list in the picker's popup.
    QTreeWidget *requestList() const { return m_list; }
    QFrame *pickerPopup() const { return m_popup; }
    ElidedButton *pickerButton() const { return m_picker; }
    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *errorList() const { return m_errors; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *sendAllButton() const { return m_sendAll; }

Q_SIGNALS:
    void requestSelected(int index);
    void sendRequested(int index);
    void sendAllRequested();

private:
    void buildPopup();
    void connectSignals();
    void updatePicker();
    void applyFilter(const QString &text);
    void pickFirstVisible();
    QSize popupSize() const;

    ElidedButton *m_picker;
    ElidedLabel *m_outcome;
    QPushButton *m_send;
    QPushButton *m_sendAll;
    QListWidget *m_errors;
    QFrame *m_popup;
    QLabel *m_path;
    QLineEdit *m_filter;
    QTreeWidget *m_list;
    HttpFile m_file;
};

} // namespace StudyBench
