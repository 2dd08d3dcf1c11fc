#pragma once

#include "curriculum/curriculum.h"

#include <QObject>
#include <QString>

class QAction;
class QThread;
class QTimer;
class QWidget;

namespace StudyBench {

class SearchPopup;
class SearchResultModel;
class SearchWorker;
struct SearchHit;

/// Search Everything (Ctrl+K), for the main window to add:
///
///     auto *search = new SearchActions(this);
///     editMenu->addAction(search->action());
///     search->setSources(profileDir, historyPath, curriculum);   // on open and on curriculum change
///     // after the app writes: search->noteSaved(id), fileSaved(path), historyRecorded(id)
///     connect(search, &SearchActions::nodeRequested, ...);   // and fileRequested, historyRequested
///
/// The index (SearchIndex) lives on a thread of its own: queries, the catch-up sync after
/// setSources() and the updates after each write all run there, never on the GUI thread. Typing
/// queries after a 60 ms pause; an answer to an older query than the newest is dropped.
class SearchActions : public QObject
{
    Q_OBJECT

public:
    explicit SearchActions(QWidget *window);
    ~SearchActions() override;

    QAction *action() const { return m_action; }
    SearchPopup *popup() const { return m_popup; }
    SearchResultModel *model() const { return m_model; }

    /// Opens the index of @p profileDir over @p historyPath and @p curriculum, and brings it up
    /// to date a moment later (synced() follows).
    void setSources(const QString &profileDir, const QString &historyPath, CurriculumPtr curriculum);

public Q_SLOTS:
    void showPopup();
    void noteSaved(const QString &nodeId);
    void fileSaved(const QString &path);
    /// Some file may have changed (an editor saved): the files are looked at again, once a burst
    /// of saves is over, and only changed ones are read.
    void filesChanged();
    void historyRecorded(qint64 id);

Q_SIGNALS:
    void nodeRequested(const QString &nodeId);
    void fileRequested(const QString &path, int line);
    void historyRequested(qint64 id);
    /// The catch-up sync finished, having touched @p touched rows (-1: it failed).
    void synced(int touched);
    /// The hits of the text in the field are on screen.
    void resultsShown();
    void message(const QString &text);

private:
    void runQuery();
    void takeResults(quint64 sequence, const QList<StudyBench::SearchHit> &hits);
    void activate(const QModelIndex &index);

    QAction *m_action;
    SearchResultModel *m_model;
    SearchPopup *m_popup;
    QTimer *m_debounce;
    QTimer *m_catchUp;
    QTimer *m_filesChanged;
    QThread *m_thread;
    SearchWorker *m_worker; ///< lives in m_thread
    quint64 m_sequence = 0;
    QString m_queryText;
};

} // namespace StudyBench
