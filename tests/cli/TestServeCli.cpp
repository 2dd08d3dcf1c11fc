// studybench-cli serve as a user runs it: a real process on a real port, stopped by a signal.
#include "support/cliprocess.h"
#include "support/httptestclient.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {
// VmRSS of a process, 0 when it cannot be read.
qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

} // namespace

class TestServeCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Starts serve and waits for its first line, which says where it listens.
    std::unique_ptr<QProcess> serveUntilFirstLine(quint16 port, QByteArray *output)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(cliEnvironment());
        p->start(
            cliPath(), { u"serve"_s, u"--port"_s, QString::number(port), u"--data-dir"_s, m_dir.path() });
        if (!p->waitForStarted(10000))
            return {};
        const bool ready = QTest::qWaitFor(
            [&] {
                *output += p->readAllStandardOutput();
                return output->contains('\n') || p->state() == QProcess::NotRunning;
            },
            10000);
        return ready && p->state() == QProcess::Running ? std::move(p) : nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void servesAndLogs_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void servesAndLogs()
    {
        QFETCH(int, signal);
        const quint16 port = freeLoopbackPort();
        QByteArray out;
        auto serve = serveUntilFirstLine(port, &out);
        QVERIFY(serve);
        QVERIFY2(out.startsWith(QByteArray(
                     "StudyBench practice server on http://127.0.0.1:" + QByteArray::number(port))),
            out.constData());

        HttpTestClient client(port);
        const HttpResult r = client.get(u"/http/anything?from=cli"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"query"_s).toObject().value(u"from"_s).toString(), u"cli"_s);
        QCOMPARE(client.get(u"/http/status/418"_s).status, 418);

        // time, method, path, status, duration
        const QRegularExpression line(
            u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z GET /http/anything\\?from=cli 200 \\d+\\.\\d\\d ms$"_s,
            QRegularExpression::MultilineOption);
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         out += serve->readAllStandardOutput();
                         return line.match(QString::fromUtf8(out)).hasMatch() && out.contains(" 418 ");
                     },
                     10000),
            out.constData());
        QVERIFY(QFile::exists(m_dir.filePath(u"practice.sqlite"_s)));

        ::kill(pid_t(serve->processId()), signal);
        QVERIFY(serve->waitForFinished(10000));
        QCOMPARE(serve->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve->exitCode(), 0);
        out += serve->readAllStandardOutput();
        QVERIFY2(out.trimmed().endsWith("Stopped."), out.constData());
        // The port is free again.
        QTcpServer again;
        QVERIFY(again.listen(QHostAddress::LocalHost, port));
    }

    void portTaken()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        const quint16 port = occupant.serverPort();
        const ProcessRun p
            = runCli({ u"serve"_s, u"--port"_s, QString::number(port), u"--data-dir"_s, m_dir.path() });
        QCOMPARE(p.exitCode, 1);
        const QString err = p.errText();
        QVERIFY2(err.contains(u"Port %1 is already in use on 127.0.0.1"_s.arg(port)), qPrintable(err));
        const QRegularExpressionMatch m
            = QRegularExpression(u"port (\\d+) is free \\(--port (\\d+)\\)"_s).match(err);
        QVERIFY2(m.hasMatch(), qPrintable(err));
        const quint16 suggested = quint16(m.captured(1).toUInt());
        QCOMPARE(m.captured(2), m.captured(1));
        QVERIFY(suggested > port);
        QTcpServer probe;
        QVERIFY2(probe.listen(QHostAddress::LocalHost, suggested), "the suggested port is not free");
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("port 0") << QStringList { u"serve"_s, u"--port"_s, u"0"_s };
        QTest::newRow("port text") << QStringList { u"serve"_s, u"--port"_s, u"http"_s };
        QTest::newRow("port too big") << QStringList { u"serve"_s, u"--port"_s, u"65536"_s };
        QTest::newRow("unknown word") << QStringList { u"serve"_s, u"now"_s };
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        const ProcessRun p = runCli(args + QStringList { u"--data-dir"_s, m_dir.path() });
        QCOMPARE(p.exitCode, 2);
        QVERIFY(!p.err.isEmpty());
    }

    void reset()
    {
        const quint16 port = freeLoopbackPort();
        QByteArray out;
        {
            auto serve = serveUntilFirstLine(port, &out);
            QVERIFY(serve);
            HttpTestClient client(port);
            QCOMPARE(client
                         .send("POST", u"/http/idempotent"_s, "{\"item\":\"tea\",\"quantity\":1}",
                             { { "Content-Type", "application/json" }, { "Idempotency-Key", "cli-reset" } })
                         .status,
                201);
            QCOMPARE(client.get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 1);
            serve->terminate();
            QVERIFY(serve->waitForFinished(10000));
        }
        const ProcessRun p = runCli({ u"serve"_s, u"reset"_s, u"--data-dir"_s, m_dir.path() });
        QCOMPARE(p.exitCode, 0);
        QVERIFY(p.out.startsWith("Deleted all practice data"));

        out.clear();
        auto serve = serveUntilFirstLine(port, &out);
        QVERIFY(serve);
        QCOMPARE(HttpTestClient(port).get(u"/http/idempotent"_s).json().value(u"count"_s).toInt(), 0);
        serve->terminate();
        QVERIFY(serve->waitForFinished(10000));
        QCOMPARE(serve->exitCode(), 0);
    }

    // A body over the limit is not read into memory: the server answers 413 before the body is
    // sent, then reads and drops what the client sends anyway, and its memory stays where it was.
    void bodyOverTheLimitIsNotBuffered()
    {
        const quint16 port = freeLoopbackPort();
        QByteArray out;
        auto serve = serveUntilFirstLine(port, &out);
        QVERIFY(serve);
        QCOMPARE(HttpTestClient(port).get(u"/http/anything"_s).status, 200);
        const qint64 pid = serve->processId();
        const qint64 before = residentKiB(pid);
        QVERIFY(before > 0);

        RawHttpConnection conn(port);
        QVERIFY(conn.isConnected());
        conn.send("PUT /http/anything HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 8589934592\r\n\r\n");
        const HttpResult r = conn.readResponse(10000);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.header("connection"), "close");

        const QByteArray block(1024 * 1024, 'b');
        const qint64 total = 128 * block.size();
        qint64 sent = 0;
        while (sent < total && conn.sendAll(block))
            sent += block.size();
        QCOMPARE(sent, total);
        const qint64 after = residentKiB(pid);
        QVERIFY2(after - before < 32 * 1024,
            qPrintable(
                u"resident memory %1 KiB before, %2 KiB after %3 MiB of body"_s.arg(before).arg(after).arg(
                    sent >> 20)));
        QVERIFY(conn.waitForClose(15000));
        serve->terminate();
        QVERIFY(serve->waitForFinished(10000));
    }

    void helpMentionsServe()
    {
        QVERIFY(runCli({ u"--help"_s }).out.contains("serve [--port N]"));
        // --port is serve's own option, so serve's help lists it.
        const ProcessRun serveHelp = runCli({ u"serve"_s, u"--help"_s });
        QCOMPARE(serveHelp.exitCode, 0);
        QVERIFY(serveHelp.out.contains("--port <PORT>"));
    }
};

QTEST_GUILESS_MAIN(TestServeCli)
#include "TestServeCli.moc"
