#include "common/appearance.h"
#include "http/httpclientwidget.h"
#include "http/httpfileview.h"
#include "http/httphistorypanel.h"
#include "http/httprequesteditor.h"
#include "http/httpresponseview.h"
#include "http/httpsyntax.h"
#include "http/timingview.h"
#include "support/httptestserver.h"
#include "support/screenshots.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>

#include <memory>
#include <time.h>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

qint64 vmRssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

// CPU time this thread has used, in ms.
qint64 threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// The most the GUI thread may run at once while a large response arrives, is shown or is saved.
// AddressSanitizer makes every instruction a few times slower, so its builds get more.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kBusyBudgetMs = 300;
#else
constexpr qint64 kBusyBudgetMs = 100;
#endif

// Records the longest gap between the ticks of a 10 ms timer: how long the event loop stalled,
// and how much of that gap the GUI thread spent running (the rest it was waiting or preempted).
// The tests assert on the longest time the GUI thread ran between two ticks (its own CPU time,
// which another busy process on the machine does not inflate); the wall-clock gap is reported.
class StallMeter
{
public:
    StallMeter()
    {
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
        m_timer.setTimerType(Qt::PreciseTimer);
    }
    void start()
    {
        m_maxGap = 0;
        m_cpuInMaxGap = 0;
        m_maxBusy = 0;
        m_clock.start();
        m_lastCpu = threadCpuMs();
        m_timer.start(10);
    }
    qint64 stop()
    {
        m_timer.stop();
        tick();
        return m_maxGap;
    }
    qint64 cpuInLongestGap() const { return m_cpuInMaxGap; }
    /// The most CPU time the GUI thread used between two ticks: work that held the event loop.
    qint64 longestBusy() const { return m_maxBusy; }

private:
    void tick()
    {
        const qint64 gap = m_clock.restart();
        const qint64 cpu = threadCpuMs();
        if (gap > m_maxGap) {
            m_maxGap = gap;
            m_cpuInMaxGap = cpu - m_lastCpu;
        }
        m_maxBusy = qMax(m_maxBusy, cpu - m_lastCpu);
        m_lastCpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_maxGap = 0;
    qint64 m_cpuInMaxGap = 0;
    qint64 m_maxBusy = 0;
    qint64 m_lastCpu = 0;
};

// The test server on a thread of its own, so that producing a large body does not stall the
// event loop being measured.
class ThreadedServer
{
public:
    ThreadedServer()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context, [this] { m_server = std::make_unique<TestHttpServer>(); },
            Qt::BlockingQueuedConnection);
    }
    ~ThreadedServer()
    {
        QMetaObject::invokeMethod(&m_context, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QString url(const QString &path) const { return m_server->url(path); }
    // /bigtext/MB: MB megabytes of text/plain, produced as it is sent.
    void addBigTextRoute()
    {
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                m_server->server().route(u"/bigtext/<arg>"_s,
                    [](qint64 megabytes, const QHttpServerRequest &, QHttpServerResponder &responder) {
                        responder.write(new PatternDevice(megabytes << 20), "text/plain; charset=utf-8");
                    });
            },
            Qt::BlockingQueuedConnection);
    }

private:
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<TestHttpServer> m_server;
};

QStringList listTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

} // namespace

class TestHttpClientWidget : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dataDir;

    std::unique_ptr<HttpClientWidget> makeWidget()
    {
        auto w = std::make_unique<HttpClientWidget>(m_dataDir->path());
        w->resize(1280, 800);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qFatal("window not exposed");
        return w;
    }

    // Sends what the editor holds and waits for the whole response to be on screen.
    static bool sendAndWait(HttpClientWidget *w, int timeoutMs = 15000)
    {
        QSignalSpy done(w, &HttpClientWidget::runFinished);
        QSignalSpy shown(w, &HttpClientWidget::responseShown);
        w->send();
        if (!done.wait(timeoutMs))
            return false;
        return !shown.isEmpty() || shown.wait(timeoutMs);
    }

    static QJsonObject echoed(HttpClientWidget *w)
    {
        return QJsonDocument::fromJson(w->responseView()->response().readBody()).object();
    }

    static QString echoedHeader(const QJsonObject &echo, const QString &name)
    {
        for (const QJsonValue &v : echo.value(u"headers"_s).toArray()) {
            if (v.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
                return v.toArray().at(1).toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestHttpServer>();
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
    }

    void urlAndParamsStayInSync()
    {
        auto w = makeWidget();
        HttpRequestEditor *editor = w->editor();
        QLineEdit *url = editor->urlEdit();
        url->setFocus();
        QTest::keyClicks(url, u"http://h/items?page=2&q=caf%C3%A9%20au&flag"_s);
        const QList<KeyValueRow> rows = editor->paramsTable()->rows();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).name, u"page"_s);
        QCOMPARE(rows.at(0).value, u"2"_s);
        QCOMPARE(rows.at(1).value, u"café au"_s);
        QCOMPARE(rows.at(2).name, u"flag"_s);

        // Editing the table rewrites the URL, encoding what needs it and keeping {{variables}}.
        KeyValueTable *params = editor->paramsTable();
        params->item(0, 1)->setText(u"{{page}}"_s);
        QCOMPARE(url->text(), u"http://h/items?page={{page}}&q=caf%C3%A9%20au&flag"_s);
        params->item(1, 1)->setText(u"a&b=c"_s);
        QCOMPARE(url->text(), u"http://h/items?page={{page}}&q=a%26b%3Dc&flag"_s);
        // A new row at the end (the empty one) adds a parameter.
        const int last = params->rowCount() - 1;
        params->item(last, 0)->setText(u"sort"_s);
        QCOMPARE(url->text(), u"http://h/items?page={{page}}&q=a%26b%3Dc&flag&sort"_s);
        // Unchecking a row takes it out of the URL, and it stays in the table.
        params->item(2, 0)->setCheckState(Qt::Unchecked);
        QCOMPARE(url->text(), u"http://h/items?page={{page}}&q=a%26b%3Dc&sort"_s);
        QCOMPARE(params->rows().size(), 4);
        // Typing in the URL keeps the disabled row.
        QTest::keyClicks(url, u"&x=1"_s);
        const QList<KeyValueRow> after = params->rows();
        QCOMPARE(after.size(), 5);
        QCOMPARE(after.at(3).name, u"x"_s);
        QCOMPARE(after.at(4).name, u"flag"_s);
        QVERIFY(!after.at(4).enabled);
    }

    void disabledHeadersAreNotSent()
    {
        auto w = makeWidget();
        HttpEditorRequest r;
        r.url = m_server->url(u"/echo"_s);
        r.headers = { { true, u"X-One"_s, u"1"_s }, { false, u"X-Two"_s, u"2"_s } };
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QJsonObject echo = echoed(w.get());
        QCOMPARE(echoedHeader(echo, u"X-One"_s), u"1"_s);
        QVERIFY(echoedHeader(echo, u"X-Two"_s).isEmpty());

        // Flip both check boxes in the table, as a user would.
        KeyValueTable *headers = w->editor()->headersTable();
        headers->item(0, 0)->setCheckState(Qt::Unchecked);
        headers->item(1, 0)->setCheckState(Qt::Checked);
        QVERIFY(sendAndWait(w.get()));
        echo = echoed(w.get());
        QVERIFY(echoedHeader(echo, u"X-One"_s).isEmpty());
        QCOMPARE(echoedHeader(echo, u"X-Two"_s), u"2"_s);
    }

    void jsonPostShowsStatusPrettyBodyAndHeaders()
    {
        auto w = makeWidget();
        HttpRequestEditor *editor = w->editor();
        editor->methodBox()->setCurrentText(u"POST"_s);
        editor->urlEdit()->setText(m_server->url(u"/login"_s));
        editor->bodyModeBox()->setCurrentIndex(int(HttpEditorRequest::BodyMode::Raw));
        editor->rawTypeBox()->setCurrentIndex(int(HttpEditorRequest::RawType::Json));
        editor->bodyEdit()->setPlainText(u"{\"user\": \"ann\", \"password\": \"hunter2\"}"_s);
        // Ctrl+Enter in the body editor sends.
        QSignalSpy done(w.get(), &HttpClientWidget::runFinished);
        QSignalSpy shown(w->responseView(), &HttpResponseView::bodyShown);
        w->activateWindow();
        editor->bodyEdit()->setFocus();
        QTest::keyClick(editor->bodyEdit(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(15000));
        QTRY_VERIFY(!shown.isEmpty());

        HttpResponseView *view = w->responseView();
        QCOMPARE(view->statusLabel()->text(), u"200 OK"_s);
        QCOMPARE(view->bodyKind(), HttpResponseView::BodyKind::Text);
        const QString pretty = view->bodyEdit()->toPlainText();
        QVERIFY2(pretty.contains(u"\n    \"roles\": [\n        \"reader\","_s), qPrintable(pretty));
        QVERIFY(view->rawEdit()->toPlainText().startsWith(u"{\""_s));
        QVERIFY(!view->rawEdit()->toPlainText().contains(u'\n'));
        QTableWidget *headers = view->headersTable();
        QStringList names;
        for (int i = 0; i < headers->rowCount(); ++i)
            names.append(headers->item(i, 0)->text().toLower());
        QVERIFY2(names.contains(u"content-type"_s), qPrintable(names.join(u',')));
        QVERIFY(names.contains(u"location"_s));
        QVERIFY(view->saveButton()->isEnabled());

        // An http:// request measures every phase; this one opened a new connection.
        QStringList phases;
        for (const TimingView::Phase &phase : view->timingView()->phases())
            phases.append(phase.name);
        QCOMPARE(phases,
            (QStringList { u"DNS lookup"_s, u"TCP connect"_s, u"Sending"_s, u"Waiting (first byte)"_s,
                u"Downloading"_s }));
        QVERIFY2(
            view->timingView()->summary().contains(u"total "_s), qPrintable(view->timingView()->summary()));

        if (TestSupport::screenshotsWanted()) {
            QVERIFY(TestSupport::saveScreenshot(w->grab(), u"http-client-light"_s));
            view->findChild<QTabWidget *>()->setCurrentIndex(4);
            QVERIFY(TestSupport::saveScreenshot(view->grab(), u"http-timing-light"_s));
            view->findChild<QTabWidget *>()->setCurrentIndex(0);
            for (int tab = 1; tab < editor->tabs()->count(); ++tab) {
                editor->tabs()->setCurrentIndex(tab);
                QVERIFY(TestSupport::saveScreenshot(editor->grab(), u"http-editor-tab%1"_s.arg(tab)));
            }
            editor->tabs()->setCurrentIndex(0);
            Appearance::apply(u"dark"_s);
            QSignalSpy again(w.get(), &HttpClientWidget::runFinished);
            w->send();
            QVERIFY(again.wait(15000));
            QTRY_COMPARE(view->bodyKind(), HttpResponseView::BodyKind::Text);
            QTest::qWait(200);
            QVERIFY(TestSupport::saveScreenshot(w->grab(), u"http-client-dark"_s));
            view->findChild<QTabWidget *>()->setCurrentIndex(4);
            QVERIFY(TestSupport::saveScreenshot(view->grab(), u"http-timing-dark"_s));
            view->findChild<QTabWidget *>()->setCurrentIndex(0);
            Appearance::apply(u"light"_s);
        }
    }

    void cancelsASlowRequest()
    {
        RawServer silent; // accepts the connection and never answers
        auto w = makeWidget();
        w->editor()->urlEdit()->setText(silent.url(u"/slow"_s));
        QSignalSpy busy(w.get(), &HttpClientWidget::busyChanged);
        QSignalSpy done(w.get(), &HttpClientWidget::runFinished);
        w->send();
        QTRY_VERIFY(!silent.received().isEmpty());
        QVERIFY(w->isBusy());
        QCOMPARE(w->editor()->sendButton()->text(), u"Cancel"_s);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(w->editor()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
        QVERIFY(clock.elapsed() < 3000);
        QVERIFY(!w->isBusy());
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::Cancelled);
        QTRY_VERIFY(w->responseView()->messageLabel()->text().startsWith(u"Cancelled"_s));
        QCOMPARE(w->editor()->sendButton()->text(), u"Send"_s);
    }

    void invalidChunkedEncodingIsExplained()
    {
        // A learner's server that counts characters instead of bytes in a chunk size.
        RawServer raw;
        raw.setReply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "3\r\n\xc3\xa9t\xc3\xa9\r\n0\r\n\r\n");
        auto w = makeWidget();
        w->editor()->urlEdit()->setText(raw.url(u"/chunked"_s));
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::InvalidChunkedEncoding);
        QCOMPARE(w->responseView()->statusLabel()->text(), u"Error"_s);
        // Three bytes of the body arrived: they are shown, and the reason stays above them.
        QTRY_COMPARE(w->responseView()->bodyKind(), HttpResponseView::BodyKind::Text);
        QVERIFY(w->responseView()->problemLabel()->isVisible());
        const QString message = w->responseView()->problemLabel()->text();
        QVERIFY2(message.contains(u"announced 3 bytes"_s), qPrintable(message));
        QVERIFY2(message.contains(u"Count bytes, not characters"_s), qPrintable(message));

        QVERIFY(TestSupport::saveScreenshot(w->grab(), u"http-invalid-chunked"_s));
    }

    void xmlIsIndented()
    {
        QCOMPARE(HttpSyntax::prettyXml(u"<a><b>1</b><c/></a>"_s),
            u"<?xml version=\"1.0\"?>\n<a>\n  <b>1</b>\n  <c/>\n</a>\n"_s);
        QVERIFY(HttpSyntax::prettyXml(u"<a><b></a>"_s).isEmpty()); // not well-formed: shown raw
        // Bytes are decoded as their XML declaration says.
        const QString latin1
            = HttpSyntax::prettyXml("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>caf\xe9</p>"_ba);
        QVERIFY2(latin1.contains(u"<p>caf\u00e9</p>"_s), qPrintable(latin1));
    }

    void connectionRefusedIsExplained()
    {

        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        auto w = makeWidget();
        QSignalSpy status(w.get(), &HttpClientWidget::statusMessage);
        w->editor()->urlEdit()->setText(u"http://127.0.0.1:%1/"_s.arg(port));
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::ConnectionRefused);
        QCOMPARE(w->responseView()->statusLabel()->text(), u"Error"_s);
        const QString message = w->responseView()->messageLabel()->text();
        QVERIFY2(
            message.startsWith(u"Connection refused: nothing accepts connections"_s), qPrintable(message));
        QVERIFY(!status.isEmpty());
        QVERIFY(status.last().at(0).toString().startsWith(u"Connection refused"_s));
    }

    void everyErrorKindHasAMessage()
    {
        QSet<QString> seen;
        for (int k = int(HttpErrorKind::ConnectionRefused); k <= int(HttpErrorKind::Other); ++k) {
            const QString m = HttpResponseView::errorMessage(HttpErrorKind(k));
            QVERIFY2(m.size() > 10, qPrintable(QString::number(k)));
            seen.insert(m);
        }
        QCOMPARE(seen.size(), int(HttpErrorKind::Other) - int(HttpErrorKind::ConnectionRefused) + 1);
    }

    void httpFileRequestWithPassingTest()
    {
        QTemporaryDir dir;
        const QByteArray text = "@host = " + m_server->url(QString()).toUtf8()
            + "\n"
              "\n"
              "### Log in\n"
              "# @name login\n"
              "POST {{host}}/login\n"
              "Content-Type: application/json\n"
              "\n"
              "{\"user\": \"{{user}}\", \"password\": \"{{password}}\"}\n"
              "\n"
              "> {%\n"
              "client.test(\"token arrives\", function() {\n"
              "    client.assert(response.body.user.token === \"tok-42\", \"no token\");\n"
              "});\n"
              "client.global.set(\"token\", response.body.user ? response.body.user.token : \"none\");\n"
              "%}\n"
              "\n"
              "### Who am I\n"
              "# @name me\n"
              "GET {{host}}/me\n"
              "Authorization: Bearer {{login.response.body.$.user.token}}\n"
              "\n"
              "> {%\n"
              "client.test(\"me is ann\", function() { client.assert(response.body.name === \"ann\", \"not "
              "ann\"); });\n"
              "%}\n";
        QVERIFY(writeFile(dir.filePath(u"api.http"_s), text));
        QVERIFY(writeFile(dir.filePath(u"http-client.env.json"_s),
            R"({"local": {"user": "ann"}, "other": {"user": "bob"}})"));
        QVERIFY(writeFile(dir.filePath(u"http-client.private.env.json"_s),
            R"({"local": {"password": "hunter2"}, "other": {"password": "nope"}})"));

        auto w = makeWidget();
        w->setEnvironment(u"local"_s);
        QSignalSpy opened(w.get(), &HttpClientWidget::fileOpened);
        QVERIFY(w->openFile(dir.filePath(u"api.http"_s)));
        QVERIFY(opened.wait(5000));
        QVERIFY(opened.first().at(1).toBool());
        QTreeWidget *list = w->fileView()->requestList();
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), u"login"_s);
        QCOMPARE(list->topLevelItem(0)->text(1), u"POST"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), u"{{host}}/login"_s);
        QCOMPARE(list->topLevelItem(0)->text(3), u"5"_s);
        QCOMPARE(list->topLevelItem(1)->text(3), u"19"_s);
        QCOMPARE(w->environmentBox()->currentText(), u"local"_s);
        QCOMPARE(w->environmentBox()->count(), 3);

        // Selecting a request loads it into the editor, variables as written.
        w->fileView()->setCurrentRequest(0);
        QCOMPARE(w->editor()->urlEdit()->text(), u"{{host}}/login"_s);
        QCOMPARE(w->editor()->methodBox()->currentText(), u"POST"_s);

        QSignalSpy done(w.get(), &HttpClientWidget::runFinished);
        QSignalSpy shown(w.get(), &HttpClientWidget::responseShown);
        QTest::mouseClick(w->fileView()->sendButton(), Qt::LeftButton);
        QVERIFY(done.wait(15000));
        QTRY_VERIFY(!shown.isEmpty());
        QCOMPARE(w->responseView()->statusLabel()->text(), u"200 OK"_s);
        QCOMPARE(listTexts(w->responseView()->testsList()), QStringList { u"PASS  token arrives"_s });
        QCOMPARE(list->topLevelItem(0)->text(4), u"200 · 1/1 passed"_s);

        // Send All: the second request refers to the first one's response.
        w->setEnvironment(u"other"_s); // a wrong password: the login test fails, /me cannot be resolved
        done.clear();
        w->sendAll();
        QVERIFY(done.wait(15000));
        QCOMPARE(list->topLevelItem(0)->text(4), u"401 · 0/1 passed"_s);
        QCOMPARE(list->topLevelItem(1)->text(4), u"not sent"_s);
        QVERIFY2(w->responseView()->statusText().startsWith(u"Cannot send GET"_s),
            qPrintable(w->responseView()->statusText()));
        QVERIFY2(w->responseView()->messageLabel()->text().startsWith(u"Line 20: "_s),
            qPrintable(w->responseView()->messageLabel()->text()));

        w->setEnvironment(u"local"_s);
        done.clear();
        QTest::mouseClick(w->fileView()->sendAllButton(), Qt::LeftButton);
        QVERIFY(done.wait(15000));
        QCOMPARE(list->topLevelItem(0)->text(4), u"200 · 1/1 passed"_s);
        QCOMPARE(list->topLevelItem(1)->text(4), u"200 · 1/1 passed"_s);
        QTRY_COMPARE(listTexts(w->responseView()->testsList()), QStringList { u"PASS  me is ann"_s });
        QCOMPARE(w->fileView()->currentRequest(), 1); // the editor shows the request sent last
        QCOMPARE(w->editor()->urlEdit()->text(), u"{{host}}/me"_s);
        if (TestSupport::screenshotsWanted()) {
            w->responseView()->findChild<QTabWidget *>()->setCurrentIndex(3);
            QVERIFY(TestSupport::saveScreenshot(w->grab(), u"http-client-file"_s));
            w->responseView()->findChild<QTabWidget *>()->setCurrentIndex(0);
        }
        // Going back to the first request shows its response again.
        w->fileView()->setCurrentRequest(0);
        QTRY_COMPARE(listTexts(w->responseView()->testsList()), QStringList { u"PASS  token arrives"_s });
    }

    void malformedFileShowsErrorsWithLines()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(
            dir.filePath(u"bad.http"_s), "GET http://h/\n\n###\n# @timeout soon\nGET http://h/2\n"));
        auto w = makeWidget();
        QSignalSpy opened(w.get(), &HttpClientWidget::fileOpened);
        QVERIFY(w->openFile(dir.filePath(u"bad.http"_s)));
        QVERIFY(opened.wait(5000));
        QVERIFY(!opened.first().at(1).toBool());
        QListWidget *errors = w->fileView()->errorList();
        QVERIFY(errors->isVisible());
        QCOMPARE(errors->count(), 1);
        QVERIFY2(errors->item(0)->text().startsWith(u"Line 4: '@timeout' needs a duration"_s),
            qPrintable(errors->item(0)->text()));
        QVERIFY(!w->fileView()->sendAllButton()->isEnabled());
        QVERIFY(!w->openFile(dir.filePath(u"missing.http"_s)));
    }

    void curlImportFillsTheEditor()
    {
        auto w = makeWidget();
        QSignalSpy imported(w.get(), &HttpClientWidget::curlImported);
        w->importCurl(
            u"curl 'https://api.example.com/v1/items?limit=5' -X PUT -H 'Accept: application/json' "
            "-H 'X-Trace: t1' --data-raw '{\"name\":\"pen\"}' -H 'Content-Type: application/json' -k"_s);
        QVERIFY(imported.wait(5000));
        QVERIFY(imported.first().at(0).toBool());
        HttpRequestEditor *e = w->editor();
        QCOMPARE(e->methodBox()->currentText(), u"PUT"_s);
        QCOMPARE(e->urlEdit()->text(), u"https://api.example.com/v1/items?limit=5"_s);
        QCOMPARE(e->paramsTable()->rows().size(), 1);
        QCOMPARE(e->paramsTable()->rows().first().value, u"5"_s);
        const QList<KeyValueRow> headers = e->headersTable()->rows();
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(1).name, u"X-Trace"_s);
        QCOMPARE(e->bodyModeBox()->currentIndex(), int(HttpEditorRequest::BodyMode::Raw));
        QCOMPARE(e->rawTypeBox()->currentIndex(), int(HttpEditorRequest::RawType::Json));
        QCOMPARE(e->bodyEdit()->toPlainText(), u"{\"name\":\"pen\"}"_s);
        QVERIFY(!e->verifyTlsBox()->isChecked());

        imported.clear();
        w->importCurl(u"curl 'https://x/ -H 'A: b'"_s);
        QVERIFY(imported.wait(5000));
        QVERIFY(!imported.first().at(0).toBool());

        // "-d @-" reads standard input, which only studybench-cli has: refused, and the editor keeps
        // what it had.
        QSignalSpy status(w.get(), &HttpClientWidget::statusMessage);
        imported.clear();
        w->importCurl(u"curl https://x/ --data-binary @-"_s);
        QVERIFY(imported.wait(5000));
        QVERIFY(!imported.first().at(0).toBool());
        QVERIFY2(status.last().at(0).toString().contains(u"standard input, which only studybench-cli has"_s),
            qPrintable(status.last().at(0).toString()));
        QCOMPARE(e->urlEdit()->text(), u"https://api.example.com/v1/items?limit=5"_s);
    }

    void copyAsCurlMasksSecrets()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"a.http"_s), "GET http://h/\n"));
        QVERIFY(writeFile(
            dir.filePath(u"http-client.private.env.json"_s), R"({"dev": {"token": "s3cr3t-value"}})"));
        auto w = makeWidget();
        QSignalSpy opened(w.get(), &HttpClientWidget::fileOpened);
        QVERIFY(w->openFile(dir.filePath(u"a.http"_s)));
        QVERIFY(opened.wait(5000));
        w->setEnvironment(u"dev"_s);
        HttpEditorRequest r;
        r.url = u"http://h/items"_s;
        r.auth = HttpEditorRequest::Auth::Bearer;
        r.authToken = u"{{token}}"_s;
        w->editor()->setRequest(r);
        QSignalSpy copied(w.get(), &HttpClientWidget::curlCopied);
        w->copyAsCurl();
        QVERIFY(copied.wait(5000));
        const QString command = copied.first().at(0).toString();
        QVERIFY2(command.contains(u"Authorization: Bearer \u2022\u2022\u2022\u2022"_s), qPrintable(command));
        QVERIFY(!command.contains(u"s3cr3t"_s));
        QCOMPARE(QApplication::clipboard()->text(), command);
    }

    void authHelpersAndForms()
    {
        auto w = makeWidget();
        HttpEditorRequest r;
        r.method = u"POST"_s;
        r.url = m_server->url(u"/echo"_s);
        r.auth = HttpEditorRequest::Auth::Basic;
        r.authUser = u"ann"_s;
        r.authPassword = u"pw"_s;
        r.bodyMode = HttpEditorRequest::BodyMode::FormUrlEncoded;
        r.formFields = { { true, u"a"_s, u"1 2"_s }, { false, u"b"_s, u"no"_s }, { true, u"c&"_s, u"="_s } };
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QJsonObject echo = echoed(w.get());
        QCOMPARE(echoedHeader(echo, u"Authorization"_s),
            u"Basic "_s + QString::fromLatin1(QByteArray("ann:pw").toBase64()));
        QCOMPARE(QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1()),
            QByteArray("a=1%202&c%26=%3D"));
        QCOMPARE(echoedHeader(echo, u"Content-Type"_s), u"application/x-www-form-urlencoded"_s);

        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"up.txt"_s), "file contents"));
        r.auth = HttpEditorRequest::Auth::ApiKey;
        r.apiKeyName = u"api_key"_s;
        r.apiKeyValue = u"k1"_s;
        r.apiKeyInQuery = true;
        r.bodyMode = HttpEditorRequest::BodyMode::Multipart;
        r.multipartFields
            = { { true, u"title"_s, u"hello"_s }, { true, u"doc"_s, dir.filePath(u"up.txt"_s), true } };
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        echo = echoed(w.get());
        QCOMPARE(echo.value(u"query"_s).toString(), u"api_key=k1"_s);
        const QByteArray body = QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1());
        QVERIFY2(body.contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"),
            body.constData());
        QVERIFY(body.contains(
            "name=\"doc\"; filename=\"up.txt\"\r\nContent-Type: text/plain\r\n\r\nfile contents\r\n"));
        QVERIFY(echoedHeader(echo, u"Content-Type"_s).startsWith(u"multipart/form-data; boundary="_s));
    }

    void optionsAreApplied()
    {
        auto w = makeWidget();
        // A new editor starts from the defaults of the .http dialects.
        const HttpEditorRequest defaults = w->editor()->request();
        QVERIFY(defaults.verifyTls);
        QVERIFY(defaults.followRedirects);
        QCOMPARE(defaults.maxRedirects, 10);
        QCOMPARE(defaults.timeoutMs, 30000);
        QVERIFY(defaults.useCookieJar);
        QVERIFY(w->editor()->verifyTlsBox()->isChecked());
        QVERIFY(defaults.httpVersion.isEmpty());

        // The HTTP version box round-trips, and a version it does not list means automatic.
        HttpEditorRequest versioned;
        versioned.url = m_server->url(u"/echo"_s);
        versioned.httpVersion = u"HTTP/1.1"_s;
        w->editor()->setRequest(versioned);
        QCOMPARE(w->editor()->httpVersionBox()->currentIndex(), 1);
        QCOMPARE(w->editor()->request().httpVersion, u"HTTP/1.1"_s);
        versioned.httpVersion = u"HTTP/2"_s;
        w->editor()->setRequest(versioned);
        QCOMPARE(w->editor()->httpVersionBox()->currentIndex(), 0);
        QVERIFY(w->editor()->request().httpVersion.isEmpty());

        HttpEditorRequest r;
        r.url = m_server->url(u"/redirect/1"_s);
        r.followRedirects = false;
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().status, 302);

        r.url = m_server->url(u"/redirect/3"_s);
        r.followRedirects = true;
        r.maxRedirects = 2;
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::TooManyRedirects);
        QVERIFY(w->responseView()->messageLabel()->text().startsWith(u"Too many redirects"_s));

        RawServer silent;
        r.url = silent.url(u"/"_s);
        r.timeoutMs = 1000;
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::Timeout);
        QVERIFY(w->responseView()->messageLabel()->text().startsWith(u"Timed out"_s));

        // Turning TLS verification off is per request, and only when asked for.
        HttpEditorRequest insecure;
        insecure.url = u"https://self-signed.example/"_s;
        insecure.verifyTls = false;
        w->editor()->setRequest(insecure);
        QVERIFY(!w->editor()->verifyTlsBox()->isChecked());
        QList<HttpFileError> errors;
        QVERIFY(!w->editor()->request().resolve(HttpVariables(), QString(), QString(), &errors).verifyTls);
        w->editor()->setRequest({});
        QVERIFY(w->editor()->request().resolve(HttpVariables(), QString(), QString(), &errors).verifyTls);
        QVERIFY(errors.isEmpty());
    }

    void timeLimitsAreSetInOptions()
    {
        auto w = makeWidget();
        // A new editor has a generous total time limit and no separate connect timeout.
        QCOMPARE(w->editor()->request().maxTimeMs, HttpRequest::kDefaultMaxTimeMs);
        QCOMPARE(w->editor()->maxTimeBox()->value(), 300.0);
        QCOMPARE(w->editor()->request().connectTimeoutMs, 0);
        QCOMPARE(w->editor()->connectTimeoutBox()->text(), u"No separate limit"_s);

        // A server that sends a byte every 50 ms never trips the idle timeout: the total limit ends it.
        DripServer drip(200, 50);
        w->editor()->urlEdit()->setText(drip.url(u"/drip"_s));
        w->editor()->maxTimeBox()->setValue(0.3);
        w->editor()->connectTimeoutBox()->setValue(2);
        QCOMPARE(w->editor()->request().maxTimeMs, 300);
        QCOMPARE(w->editor()->request().connectTimeoutMs, 2000);
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->response().error, HttpErrorKind::Timeout);
        const QString limit = u"total time limit (max time) of 300 ms"_s;
        QVERIFY2(w->responseView()->response().errorString.contains(limit),
            qPrintable(w->responseView()->response().errorString));
        // Above what of the body arrived, or alone when nothing did.
        QTRY_VERIFY2(w->responseView()->problemLabel()->text().contains(limit)
                || w->responseView()->messageLabel()->text().contains(limit),
            qPrintable(w->responseView()->messageLabel()->text()));

        // What the editor holds round-trips, and a .http file's directives land in the boxes.
        const HttpFile file = HttpFileParser::parse(
            u"# @max-time 1500 ms\n# @connection-timeout 3\nGET http://h/\n"_s, u"t.http"_s);
        QVERIFY(file.ok());
        w->editor()->setRequest(HttpEditorRequest::fromTemplate(file.requests.first()));
        QCOMPARE(w->editor()->maxTimeBox()->value(), 1.5);
        QCOMPARE(w->editor()->connectTimeoutBox()->value(), 3.0);
        QList<HttpFileError> errors;
        const HttpRequest resolved
            = w->editor()->request().resolve(HttpVariables(), QString(), QString(), &errors);
        QCOMPARE(resolved.maxTimeMs, 1500);
        QCOMPARE(resolved.connectTimeoutMs, 3000);
    }

    void bodyFromAFile()
    {
        QTemporaryDir dir;
        QByteArray bytes(1, '\0');
        bytes += "\x01"
                 "binary\xff"; // NUL, 0x01, text and a byte that is not UTF-8
        QVERIFY(writeFile(dir.filePath(u"payload.bin"_s), bytes));
        auto w = makeWidget();
        HttpEditorRequest r;
        r.method = u"PUT"_s;
        r.url = m_server->url(u"/echo"_s);
        r.bodyMode = HttpEditorRequest::BodyMode::File;
        r.bodyFile = dir.filePath(u"payload.bin"_s);
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        const QJsonObject echo = echoed(w.get());
        QCOMPARE(QByteArray::fromBase64(echo.value(u"body"_s).toString().toLatin1()), bytes);
        QCOMPARE(echoedHeader(echo, u"Content-Type"_s), u"application/octet-stream"_s);

        r.bodyFile = dir.filePath(u"missing.bin"_s);
        w->editor()->setRequest(r);
        QVERIFY(sendAndWait(w.get()));
        QVERIFY(w->responseView()->statusText().startsWith(u"Cannot send PUT"_s));
        QVERIFY(w->responseView()->messageLabel()->text().contains(u"Cannot read the body file"_s));
    }

    void historyRecordsAndReloads()
    {
        QTemporaryDir data;
        auto w = std::make_unique<HttpClientWidget>(data.path());
        w->show();
        HttpEditorRequest r;
        r.method = u"PATCH"_s;
        r.url = m_server->url(u"/echo/history-check"_s);
        r.headers = { { true, u"X-From"_s, u"history"_s } };
        r.bodyMode = HttpEditorRequest::BodyMode::Raw;
        r.rawType = HttpEditorRequest::RawType::Text;
        r.rawText = u"remember me"_s;
        w->editor()->setRequest(r);
        QSignalSpy refreshed(w->historyPanel(), &HttpHistoryPanel::refreshed);
        QVERIFY(sendAndWait(w.get()));
        QTreeWidget *list = w->historyPanel()->list();
        QTRY_COMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), u"PATCH"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), r.url);
        QCOMPARE(list->topLevelItem(0)->text(3), u"200"_s);
        QVERIFY(QFile::exists(data.filePath(u"http-history.sqlite"_s)));

        // Search narrows the list.
        refreshed.clear();
        w->historyPanel()->searchEdit()->setText(u"no-such-request"_s);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(list->topLevelItemCount(), 0);
        refreshed.clear();
        w->historyPanel()->searchEdit()->setText(u"history-check"_s);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(list->topLevelItemCount(), 1);

        // Double-click loads it back into a blank editor; sending it again works.
        w->editor()->setRequest({});
        w->historyAction()->setChecked(true); // the history is a side panel, hidden until asked for
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTRY_VERIFY(list->isVisible()
            && list->viewport()->rect().contains(list->visualItemRect(list->topLevelItem(0)).center()));
        QSignalSpy loaded(w->historyPanel(), &HttpHistoryPanel::resendReady);
        const QRect rect = list->visualItemRect(list->topLevelItem(0));
        // A double click is a press and release, and then a press that makes it a double click.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 5000);
        QTRY_COMPARE(w->editor()->methodBox()->currentText(), u"PATCH"_s);
        QCOMPARE(w->editor()->urlEdit()->text(), r.url);
        QCOMPARE(w->editor()->headersTable()->rows().first().value, u"history"_s);
        QCOMPARE(w->editor()->bodyEdit()->toPlainText(), u"remember me"_s);
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(echoed(w.get()).value(u"method"_s).toString(), u"PATCH"_s);
        QTRY_COMPARE(list->topLevelItemCount(), 2);
    }

    void hugeResponseKeepsMemoryAndEventLoopFree()
    {
        constexpr qint64 megabytes = 200;
        ThreadedServer server;
        auto w = makeWidget();
        // Warm up: the code paths' one-time allocations are not what is measured.
        w->editor()->urlEdit()->setText(server.url(u"/big/1"_s));
        QVERIFY(sendAndWait(w.get()));
        QCOMPARE(w->responseView()->bodyKind(), HttpResponseView::BodyKind::Binary);
        QTest::qWait(300);

        const qint64 rssBefore = vmRssKb();
        QVERIFY(rssBefore > 0);
        qint64 peakRss = rssBefore;
        QTimer sampler;
        QObject::connect(
            &sampler, &QTimer::timeout, &sampler, [&peakRss] { peakRss = qMax(peakRss, vmRssKb()); });
        sampler.start(20);
        StallMeter stalls;

        w->editor()->urlEdit()->setText(server.url(u"/big/%1"_s.arg(megabytes)));
        QSignalSpy done(w.get(), &HttpClientWidget::runFinished);
        QSignalSpy shown(w.get(), &HttpClientWidget::responseShown);
        stalls.start();
        w->send();
        QVERIFY(done.wait(120000));
        const qint64 arrivingStall = stalls.stop();
        const qint64 arrivingCpu = stalls.cpuInLongestGap();
        const qint64 arrivingBusy = stalls.longestBusy();
        stalls.start();
        QVERIFY(!shown.isEmpty() || shown.wait(15000));
        QTest::qWait(300); // painting what was shown
        const qint64 showingStall = stalls.stop();
        const qint64 showingCpu = stalls.cpuInLongestGap();
        const qint64 showingBusy = stalls.longestBusy();
        sampler.stop();
        peakRss = qMax(peakRss, vmRssKb());

        HttpResponseView *view = w->responseView();
        QVERIFY2(view->response().ok(), qPrintable(view->response().errorString));
        QCOMPARE(view->response().bodySize, megabytes << 20);
        QCOMPARE(view->bodyKind(), HttpResponseView::BodyKind::Binary);
        QVERIFY2(view->binaryLabel()->text().startsWith(u"Binary, 209715200 bytes"_s),
            qPrintable(view->binaryLabel()->text()));
        QVERIFY(view->hexEdit()->toPlainText().startsWith(u"00000000  61 62 63 64"_s));
        QCOMPARE(view->hexEdit()->blockCount(), 4097); // 64 KB, 16 bytes a line, and the last empty line
        QVERIFY(view->saveButton()->isEnabled());
        const qint64 growthKb = peakRss - rssBefore;
        qInfo(
            "%lld MB response: RSS %lld kB before, peak %lld kB (+%lld kB); longest event loop stall %lld ms "
            "while arriving, %lld ms while shown (the GUI thread ran %lld ms and %lld ms of those)",
            megabytes, rssBefore, peakRss, growthKb, arrivingStall, showingStall, arrivingCpu, showingCpu);
        QVERIFY2(growthKb < 64 * 1024, qPrintable(u"RSS grew by %1 kB"_s.arg(growthKb)));
        QVERIFY2(arrivingBusy <= kBusyBudgetMs,
            qPrintable(u"the GUI thread ran %1 ms at once while arriving"_s.arg(arrivingBusy)));
        QVERIFY2(showingBusy <= kBusyBudgetMs,
            qPrintable(u"the GUI thread ran %1 ms at once while shown"_s.arg(showingBusy)));

        // Save copies the whole body, off the GUI thread.
        QTemporaryDir dir;
        QSignalSpy saved(view, &HttpResponseView::bodySaved);
        stalls.start();
        view->saveBodyTo(dir.filePath(u"body.bin"_s));
        QVERIFY(saved.wait(60000));
        stalls.stop();
        const qint64 savingBusy = stalls.longestBusy();
        QVERIFY2(saved.first().at(1).toString().isEmpty(), qPrintable(saved.first().at(1).toString()));
        QCOMPARE(QFileInfo(dir.filePath(u"body.bin"_s)).size(), megabytes << 20);
        QVERIFY2(savingBusy <= kBusyBudgetMs,
            qPrintable(u"the GUI thread ran %1 ms at once while saving"_s.arg(savingBusy)));
    }

    void hugeTextResponseIsPaged()
    {
        constexpr qint64 megabytes = 200;
        ThreadedServer server;
        server.addBigTextRoute();
        auto w = makeWidget();
        w->editor()->urlEdit()->setText(server.url(u"/bigtext/1"_s));
        QVERIFY(sendAndWait(w.get()));
        // 1 MB is small enough to show whole, but not as one line: it is paged too.
        QCOMPARE(w->responseView()->bodyKind(), HttpResponseView::BodyKind::Large);
        QVERIFY(w->responseView()->rawEdit()->toPlainText().contains(u"lines too long"_s));
        QTest::qWait(300);

        StallMeter stalls;
        w->editor()->urlEdit()->setText(server.url(u"/bigtext/%1"_s.arg(megabytes)));
        QSignalSpy pages(w->responseView(), &HttpResponseView::pageShown);
        stalls.start();
        QVERIFY(sendAndWait(w.get(), 120000));
        QTRY_VERIFY(!pages.isEmpty());
        QTest::qWait(300);
        const qint64 stall = stalls.stop();
        HttpResponseView *view = w->responseView();
        QCOMPARE(view->bodyKind(), HttpResponseView::BodyKind::Large);
        QCOMPARE(view->pageCount(), (megabytes << 20) / HttpResponseView::kPageSize);
        QVERIFY(view->pageEdit()->toPlainText().startsWith(u"abcdefghijklmnopqrstuvwxyzabc"_s));
        qInfo("%lld MB text response: longest event loop stall %lld ms (the GUI thread ran %lld ms of it)",
            megabytes, stall, stalls.cpuInLongestGap());
        QVERIFY2(stalls.longestBusy() <= kBusyBudgetMs,
            qPrintable(u"the GUI thread ran %1 ms at once"_s.arg(stalls.longestBusy())));
    }

    void largeTextIsPagedNotFormatted()
    {
        // 3 MB of JSON: above the formatting threshold, so it is shown raw, a page at a time.
        QByteArray json = "[";
        while (json.size() < (3 << 20))
            json += "{\"id\":12345,\"name\":\"a fairly long name to fill the body\"},";
        json.chop(1);
        json += "]";
        m_server->server().route(
            u"/large-json"_s, [json] { return QHttpServerResponse(QByteArray("application/json"), json); });
        auto w = makeWidget();
        w->editor()->urlEdit()->setText(m_server->url(u"/large-json"_s));
        QVERIFY(sendAndWait(w.get()));
        HttpResponseView *view = w->responseView();
        QCOMPARE(view->bodyKind(), HttpResponseView::BodyKind::Large);
        QTRY_COMPARE(view->pageEdit()->toPlainText().size(), int(HttpResponseView::kPageSize));
        QCOMPARE(
            view->pageCount(), (json.size() + HttpResponseView::kPageSize - 1) / HttpResponseView::kPageSize);
        QSignalSpy page(view, &HttpResponseView::pageShown);
        view->showPage(view->pageCount() - 1);
        QVERIFY(page.wait(5000));
        QVERIFY(view->pageEdit()->toPlainText().endsWith(u"}]"_s));
    }
};

QTEST_MAIN(TestHttpClientWidget)
#include "TestHttpClientWidget.moc"
