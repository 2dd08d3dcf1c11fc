// Search Everything (Ctrl+K) in the real main window over a real index on disk: typing shows
// hits grouped by kind, the arrow keys move through them from the field, Enter goes to the item,
// the file line or the history entry, and what the window writes is found at once.
#include "common/appearance.h"
#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "mainwindow.h"
#include "progress/progressservice.h"
#include "search/searchactions.h"
#include "search/searchpopup.h"
#include "search/searchresultmodel.h"
#include "support/screenshots.h"
#include "support/searchprofile.h"
#include "util/translations.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace StudyBench;
using namespace StudyBench::TestSupport;
using namespace Qt::StringLiterals;

class TestSearchPopup : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SearchProfile m_profile;
    std::unique_ptr<MainWindow> m_window;

    SearchPopup *popup() const { return m_window->search()->popup(); }
    SearchResultModel *model() const { return m_window->search()->model(); }

    // Opens the panel with Ctrl+K and types @p text; true once its hits are on screen.
    bool type(const QString &text)
    {
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        if (!popup()->isVisible() || !popup()->edit()->hasFocus())
            return false;
        QSignalSpy shown(m_window->search(), &SearchActions::resultsShown);
        popup()->edit()->clear();
        QTest::keyClicks(popup()->edit(), text);
        return shown.wait(5000);
    }

    struct WindowSpies
    {
        std::unique_ptr<QSignalSpy> ready; // MainWindow::progressReady
        std::unique_ptr<QSignalSpy> synced; // SearchActions::synced
    };

    // A new window on the profile, shown and not waited for, with spies on what it will do.
    WindowSpies openWindow()
    {
        m_window = std::make_unique<MainWindow>(m_dir->path(), m_dir->path());
        WindowSpies spies { std::make_unique<QSignalSpy>(m_window.get(), &MainWindow::progressReady),
            std::make_unique<QSignalSpy>(m_window->search(), &SearchActions::synced) };
        m_window->loadCurriculum(m_profile.curriculumFile);
        m_window->resize(1280, 800);
        m_window->show();
        return spies;
    }

    const SearchHit *current() const { return model()->hit(popup()->view()->currentIndex()); }

private Q_SLOTS:
    void initTestCase() { installTranslator(*QCoreApplication::instance()); } // English plurals

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_profile = seedSearchProfile(m_dir->path());
        const WindowSpies spies = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy &ready = *spies.ready;
        QSignalSpy &synced = *spies.synced;
        QVERIFY(!ready.isEmpty() || ready.wait(10000));
        // The catch-up sync after the window opens fills the (new) index.
        QVERIFY(!synced.isEmpty() || synced.wait(10000));
        QCOMPARE(synced.first().first().toInt(), m_profile.curriculum->allNodes().size() - 1 + 6);
    }
    void cleanup() { m_window.reset(); }

    void searchOpensWhenTheWorkbenchCameFirst()
    {
        // A learner whose first click (a menu, Ctrl+Shift+P) loads the workbench before the saved
        // progress is on screen: the index still opens once that frame is up.
        m_window.reset();
        const WindowSpies spies = openWindow();
        QSignalSpy &ready = *spies.ready;
        QSignalSpy &synced = *spies.synced;
        QVERIFY(ready.isEmpty());
        QVERIFY(m_window->loadWorkbench());
        QVERIFY(!ready.isEmpty() || ready.wait(10000));
        QVERIFY(!synced.isEmpty() || synced.wait(10000));
        QVERIFY(type(u"pag"_s));
        QCOMPARE(model()->index(0, 0).data().toString(), u"Curriculum"_s);
    }

    void typingShowsHitsGroupedByKind()
    {
        QVERIFY(type(u"pag"_s));
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(model()->index(0, 0).data().toString(), u"Curriculum"_s);
        QCOMPARE(model()->index(1, 0).data().toString(), u"Notes"_s);
        QCOMPARE(model()->index(2, 0).data().toString(), u"Request history"_s);
        QCOMPARE(model()->rowCount(model()->index(0, 0)), 2);
        QCOMPARE(current()->title, u"Pagination"_s);
        QVERIFY(popup()->view()->isExpanded(model()->index(2, 0)));
        QVERIFY(popup()->statusLabel()->text().startsWith(u"4 results"_s));
        // More letters narrow it; fewer than none clears it.
        QVERIFY(type(u"pagination keyset"_s));
        QCOMPARE(model()->hitCount(), 1);
        QCOMPARE(current()->kind, SearchKind::Note);
        QVERIFY(type(u"\"*"_s));
        QCOMPARE(model()->hitCount(), 0);
    }

    void arrowKeysMoveThroughHitsFromTheField()
    {
        QVERIFY(type(u"pagination"_s));
        QCOMPARE(current()->title, u"Pagination"_s);
        QTest::keyClick(popup()->edit(), Qt::Key_Down);
        QCOMPARE(current()->title, u"Rate Limiting"_s);
        QTest::keyClick(popup()->edit(), Qt::Key_Down); // over the Notes heading
        QCOMPARE(current()->kind, SearchKind::Note);
        QTest::keyClick(popup()->edit(), Qt::Key_Down); // the last stays
        QCOMPARE(current()->kind, SearchKind::Note);
        QTest::keyClick(popup()->edit(), Qt::Key_Up);
        QCOMPARE(current()->title, u"Rate Limiting"_s);
        QVERIFY(popup()->edit()->hasFocus());
    }

    void enterOnANoteSelectsItsItem()
    {
        QVERIFY(type(u"keyset"_s));
        QCOMPARE(current()->kind, SearchKind::Note);
        QSignalSpy requested(m_window->search(), &SearchActions::nodeRequested);
        QTest::keyClick(popup()->edit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), m_profile.idOf(u"Pagination"_s));
        QVERIFY(!popup()->isVisible());
        QCOMPARE(m_window->selectedNodeId(), m_profile.idOf(u"Pagination"_s));
    }

    void enterOnAFileOpensItAtTheLine()
    {
        QVERIFY(type(u"retry twice"_s));
        QCOMPARE(current()->kind, SearchKind::File);
        QTest::keyClick(popup()->edit(), Qt::Key_Enter);
        QTRY_COMPARE(m_window->editors()->currentFilePath(), m_profile.practiceFile);
        CodeEditor *editor = m_window->editors()->currentEditor();
        QTRY_COMPARE(editor->textCursor().blockNumber() + 1, 6);
    }

    void enterOnARequestLoadsItInTheClient()
    {
        QVERIFY(type(u"zebra"_s));
        QSignalSpy requested(m_window->search(), &SearchActions::historyRequested);
        QTest::keyClick(popup()->edit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), m_profile.loginRequest);
    }

    void ctrlKWorksFromTheEditor()
    {
        m_window->openPracticeFile(m_profile.idOf(u"Pagination"_s), u"practice.md"_s);
        QTRY_VERIFY(m_window->editors()->currentEditor() && m_window->editors()->currentEditor()->hasFocus());
        CodeEditor *editor = m_window->editors()->currentEditor();
        editor->setPlainText(u"keep this line"_s);
        QTest::keyClick(editor, Qt::Key_K, Qt::ControlModifier);
        QVERIFY(popup()->isVisible());
        QCOMPARE(editor->toPlainText(), u"keep this line"_s); // not Delete to End of Line
        QTest::keyClick(popup()->edit(), Qt::Key_Escape);
        QVERIFY(editor->hasFocus()); // the focus goes back
    }

    void escapeCloses()
    {
        QVERIFY(type(u"bucket"_s));
        QTest::keyClick(popup()->edit(), Qt::Key_Escape);
        QVERIFY(!popup()->isVisible());
    }

    void aSavedNoteIsFoundAtOnce()
    {
        const QString id = m_profile.idOf(u"B-Tree Indexes"_s);
        QSignalSpy saved(m_window->progress(), &ProgressService::noteSaved);
        m_window->progress()->setNote(id, u"Fanout of a wombat-sized page"_s);
        QVERIFY(saved.wait(5000));
        QVERIFY(type(u"wombat"_s));
        QCOMPARE(model()->hitCount(), 1);
        QCOMPARE(current()->key, id);
    }

    // Search over the window at 1280 x 800, light and dark; with STUDYBENCH_SCREENSHOTS=DIR the
    // pictures are written there (resources/screenshots/search-light.png, search-dark.png).
    void screenshots_data()
    {
        QTest::addColumn<QString>("appearance");
        QTest::newRow("search-light") << u"light"_s;
        QTest::newRow("search-dark") << u"dark"_s;
    }
    void screenshots()
    {
        QFETCH(QString, appearance);
        Appearance::apply(appearance);
        QVERIFY(type(u"pag"_s));
        QTest::keyClick(popup()->edit(), Qt::Key_Down);
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        const QImage image = m_window->grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        // The panel shows every hit whole: no scroll bar.
        QVERIFY(!popup()->view()->verticalScrollBar()->isVisible());
        QVERIFY(TestSupport::saveScreenshot(image));
        Appearance::apply(u"system"_s);
    }
};

QTEST_MAIN(TestSearchPopup)
#include "TestSearchPopup.moc"
