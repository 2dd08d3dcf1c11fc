#include "search/searchactions.h"

#include "search/searchpopup.h"
#include "search/searchresultmodel.h"
#include "search/searchworker.h"

#include <QAction>
#include <QLineEdit>
#include <QThread>
#include <QTimer>
#include <QWidget>

namespace StudyBench {

namespace {
constexpr int kDebounceMs = 60;
// The catch-up sync waits for the window to be up and its first work done.
constexpr int kCatchUpDelayMs = 400;
constexpr int kHitsPerKind = 12;
} // namespace

SearchActions::SearchActions(QWidget *window)
    : QObject(window)
    , m_action(new QAction(tr("Search &Everything…"), this))
    , m_model(new SearchResultModel(this))
    , m_popup(new SearchPopup(m_model, window))
    , m_debounce(new QTimer(this))
    , m_catchUp(new QTimer(this))
    , m_filesChanged(new QTimer(this))
    , m_thread(new QThread(this))
    , m_worker(new SearchWorker)
{
    qRegisterMetaType<SearchSourcePaths>();
    qRegisterMetaType<QList<SearchHit>>();
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_action->setStatusTip(
        tr("Search the curriculum, your notes, practice and drill files and the request history"));
    window->addAction(m_action);
    connect(m_action, &QAction::triggered, this, &SearchActions::showPopup);

    m_thread->setObjectName(QStringLiteral("search"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SearchWorker::results, this, &SearchActions::takeResults);
    connect(m_worker, &SearchWorker::synced, this, &SearchActions::synced);
    connect(m_worker, &SearchWorker::problem, this, &SearchActions::message);
    m_thread->start(QThread::LowPriority);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &SearchActions::runQuery);
    connect(m_popup, &SearchPopup::textEdited, this, [this] { m_debounce->start(); });
    connect(m_popup, &SearchPopup::hitActivated, this, &SearchActions::activate);
    m_catchUp->setSingleShot(true);
    m_catchUp->setInterval(kCatchUpDelayMs);
    connect(m_catchUp, &QTimer::timeout, m_worker, &SearchWorker::sync);
    m_filesChanged->setSingleShot(true);
    m_filesChanged->setInterval(kCatchUpDelayMs);
    connect(m_filesChanged, &QTimer::timeout, m_worker, &SearchWorker::syncFiles);
}

SearchActions::~SearchActions()
{
    m_thread->quit();
    m_thread->wait();
}

void SearchActions::setSources(
    const QString &profileDir, const QString &historyPath, CurriculumPtr curriculum)
{
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection,
        Q_ARG(StudyBench::SearchSourcePaths,
            (SearchSourcePaths { profileDir, historyPath, std::move(curriculum) })));
    m_catchUp->start();
}

void SearchActions::showPopup()
{
    m_popup->popUp();
}

void SearchActions::runQuery()
{
    m_queryText = m_popup->edit()->text();
    const quint64 sequence = ++m_sequence;
    m_worker->latestQuery.storeRelease(sequence);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, sequence, text = m_queryText] { worker->query(sequence, text, kHitsPerKind); },
        Qt::QueuedConnection);
}

void SearchActions::takeResults(quint64 sequence, const QList<SearchHit> &hits)
{
    if (sequence != m_sequence)
        return; // typed over meanwhile
    m_model->setHits(hits);
    m_popup->showHits(m_queryText);
    Q_EMIT resultsShown();
}

void SearchActions::activate(const QModelIndex &index)
{
    const SearchHit *hit = m_model->hit(index);
    if (!hit)
        return;
    const SearchHit chosen = *hit;
    m_popup->hide();
    switch (chosen.kind) {
    case SearchKind::Curriculum:
    case SearchKind::Note:
        Q_EMIT nodeRequested(chosen.key);
        break;
    case SearchKind::File:
        Q_EMIT fileRequested(chosen.key, chosen.line);
        break;
    case SearchKind::History:
        Q_EMIT historyRequested(chosen.key.toLongLong());
        break;
    }
}

void SearchActions::noteSaved(const QString &nodeId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, nodeId] { worker->updateNote(nodeId); }, Qt::QueuedConnection);
}

void SearchActions::fileSaved(const QString &path)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, path] { worker->updateFile(path); }, Qt::QueuedConnection);
}

void SearchActions::filesChanged()
{
    m_filesChanged->start();
}

void SearchActions::historyRecorded(qint64 id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->updateHistoryEntry(id); }, Qt::QueuedConnection);
}

} // namespace StudyBench
