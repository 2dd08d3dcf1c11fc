#pragma once

#include <QMessageBox>
#include <QStringList>
#include <QTabWidget>

#include <functional>

class QAction;
class QActionGroup;
class QMenu;

namespace StudyBench {

class CodeEditor;
class EditorDocument;
class FindReplaceBar;

/// The workbench's editors, one tab per document: new, open, save, save as, recent files, a
/// prompt for unsaved changes on close, the list of open files for the main window to persist,
/// a menu of every syntax definition by section and a theme picker.
///
/// Each tab holds a CodeEditor, its FindReplaceBar, and a notice strip for problems that need an
/// answer (the file changed on disk, was deleted, could not be saved).
class EditorTabs : public QTabWidget
{
    Q_OBJECT

public:
    enum class Action
    {
        New,
        Open,
        Save,
        SaveAs,
        Close,
        Find,
        Replace,
        GoToLine,
    };
    static constexpr int MaxRecentFiles = 10;

    explicit EditorTabs(QWidget *parent = nullptr);
    ~EditorTabs() override;

    CodeEditor *editorAt(int index) const;
    EditorDocument *documentAt(int index) const;
    FindReplaceBar *findBarAt(int index) const;
    CodeEditor *currentEditor() const { return editorAt(currentIndex()); }
    EditorDocument *currentDocument() const { return documentAt(currentIndex()); }
    /// The tab showing @p path, or -1.
    int indexOfFile(const QString &path) const;

    /// A new, empty, untitled document; returns its tab.
    int newDocument();
    /// Opens @p path (or shows it when already open) and returns its tab, or -1 with errorOccurred().
    /// Large files load in a worker thread; the tab shows up at once and fills in when ready.
    int openFile(const QString &path);
    /// Opens a scratch pad: like openFile(), and it saves itself shortly after each change.
    int openScratchPad(const QString &path);
    /// Saves the tab's document; an untitled one goes to saveDocumentAs(). False on failure
    /// (the tab then shows why, with a Save As button).
    bool saveDocument(int index);
    /// Saves under @p path, or under a name asked for when @p path is empty.
    bool saveDocumentAs(int index, const QString &path = {});
    /// Closes the tab, asking about unsaved changes; false when the user cancelled.
    bool closeDocument(int index);
    /// Closes every tab, asking as needed; false (and nothing closed after that) on cancel.
    bool closeAll();
    /// True when some tab has unsaved changes.
    bool hasUnsavedChanges() const;

    /// The files open in tabs, in tab order (untitled documents are not files).
    QStringList openFiles() const;
    QString currentFilePath() const;
    /// Opens @p files (missing ones are skipped and returned) and makes @p current the current tab.
    QStringList restoreOpenFiles(const QStringList &files, const QString &current = {});

    QStringList recentFiles() const { return m_recentFiles; }
    void setRecentFiles(const QStringList &files);
    QMenu *recentFilesMenu() const { return m_recentMenu; }

    /// Every syntax definition, grouped by section; the checked one applies to the current tab.
    /// Empty until it is first shown (QMenu::aboutToShow()).
    QMenu *syntaxMenu() const { return m_syntaxMenu; }
    /// "Follow system colours" and every theme; the choice applies to all tabs. Empty until it
    /// is first shown.
    QMenu *themeMenu() const { return m_themeMenu; }
    /// The chosen theme's name; empty when following the palette.
    QString themeName() const { return m_themeName; }
    void setThemeName(const QString &name);

    QAction *action(Action which) const;

Q_SIGNALS:
    void currentDocumentChanged(StudyBench::EditorDocument *document);
    void openFilesChanged();
    void recentFilesChanged(const QStringList &files);
    void themeNameChanged(const QString &name);
    /// Something went wrong that has no tab to show it in (a file could not be opened).
    void errorOccurred(const QString &message);

protected:
    /// Asks whether to save @p document before closing it: Save, Discard or Cancel.
    virtual QMessageBox::StandardButton askToSave(EditorDocument *document);
    /// Asks for a file name to save @p document under; empty when cancelled.
    virtual QString askForSavePath(EditorDocument *document);

private:
    int addPage(EditorDocument **documentOut);
    void setupPage(int index);
    void updateTitle(int index);
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void buildSyntaxMenu();
    void buildThemeMenu();
    void syncMenusToCurrent();
    void showNotice(
        int index, const QString &message, const QList<QPair<QString, std::function<void()>>> &buttons);
    void hideNotice(int index);
    void reportError(const QString &message);

    QStringList m_recentFiles;
    QString m_themeName;
    QMenu *m_recentMenu;
    QMenu *m_syntaxMenu;
    QMenu *m_themeMenu;
    QActionGroup *m_syntaxGroup;
    QActionGroup *m_themeGroup;
    QHash<Action, QAction *> m_actions;
};

} // namespace StudyBench
