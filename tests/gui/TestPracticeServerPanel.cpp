#include "practiceserverpanel.h"
#include "support/cliprocess.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace StudyBench;
using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

class TestPracticeServerPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startRequestLogStop()
    {
        QTemporaryDir dir;
        PracticeServerController controller(dir.path());
        PracticeServerPanel panel(&controller);
        panel.show();
        const quint16 port = freeLoopbackPort();
        panel.portBox()->setValue(port);
        QSignalSpy started(&controller, &PracticeServerController::started);
        QTest::mouseClick(panel.toggleButton(), Qt::LeftButton);
        QVERIFY(started.wait(10000));
        QCOMPARE(controller.url(), QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        QVERIFY(panel.urlLabel()->text().contains(u"127.0.0.1:%1"_s.arg(port)));
        QVERIFY(!panel.portBox()->isEnabled());

        // A real request over loopback shows up in the access log.
        QNetworkAccessManager nam;
        QNetworkReply *reply
            = nam.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/http/status/418"_s.arg(port))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 418);
        QTRY_VERIFY(panel.log()->toPlainText().contains(u"GET /http/status/418 418"_s));
        delete reply;

        QSignalSpy stopped(&controller, &PracticeServerController::stopped);
        QTest::mouseClick(panel.toggleButton(), Qt::LeftButton);
        QVERIFY(stopped.wait(10000));
        QVERIFY(!controller.isRunning());
        QVERIFY(panel.portBox()->isEnabled());
    }

    void portInUseOffersAnother()
    {
        QTemporaryDir dir;
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        PracticeServerController controller(dir.path());
        PracticeServerPanel panel(&controller);
        panel.show();
        panel.portBox()->setValue(squatter.serverPort());
        QSignalSpy failed(&controller, &PracticeServerController::startFailed);
        QTest::mouseClick(panel.toggleButton(), Qt::LeftButton);
        QVERIFY(failed.wait(10000));
        QVERIFY(panel.message()->isVisible());
        QVERIFY2(panel.message()->text().contains(QString::number(squatter.serverPort())),
            qPrintable(panel.message()->text()));
        QVERIFY(panel.useSuggestedPortButton()->isVisible());
        QVERIFY(!panel.toggleButton()->isChecked());

        QSignalSpy started(&controller, &PracticeServerController::started);
        QTest::mouseClick(panel.useSuggestedPortButton(), Qt::LeftButton);
        QVERIFY(started.wait(10000));
        QVERIFY(controller.url().port() != squatter.serverPort());
        QCOMPARE(panel.portBox()->value(), controller.url().port());
    }
};

QTEST_MAIN(TestPracticeServerPanel)
#include "TestPracticeServerPanel.moc"
