#pragma once

// studybench-cli as a user runs it, for the tests: a real process with no display, its output
// captured; `serve` started on a free loopback port and waited for until it listens.

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace StudyBenchTest {

/// What a finished process said and how it ended.
struct ProcessRun
{
    int exitCode = -1; ///< -1 when it crashed or was killed
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    /// The standard output as a JSON object; stops the test run (qFatal) when it is not one.
    QJsonObject json() const;
};

/// The path of the studybench-cli this build made.
QString cliPath();

/// @p base without a display (the CLI must work with none) and with the cheapest bcrypt cost
/// (STUDYBENCH_BCRYPT_COST=4), so that tests that create accounts stay fast.
QProcessEnvironment cliEnvironment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment());

/// Runs @p program with @p args in @p environment and waits for it; a process that does not end
/// within @p timeoutMs stops the test run (qFatal), since nothing after it could be trusted.
ProcessRun runProcess(const QString &program, const QStringList &args, const QProcessEnvironment &environment,
    int timeoutMs = 30000);

/// Runs studybench-cli with @p args (see runProcess()).
ProcessRun runCli(const QStringList &args, const QProcessEnvironment &environment = cliEnvironment(),
    int timeoutMs = 30000);

/// A loopback TCP port nobody listens on right now.
quint16 freeLoopbackPort();

/// Waits until something accepts connections on loopback @p port; false after @p timeoutMs.
bool waitForListening(quint16 port, int timeoutMs = 20000);

/// Starts `studybench-cli serve --port PORT --data-dir DATADIR` (plus @p extraArgs) and waits until
/// it listens; nullptr when it did not start or stopped. Its standard error goes to the test's.
std::unique_ptr<QProcess> startServe(quint16 port, const QString &dataDir, const QStringList &extraArgs = {},
    const QProcessEnvironment &environment = cliEnvironment());

/// Writes @p bytes to @p path (making its folder), or stops the test run when it cannot.
void writeTestFile(const QString &path, const QByteArray &bytes);

} // namespace StudyBenchTest
