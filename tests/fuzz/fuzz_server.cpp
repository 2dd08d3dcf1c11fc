// libFuzzer target: the practice server's request handling, over a real loopback socket: each
// input is sent as the raw bytes of one connection, and the server answers (or not) as it would
// to any client. Catches crashes and sanitizer reports in parsing, routing, the playground, the
// Conduit API and its database code.
#include "practice/practiceserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <cstddef>
#include <cstdint>

namespace {
QCoreApplication *app = nullptr;
QTemporaryDir *dataDir = nullptr;
StudyBench::PracticeServer *server = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("STUDYBENCH_BCRYPT_COST", "4");
    app = new QCoreApplication(*argc, *argv);
    dataDir = new QTemporaryDir;
    server = new StudyBench::PracticeServer(dataDir->path());
    if (!server->start(0))
        qFatal("the practice server does not start: %s", qPrintable(server->errorString()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server) {
        int argc = 1;
        static char name[] = "fuzz_server";
        static char *args[] = { name, nullptr };
        char **argv = args;
        LLVMFuzzerInitialize(&argc, &argv);
    }
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    if (!socket.waitForConnected(1000))
        __builtin_trap(); // the server stopped accepting connections
    socket.write(reinterpret_cast<const char *>(data), qint64(size));
    socket.flush();
    // Let the server read and answer; a request it is still waiting on is cut off after a while.
    QEventLoop loop;
    QTimer::singleShot(40, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    loop.exec();
    socket.abort();
    // Give the server a turn to see the connection go.
    QCoreApplication::processEvents();
    return 0;
}
