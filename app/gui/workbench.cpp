#include "workbench.h"

#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editortabs.h"
#include "http/httpclientwidget.h"
#include "http/httpfileview.h"
#include "httpclient/httpfile.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QResizeEvent>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace StudyBench {

Workbench::Workbench(const QString &dataDir, QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_stack(new QStackedWidget(this))
    , m_editors(new EditorTabs(this))
    , m_http(new HttpClientWidget(dataDir, this))
{
    m_splitter->setObjectName(QStringLiteral("workbenchSplitter"));
    m_editors->setObjectName(QStringLiteral("workbench"));
    m_http->setObjectName(QStringLiteral("httpClient"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_emptyPage = buildEmptyPage();
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_editors);
    m_splitter->addWidget(m_stack);
    // Beside the editors: the HTTP client, for the practice server and the learner's own APIs.
    m_splitter->addWidget(m_http);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setChildrenCollapsible(true);
    // Either side can be dragged small; the window decides how much room the workbench gets.
    m_stack->setMinimumSize(200, 120);
    m_http->setMinimumSize(240, 120);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_defaultSizes = false; });

    connect(m_editors, &QTabWidget::currentChanged, this, &Workbench::showPage);
    connect(m_editors, &EditorTabs::openFilesChanged, this, &Workbench::showPage);
    connect(m_editors, &EditorTabs::currentDocumentChanged, this, &Workbench::wireRunMarkers);
    connect(m_editors, &EditorTabs::errorOccurred, this,
        [this](const QString &message) { Q_EMIT errorOccurred(tr("Workbench"), message); });
    connect(m_http, &HttpClientWidget::fileOpened, this, &Workbench::sendPendingRequest);
    connect(m_http, &HttpClientWidget::statusMessage, this, &Workbench::statusMessage);
}

QWidget *Workbench::buildEmptyPage()
{
    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    auto *title = new QLabel(tr("Workbench"), page);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    title->setFont(font);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto *text = new QLabel(tr("Try what you learn: “Practice” on any item opens its own scratch file here, "
                               "saved as you type. You can also open any file of yours."),
        page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(text);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *practice = new QPushButton(tr("Practice This Item"), page);
    connect(practice, &QPushButton::clicked, this, &Workbench::practiceRequested);
    buttons->addWidget(practice);
    auto *newFile = new QPushButton(tr("New File"), page);
    connect(newFile, &QPushButton::clicked, m_editors->action(EditorTabs::Action::New), &QAction::trigger);
    buttons->addWidget(newFile);
    auto *open = new QPushButton(tr("Open File…"), page);
    connect(open, &QPushButton::clicked, m_editors->action(EditorTabs::Action::Open), &QAction::trigger);
    buttons->addWidget(open);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch();
    return page;
}

void Workbench::showPage()
{
    m_stack->setCurrentWidget(m_editors->count() > 0 ? static_cast<QWidget *>(m_editors) : m_emptyPage);
}

int Workbench::openPracticeFile(const QString &path)
{
    const int tab = m_editors->openScratchPad(path);
    if (tab >= 0) {
        m_editors->setCurrentIndex(tab);
        showPage(); // before the focus moves: the empty page's button had it
        focusEditor();
    }
    // Requests written in the editor can be sent from the HTTP client beside it.
    if (path.endsWith(QLatin1StringView(".http")))
        m_http->openFile(path);
    return tab;
}

void Workbench::openCollection(const QString &path)
{
    m_http->setEnvironment(QStringLiteral("local"));
    m_http->openFile(path);
}

void Workbench::focusEditor()
{
    if (CodeEditor *editor = m_editors->currentEditor())
        editor->setFocus(Qt::OtherFocusReason);
}

void Workbench::fillFileMenu(QMenu *file, QAction *before) const
{
    for (auto which : { EditorTabs::Action::New, EditorTabs::Action::Open, EditorTabs::Action::Save,
             EditorTabs::Action::SaveAs, EditorTabs::Action::Close })
        file->insertAction(before, m_editors->action(which));
    file->insertMenu(before, m_editors->recentFilesMenu());
}

void Workbench::fillEditMenu(QMenu *edit, QAction *before) const
{
    for (auto which : { EditorTabs::Action::Find, EditorTabs::Action::Replace, EditorTabs::Action::GoToLine })
        edit->insertAction(before, m_editors->action(which));
}

void Workbench::fillViewMenu(QMenu *view, QAction *before) const
{
    view->insertMenu(before, m_editors->syntaxMenu());
    view->insertMenu(before, m_editors->themeMenu());
}

QMenu *Workbench::httpMenu() const
{
    return m_http->menu();
}

void Workbench::restoreState(QSettings *settings, const QString &scratchRoot)
{
    m_defaultSizes = !m_splitter->restoreState(
        settings->value(QStringLiteral("window/workbenchSplitter")).toByteArray());
    applyDefaultSizes();
    m_editors->setThemeName(settings->value(QStringLiteral("workbench/theme")).toString());
    m_editors->setRecentFiles(settings->value(QStringLiteral("workbench/recentFiles")).toStringList());
    const QStringList skipped
        = m_editors->restoreOpenFiles(settings->value(QStringLiteral("workbench/openFiles")).toStringList(),
            settings->value(QStringLiteral("workbench/currentFile")).toString());
    // Practice files keep saving themselves after a restart too.
    const QString root = scratchRoot + QLatin1Char('/');
    for (int i = 0; i < m_editors->count(); ++i) {
        if (EditorDocument *doc = m_editors->documentAt(i); doc && doc->filePath().startsWith(root))
            doc->setAutosave(true);
    }
    if (!skipped.isEmpty())
        Q_EMIT statusMessage(tr("%n file(s) from last time are gone: %1", nullptr, int(skipped.size()))
                                 .arg(skipped.join(QStringLiteral(", "))),
            10000);
}

void Workbench::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    applyDefaultSizes();
}

void Workbench::applyDefaultSizes()
{
    if (!m_defaultSizes || m_http->isHidden())
        return;
    const int room = width() - m_splitter->handleWidth();
    const int http = std::max(m_http->minimumSizeHint().width(), room * 44 / 100);
    if (room - http >= m_stack->minimumWidth())
        m_splitter->setSizes({ room - http, http });
    else
        m_splitter->setSizes({ room * 56 / 100, room * 44 / 100 });
}

void Workbench::saveState(QSettings *settings) const
{
    // Sizes the learner chose are kept; the default ones are worked out again for the next window.
    if (m_defaultSizes)
        settings->remove(QStringLiteral("window/workbenchSplitter"));
    else
        settings->setValue(QStringLiteral("window/workbenchSplitter"), m_splitter->saveState());
    settings->setValue(QStringLiteral("workbench/openFiles"), m_editors->openFiles());
    settings->setValue(QStringLiteral("workbench/currentFile"), m_editors->currentFilePath());
    settings->setValue(QStringLiteral("workbench/recentFiles"), m_editors->recentFiles());
    settings->setValue(QStringLiteral("workbench/theme"), m_editors->themeName());
}

void Workbench::wireRunMarkers(EditorDocument *document)
{
    CodeEditor *editor = document ? document->editor() : nullptr;
    // Once per editor; the mark lives and dies with it.
    if (!editor || editor->property("studybenchRunMarkers").toBool())
        return;
    editor->setProperty("studybenchRunMarkers", true);
    // The requests of the text as it is now (in memory: no disk access), a moment after typing stops.
    auto *timer = new QTimer(editor);
    timer->setSingleShot(true);
    timer->setInterval(300);
    auto refresh = [editor, document = QPointer<EditorDocument>(document)] {
        QList<int> lines;
        if (document && document->filePath().endsWith(QLatin1StringView(".http"))) {
            const HttpFile file = HttpFileParser::parse(editor->toPlainText(), document->filePath());
            for (const HttpRequestTemplate &request : file.requests)
                lines.append(request.line - 1);
        }
        editor->setRunMarkers(lines);
    };
    connect(timer, &QTimer::timeout, editor, refresh);
    connect(editor, &QPlainTextEdit::textChanged, timer, qOverload<>(&QTimer::start));
    connect(document, &EditorDocument::filePathChanged, editor, refresh);
    connect(document, &EditorDocument::loadFinished, editor, refresh);
    connect(editor, &CodeEditor::runRequested, this,
        [this, document = QPointer<EditorDocument>(document)](int blockNumber) {
            if (document)
                sendFromEditor(document, blockNumber);
        });
    refresh();
}

void Workbench::sendFromEditor(EditorDocument *document, int blockNumber)
{
    // The HTTP client sends what is on disk: save first.
    if (document->isModified() && !document->save()) {
        Q_EMIT errorOccurred(tr("Cannot send the request"), document->errorString());
        return;
    }
    // Sent once the client has read the saved file (an earlier read may still be arriving).
    m_pendingSendPath = document->filePath();
    m_pendingSendLine = blockNumber + 1;
    m_http->openFile(m_pendingSendPath);
}

void Workbench::sendPendingRequest(const QString &path, bool ok)
{
    if (!ok || path != m_pendingSendPath)
        return;
    const QList<HttpRequestTemplate> &requests = m_http->fileView()->file().requests;
    for (int i = 0; i < requests.size(); ++i) {
        if (requests.at(i).line == m_pendingSendLine) {
            m_pendingSendPath.clear();
            m_http->sendFileRequest(i);
            return;
        }
    }
}

} // namespace StudyBench
