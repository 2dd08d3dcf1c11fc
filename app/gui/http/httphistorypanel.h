#pragma once

#include "httpclient/httpenvironment.h"
#include "httpclient/httpmessage.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QThread;
class QTreeWidget;

namespace StudyBench {

/// The request history (RequestHistory in http-history.sqlite), searchable; activating an entry
/// asks for its request to be loaded back. The database is used from a thread of its own only.
class HttpHistoryPanel : public QWidget
{
    Q_OBJECT

public:
    HttpHistoryPanel(const QString &databasePath, QWidget *parent = nullptr);
    ~HttpHistoryPanel() override;

    /// Stores a sent request and its response (secrets masked by @p masker), then refreshes the list.
    void record(const HttpRequest &request, const HttpResponse &response, const SecretMasker &masker,
        const QString &environment);
    /// Fetches entry @p id's request with the secrets of @p environment; resendReady() follows.
    void loadForResend(qint64 id, const HttpEnvironment &environment);
    /// Runs the search again.
    void refresh();

    QLineEdit *searchEdit() const { return m_search; }
    QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void recorded(qint64 id);
    void refreshed();
    /// An entry was double-clicked (or Enter was pressed on it).
    void entryActivated(qint64 id);
    void resendReady(const StudyBench::HttpRequest &request, const QStringList &missingSecrets);
    void problem(const QString &message);

private:
    template<typename Work>
    void inWorker(Work work);

    QLineEdit *m_search;
    QTreeWidget *m_list;
    QLabel *m_state;
    QTimer m_searchTimer;
    QThread *m_thread;
    QObject *m_worker; ///< lives in m_thread
    quint64 m_searchGeneration = 0;
};

} // namespace StudyBench
