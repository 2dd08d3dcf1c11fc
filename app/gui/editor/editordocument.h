#pragma once

#include "editor/textfile.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace StudyBench {

class CodeEditor;

/// Ties a CodeEditor to a file: loading (refusing binary files, detecting the encoding), saving
/// in the same encoding with QSaveFile, noticing changes made by other programs, and, for
/// scratch pads, saving by itself shortly after the last keystroke.
///
/// Nothing typed is ever thrown away by a failed save: the text stays in the editor, modified,
/// and errorString() says why (read-only, folder gone…) so the caller can offer Save As.
class EditorDocument : public QObject
{
    Q_OBJECT

public:
    /// The autosave delay after the last change.
    static constexpr int AutosaveDelayMs = 1500;

    explicit EditorDocument(CodeEditor *editor, QObject *parent = nullptr);
    ~EditorDocument() override;

    CodeEditor *editor() const { return m_editor; }
    /// Absolute path; empty for a new, untitled document.
    QString filePath() const { return m_filePath; }
    bool isUntitled() const { return m_filePath.isEmpty(); }
    /// The file name, or "Untitled" for a new document.
    QString displayName() const;
    bool isModified() const;

    TextFileFormat format() const { return m_format; }
    /// Changes how the next save encodes the text (say, to UTF-8 after a Latin-1 save failed).
    void setFormat(const TextFileFormat &format);

    /// Reads @p path into the editor now. On failure the editor is left as it was.
    bool load(const QString &path);
    /// Reads @p path in a worker thread, then sets the text in one go; emits loadFinished().
    void loadAsync(const QString &path);
    bool isLoading() const { return !m_loadingPath.isEmpty(); }
    /// The file loadAsync() is reading; empty when it is not.
    QString loadingPath() const { return m_loadingPath; }
    /// Loads the file again, dropping unsaved changes.
    bool reload();

    bool save();
    /// Saves to @p path and makes it the document's file.
    bool saveAs(const QString &path);
    /// Why the last load or save failed.
    QString errorString() const { return m_error; }

    /// Saves AutosaveDelayMs after the last change (only when the document has a file).
    void setAutosave(bool on);
    bool autosave() const { return m_autosave; }

Q_SIGNALS:
    void loadFinished(bool ok);
    void saved();
    /// An autosave failed; the text is still in the editor.
    void autosaveFailed(const QString &message);
    void filePathChanged(const QString &path);
    /// Another program changed the file on disk; ask whether to reload or keep the editor's text.
    void changedOnDisk();
    /// The file was deleted or moved away; saving will create it again (or use Save As).
    void removedFromDisk();

private:
    void applyLoaded(const QString &path, const TextFileContent &content);
    void setFilePath(const QString &path);
    void watch();
    void rememberDiskState();
    void onFileChanged();
    void onTextChanged();

    QPointer<CodeEditor> m_editor;
    QString m_filePath;
    TextFileFormat m_format;
    QString m_error;
    QFileSystemWatcher m_watcher;
    QFutureWatcher<TextFileContent> m_loader;
    QString m_loadingPath;
    QTimer m_autosaveTimer;
    bool m_autosave = false;
    // What the file looked like after our own last load or save, to tell our writes from others'.
    qint64 m_diskSize = -1;
    QDateTime m_diskModified;
    bool m_missingReported = false;
};

} // namespace StudyBench
