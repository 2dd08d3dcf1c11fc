// Test helper: records state changes through ProgressService, the GUI's write path, and prints
// "ack ID STATE" for each one as soon as the service reports it saved. TestCrashSafety kills
// this process with SIGKILL right after reading an acknowledgement.
//
//   progresswriter DATA_DIR COUNT
#include "progressservice.h"

#include <QCoreApplication>

#include <cstdio>

using namespace StudyBench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: progresswriter DATA_DIR COUNT\n");
        return 2;
    }
    const int count = args.at(2).toInt();
    ProgressService service(args.at(1));
    int acknowledged = 0;
    QObject::connect(&service, &ProgressService::opened, &app, [&](bool ok, const QString &error) {
        if (!ok) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            QCoreApplication::exit(1);
            return;
        }
        for (int i = 0; i < count; ++i) {
            const ItemState state = (i % 3 == 0) ? ItemState::InProgress : ItemState::Done;
            service.setState(QStringLiteral("crash/item-%1").arg(i), state, QStringLiteral("Item %1").arg(i));
        }
    });
    QObject::connect(&service, &ProgressService::stateSaved, &app, [&](quint64, const QString &id, ItemState state) {
        std::printf("ack %s %d\n", qPrintable(id), int(state));
        std::fflush(stdout);
        if (++acknowledged == count)
            QCoreApplication::quit();
    });
    QObject::connect(&service, &ProgressService::saveFailed, &app, [](quint64, const QString &id, const QString &e) {
        std::fprintf(stderr, "failed %s: %s\n", qPrintable(id), qPrintable(e));
        QCoreApplication::exit(1);
    });
    service.open();
    return app.exec();
}
