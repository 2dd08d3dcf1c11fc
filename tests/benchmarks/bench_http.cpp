// bench_http: studybench-cli http against curl, over loopback, in the same run.
//
//   bench_http [--megabytes N] [--requests N] [--runs N]
//
// A QHttpServer (tests/support/httptestserver.h) runs on a thread of this process. Measured, each as the
// median of --runs runs: the wall time of fetching a large body (default 200 MB) with
// `studybench-cli http` and with `curl -s -o /dev/null`, with the peak RSS of each process (from
// wait4's rusage); and the wall time of N small sequential requests (default 1,000) sent as one
// .http file by studybench-cli and by a shell loop of N curl invocations. Processes are started
// (and measured) by bench_http_measure.

#include "benchline.h"
#include "support/httptestserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

struct RunResult
{
    qint64 wallMs = 0;
    qint64 maxRssKb = 0;
    int exitCode = -1;
};

// Runs @p argv through bench_http_measure and returns its wall time and peak RSS. A process's
// peak RSS (ru_maxrss) survives exec() and so includes that of the process it was started from:
// started from that small helper instead of this process with its Qt libraries and server, the
// figure is the child's own (plus the floor printed with the results).
RunResult runProcess(const QStringList &argv)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(STUDYBENCH_MEASURE_PATH), argv);
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        qFatal("cannot measure %s", qPrintable(argv.join(u' ')));
    const QList<QByteArray> fields = process.readAllStandardOutput().trimmed().split(' ');
    RunResult result;
    result.wallMs = fields.value(0).toLongLong();
    result.maxRssKb = fields.value(1).toLongLong();
    result.exitCode = fields.value(2).toInt();
    if (result.exitCode != 0)
        qFatal("%s exited with %d", qPrintable(argv.join(u' ')), result.exitCode);
    return result;
}

// The run with the median wall time of @p runs.
RunResult median(const QStringList &argv, int runs)
{
    QList<RunResult> results;
    for (int i = 0; i < runs; ++i)
        results.append(runProcess(argv));
    std::sort(results.begin(), results.end(),
        [](const RunResult &a, const RunResult &b) { return a.wallMs < b.wallMs; });
    RunResult m = results.at(results.size() / 2);
    for (const RunResult &r : results)
        m.maxRssKb = std::max(m.maxRssKb, r.maxRssKb);
    return m;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        qFatal("cannot write %s", qPrintable(path));
}

// The test server on a thread of its own, so that the measuring thread may block in wait4().
class ServerThread
{
public:
    ServerThread()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context, [this] { m_server = std::make_unique<TestHttpServer>(); },
            Qt::BlockingQueuedConnection);
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(&m_context, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QString url(const QString &path) const { return m_server->url(path); }

private:
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<TestHttpServer> m_server;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"studybench-cli http against curl over loopback"_s);
    parser.addHelpOption();
    const QCommandLineOption megabytesOption(
        u"megabytes"_s, u"Size of the large body (MB)."_s, u"N"_s, u"200"_s);
    const QCommandLineOption requestsOption(u"requests"_s, u"Number of small requests."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption runsOption(
        u"runs"_s, u"Runs of each measurement (the median is shown)."_s, u"N"_s, u"3"_s);
    parser.addOptions({ megabytesOption, requestsOption, runsOption });
    parser.process(app);
    const int megabytes = parser.value(megabytesOption).toInt();
    const int requests = parser.value(requestsOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const QString cli = QStringLiteral(STUDYBENCH_CLI_PATH);

    ServerThread server;
    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary directory");

    // What a process started the same way and doing nothing peaks at.
    const RunResult floor = runProcess({ u"true"_s });

    // A large body.
    const QString bigUrl = server.url(u"/big/%1"_s.arg(megabytes));
    const QString bigFile = dir.filePath(u"big.http"_s);
    writeFile(bigFile, "GET " + bigUrl.toUtf8() + "\n");
    runProcess({ u"curl"_s, u"-s"_s, u"-o"_s, u"/dev/null"_s, server.url(u"/big/1"_s) }); // warm up
    const RunResult cliBig = median({ cli, u"http"_s, bigFile, u"--no-history"_s }, runs);
    const RunResult curlBig = median({ u"curl"_s, u"-s"_s, u"-o"_s, u"/dev/null"_s, bigUrl }, runs);

    // Many small requests.
    const QString echoUrl = server.url(u"/echo"_s);
    QByteArray many;
    for (int i = 0; i < requests; ++i)
        many += "###\nGET " + echoUrl.toUtf8() + "?i=" + QByteArray::number(i) + "\n\n";
    const QString manyFile = dir.filePath(u"many.http"_s);
    writeFile(manyFile, many);
    const RunResult cliMany = median({ cli, u"http"_s, manyFile, u"--no-history"_s }, runs);
    const QString loop
        = u"i=0; while [ $i -lt %1 ]; do curl -s -o /dev/null \"%2?i=$i\" || exit 1; i=$((i+1)); done"_s
              .arg(requests)
              .arg(echoUrl);
    const RunResult curlMany = median({ u"sh"_s, u"-c"_s, loop }, runs);

    auto mb = [](qint64 kb) {
        return double(kb) / 1024.0;
    };
    std::printf(
        "bench_http: loopback, median of %d runs each (peak RSS of `true` started the same way: %.1f MB)\n\n",
        runs, mb(floor.maxRssKb));
    std::printf("%d MB body (GET %s)\n", megabytes, qPrintable(bigUrl));
    std::printf("  studybench-cli http      %7lld ms  %7.1f MB/s  peak RSS %6.1f MB\n", cliBig.wallMs,
        megabytes * 1000.0 / std::max<qint64>(1, cliBig.wallMs), mb(cliBig.maxRssKb));
    std::printf("  curl -s -o /dev/null     %7lld ms  %7.1f MB/s  peak RSS %6.1f MB\n", curlBig.wallMs,
        megabytes * 1000.0 / std::max<qint64>(1, curlBig.wallMs), mb(curlBig.maxRssKb));
    std::printf(
        "  time ratio cli/curl      %7.2f\n\n", double(cliBig.wallMs) / std::max<qint64>(1, curlBig.wallMs));
    std::printf("%d small sequential requests (GET /echo)\n", requests);
    std::printf("  studybench-cli http, one .http file   %7lld ms  %6.2f ms/request  peak RSS %6.1f MB\n",
        cliMany.wallMs, double(cliMany.wallMs) / requests, mb(cliMany.maxRssKb));
    std::printf("  shell loop of %d curl invocations   %7lld ms  %6.2f ms/request\n", requests,
        curlMany.wallMs, double(curlMany.wallMs) / requests);
    std::printf("  time ratio cli/curl loop              %7.2f\n",
        double(cliMany.wallMs) / std::max<qint64>(1, curlMany.wallMs));
    const QByteArray bigName = "http_body_" + QByteArray::number(megabytes) + "mb_vs_curl";
    const QByteArray manyName = "http_" + QByteArray::number(requests) + "_requests_vs_curl_loop";
    StudyBench::Bench::printLine(
        bigName.constData(), double(cliBig.wallMs), double(curlBig.wallMs), "ms", "ratio<=1.2");
    StudyBench::Bench::printLine(
        manyName.constData(), double(cliMany.wallMs), double(curlMany.wallMs), "ms", "ratio<=0.1");
    return 0;
}
