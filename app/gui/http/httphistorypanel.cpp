#include "http/httphistorypanel.h"

#include "httpclient/requesthistory.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace StudyBench {

namespace {

// The history's home in the worker thread.
class HistoryWorker : public QObject
{
public:
    std::unique_ptr<RequestHistory> history;
    QString openError;
};

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kSearchLimit = 500;

} // namespace

HttpHistoryPanel::HttpHistoryPanel(const QString &databasePath, QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_state(new QLabel(this))
    , m_thread(new QThread(this))
    , m_worker(new HistoryWorker)
{
    m_search->setPlaceholderText(tr("Search method, URL, headers, bodies…"));
    m_search->setClearButtonEnabled(true);
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({ tr("Sent"), tr("Method"), tr("URL"), tr("Status") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_list->setToolTip(tr("Double-click a request to load it into the editor"));
    m_state->setWordWrap(true);
    m_state->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_state);
    layout->addWidget(m_list, 1);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(200);
    connect(m_search, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this, &HttpHistoryPanel::refresh);
    connect(m_list, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { Q_EMIT entryActivated(item->data(0, kIdRole).toLongLong()); });

    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->setObjectName(QStringLiteral("http-history"));
    m_thread->start();
    inWorker([databasePath](HistoryWorker *w) {
        w->history = std::make_unique<RequestHistory>();
        if (!w->history->open(databasePath)) {
            w->openError = w->history->errorString();
            w->history.reset();
        }
    });
    refresh();
}

HttpHistoryPanel::~HttpHistoryPanel()
{
    // Everything already queued (records in particular) runs before the thread stops.
    inWorker([](HistoryWorker *w) {
        w->history.reset();
        QThread::currentThread()->quit();
    });
    m_thread->wait();
}

template<typename Work>
void HttpHistoryPanel::inWorker(Work work)
{
    auto *worker = static_cast<HistoryWorker *>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker, work = std::move(work)]() mutable { work(worker); }, Qt::QueuedConnection);
}

void HttpHistoryPanel::record(const HttpRequest &request, const HttpResponse &response,
    const SecretMasker &masker, const QString &environment)
{
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    inWorker([this, request, response, masker, environment, sentAt](HistoryWorker *w) mutable {
        qint64 id = -1;
        QString error = w->openError;
        if (w->history) {
            id = w->history->record(request, response, masker, environment, sentAt);
            if (id < 0)
                error = w->history->errorString();
        }
        // The response's body file goes back to the GUI thread that made it.
        QMetaObject::invokeMethod(this, [this, id, error, keep = std::move(response)] {
            Q_UNUSED(keep);
            if (id < 0) {
                Q_EMIT problem(tr("The request was not recorded in the history: %1").arg(error));
                return;
            }
            Q_EMIT recorded(id);
            refresh();
        });
    });
}

void HttpHistoryPanel::refresh()
{
    const quint64 generation = ++m_searchGeneration;
    const QString text = m_search->text().trimmed();
    inWorker([this, text, generation](HistoryWorker *w) {
        QList<HistoryRecord> records;
        QString error = w->openError;
        if (w->history) {
            records = w->history->search(text, kSearchLimit);
            if (records.isEmpty() && !w->history->errorString().isEmpty())
                error = w->history->errorString();
        }
        QMetaObject::invokeMethod(this, [this, records, error, generation] {
            if (generation != m_searchGeneration)
                return;
            m_state->setText(error.isEmpty() ? QString() : tr("The history cannot be read: %1").arg(error));
            m_state->setVisible(!error.isEmpty());
            m_list->clear();
            const QDate today = QDate::currentDate();
            for (const HistoryRecord &r : records) {
                auto *item = new QTreeWidgetItem(m_list);
                const QDateTime local = r.sentAt.toLocalTime();
                item->setText(0,
                    local.date() == today ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                          : QLocale().toString(local, QLocale::ShortFormat));
                item->setText(1, r.request.method);
                item->setText(2, r.request.url);
                item->setText(3, r.error.isEmpty() ? QString::number(r.status) : tr("Error"));
                QStringList tip { r.request.url };
                if (!r.request.name.isEmpty())
                    tip.append(tr("Request: %1").arg(r.request.name));
                if (!r.environment.isEmpty())
                    tip.append(tr("Environment: %1").arg(r.environment));
                if (!r.error.isEmpty())
                    tip.append(r.error);
                item->setToolTip(2, tip.join(QLatin1Char('\n')));
                item->setData(0, kIdRole, r.id);
            }
            Q_EMIT refreshed();
        });
    });
}

void HttpHistoryPanel::loadForResend(qint64 id, const HttpEnvironment &environment)
{
    inWorker([this, id, environment](HistoryWorker *w) {
        std::optional<HttpRequest> request;
        QStringList missing;
        QString error = w->openError;
        if (w->history) {
            request = w->history->requestForResend(id, environment, &missing);
            if (!request)
                error = w->history->errorString();
        }
        QMetaObject::invokeMethod(this, [this, request, missing, error] {
            if (request)
                Q_EMIT resendReady(*request, missing);
            else
                Q_EMIT problem(tr("The request cannot be loaded from the history: %1").arg(error));
        });
    });
}

} // namespace StudyBench
