#include "editor/editordocument.h"

#include "editor/codeeditor.h"

#include <QFileInfo>
#include <QtConcurrent>

#include <utility>

namespace StudyBench {

EditorDocument::EditorDocument(CodeEditor *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
{
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(AutosaveDelayMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, [this] {
        if (!m_editor || isUntitled() || !isModified())
            return;
        if (!save())
            Q_EMIT autosaveFailed(m_error);
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        // Editors often save by writing a new file and renaming it; look once it has settled.
        QTimer::singleShot(100, this, &EditorDocument::onFileChanged);
    });
    connect(&m_loader, &QFutureWatcher<TextFileContent>::finished, this, [this] {
        const TextFileContent content = m_loader.result();
        const QString path = std::exchange(m_loadingPath, QString());
        if (!content.ok()) {
            m_error = content.error;
            Q_EMIT loadFinished(false);
            return;
        }
        applyLoaded(path, content);
        Q_EMIT loadFinished(true);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &EditorDocument::onTextChanged);
}

EditorDocument::~EditorDocument()
{
    m_loader.waitForFinished();
}

QString EditorDocument::displayName() const
{
    return isUntitled() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool EditorDocument::isModified() const
{
    return m_editor && m_editor->document()->isModified();
}

void EditorDocument::setFormat(const TextFileFormat &format)
{
    m_format = format;
}

bool EditorDocument::load(const QString &path)
{
    const TextFileContent content = TextFile::load(path);
    if (!content.ok()) {
        m_error = content.error;
        return false;
    }
    applyLoaded(path, content);
    return true;
}

void EditorDocument::loadAsync(const QString &path)
{
    m_loader.waitForFinished();
    m_loadingPath = QFileInfo(path).absoluteFilePath();
    m_loader.setFuture(QtConcurrent::run([path] { return TextFile::load(path); }));
}

bool EditorDocument::reload()
{
    if (isUntitled())
        return false;
    return load(m_filePath);
}

void EditorDocument::applyLoaded(const QString &path, const TextFileContent &content)
{
    m_error.clear();
    m_format = content.format;
    m_editor->setText(content.text);
    // Setting the text is no edit: it must not trigger an autosave.
    m_autosaveTimer.stop();
    m_editor->document()->setModified(false);
    m_editor->detectDefinition(path);
    m_editor->detectIndentation();
    const QString previousPath = m_filePath;
    setFilePath(path);
    rememberDiskState();
    watch();
    if (m_filePath != previousPath)
        Q_EMIT filePathChanged(m_filePath);
}

bool EditorDocument::save()
{
    if (isUntitled()) {
        m_error = tr("The document has no file yet. Use Save As to choose one.");
        return false;
    }
    return saveAs(m_filePath);
}

bool EditorDocument::saveAs(const QString &path)
{
    if (!m_editor)
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QString error;
    if (!TextFile::save(absolute, m_editor->toPlainText(), m_format, &error)) {
        m_error = error;
        return false;
    }
    m_error.clear();
    m_autosaveTimer.stop();
    m_editor->document()->setModified(false);
    const bool renamed = absolute != m_filePath;
    setFilePath(absolute);
    rememberDiskState();
    watch();
    if (renamed) {
        m_editor->detectDefinition(absolute);
        Q_EMIT filePathChanged(absolute);
    }
    Q_EMIT saved();
    return true;
}

void EditorDocument::setAutosave(bool on)
{
    m_autosave = on;
    if (!on)
        m_autosaveTimer.stop();
}

void EditorDocument::onTextChanged()
{
    if (m_autosave && !isUntitled() && isModified())
        m_autosaveTimer.start();
}

void EditorDocument::setFilePath(const QString &path)
{
    m_filePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

void EditorDocument::watch()
{
    const QStringList watched = m_watcher.files();
    if (!watched.isEmpty())
        m_watcher.removePaths(watched);
    m_missingReported = false;
    if (!m_filePath.isEmpty() && QFileInfo::exists(m_filePath))
        m_watcher.addPath(m_filePath);
}

void EditorDocument::rememberDiskState()
{
    const QFileInfo info(m_filePath);
    m_diskSize = info.exists() ? info.size() : -1;
    m_diskModified = info.exists() ? info.lastModified() : QDateTime();
}

void EditorDocument::onFileChanged()
{
    if (m_filePath.isEmpty())
        return;
    const QFileInfo info(m_filePath);
    if (!info.exists()) {
        if (!m_missingReported) {
            m_missingReported = true;
            Q_EMIT removedFromDisk();
        }
        return;
    }
    // A file replaced by rename is a new file: watch it again.
    if (!m_watcher.files().contains(m_filePath))
        m_watcher.addPath(m_filePath);
    m_missingReported = false;
    if (info.size() == m_diskSize && info.lastModified() == m_diskModified)
        return; // our own save, or a touch that changed nothing we can see
    rememberDiskState();
    Q_EMIT changedOnDisk();
}

} // namespace StudyBench
