#pragma once

#include <QWidget>

class QAction;
class QMenu;
class QResizeEvent;
class QSettings;
class QSplitter;
class QStackedWidget;

namespace StudyBench {

class EditorDocument;
class EditorTabs;
class HttpClientWidget;

/// The workbench pane: the learner's files in editor tabs beside the HTTP client. With no file
/// open it says what it is for. It owns its menus' entries (fillFileMenu(), fillEditMenu(),
/// fillViewMenu(), httpMenu()) and its part of ui.ini (restoreState(), saveState()).
class Workbench : public QWidget
{
    Q_OBJECT

public:
    /// @p dataDir holds the HTTP client's history and environments.
    explicit Workbench(const QString &dataDir, QWidget *parent = nullptr);

    EditorTabs *editors() const { return m_editors; }
    HttpClientWidget *httpClient() const { return m_http; }
    QSplitter *splitter() const { return m_splitter; }

    /// Opens @p path (a practice file) in a tab of its own, gives its editor the keyboard focus
    /// and, for a .http file, loads it into the HTTP client too. Returns the tab (-1: not opened).
    int openPracticeFile(const QString &path);
    /// Loads the request collection @p path into the HTTP client with the practice server's
    /// environment.
    void openCollection(const QString &path);
    /// Gives the current editor (or, with none, the empty page's first button) the keyboard focus.
    void focusEditor();

    /// Its entries of the File, Edit and View menus, inserted before @p before (an action of
    /// that menu).
    void fillFileMenu(QMenu *file, QAction *before) const;
    void fillEditMenu(QMenu *edit, QAction *before) const;
    void fillViewMenu(QMenu *view, QAction *before) const;
    QMenu *httpMenu() const;

    /// Restores the open files, the theme and the split from @p settings; files below
    /// @p scratchRoot save themselves as the learner types.
    void restoreState(QSettings *settings, const QString &scratchRoot);
    void saveState(QSettings *settings) const;

Q_SIGNALS:
    /// The learner asked, from the empty workbench, for the selected item's practice file.
    void practiceRequested();
    void statusMessage(const QString &message, int timeoutMs);
    void errorOccurred(const QString &title, const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyDefaultSizes();
    QWidget *buildEmptyPage();
    void showPage();
    /// Gives the editor of a .http document "send" markers on its requests.
    void wireRunMarkers(EditorDocument *document);
    void sendFromEditor(EditorDocument *document, int blockNumber);
    void sendPendingRequest(const QString &path, bool ok);

    QSplitter *m_splitter;
    /// Until the learner drags the handle, the HTTP client gets its whole width (about 500 px) or
    /// 44% of the room, whichever is more, and the editor the rest, at every size.
    bool m_defaultSizes = true;
    QStackedWidget *m_stack;
    QWidget *m_emptyPage;
    EditorTabs *m_editors;
    HttpClientWidget *m_http;
    QString m_pendingSendPath;
    int m_pendingSendLine = 0;
};

} // namespace StudyBench
