#include "editor/editortabs.h"

#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/findreplacebar.h"
#include "editor/syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>
#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace StudyBench {

namespace {

/// One tab: a notice strip, the editor and its find bar.
class EditorPage : public QWidget
{
public:
    explicit EditorPage(QWidget *parent)
        : QWidget(parent)
        , notice(new QFrame(this))
        , noticeLabel(new QLabel(notice))
        , noticeButtons(new QHBoxLayout)
        , editor(new CodeEditor(this))
        , findBar(new FindReplaceBar(this))
        , document(new EditorDocument(editor, this))
    {
        notice->setFrameShape(QFrame::StyledPanel);
        notice->setAutoFillBackground(true);
        notice->setBackgroundRole(QPalette::ToolTipBase);
        notice->setForegroundRole(QPalette::ToolTipText);
        noticeLabel->setWordWrap(true);
        noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *noticeLayout = new QHBoxLayout(notice);
        noticeLayout->setContentsMargins(8, 4, 8, 4);
        noticeLayout->addWidget(noticeLabel, 1);
        noticeLayout->addLayout(noticeButtons);
        notice->hide();

        findBar->setEditor(editor);
        findBar->hide();

        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(notice);
        layout->addWidget(editor, 1);
        layout->addWidget(findBar);
    }

    QFrame *notice;
    QLabel *noticeLabel;
    QHBoxLayout *noticeButtons;
    CodeEditor *editor;
    FindReplaceBar *findBar;
    EditorDocument *document;
};

QString normalized(const QString &path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

} // namespace

EditorTabs::EditorTabs(QWidget *parent)
    : QTabWidget(parent)
    , m_recentMenu(new QMenu(tr("Open &Recent"), this))
    , m_syntaxMenu(new QMenu(tr("&Syntax"), this))
    , m_themeMenu(new QMenu(tr("&Theme"), this))
    , m_syntaxGroup(new QActionGroup(this))
    , m_themeGroup(new QActionGroup(this))
{
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    tabBar()->setElideMode(Qt::ElideMiddle);

    auto makeAction = [this](Action id, const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_actions.insert(id, a);
    };
    makeAction(Action::New, tr("&New"), QKeySequence::New, [this] { newDocument(); });
    makeAction(Action::Open, tr("&Open…"), QKeySequence::Open, [this] {
        const QString start
            = currentFilePath().isEmpty() ? QDir::homePath() : QFileInfo(currentFilePath()).absolutePath();
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Files"), start);
        for (const QString &path : paths)
            openFile(path);
    });
    makeAction(Action::Save, tr("&Save"), QKeySequence::Save, [this] {
        if (count() > 0)
            saveDocument(currentIndex());
    });
    makeAction(Action::SaveAs, tr("Save &As…"), QKeySequence::SaveAs, [this] {
        if (count() > 0)
            saveDocumentAs(currentIndex());
    });
    makeAction(Action::Close, tr("&Close"), QKeySequence::Close, [this] {
        if (count() > 0)
            closeDocument(currentIndex());
    });
    makeAction(Action::Find, tr("&Find…"), QKeySequence::Find, [this] {
        if (auto *bar = findBarAt(currentIndex()))
            bar->activate(false);
    });
    makeAction(Action::Replace, tr("&Replace…"), QKeySequence::Replace, [this] {
        if (auto *bar = findBarAt(currentIndex()))
            bar->activate(true);
    });
    makeAction(Action::GoToLine, tr("&Go to Line…"), QKeySequence(Qt::CTRL | Qt::Key_G), [this] {
        if (auto *editor = currentEditor())
            editor->askForLine();
    });
    // Replace is Ctrl+H where the platform has no standard key for it.
    if (action(Action::Replace)->shortcut().isEmpty())
        action(Action::Replace)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));

    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeDocument);
    connect(this, &QTabWidget::currentChanged, this, [this] {
        syncMenusToCurrent();
        Q_EMIT currentDocumentChanged(currentDocument());
    });
    connect(tabBar(), &QTabBar::tabMoved, this, &EditorTabs::openFilesChanged);

    // Filled when first shown: the syntax definitions (a few hundred actions) and themes would
    // load KSyntaxHighlighting's repository during start-up, before any file is open.
    connect(m_syntaxMenu, &QMenu::aboutToShow, this, &EditorTabs::buildSyntaxMenu);
    connect(m_themeMenu, &QMenu::aboutToShow, this, &EditorTabs::buildThemeMenu);
    rebuildRecentMenu();
}

EditorTabs::~EditorTabs() = default;

QAction *EditorTabs::action(Action which) const
{
    return m_actions.value(which);
}

CodeEditor *EditorTabs::editorAt(int index) const
{
    auto *page = dynamic_cast<EditorPage *>(widget(index));
    return page ? page->editor : nullptr;
}

EditorDocument *EditorTabs::documentAt(int index) const
{
    auto *page = dynamic_cast<EditorPage *>(widget(index));
    return page ? page->document : nullptr;
}

FindReplaceBar *EditorTabs::findBarAt(int index) const
{
    auto *page = dynamic_cast<EditorPage *>(widget(index));
    return page ? page->findBar : nullptr;
}

int EditorTabs::indexOfFile(const QString &path) const
{
    const QString wanted = normalized(path);
    for (int i = 0; i < count(); ++i) {
        if (documentAt(i)->filePath() == wanted || documentAt(i)->loadingPath() == wanted)
            return i;
    }
    return -1;
}

int EditorTabs::addPage(EditorDocument **documentOut)
{
    auto *page = new EditorPage(this);
    if (!m_themeName.isEmpty())
        page->editor->setThemeByName(m_themeName);
    const int index = addTab(page, QString());
    setupPage(index);
    *documentOut = page->document;
    return index;
}

void EditorTabs::setupPage(int index)
{
    auto *page = static_cast<EditorPage *>(widget(index));
    EditorDocument *document = page->document;
    CodeEditor *editor = page->editor;
    connect(editor, &QPlainTextEdit::modificationChanged, this, [this, page] { updateTitle(indexOf(page)); });
    connect(document, &EditorDocument::filePathChanged, this, [this, page] {
        updateTitle(indexOf(page));
        Q_EMIT openFilesChanged();
    });
    connect(document, &EditorDocument::saved, this, [this, page] {
        hideNotice(indexOf(page));
        updateTitle(indexOf(page));
    });
    connect(editor, &CodeEditor::definitionChanged, this, [this, page] {
        if (currentWidget() == page)
            syncMenusToCurrent();
    });
    connect(document, &EditorDocument::changedOnDisk, this, [this, page, document] {
        const int i = indexOf(page);
        // The learner decides, as in Kate: the file on disk or the text on screen.
        showNotice(i,
            document->isModified()
                ? tr("%1 was changed by another program. Reload it and lose your changes, or keep your text?")
                      .arg(document->displayName())
                : tr("%1 was changed by another program. Reload it, or keep the text shown here?")
                      .arg(document->displayName()),
            { { tr("Reload"),
                  [this, page, document] {
                      if (!document->reload())
                          showNotice(indexOf(page), document->errorString(), {});
                      else
                          hideNotice(indexOf(page));
                  } },
                { tr("Keep Mine"), [this, page] {
                     hideNotice(indexOf(page));
                 } } });
    });
    connect(document, &EditorDocument::removedFromDisk, this, [this, page, document] {
        showNotice(indexOf(page),
            tr("%1 was deleted or moved away. Your text is still here: save it again or somewhere else.")
                .arg(document->displayName()),
            { { tr("Save"),
                  [this, page] {
                      saveDocument(indexOf(page));
                  } },
                { tr("Save As…"), [this, page] {
                     saveDocumentAs(indexOf(page));
                 } } });
    });
    connect(document, &EditorDocument::autosaveFailed, this, [this, page](const QString &message) {
        showNotice(indexOf(page), tr("Autosave failed: %1").arg(message), { { tr("Save As…"), [this, page] {
                                                                                 saveDocumentAs(
                                                                                     indexOf(page));
                                                                             } } });
    });
    connect(findBarAt(index), &FindReplaceBar::closed, editor, qOverload<>(&QWidget::setFocus));
    updateTitle(index);
}

void EditorTabs::updateTitle(int index)
{
    EditorDocument *document = documentAt(index);
    if (!document)
        return;
    QString title = document->displayName();
    if (document->isModified())
        title += QLatin1Char('*');
    setTabText(index, title.replace(QLatin1Char('&'), QLatin1StringView("&&")));
    setTabToolTip(index,
        document->isUntitled() ? document->displayName() : QDir::toNativeSeparators(document->filePath()));
}

int EditorTabs::newDocument()
{
    EditorDocument *document = nullptr;
    const int index = addPage(&document);
    setCurrentIndex(index);
    editorAt(index)->setFocus();
    Q_EMIT openFilesChanged();
    return index;
}

int EditorTabs::openFile(const QString &path)
{
    const QString absolute = normalized(path);
    const int existing = indexOfFile(absolute);
    if (existing >= 0) {
        setCurrentIndex(existing);
        return existing;
    }
    const QFileInfo info(absolute);
    if (!info.isFile()) {
        reportError(info.exists() ? tr("%1 is not a file.").arg(QDir::toNativeSeparators(absolute))
                                  : tr("%1 does not exist.").arg(QDir::toNativeSeparators(absolute)));
        return -1;
    }
    EditorDocument *document = nullptr;
    if (info.size() >= TextFile::LargeFileBytes) {
        const int index = addPage(&document);
        CodeEditor *editor = editorAt(index);
        editor->setReadOnly(true);
        editor->setPlaceholderText(tr("Loading %1…").arg(info.fileName()));
        setTabText(index, info.fileName());
        setCurrentIndex(index);
        QWidget *page = widget(index);
        connect(
            document, &EditorDocument::loadFinished, this, [this, page, document, editor, absolute](bool ok) {
                const int i = indexOf(page);
                if (!ok) {
                    removeTab(i);
                    page->deleteLater();
                    reportError(document->errorString());
                    Q_EMIT openFilesChanged();
                    return;
                }
                editor->setReadOnly(false);
                editor->setPlaceholderText({});
                updateTitle(i);
                addRecentFile(absolute);
            });
        document->loadAsync(absolute);
        return index;
    }
    const int index = addPage(&document);
    if (!document->load(absolute)) {
        const QString message = document->errorString();
        QWidget *page = widget(index);
        removeTab(index);
        delete page;
        reportError(message);
        return -1;
    }
    updateTitle(index);
    setCurrentIndex(index);
    editorAt(index)->setFocus();
    addRecentFile(absolute);
    Q_EMIT openFilesChanged();
    return index;
}

int EditorTabs::openScratchPad(const QString &path)
{
    const int index = openFile(path);
    if (index >= 0)
        documentAt(index)->setAutosave(true);
    return index;
}

bool EditorTabs::saveDocument(int index)
{
    EditorDocument *document = documentAt(index);
    if (!document)
        return false;
    if (document->isUntitled())
        return saveDocumentAs(index);
    if (document->save()) {
        addRecentFile(document->filePath());
        return true;
    }
    QWidget *page = widget(index);
    showNotice(index, document->errorString(), { { tr("Save As…"), [this, page] {
                                                      saveDocumentAs(indexOf(page));
                                                  } } });
    return false;
}

bool EditorTabs::saveDocumentAs(int index, const QString &path)
{
    EditorDocument *document = documentAt(index);
    if (!document)
        return false;
    const QString target = path.isEmpty() ? askForSavePath(document) : path;
    if (target.isEmpty())
        return false;
    if (!document->saveAs(target)) {
        QWidget *page = widget(index);
        showNotice(index, document->errorString(), { { tr("Save As…"), [this, page] {
                                                          saveDocumentAs(indexOf(page));
                                                      } } });
        return false;
    }
    addRecentFile(document->filePath());
    updateTitle(index);
    Q_EMIT openFilesChanged();
    return true;
}

QString EditorTabs::askForSavePath(EditorDocument *document)
{
    const QString start = document->isUntitled() ? QDir::homePath() : document->filePath();
    return QFileDialog::getSaveFileName(this, tr("Save As"), start);
}

QMessageBox::StandardButton EditorTabs::askToSave(EditorDocument *document)
{
    return QMessageBox::question(this, tr("Unsaved Changes"),
        tr("%1 has changes that are not saved. Save them before closing?").arg(document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
}

bool EditorTabs::closeDocument(int index)
{
    EditorDocument *document = documentAt(index);
    if (!document)
        return false;
    if (document->isModified()) {
        setCurrentIndex(index);
        switch (askToSave(document)) {
        case QMessageBox::Save:
            if (!saveDocument(index))
                return false;
            break;
        case QMessageBox::Discard:
            break;
        default:
            return false;
        }
    }
    QWidget *page = widget(index);
    removeTab(index);
    page->deleteLater();
    Q_EMIT openFilesChanged();
    return true;
}

bool EditorTabs::closeAll()
{
    while (count() > 0) {
        if (!closeDocument(count() - 1))
            return false;
    }
    return true;
}

bool EditorTabs::hasUnsavedChanges() const
{
    for (int i = 0; i < count(); ++i) {
        if (documentAt(i)->isModified())
            return true;
    }
    return false;
}

QStringList EditorTabs::openFiles() const
{
    QStringList files;
    for (int i = 0; i < count(); ++i) {
        if (!documentAt(i)->isUntitled())
            files.append(documentAt(i)->filePath());
    }
    return files;
}

QString EditorTabs::currentFilePath() const
{
    EditorDocument *document = currentDocument();
    return document ? document->filePath() : QString();
}

QStringList EditorTabs::restoreOpenFiles(const QStringList &files, const QString &current)
{
    QStringList skipped;
    for (const QString &path : files) {
        if (!QFileInfo(path).isFile()) {
            skipped.append(path);
            continue;
        }
        if (openFile(path) < 0)
            skipped.append(path);
    }
    const int currentTab = indexOfFile(current);
    if (currentTab >= 0)
        setCurrentIndex(currentTab);
    return skipped;
}

void EditorTabs::addRecentFile(const QString &path)
{
    QStringList files = m_recentFiles;
    files.removeAll(path);
    files.prepend(path);
    setRecentFiles(files);
}

void EditorTabs::setRecentFiles(const QStringList &files)
{
    QStringList cleaned;
    for (const QString &file : files) {
        const QString absolute = normalized(file);
        if (!absolute.isEmpty() && !cleaned.contains(absolute))
            cleaned.append(absolute);
    }
    while (cleaned.size() > MaxRecentFiles)
        cleaned.removeLast();
    if (cleaned == m_recentFiles)
        return;
    m_recentFiles = cleaned;
    rebuildRecentMenu();
    Q_EMIT recentFilesChanged(m_recentFiles);
}

void EditorTabs::rebuildRecentMenu()
{
    m_recentMenu->clear();
    int number = 1;
    for (const QString &file : std::as_const(m_recentFiles)) {
        const QString label = number < 10
            ? QStringLiteral("&%1 %2").arg(number).arg(QFileInfo(file).fileName())
            : QFileInfo(file).fileName();
        QAction *a = m_recentMenu->addAction(label);
        a->setToolTip(QDir::toNativeSeparators(file));
        a->setStatusTip(QDir::toNativeSeparators(file));
        connect(a, &QAction::triggered, this, [this, file] { openFile(file); });
        ++number;
    }
    if (m_recentFiles.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear List")), &QAction::triggered, this,
        [this] { setRecentFiles({}); });
}

void EditorTabs::buildSyntaxMenu()
{
    if (!m_syntaxMenu->isEmpty())
        return;
    m_syntaxGroup->setExclusive(true);
    QAction *none = m_syntaxMenu->addAction(tr("Plain Text"));
    none->setCheckable(true);
    none->setData(QString());
    m_syntaxGroup->addAction(none);
    m_syntaxMenu->addSeparator();

    std::map<QString, QList<KSyntaxHighlighting::Definition>> bySection;
    const auto definitions = syntaxRepository().definitions();
    for (const auto &definition : definitions) {
        if (!definition.isHidden())
            bySection[definition.translatedSection()].append(definition);
    }
    for (auto &[section, list] : bySection) {
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
            return QString::localeAwareCompare(a.translatedName(), b.translatedName()) < 0;
        });
        QMenu *sub = m_syntaxMenu->addMenu(section.isEmpty() ? tr("Other") : section);
        for (const auto &definition : std::as_const(list)) {
            QAction *a = sub->addAction(definition.translatedName());
            a->setCheckable(true);
            a->setData(definition.name());
            m_syntaxGroup->addAction(a);
        }
    }
    connect(m_syntaxGroup, &QActionGroup::triggered, this, [this](QAction *a) {
        CodeEditor *editor = currentEditor();
        if (!editor)
            return;
        const QString name = a->data().toString();
        if (name.isEmpty())
            editor->setDefinition({});
        else
            editor->setDefinitionByName(name);
    });
    syncMenusToCurrent();
}

void EditorTabs::buildThemeMenu()
{
    if (!m_themeMenu->isEmpty())
        return;
    m_themeGroup->setExclusive(true);
    QAction *follow = m_themeMenu->addAction(tr("Follow System Colours"));
    follow->setCheckable(true);
    follow->setChecked(true);
    follow->setData(QString());
    m_themeGroup->addAction(follow);
    m_themeMenu->addSeparator();
    auto themes = syntaxRepository().themes();
    std::sort(themes.begin(), themes.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.translatedName(), b.translatedName()) < 0;
    });
    for (const auto &theme : std::as_const(themes)) {
        QAction *a = m_themeMenu->addAction(theme.translatedName());
        a->setCheckable(true);
        a->setData(theme.name());
        m_themeGroup->addAction(a);
    }
    connect(m_themeGroup, &QActionGroup::triggered, this,
        [this](QAction *a) { setThemeName(a->data().toString()); });
    const auto actions = m_themeGroup->actions();
    for (QAction *a : actions)
        a->setChecked(a->data().toString() == m_themeName);
}

void EditorTabs::setThemeName(const QString &name)
{
    // Following the palette needs no theme from the repository (none is loaded at start-up).
    const bool known = !name.isEmpty() && syntaxRepository().theme(name).name() == name;
    const QString effective = known ? name : QString();
    const auto actions = m_themeGroup->actions();
    for (QAction *a : actions)
        a->setChecked(a->data().toString() == effective);
    for (int i = 0; i < count(); ++i)
        editorAt(i)->setThemeByName(effective);
    if (effective == m_themeName)
        return;
    m_themeName = effective;
    Q_EMIT themeNameChanged(m_themeName);
}

void EditorTabs::syncMenusToCurrent()
{
    CodeEditor *editor = currentEditor();
    const QString name = editor ? editor->definition().name() : QString();
    const auto actions = m_syntaxGroup->actions();
    for (QAction *a : actions) {
        a->setEnabled(editor != nullptr);
        a->setChecked(editor && a->data().toString() == name);
    }
}

void EditorTabs::showNotice(
    int index, const QString &message, const QList<QPair<QString, std::function<void()>>> &buttons)
{
    auto *page = dynamic_cast<EditorPage *>(widget(index));
    if (!page)
        return;
    while (QLayoutItem *item = page->noticeButtons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    page->noticeLabel->setText(message);
    for (const auto &[label, handler] : buttons) {
        auto *button = new QPushButton(label, page->notice);
        connect(button, &QPushButton::clicked, this, handler);
        page->noticeButtons->addWidget(button);
    }
    auto *dismiss = new QPushButton(tr("Dismiss"), page->notice);
    connect(dismiss, &QPushButton::clicked, page->notice, &QWidget::hide);
    page->noticeButtons->addWidget(dismiss);
    page->notice->show();
}

void EditorTabs::hideNotice(int index)
{
    if (auto *page = dynamic_cast<EditorPage *>(widget(index)))
        page->notice->hide();
}

void EditorTabs::reportError(const QString &message)
{
    Q_EMIT errorOccurred(message);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("StudyBench"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace StudyBench
