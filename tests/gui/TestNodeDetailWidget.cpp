// The note pane and the tree over a note a sync merge kept two devices' texts in, in a real window
// offscreen: the message bar, its Dismiss, editing the note, the tree's marker, and the README's
// screenshots (with STUDYBENCH_SCREENSHOTS=DIR).
#include "common/appearance.h"
#include "curriculummodel.h"
#include "curriculumpane.h"
#include "mainwindow.h"
#include "nodedetailwidget.h"
#include "progress/progressstore.h"
#include "support/mainwindowtest.h"
#include "support/screenshots.h"
#include "support/textroom.h"
#include "sync/syncdevice.h"
#include "sync/syncengine.h"
#include "util/datalocation.h"
#include "workbench.h"

#include <QDir>
#include <QFrame>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

const QString kMethods = u"backend-basics/core-fundamentals/http-protocol-mastery/http-methods"_s;
const QString kCodes = u"backend-basics/core-fundamentals/http-protocol-mastery/headers"_s;

QDateTime mergedAt(const QString &dataDir, const QString &node)
{
    ProgressStore store;
    return store.open(progressDatabasePath(dataDir)) ? store.noteMergedAt(node) : QDateTime();
}

} // namespace

class TestNodeDetailWidget : public QObject
{
    Q_OBJECT

private:
    // This device and a laptop each edit @p node's note before either saw the other's: this
    // device's next pass keeps both texts and flags the note.
    static void mergeNotes(const QTemporaryDir &dir, const QString &node)
    {
        const QString folder = dir.filePath(u"Sync"_s);
        const QString laptop = dir.filePath(u"laptop"_s);
        const QString curriculum = SyncEngine::curriculumId({});
        QString error;
        QVERIFY(SyncDevice::setFolder(dir.filePath(u"data"_s), folder, &error));
        QVERIFY(SyncDevice::setFolder(laptop, folder, &error));
        const std::pair<QString, QString> edits[] = {
            { dir.filePath(u"data"_s),
                u"GET only reads; PUT replaces the resource, so sending it twice is harmless."_s },
            { laptop, u"POST creates: sending it twice makes two resources. Use an idempotency key."_s },
        };
        for (const auto &[dataDir, text] : edits) {
            ProgressStore store;
            QVERIFY(store.open(progressDatabasePath(dataDir)));
            QVERIFY(store.setNote(node, text));
            QVERIFY(SyncEngine(dataDir, curriculum).pass().ok());
        }
        QVERIFY(SyncEngine(dir.filePath(u"data"_s), curriculum).pass().ok());
        QVERIFY(mergedAt(dir.filePath(u"data"_s), node).isValid());
    }

    // The tree's current row as its delegate paints it.
    static QImage paintedRow(MainWindow *w)
    {
        QTreeView *tree = w->curriculumPane()->tree();
        const QModelIndex index = tree->currentIndex().siblingAtColumn(0);
        QStyleOptionViewItem option;
        option.initFrom(tree->viewport());
        option.rect = QRect(QPoint(0, 0), tree->visualRect(index).size());
        option.state &= ~QStyle::State_Selected;
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        tree->itemDelegateForIndex(index)->paint(&painter, option, index);
        return image;
    }

private Q_SLOTS:
    void dismissClearsTheFlag()
    {
        QTemporaryDir dir;
        mergeNotes(dir, kMethods);
        auto w = TestSupport::openMainWindow(dir.filePath(u"data"_s), kMethods);
        NodeDetailWidget *detail = w->detail();
        QTRY_VERIFY(detail->mergedNoteBar()->isVisible());
        QVERIFY2(detail->mergedNoteText()->text().startsWith(
                     u"Edits from another device were merged into this note on "_s),
            qPrintable(detail->mergedNoteText()->text()));
        QTRY_VERIFY(detail->notesEdit()->toPlainText().contains(u"idempotency key"_s));
        QVERIFY(detail->notesEdit()->toPlainText().contains(u"PUT replaces"_s));
        const QModelIndex index = w->model()->indexForId(kMethods);
        QVERIFY(index.data(CurriculumModel::NoteMergedRole).toDateTime().isValid());
        const QImage marked = paintedRow(w.get());

        QTest::mouseClick(detail->mergedNoteDismiss(), Qt::LeftButton);
        QVERIFY(!detail->mergedNoteBar()->isVisible());
        QVERIFY(!index.data(CurriculumModel::NoteMergedRole).toDateTime().isValid());
        QVERIFY(paintedRow(w.get()) != marked); // the tree's marker is gone
        QTRY_VERIFY(!mergedAt(dir.filePath(u"data"_s), kMethods).isValid());
        // Both texts stay: dismissing changes nothing in the note.
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(dir.filePath(u"data"_s))));
        QVERIFY(store.note(kMethods).contains(u"idempotency key"_s));
        QVERIFY(store.note(kMethods).contains(u"PUT replaces"_s));
    }

    // At 1280x800 with the bar shown, the note still shows 8 lines or more, the bar's message is
    // whole, and neither the pane nor the workbench under it is squeezed below its minimum.
    void mergedNoteKeepsRoom()
    {
        QTemporaryDir dir;
        mergeNotes(dir, kMethods);
        auto w = TestSupport::openMainWindow(dir.filePath(u"data"_s), kMethods);
        // The workbench at its fullest: a practice file open beside the HTTP client.
        QSignalSpy opened(w.get(), &MainWindow::practiceFileOpened);
        w->openPracticeFile(kMethods, u"practice.md"_s);
        QVERIFY(opened.wait(10000));
        NodeDetailWidget *detail = w->detail();
        QTRY_VERIFY(detail->mergedNoteBar()->isVisible());
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QCOMPARE(w->size(), QSize(1280, 800));
        const TestSupport::TextRoom room = TestSupport::roomOf(detail->notesEdit());
        qInfo("note: %d columns x %d lines", room.columns, room.lines);
        QVERIFY2(room.lines >= 8, qPrintable(u"the note shows %1 lines"_s.arg(room.lines)));
        const QLabel *message = detail->mergedNoteText();
        QVERIFY2(message->height() >= message->heightForWidth(message->width()),
            qPrintable(u"message %1 px high, needs %2"_s.arg(message->height())
                    .arg(message->heightForWidth(message->width()))));
        for (const QWidget *part :
            { static_cast<QWidget *>(detail), static_cast<QWidget *>(w->workbench()) }) {
            QVERIFY2(part->height() >= part->minimumSizeHint().height(),
                qPrintable(u"%1: %2 px < %3 px"_s.arg(QString::fromLatin1(part->metaObject()->className()))
                        .arg(part->height())
                        .arg(part->minimumSizeHint().height())));
        }
    }

    void editingClearsTheFlag()
    {
        QTemporaryDir dir;
        mergeNotes(dir, kCodes);
        auto w = TestSupport::openMainWindow(dir.filePath(u"data"_s), kCodes);
        NodeDetailWidget *detail = w->detail();
        QTRY_VERIFY(detail->mergedNoteBar()->isVisible());
        QTRY_VERIFY(detail->notesEdit()->isEnabled());
        detail->notesEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(detail->notesEdit(), u" Tidied."_s);
        QVERIFY(!detail->mergedNoteBar()->isVisible());
        QVERIFY(!w->model()->indexForId(kCodes).data(CurriculumModel::NoteMergedRole).toDateTime().isValid());
        detail->flushNote();
        QTRY_VERIFY(!mergedAt(dir.filePath(u"data"_s), kCodes).isValid());
        ProgressStore store;
        QVERIFY(store.open(progressDatabasePath(dir.filePath(u"data"_s))));
        QTRY_VERIFY(store.note(kCodes).endsWith(u"Tidied."_s));
    }

    void screenshots_data()
    {
        QTest::addColumn<QString>("appearance");
        QTest::newRow("sync-merged-note-light") << u"light"_s;
        QTest::newRow("sync-merged-note-dark") << u"dark"_s;
    }

    // The README's pictures of the merged-note bar and the tree's marker, at 1280x800.
    void screenshots()
    {
        QFETCH(QString, appearance);
        Appearance::apply(appearance);
        QTemporaryDir dir;
        mergeNotes(dir, kMethods);
        auto w = TestSupport::openMainWindow(dir.filePath(u"data"_s), kMethods);
        QTRY_VERIFY(w->detail()->mergedNoteBar()->isVisible());
        QTRY_VERIFY(w->detail()->notesEdit()->toPlainText().contains(u"idempotency key"_s));
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        const QImage image = w->grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY(TestSupport::saveScreenshot(image));
        Appearance::apply(u"system"_s);
    }
};

QTEST_MAIN(TestNodeDetailWidget)
#include "TestNodeDetailWidget.moc"
