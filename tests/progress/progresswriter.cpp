// Test helper: records state changes through ProgressService, the GUI's write path, and prints
// "ack ID STATE" for each one as soon as the service reports it saved. TestCrashSafety kills
// this process with SIGKILL right after reading an acknowledgement.
//
//   progresswriter DATA_DIR COUNT      COUNT state changes, then exit
//   progresswriter DATA_DIR loop RUN   state changes and notes under RUN until killed
#include "progress/progressservice.h"

#include <QCoreApplication>

#include <cstdio>

using namespace StudyBench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: progresswriter DATA_DIR COUNT | progresswriter DATA_DIR loop RUN\n");
        return 2;
    }
    ProgressService service(args.at(1));
    if (args.at(2) == QLatin1StringView("loop")) {
        const QString run = args.value(3);
        int next = 0;
        // Keeps a few requests in flight, each to a new ID, so every acknowledged one can be checked.
        auto issue = [&] {
            const int n = next++;
            if (n % 2 == 0)
                service.setState(QStringLiteral("loop/%1/item-%2").arg(run).arg(n),
                    (n % 4 == 0) ? ItemState::Done : ItemState::Skipped, QStringLiteral("Item"));
            else
                service.setNote(
                    QStringLiteral("loop/%1/note-%2").arg(run).arg(n), QStringLiteral("note %1").arg(n));
        };
        QObject::connect(&service, &ProgressService::opened, &app, [&](bool ok, const QString &error) {
            if (!ok) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                QCoreApplication::exit(1);
                return;
            }
            for (int i = 0; i < 4; ++i)
                issue();
        });
        QObject::connect(
            &service, &ProgressService::stateSaved, &app, [&](quint64, const QString &id, ItemState state) {
                std::printf("state %s %d\n", qPrintable(id), int(state));
                std::fflush(stdout);
                issue();
            });
        QObject::connect(&service, &ProgressService::noteSaved, &app, [&](quint64, const QString &id) {
            std::printf("note %s\n", qPrintable(id));
            std::fflush(stdout);
            issue();
        });
        QObject::connect(
            &service, &ProgressService::saveFailed, &app, [](quint64, const QString &id, const QString &e) {
                std::fprintf(stderr, "failed %s: %s\n", qPrintable(id), qPrintable(e));
                QCoreApplication::exit(1);
            });
        service.open();
        return app.exec();
    }
    const int count = args.at(2).toInt();
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
    QObject::connect(
        &service, &ProgressService::stateSaved, &app, [&](quint64, const QString &id, ItemState state) {
            std::printf("ack %s %d\n", qPrintable(id), int(state));
            std::fflush(stdout);
            if (++acknowledged == count)
                QCoreApplication::quit();
        });
    QObject::connect(
        &service, &ProgressService::saveFailed, &app, [](quint64, const QString &id, const QString &e) {
            std::fprintf(stderr, "failed %s: %s\n", qPrintable(id), qPrintable(e));
            QCoreApplication::exit(1);
        });
    service.open();
    return app.exec();
}
