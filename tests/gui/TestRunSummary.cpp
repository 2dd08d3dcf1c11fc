// The HTTP client in little room (issue #13): Send All's run summary, and a layout that fits a
// laptop's pane (900×560) without clipping a control or cutting a request's title.
#include "common/appearance.h"
#include "http/elidedtext.h"
#include "http/httpclientwidget.h"
#include "http/httpfileview.h"
#include "http/httprequesteditor.h"
#include "http/httpresponseview.h"
#include "http/runsummarymodel.h"
#include "httpclient/httpfile.h"
#include "support/httptestserver.h"
#include "support/screenshots.h"

#include <QApplication>
#include <QDir>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

QStringList listTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

// "QLineEdit in QWidget in KeyValueTable": where a widget is.
QString path(const QWidget *w)
{
    QStringList names;
    for (const QWidget *p = w->parentWidget(); p && names.size() < 4; p = p->parentWidget())
        names.append(QString::fromLatin1(p->metaObject()->className()));
    return names.join(u" in "_s);
}

bool inLayout(const QLayout *layout, const QWidget *w)
{
    for (int i = 0; layout && i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == w || inLayout(item->layout(), w))
            return true;
    }
    return false;
}

// Whether a layout or a splitter places @p w, as opposed to its parent's own code (a combo box's
// line edit, an item view's header): only the former can be squeezed by the room the window has.
bool placedByLayout(const QWidget *w)
{
    const QWidget *parent = w->parentWidget();
    return qobject_cast<const QSplitter *>(parent) || inLayout(parent->layout(), w);
}

// Visible descendants of @p top that got less room than they need to show themselves whole.
QStringList squeezed(QWidget *top)
{
    QStringList out;
    const QList<QWidget *> children = top->findChildren<QWidget *>();
    for (QWidget *w : children) {
        if (w->isWindow() || !w->isVisibleTo(top) || !placedByLayout(w))
            continue;
        const QSize need = w->minimumSizeHint();
        if (need.isValid() && (w->width() < need.width() || w->height() < need.height()))
            out.append(
                u"%1 in %2: %3×%4 < %5×%6"_s.arg(QString::fromLatin1(w->metaObject()->className()), path(w))
                    .arg(w->width())
                    .arg(w->height())
                    .arg(need.width())
                    .arg(need.height()));
    }
    return out;
}

// The longest "###" title of the collections StudyBench ships.
QString longestShippedTitle(QString *inFile)
{
    QString longest;
    const QDir dir(QStringLiteral(STUDYBENCH_SOURCE_DIR "/curriculum/practice"));
    const QStringList files = dir.entryList({ u"*.http"_s }, QDir::Files);
    for (const QString &name : files) {
        const HttpFile file = HttpFileParser::parseFile(dir.filePath(name));
        for (const HttpRequestTemplate &r : file.requests) {
            const QString shown = r.name.isEmpty() ? r.title : r.name;
            if (shown.size() > longest.size()) {
                longest = shown;
                *inFile = dir.filePath(name);
            }
        }
    }
    return longest;
}

} // namespace

class TestRunSummary : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;

    std::unique_ptr<HttpClientWidget> makeWidget(const QSize &size)
    {
        auto w = std::make_unique<HttpClientWidget>(m_dir->path());
        w->resize(size);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qFatal("window not exposed");
        return w;
    }

    static bool openAndWait(HttpClientWidget *w, const QString &path)
    {
        QSignalSpy opened(w, &HttpClientWidget::fileOpened);
        return w->openFile(path) && opened.wait(5000) && opened.first().at(1).toBool();
    }

    // Three requests; the third one's test fails (the server answers 200, the test wants 201).
    QString writeThreeRequests()
    {
        const QByteArray text = "@host = " + m_server->url(QString()).toUtf8()
            + "\n\n"
              "### Echo a JSON body back\n"
              "POST {{host}}/echo\n"
              "Content-Type: application/json\n"
              "\n"
              "{\"course\": \"http\"}\n"
              "\n"
              "> {%\n"
              "client.test(\"answers 200\", function() { client.assert(response.status === 200, \"no\"); "
              "});\n"
              "client.test(\"echoes POST\", function() { client.assert(response.body.method === \"POST\", "
              "\"no\"); });\n"
              "%}\n"
              "\n"
              "### A missing page answers 404\n"
              "GET {{host}}/status/404\n"
              "\n"
              "> {%\n"
              "client.test(\"is 404\", function() { client.assert(response.status === 404, \"no\"); });\n"
              "%}\n"
              "\n"
              "### Creating answers 201 Created\n"
              "GET {{host}}/text/good\n"
              "\n"
              "> {%\n"
              "client.test(\"is 201\", function() { client.assert(response.status === 201, \"got \" + "
              "response.status); });\n"
              "%}\n";
        const QString path = m_dir->filePath(u"run.http"_s);
        return writeFile(path, text) ? path : QString();
    }

    static bool sendAllAndWait(HttpClientWidget *w)
    {
        QSignalSpy done(w, &HttpClientWidget::runFinished);
        QSignalSpy shown(w, &HttpClientWidget::responseShown);
        w->sendAll();
        return done.wait(15000) && (!shown.isEmpty() || shown.wait(5000));
    }

    static QString cell(const QAbstractItemModel *m, int row, int column)
    {
        return m->index(row, column).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestHttpServer>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void sendAllShowsARunSummary()
    {
        const QString path = writeThreeRequests();
        QVERIFY(!path.isEmpty());
        auto w = makeWidget({ 1280, 800 });
        QVERIFY(openAndWait(w.get(), path));
        QVERIFY(!w->runSummaryPanel()->isVisible()); // no run yet
        QVERIFY(sendAllAndWait(w.get()));
        QVERIFY(w->runSummaryPanel()->isVisible());

        const RunSummaryModel *m = w->runSummary();
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(cell(m, 0, RunSummaryModel::NameColumn), u"Echo a JSON body back"_s);
        QCOMPARE(cell(m, 0, RunSummaryModel::StatusColumn), u"200 OK"_s);
        QCOMPARE(cell(m, 0, RunSummaryModel::TestsColumn), u"PASS 2"_s);
        QCOMPARE(cell(m, 1, RunSummaryModel::StatusColumn), u"404 Not Found"_s);
        QCOMPARE(cell(m, 1, RunSummaryModel::TestsColumn), u"PASS 1"_s);
        QCOMPARE(cell(m, 2, RunSummaryModel::StatusColumn), u"200 OK"_s);
        QCOMPARE(cell(m, 2, RunSummaryModel::TestsColumn), u"FAIL 1"_s);
        for (int row = 0; row < 3; ++row)
            QVERIFY(cell(m, row, RunSummaryModel::TimeColumn).endsWith(u" ms"_s));
        // The failing request stands out: bold, in another colour than the passing ones.
        const QModelIndex failed = m->index(2, RunSummaryModel::TestsColumn);
        const QModelIndex passed = m->index(0, RunSummaryModel::TestsColumn);
        QVERIFY(failed.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!passed.data(Qt::FontRole).value<QFont>().bold());
        // A 404 that its test expects is no failure.
        QVERIFY(!m->index(1, RunSummaryModel::StatusColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(failed.data(Qt::ForegroundRole).value<QColor>()
            != passed.data(Qt::ForegroundRole).value<QColor>());

        QCOMPARE(m->ranCount(), 3);
        QCOMPARE(m->passedTests(), 3);
        QCOMPARE(m->failedTests(), 1);
        QVERIFY(m->anyFailure());
        QVERIFY(m->totalMs() >= 0);
        // The parts of the total line do not break inside (a no-break space in "53 ms").
        const auto whole = [](QString part) {
            return part.replace(u' ', QChar::Nbsp);
        };
        QCOMPARE(w->runTotalLabel()->text(),
            whole(u"3 requests"_s) + u"  ·  "_s + whole(u"tests: 3 passed, 1 failed"_s) + u"  ·  "_s
                + whole(u"%1 ms"_s.arg(m->totalMs())));

        // The last request sent is selected and shown; selecting a row shows that row's response.
        QCOMPARE(w->runSummaryView()->currentIndex().row(), 2);
        QTRY_COMPARE(listTexts(w->responseView()->testsList()), QStringList { u"FAIL  is 201: got 200"_s });
        w->runSummaryView()->setCurrentIndex(m->index(1, 0));
        QCOMPARE(w->responseView()->statusLabel()->text(), u"404 Not Found"_s);
        QTRY_COMPARE(listTexts(w->responseView()->testsList()), QStringList { u"PASS  is 404"_s });
        QCOMPARE(w->fileView()->currentRequest(), 1);
        QCOMPARE(w->editor()->urlEdit()->text(), u"{{host}}/status/404"_s);
        w->runSummaryView()->setCurrentIndex(m->index(0, 0));
        QTRY_VERIFY(w->responseView()->bodyEdit()->toPlainText().contains(u"\"method\": \"POST\""_s));

        if (TestSupport::screenshotsWanted()) {
            w->runSummaryView()->setCurrentIndex(m->index(2, 0));
            QTRY_COMPARE(
                listTexts(w->responseView()->testsList()), QStringList { u"FAIL  is 201: got 200"_s });
            w->responseView()->findChild<QTabWidget *>()->setCurrentIndex(3);
            QVERIFY(TestSupport::saveScreenshot(
                w->grab(), u"http-run-summary-%1"_s.arg(Appearance::isDark() ? u"dark"_s : u"light"_s)));
        }
    }

    void aNewRunStartsAfresh()
    {
        const QString path = writeThreeRequests();
        auto w = makeWidget({ 900, 560 });
        QVERIFY(openAndWait(w.get(), path));
        QVERIFY(sendAllAndWait(w.get()));
        QVERIFY(sendAllAndWait(w.get()));
        QCOMPARE(w->runSummary()->ranCount(), 3);
        QCOMPARE(w->runSummary()->failedTests(), 1);
        // Opening the file again forgets the run.
        QVERIFY(openAndWait(w.get(), path));
        QCOMPARE(w->runSummary()->ranCount(), 0);
        QVERIFY(!w->runSummaryPanel()->isVisible());
    }

    void fitsALaptopPane()
    {
        QString file;
        const QString longest = longestShippedTitle(&file);
        QVERIFY2(longest.size() > 60, qPrintable(longest));
        auto w = makeWidget({ 900, 560 });
        QVERIFY(openAndWait(w.get(), file));
        QCOMPARE(w->size(), QSize(900, 560));
        QTRY_VERIFY(w->responseView()->isVisible());
        QStringList tight = squeezed(w.get());
        QVERIFY2(tight.isEmpty(), qPrintable(tight.join(u"\n"_s)));

        // The response body gets the height: at least 20 lines (in the body page, whichever of its
        // views shows, none is shown before the first response).
        const QPlainTextEdit *body = w->responseView()->bodyEdit();
        const QWidget *bodyPage = body->parentWidget();
        const int lines = (bodyPage->height() - 2 * body->frameWidth()) / body->fontMetrics().lineSpacing();
        QVERIFY2(lines >= 20,
            qPrintable(u"%1 lines; editor %2 of min %3, body page %4"_s.arg(lines)
                    .arg(w->editor()->height())
                    .arg(w->editor()->minimumSizeHint().height())
                    .arg(bodyPage->height())));

        // In the picker's popup, the longest shipped title is shown whole.
        HttpFileView *picker = w->fileView();
        picker->showPicker();
        QTRY_VERIFY(picker->pickerPopup()->isVisible());
        QTreeWidget *list = picker->requestList();
        const QList<QTreeWidgetItem *> found
            = list->findItems(longest, Qt::MatchExactly, HttpFileView::NameColumn);
        QCOMPARE(found.size(), 1);
        list->scrollToItem(found.first());
        const QModelIndex index = list->model()->index(list->indexOfTopLevelItem(found.first()), 0);
        const QRect rect = list->visualRect(index);
        // The delegate's size hint: the whole text with its margins, what it needs not to elide.
        const int needed = list->sizeHintForIndex(index).width();
        QVERIFY(needed > list->fontMetrics().horizontalAdvance(longest));
        QVERIFY2(rect.width() >= needed, qPrintable(u"%1 < %2"_s.arg(rect.width()).arg(needed)));
        QVERIFY(list->viewport()->rect().contains(rect));
        QVERIFY(TestSupport::saveScreenshot(picker->pickerPopup()->grab(), u"http-picker-popup"_s));
        // Filtering narrows the list; Enter picks the first match and closes the popup.
        picker->filterEdit()->setText(longest.left(20));
        int shown = 0;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            shown += list->topLevelItem(i)->isHidden() ? 0 : 1;
        QVERIFY(shown >= 1 && shown < list->topLevelItemCount());
        QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
        QVERIFY(!picker->pickerPopup()->isVisible());
        QCOMPARE(list->currentItem()->text(HttpFileView::NameColumn).left(20), longest.left(20));
        QVERIFY(
            picker->pickerButton()->toolTip().contains(list->currentItem()->text(HttpFileView::NameColumn)));

        // After a run, with the summary beside the response, nothing is squeezed either.
        const QString path = writeThreeRequests();
        QVERIFY(openAndWait(w.get(), path));
        QVERIFY(sendAllAndWait(w.get()));
        QTRY_VERIFY(w->runSummaryPanel()->isVisible());
        QCOMPARE(w->size(), QSize(900, 560));
        tight = squeezed(w.get());
        QVERIFY2(tight.isEmpty(), qPrintable(tight.join(u"\n"_s)));
        QTRY_VERIFY(body->isVisible());
        const int linesAfter = body->viewport()->height() / body->fontMetrics().lineSpacing();
        QVERIFY2(linesAfter >= 20, qPrintable(u"%1 lines"_s.arg(linesAfter)));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // STUDYBENCH_APPEARANCE=dark renders the screenshots in the dark palette.
    Appearance::apply(qEnvironmentVariable("STUDYBENCH_APPEARANCE", u"light"_s));
    TestRunSummary test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestRunSummary.moc"
