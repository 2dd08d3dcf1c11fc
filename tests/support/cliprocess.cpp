#include "support/cliprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace StudyBenchTest {

QJsonObject ProcessRun::json() const
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("not a JSON object: %s\n%s", qPrintable(e.errorString()), out.constData());
    return doc.object();
}

QString cliPath()
{
    return QStringLiteral(STUDYBENCH_CLI_PATH);
}

QProcessEnvironment cliEnvironment(QProcessEnvironment base)
{
    for (const QString &name : { u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s })
        base.remove(name);
    base.insert(u"STUDYBENCH_BCRYPT_COST"_s, u"4"_s);
    return base;
}

ProcessRun runProcess(
    const QString &program, const QStringList &args, const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs))
        qFatal(
            "%s %s did not finish within %d ms", qPrintable(program), qPrintable(args.join(u' ')), timeoutMs);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

ProcessRun runCli(const QStringList &args, const QProcessEnvironment &environment, int timeoutMs)
{
    return runProcess(cliPath(), args, environment, timeoutMs);
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("no free loopback port");
    return probe.serverPort();
}

bool waitForListening(quint16 port, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(100))
            return true;
        QTest::qWait(50);
    }
    return false;
}

std::unique_ptr<QProcess> startServe(quint16 port, const QString &dataDir, const QStringList &extraArgs,
    const QProcessEnvironment &environment)
{
    auto serve = std::make_unique<QProcess>();
    serve->setProcessEnvironment(environment);
    serve->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    serve->start(cliPath(),
        QStringList { u"serve"_s, u"--port"_s, QString::number(port), u"--data-dir"_s, dataDir } + extraArgs);
    if (!serve->waitForStarted(10000))
        return nullptr;
    const QDeadlineTimer deadline(20000);
    while (serve->state() == QProcess::Running && !deadline.hasExpired()) {
        if (waitForListening(port, 200))
            return serve;
    }
    serve->kill();
    serve->waitForFinished(10000);
    return nullptr;
}

void writeTestFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace StudyBenchTest
