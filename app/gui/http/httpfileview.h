#pragma once

#include "httpclient/httpfile.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace StudyBench {

/// The requests of an open .http file: name, method, URL and line of each, with the outcome of
/// the last time it was sent, and the file's errors (with their line numbers) when it is malformed.
class HttpFileView : public QWidget
{
    Q_OBJECT

public:
    explicit HttpFileView(QWidget *parent = nullptr);

    void setFile(const HttpFile &file);
    const HttpFile &file() const { return m_file; }
    int currentRequest() const;
    void setCurrentRequest(int index);
    /// Shows @p text as the outcome of request @p index; @p ok colours it.
    void setOutcome(int index, const QString &text, bool ok);
    /// While requests are being sent, the Send buttons are disabled.
    void setBusy(bool busy);

    QTreeWidget *requestList() const { return m_list; }
    QListWidget *errorList() const { return m_errors; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *sendAllButton() const { return m_sendAll; }

Q_SIGNALS:
    void requestSelected(int index);
    void sendRequested(int index);
    void sendAllRequested();

private:
    QLabel *m_path;
    QTreeWidget *m_list;
    QListWidget *m_errors;
    QPushButton *m_send;
    QPushButton *m_sendAll;
    HttpFile m_file;
};

} // namespace StudyBench
