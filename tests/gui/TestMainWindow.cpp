#include "common/appearance.h"
#include "curriculumfilter.h"
#include "curriculummodel.h"
#include "editor/codeeditor.h"
#include "editor/editordocument.h"
#include "editor/editortabs.h"
#include "http/httpclientwidget.h"
#include "http/httpresponseview.h"
#include "mainwindow.h"
#include "nodedetailwidget.h"
#include "practiceserverpanel.h"
#include "progress/backupmanager.h"
#include "progress/progressservice.h"
#include "review/cardinfodialog.h"
#include "review/reviewactions.h"
#include "review/reviewsession.h"
#include "review/reviewsessionwidget.h"
#include "support/screenshots.h"
#include "workbench.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolButton>
#include <QTreeView>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {
const QString kMethods = u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s;
const QString kTopic = u"backend-basics/core-fundamentals/http-protocol-mastery"_s;
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            qFatal("no free port");
        return probe.serverPort();
    }

    // What another process would read from the database file right now.
    static QVariant readBack(const QString &dataDir, const QString &sql, const QString &id)
    {
        QVariant value;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"readback"_s);
            db.setDatabaseName(dataDir + u"/progress.sqlite"_s);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(sql);
                q.addBindValue(id);
                if (q.exec() && q.next())
                    value = q.value(0);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"readback"_s);
        return value;
    }

    static std::unique_ptr<MainWindow> openWindow(const QString &dataDir, const QString &curriculum = {})
    {
        auto w = std::make_unique<MainWindow>(dataDir);
        QSignalSpy ready(w.get(), &MainWindow::progressReady);
        w->loadCurriculum(curriculum);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qFatal("window not exposed");
        if (ready.isEmpty() && !ready.wait(10000))
            qFatal("progress was not loaded");
        return w;
    }

private Q_SLOTS:
    void httpMenuOpenedBeforeTheWorkbenchShowsItsEntries()
    {
        // Opening HTTP loads the workbench (on first use): the menu that pops up has its entries.
        QTemporaryDir dir;
        MainWindow w(dir.path());
        w.loadCurriculum({});
        w.show();
        QVERIFY(!w.isWorkbenchLoaded());
        QMenu *http = nullptr;
        for (QAction *a : w.menuBar()->actions()) {
            if (a->menu() && a->text() == u"H&TTP"_s)
                http = a->menu();
        }
        QVERIFY(http);
        QVERIFY(http->actions().isEmpty());
        QMetaObject::invokeMethod(http, "aboutToShow");
        QVERIFY(w.isWorkbenchLoaded());
        QVERIFY(http->actions().size() >= 6);
        QVERIFY(w.menuBar()->actions().contains(http->menuAction()));
        QTest::qWait(10); // the stand-in is not deleted later either
        QVERIFY(w.menuBar()->actions().contains(http->menuAction()));
    }

    void spaceTogglesAndTheFileHasIt()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        QVERIFY(w->selectNode(kMethods));
        w->tree()->setFocus();
        QTest::keyClick(w->tree(), Qt::Key_Space);
        QTRY_COMPARE(w->model()->state(kMethods), ItemState::Done);
        QTRY_VERIFY(!w->model()->isPending(kMethods));
        // Saved means on disk: a separate connection sees it now.
        QCOMPARE(readBack(dir.path(), u"SELECT state FROM item WHERE node_id = ?"_s, kMethods).toInt(),
            int(ItemState::Done));
        QCOMPARE(
            readBack(dir.path(), u"SELECT source FROM state_change WHERE node_id = ?"_s, kMethods).toString(),
            u"gui"_s);

        QTest::keyClick(w->tree(), Qt::Key_Space);
        QTRY_COMPARE(readBack(dir.path(), u"SELECT state FROM item WHERE node_id = ?"_s, kMethods).toInt(),
            int(ItemState::NotStarted));
    }

    // Marking a concept done makes it a review card: the status bar counts it, the card is in the
    // progress file (and there after a restart), and a session from the Review menu grades it.
    void markingDoneMakesAReviewCard()
    {
        QTemporaryDir dir;
        {
            auto w = openWindow(dir.path());
            QVERIFY(w->menuBar()->actions().contains(w->review()->menu()->menuAction()));
            QTRY_COMPARE(w->review()->dueCount(), 0);
            QVERIFY(w->statusBar()->isAncestorOf(w->review()->dueLabel()));
            QVERIFY(w->selectNode(kMethods));
            w->tree()->setFocus();
            QTest::keyClick(w->tree(), Qt::Key_Space);
            QTRY_COMPARE(w->review()->dueCount(), 1);
            QCOMPARE(w->review()->dueLabel()->text(), u"1 due"_s);
            QCOMPARE(readBack(dir.path(), u"SELECT COUNT(*) FROM review_card WHERE node_id = ?"_s, kMethods)
                         .toInt(),
                1);
        }
        auto w = openWindow(dir.path());
        QTRY_COMPARE(w->review()->dueCount(), 1);
        // Review Here: only the due cards under the selected item.
        QAction *here = w->review()->itemActions().constFirst();
        for (const QString &place : { u"databases"_s, kTopic }) {
            QVERIFY(w->selectNode(place));
            here->trigger();
            auto *limited = w->findChild<ReviewSession *>();
            QVERIFY(limited);
            QSignalSpy loaded(limited, &ReviewSession::loaded);
            QVERIFY(loaded.wait(10000));
            QCOMPARE(limited->current() ? limited->current()->record.nodeId : QString(),
                place == kTopic ? kMethods : QString());
            qobject_cast<QWidget *>(limited->parent())->close();
            QTRY_VERIFY(!w->findChild<ReviewSession *>());
        }
        QAction *start = w->review()->actions().constFirst();
        QCOMPARE(start->shortcut(), QKeySequence(Qt::Key_F7));
        start->trigger();
        auto *session = w->findChild<ReviewSessionWidget *>();
        QVERIFY(session);
        auto *model = w->findChild<ReviewSession *>();
        QVERIFY(model);
        QTRY_VERIFY(model->current() != nullptr);
        QCOMPARE(model->current()->record.nodeId, kMethods);
        QTest::keyClick(session, Qt::Key_Space);
        // The back links the item's practice collections; one opens in the HTTP client.
        auto *back = session->findChild<QTextBrowser *>();
        QVERIFY(back);
        QString href;
        for (QTextBlock b = back->document()->begin(); b.isValid() && href.isEmpty(); b = b.next()) {
            for (auto f = b.begin(); !f.atEnd() && href.isEmpty(); ++f)
                href = f.fragment().charFormat().anchorHref();
        }
        QVERIFY2(href.startsWith(u"collection:"_s), qPrintable(back->toMarkdown()));
        w->practiceServerPanel()->portBox()->setValue(freePort());
        QSignalSpy opened(w.get(), &MainWindow::collectionOpened);
        Q_EMIT back->anchorClicked(QUrl(href));
        QVERIFY(opened.wait(10000));
        QVERIFY2(opened.first().first().toString().endsWith(QUrl(href).path()), qPrintable(href));
        QTest::keyClick(session, Qt::Key_3); // Good
        QTRY_COMPARE(
            readBack(dir.path(), u"SELECT COUNT(*) FROM review_log WHERE node_id = ?"_s, kMethods).toInt(),
            1);
        session->window()->close();
        // Good on a new card: due again after the last learning step (10 minutes), not now.
        QTRY_COMPARE(w->review()->dueCount(), 0);
    }

    // Before a restore replaces the database file, every open review session ends (their
    // connections would otherwise write grades into the replaced file); a grade just given is
    // committed first.
    void endingSessionsCommitsTheGradeInProgress()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        QVERIFY(w->selectNode(kMethods));
        w->tree()->setFocus();
        QTest::keyClick(w->tree(), Qt::Key_Space);
        QTRY_COMPARE(w->review()->dueCount(), 1);
        w->review()->actions().constFirst()->trigger(); // Start Review
        w->review()->itemActions().constFirst()->trigger(); // Review Here: a second session
        QCOMPARE(w->findChildren<ReviewSession *>().size(), 2);
        auto *session = w->findChild<ReviewSessionWidget *>();
        auto *model = qobject_cast<ReviewSession *>(session->parent()->findChild<ReviewSession *>());
        QVERIFY(model);
        QTRY_VERIFY(model->current() != nullptr);
        QTest::keyClick(session, Qt::Key_Space);
        QTest::keyClick(session, Qt::Key_3); // Good, and at once:
        w->review()->endSessions();
        QVERIFY(w->findChildren<ReviewSession *>().isEmpty());
        QCOMPARE(
            readBack(dir.path(), u"SELECT COUNT(*) FROM review_log WHERE node_id = ?"_s, kMethods).toInt(),
            1);
    }

    // The detail pane's review line: an item that is not a card offers Add to Review; the link adds
    // it (the file has the card) and the line then says when it is due, and again after a grade.
    // With STUDYBENCH_SCREENSHOTS set, the pane is saved as review-detail-{light,dark}.png.
    void detailPaneReviewLine()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        QVERIFY(w->selectNode(kMethods));
        QLabel *line = w->detail()->reviewLabel();
        QTRY_VERIFY(line->isVisible() && line->text().contains(u"Add to Review"_s));
        QVERIFY2(line->text().contains(u"not a card"_s), qPrintable(line->text()));
        QSignalSpy added(w->review()->addToReviewAction(), &QAction::triggered);
        const auto href = [line] {
            return QRegularExpression(u"href=\"([^\"]+)\""_s).match(line->text()).captured(1);
        };
        Q_EMIT line->linkActivated(href());
        QCOMPARE(added.size(), 1);
        QTRY_VERIFY2(line->text().contains(u"Card Info"_s), qPrintable(line->text()));
        QVERIFY2(line->text().contains(u"new card, due now"_s), qPrintable(line->text()));
        QCOMPARE(
            readBack(dir.path(), u"SELECT COUNT(*) FROM review_card WHERE node_id = ?"_s, kMethods).toInt(),
            1);

        w->review()->actions().constFirst()->trigger(); // Start Review
        auto *session = w->findChild<ReviewSessionWidget *>();
        QVERIFY(session);
        QTRY_VERIFY(w->findChild<ReviewSession *>()->current() != nullptr);
        QTest::keyClick(session, Qt::Key_Space);
        QTest::keyClick(session, Qt::Key_3); // Good: back after the last learning step
        QTRY_COMPARE(
            readBack(dir.path(), u"SELECT COUNT(*) FROM review_log WHERE node_id = ?"_s, kMethods).toInt(),
            1);
        session->window()->close();
        QTRY_VERIFY2(line->text().contains(u"due in 10m"_s), qPrintable(line->text()));

        QSignalSpy info(w->review()->cardInfoAction(), &QAction::triggered);
        Q_EMIT line->linkActivated(href());
        QCOMPARE(info.size(), 1);
        QTRY_VERIFY(w->findChild<CardInfoDialog *>());
        w->findChild<CardInfoDialog *>()->close();

        w.reset();
        // A window per appearance: rich text keeps the link colour it was laid out with.
        for (const QString &look : { u"light"_s, u"dark"_s }) {
            Appearance::apply(look);
            w = openWindow(dir.path());
            QVERIFY(w->selectNode(kMethods));
            line = w->detail()->reviewLabel();
            QTRY_VERIFY2(line->isVisible() && line->text().contains(u"due in"_s), qPrintable(line->text()));
            const QPixmap pane = w->detail()->grab();
            QVERIFY(!pane.isNull());
            QVERIFY(TestSupport::saveScreenshot(pane, u"review-detail-%1"_s.arg(look)));
            w.reset();
        }
        Appearance::apply(u"system"_s);
    }

    void detailPaneSetsStateAndNotes()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        QVERIFY(w->selectNode(kMethods));
        QComboBox *box = w->detail()->stateBox();
        QVERIFY(box->isVisible());
        box->setCurrentIndex(box->findData(int(ItemState::InProgress)));
        Q_EMIT box->activated(box->currentIndex());
        QTRY_COMPARE(readBack(dir.path(), u"SELECT state FROM item WHERE node_id = ?"_s, kMethods).toInt(),
            int(ItemState::InProgress));
        QCOMPARE(
            w->model()->indexForId(kMethods).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));

        QPlainTextEdit *notes = w->detail()->notesEdit();
        QTRY_VERIFY(notes->isEnabled());
        notes->setFocus();
        QTest::keyClicks(notes, u"PUT is idempotent"_s);
        QTRY_COMPARE(readBack(dir.path(), u"SELECT body FROM note WHERE node_id = ?"_s, kMethods).toString(),
            u"PUT is idempotent"_s);
    }

    void ctrlFFiltersTheTree()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        w->tree()->setFocus();
        QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(w->filterEdit()->hasFocus());
        const int before = w->filter()->rowCount();
        QTest::keyClicks(w->filterEdit(), u"idempotency"_s);
        QVERIFY(w->filter()->isActive());
        QVERIFY(w->filter()->rowCount() < before);
        // Every visible leaf mentions the word.
        const QModelIndex first = w->filter()->index(0, 0);
        QVERIFY(first.isValid());
        QTest::keyClick(w->filterEdit(), Qt::Key_Escape);
        QVERIFY(w->filterEdit()->text().isEmpty());
        QCOMPARE(w->filter()->rowCount(), before);
    }

    void stateSurvivesARestart()
    {
        QTemporaryDir dir;
        {
            auto w = openWindow(dir.path());
            QVERIFY(w->selectNode(kMethods));
            w->tree()->setFocus();
            QTest::keyClick(w->tree(), Qt::Key_Space);
            QTRY_VERIFY(!w->model()->isPending(kMethods));
            QVERIFY(w->selectNode(kTopic));
            w->resize(760, 560); // within the offscreen screen (800x600)
            auto *splitter = w->findChild<QSplitter *>(u"mainSplitter"_s);
            QVERIFY(splitter);
            splitter->setSizes({ 220, 530 });
            w->close();
        }
        auto w = openWindow(dir.path());
        QCOMPARE(w->selectedNodeId(), kTopic);
        QCOMPARE(w->size(), QSize(760, 560));
        const int left = w->findChild<QSplitter *>(u"mainSplitter"_s)->sizes().first();
        QVERIFY2(qAbs(left - 220) <= 3, qPrintable(QString::number(left))); // layout rounding
        QCOMPARE(w->model()->state(kMethods), ItemState::Done);
        QCOMPARE(w->model()->overallTally().done, 1);
    }

    void startingWritesNoSettings()
    {
        // ui.ini is written when a setting changes and when the window closes, not at every
        // start: QSettings writes it, and waits for the disk, on the GUI thread.
        QTemporaryDir dir;
        const QString ini = dir.filePath(u"ui.ini"_s);
        {
            auto w = openWindow(dir.path());
            QTest::qWait(50);
            QVERIFY(!QFile::exists(ini));
            w->close();
            QVERIFY(QFile::exists(ini));
        }
        const QDateTime written = QFileInfo(ini).lastModified();
        const QByteArray contents = [&ini] {
            QFile f(ini);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        auto w = openWindow(dir.path());
        QTest::qWait(50);
        QCOMPARE(QFileInfo(ini).lastModified(), written);
        QFile f(ini);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), contents);
    }

    void malformedCurriculumFallsBackToTheBuiltIn()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.md"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Mine\n\n- [ ] an item before any section\n");
        f.close();
        MainWindow w(dir.path());
        QSignalSpy ready(&w, &MainWindow::curriculumReady);
        w.loadCurriculum(bad);
        QVERIFY(ready.wait(10000));
        QCOMPARE(w.model()->curriculum()->sourceName(), u":/curriculum/backend-mastery.md"_s);
        QVERIFY2(w.lastError().contains(bad + u":3:"_s), qPrintable(w.lastError()));
        QVERIFY(w.lastError().contains(u"before the first section"_s));
    }

    void damagedDatabaseIsRecoveredAndTheUserIsTold()
    {
        QTemporaryDir dir;
        {
            ProgressStore store;
            QVERIFY(store.open(dir.filePath(u"progress.sqlite"_s)));
            QVERIFY(store.setState(kMethods, ItemState::Done, u"HTTP Methods"_s, u"test"_s));
        }
        BackupManager backups(dir.path());
        QVERIFY(backups.backUp(dir.filePath(u"progress.sqlite"_s), u"auto"_s));
        QFile f(dir.filePath(u"progress.sqlite"_s));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(10000, '#'));
        f.close();
        auto w = openWindow(dir.path());
        QTRY_VERIFY2(w->lastError().contains(u"damaged"_s), qPrintable(w->lastError()));
        QVERIFY(w->lastError().contains(u"restored the backup"_s));
        QCOMPARE(w->model()->state(kMethods), ItemState::Done);
    }

    void practiceFileOpensAutosavesAndComesBack()
    {
        QTemporaryDir dir;
        const QString expected = dir.filePath(u"scratch/"_s + kTopic + u"/practice.md"_s);
        {
            auto w = openWindow(dir.path());
            QVERIFY(w->selectNode(kTopic));
            QSignalSpy opened(w.get(), &MainWindow::practiceFileOpened);
            QVERIFY(w->detail()->practiceButton()->isVisible());
            QTest::mouseClick(w->detail()->practiceButton(), Qt::LeftButton, {}, QPoint(8, 8));
            QVERIFY(opened.wait(5000));
            QCOMPARE(opened.first().first().toString(), expected);
            QVERIFY(QFile::exists(expected));
            CodeEditor *editor = w->editors()->currentEditor();
            QVERIFY(editor);
            editor->setFocus();
            QTest::keyClicks(editor, u"GET is safe; PUT is idempotent."_s);
            // Autosaved within two seconds of the last keystroke, without asking.
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(expected).size() > 0, 3000);
            QFile f(expected);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("GET is safe; PUT is idempotent."));
            w->close();
        }
        auto w = openWindow(dir.path());
        QTRY_COMPARE(w->editors()->openFiles(), QStringList { expected });
        QVERIFY(w->editors()->currentDocument()->autosave());
    }

    void practiceGivesTheNewEditorTheFocus()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        QVERIFY(w->selectNode(kMethods));
        // The empty workbench's own button: it goes away as the editor comes, with the focus.
        QPushButton *practice = nullptr;
        for (QPushButton *b : w->workbench()->findChildren<QPushButton *>()) {
            if (b->text() == u"Practice This Item"_s)
                practice = b;
        }
        QVERIFY(practice && practice->isVisible());
        practice->setFocus();
        QSignalSpy opened(w.get(), &MainWindow::practiceFileOpened);
        QTest::mouseClick(practice, Qt::LeftButton);
        QVERIFY(opened.wait(5000));
        CodeEditor *editor = w->editors()->currentEditor();
        QVERIFY(editor);
        QTRY_COMPARE(QApplication::focusWidget(), editor);
        // What the learner types next goes into the practice file, not the HTTP client.
        QTest::keyClicks(QApplication::focusWidget(), u"idempotent"_s);
        QCOMPARE(editor->toPlainText(), u"idempotent"_s);

        // Practice › Practice with HTTP Requests: its editor has the focus too.
        w->tree()->setFocus();
        opened.clear();
        w->openPracticeFile(kMethods, u"requests.http"_s);
        QVERIFY(opened.wait(5000));
        QVERIFY(w->editors()->currentEditor() != editor);
        QTRY_COMPARE(QApplication::focusWidget(), w->editors()->currentEditor());
    }

    void topicListsItsRequestCollections()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        QVERIFY(w->selectNode(kTopic));
        QLabel *collections = w->detail()->collectionsLabel();
        QVERIFY(collections->isVisible());
        QVERIFY(collections->text().contains(u"Status codes"_s));
        // The practice server is off: opening the collection starts it, on the panel's port.
        QVERIFY(!w->practiceServer()->isRunning());
        const quint16 port = freePort();
        w->practiceServerPanel()->portBox()->setValue(port);
        QSignalSpy opened(w.get(), &MainWindow::collectionOpened);
        QSignalSpy started(w->practiceServer(), &PracticeServerController::started);
        Q_EMIT collections->linkActivated(u"status-codes.http"_s);
        QVERIFY(opened.wait(5000));
        const QString path = opened.first().first().toString();
        QCOMPARE(path, dir.filePath(u"practice/status-codes.http"_s));
        QVERIFY(QFile::exists(dir.filePath(u"practice/http-client.env.json"_s)));
        // It is loaded into the HTTP client with the practice server's environment.
        QTRY_COMPARE(w->httpClient()->filePath(), path);
        QCOMPARE(w->httpClient()->environment(), u"local"_s);
        QTRY_COMPARE(started.size(), 1);
        QCOMPARE(w->practiceServer()->url().port(), int(port));
        QTRY_VERIFY(w->statusBar()->currentMessage().contains(w->practiceServer()->url().toString()));
        // Send All reaches it: the first request of the collection gets its answer.
        QSignalSpy shown(w->httpClient(), &HttpClientWidget::responseShown);
        w->httpClient()->sendFileRequest(0);
        QVERIFY(shown.wait(10000));
        QVERIFY(!w->httpClient()->responseView()->bodyEdit()->toPlainText().contains(u"refused"_s));
        QTRY_VERIFY(w->practiceServerPanel()->log()->toPlainText().contains(u"/http/status/"_s));
        // A concept with no collection shows none.
        QVERIFY(w->selectNode(u"databases/sql-mastery/transaction-management/isolation-levels"_s));
        QVERIFY(!collections->isVisible());
    }

    void httpFileInTheEditorSendsFromItsMarkers()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        const quint16 port = freePort();
        QSignalSpy serverStarted(w->practiceServer(), &PracticeServerController::started);
        w->practiceServer()->start(port);
        QVERIFY(serverStarted.wait(10000));

        QSignalSpy opened(w.get(), &MainWindow::practiceFileOpened);
        w->openPracticeFile(kTopic, u"requests.http"_s);
        QVERIFY(opened.wait(5000));
        CodeEditor *editor = w->editors()->currentEditor();
        QVERIFY(editor);
        editor->selectAll();
        editor->insertPlainText(
            u"### first\nGET http://127.0.0.1:%1/http/status/204\n\n### second\nGET http://127.0.0.1:%1/http/status/418\n"_s
                .arg(port));
        QTRY_COMPARE(editor->runMarkers(), (QList<int> { 1, 4 }));

        // Ctrl+Enter below the second request line sends the second request.
        QTextCursor cursor = editor->textCursor();
        cursor.movePosition(QTextCursor::End);
        editor->setTextCursor(cursor);
        editor->setFocus();
        QSignalSpy run(editor, &CodeEditor::runRequested);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.first().first().toInt(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(
            w->practiceServerPanel()->log()->toPlainText().contains(u"GET /http/status/418 418"_s), 10000);
        QVERIFY(!w->practiceServerPanel()->log()->toPlainText().contains(u"/http/status/204"_s));
        // Nothing was toggled in the curriculum by that Ctrl+Enter.
        QCOMPARE(w->model()->overallTally().done, 0);
        // And the marker of the first one sends the first.
        Q_EMIT editor->runRequested(1);
        QTRY_VERIFY_WITH_TIMEOUT(
            w->practiceServerPanel()->log()->toPlainText().contains(u"GET /http/status/204 204"_s), 10000);
    }

    void cliChangesShowUpWhileRunning()
    {
        QTemporaryDir dir;
        auto w = openWindow(dir.path());
        const QString id = u"apis/essential-skills-checklist/implement-rate-limiting-and-throttling"_s;
        {
            ProgressStore other;
            QVERIFY(other.open(dir.filePath(u"progress.sqlite"_s)));
            QVERIFY(other.setState(id, ItemState::Done, u"rate limiting"_s, u"cli"_s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(w->model()->state(id), ItemState::Done, 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
