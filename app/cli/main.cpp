#include "clicommands.h"
#include "exportcommand.h"
#include "util/datalocation.h"
#include "util/translations.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw.append(QString::fromLocal8Bit(argv[i]));
    // Only a PDF export paints (fonts, QPdfWriter): it gets a QGuiApplication on the offscreen
    // platform; every other command stays free of any display.
    std::unique_ptr<QCoreApplication> app;
    if (StudyBench::ExportCommand::needsGui(raw)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    StudyBench::setApplicationIdentity();
    StudyBench::installTranslator(*app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    StudyBench::CliCommands commands(out, err);
    const int code = commands.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
