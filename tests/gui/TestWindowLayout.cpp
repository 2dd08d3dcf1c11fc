// The window at 1280 x 800 (a common laptop) with the default settings: the workbench has room
// to work and no control is cut.
#include "common/appearance.h"
#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "http/httpclientwidget.h"
#include "http/httpresponseview.h"
#include "mainwindow.h"
#include "nodedetailwidget.h"
#include "practiceserverpanel.h"
#include "support/mainwindowtest.h"
#include "support/screenshots.h"
#include "support/textroom.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {
const QString kMethods = u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s;

// A widget inside a scroll area's viewport may be as small as it likes: the area scrolls (and an
// item view's editors follow their cells).
bool scrolled(const QWidget *widget, const QWidget *window)
{
    for (const QWidget *w = widget; w && w != window; w = w->parentWidget()) {
        const auto *area = qobject_cast<const QAbstractScrollArea *>(w->parentWidget());
        if (area && area->viewport() == w)
            return true;
    }
    return false;
}

// Smaller than its minimumSizeHint, and not on purpose: a maximum size below the hint was chosen
// (the status bar's thin progress bar); an item view sizes its header by sizeHint(), whose
// minimumSizeHint() counts a default section's square.
bool clipped(const QWidget *w)
{
    const QSize hint = w->minimumSizeHint();
    if (!hint.isValid() || qobject_cast<const QHeaderView *>(w))
        return false;
    // A spin box's or combo box's own line edit is sized by its owner, whose hint counts it.
    const QWidget *owner = w->parentWidget();
    if (qobject_cast<const QAbstractSpinBox *>(owner) || qobject_cast<const QComboBox *>(owner))
        return false;
    const bool narrow = w->width() < hint.width() && w->maximumWidth() >= hint.width();
    const bool shallow = w->height() < hint.height() && w->maximumHeight() >= hint.height();
    return narrow || shallow;
}

bool within(const QWidget *widget, const QWidget *ancestor)
{
    return ancestor && (widget == ancestor || ancestor->isAncestorOf(widget));
}

// The visible widgets of @p window (inside @p part, or outside it when @p inside is false) that
// are cut, as "Class 'name' WxH < wxh".
QStringList clippedWidgets(QWidget *window, const QWidget *part, bool inside)
{
    QStringList found;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(window) || w->isWindow() || scrolled(w, window) || within(w, part) != inside
            || !clipped(w))
            continue;
        const QSize hint = w->minimumSizeHint();
        found.append(
            u"%1 '%2' %3x%4 < %5x%6"_s.arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                .arg(w->width())
                .arg(w->height())
                .arg(hint.width())
                .arg(hint.height()));
    }
    return found;
}
} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private:
    // A window as it first opens on a laptop (fresh data dir, default settings), with the
    // learner's practice file open in the workbench.
    static std::unique_ptr<MainWindow> openWindow(const QString &dataDir)
    {
        auto w = TestSupport::openMainWindow(dataDir, kMethods);
        QSignalSpy opened(w.get(), &MainWindow::practiceFileOpened);
        w->openPracticeFile(kMethods, u"practice.md"_s);
        if (!opened.wait(10000))
            qFatal("the practice file did not open");
        return w;
    }

    static void settle(QWidget *w)
    {
        // Layouts settle over a few posted events.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QTest::qWait(1);
        QCOMPARE(w->size(), QSize(1280, 800));
    }

private Q_SLOTS:
    void initTestCase() { Appearance::apply(u"system"_s); }

    void modes_data()
    {
        QTest::addColumn<bool>("focused");
        QTest::addColumn<bool>("server");
        QTest::newRow("normal") << false << false;
        QTest::newRow("workbench focused") << true << false;
        QTest::newRow("normal, practice server shown") << false << true;
        QTest::newRow("workbench focused, practice server shown") << true << true;
    }

    static void showServerPanel(MainWindow *w, bool show)
    {
        if (show)
            w->findChild<QDockWidget *>(u"practiceServerDock"_s)->show();
    }

    // The window's own panes: the curriculum, the detail pane, the editors, the status bar.
    void noControlClipped_data() { modes_data(); }
    void noControlClipped()
    {
        QFETCH(bool, focused);
        QFETCH(bool, server);
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        w->setWorkbenchFocused(focused);
        showServerPanel(w.get(), server);
        settle(w.get());
        const QStringList cut = clippedWidgets(w.get(), w->httpClient(), false);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u"; "_s)));
    }

    // The HTTP client beside the editors.
    void noHttpControlClipped_data() { modes_data(); }
    void noHttpControlClipped()
    {
        QFETCH(bool, focused);
        QFETCH(bool, server);
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        w->setWorkbenchFocused(focused);
        showServerPanel(w.get(), server);
        settle(w.get());
        const QStringList cut = clippedWidgets(w.get(), w->httpClient(), true);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u"; "_s)));
    }

    // Focusing the workbench is for working in it: an editor of 80 x 30 and a readable response.
    void focusedWorkbenchHasRoom()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        w->setWorkbenchFocused(true);
        // A response to read: a collection's first request, sent to the practice server that
        // opening the collection starts.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        w->practiceServerPanel()->portBox()->setValue(probe.serverPort());
        probe.close();
        QSignalSpy started(w->practiceServer(), &PracticeServerController::started);
        QSignalSpy opened(w.get(), &MainWindow::collectionOpened);
        w->openCollection(u"status-codes.http"_s);
        QVERIFY(opened.wait(5000));
        QVERIFY(started.size() == 1 || started.wait(5000));
        QTRY_VERIFY(!w->httpClient()->filePath().isEmpty());
        QSignalSpy shown(w->httpClient(), &HttpClientWidget::responseShown);
        w->httpClient()->sendFileRequest(0);
        QVERIFY(shown.wait(10000));
        QTRY_VERIFY(w->httpClient()->responseView()->bodyEdit()->isVisible());
        w->editors()->currentEditor()->setFocus();
        settle(w.get());
        const TestSupport::TextRoom editor = TestSupport::roomOf(w->editors()->currentEditor());
        const TestSupport::TextRoom body = TestSupport::roomOf(w->httpClient()->responseView()->bodyEdit());
        qInfo("editor: %d columns x %d lines; response body: %d columns x %d lines", editor.columns,
            editor.lines, body.columns, body.lines);
        QVERIFY2(editor.columns >= 80, qPrintable(u"editor: %1 columns"_s.arg(editor.columns)));
        QVERIFY2(editor.lines >= 30, qPrintable(u"editor: %1 lines"_s.arg(editor.lines)));
        QVERIFY2(body.lines >= 20, qPrintable(u"response body: %1 lines"_s.arg(body.lines)));
    }

    // The README's pictures: every size, appearance and mode renders whole; with
    // STUDYBENCH_SCREENSHOTS=DIR they are written there (resources/screenshots/).
    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("appearance");
        QTest::addColumn<bool>("focused");
        QTest::addColumn<bool>("server");
        for (const QSize size : { QSize(1280, 800), QSize(1920, 1080) }) {
            for (const QString &appearance : { u"light"_s, u"dark"_s }) {
                for (const bool focused : { false, true }) {
                    const QString name
                        = u"%1-%2-%3x%4"_s.arg(focused ? u"workbench"_s : u"main-window"_s, appearance)
                              .arg(size.width())
                              .arg(size.height());
                    QTest::newRow(qPrintable(name)) << size << appearance << focused << false;
                }
            }
        }
        // With the practice server's panel open (Practice › Practice Server).
        for (const QString &appearance : { u"light"_s, u"dark"_s })
            QTest::newRow(qPrintable(u"main-window-server-%1-1280x800"_s.arg(appearance)))
                << QSize(1280, 800) << appearance << false << true;
    }

    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, appearance);
        QFETCH(bool, focused);
        QFETCH(bool, server);
        Appearance::apply(appearance);
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        CodeEditor *editor = w->editors()->currentEditor();
        editor->setPlainText(u"# HTTP methods\n\nGET is safe and idempotent: it only reads.\n"
                             "PUT replaces the resource: sending it twice leaves the same state.\n"
                             "POST creates: twice means two resources.\n"_s);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        w->practiceServerPanel()->portBox()->setValue(probe.serverPort());
        probe.close();
        QSignalSpy opened(w.get(), &MainWindow::collectionOpened);
        QSignalSpy started(w->practiceServer(), &PracticeServerController::started);
        w->openCollection(u"status-codes.http"_s);
        QVERIFY(opened.wait(5000));
        QVERIFY(started.size() == 1 || started.wait(5000));
        QTRY_VERIFY(!w->httpClient()->filePath().isEmpty());
        QSignalSpy shown(w->httpClient(), &HttpClientWidget::responseShown);
        w->httpClient()->sendFileRequest(0);
        QVERIFY(shown.wait(10000));
        w->resize(size);
        w->setWorkbenchFocused(focused);
        showServerPanel(w.get(), server);
        w->editors()->currentEditor()->setFocus();
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QTest::qWait(50);
        const QImage image = w->grab().toImage();
        QCOMPARE(image.size(), size);
        QVERIFY(TestSupport::saveScreenshot(image));
        Appearance::apply(u"system"_s);
    }

    void focusingTheWorkbenchIsRemembered()
    {
        QTemporaryDir dir;
        {
            auto w = openWindow(dir.path());
            QVERIFY(!w->isWorkbenchFocused());
            QVERIFY(w->tree()->isVisible());
            w->workbenchFocusAction()->trigger();
            QVERIFY(w->isWorkbenchFocused());
            QVERIFY(!w->tree()->isVisible());
            QVERIFY(w->editors()->currentEditor()->hasFocus());
            w->close();
        }
        auto w = openWindow(dir.path());
        QVERIFY(w->isWorkbenchFocused());
        QVERIFY(!w->tree()->isVisible());
        QVERIFY(w->editors()->isVisible());
        w->workbenchFocusAction()->trigger();
        QVERIFY(w->tree()->isVisible());
        QVERIFY(w->detail()->isVisible());
    }
};

QTEST_MAIN(TestWindowLayout)
#include "TestWindowLayout.moc"
