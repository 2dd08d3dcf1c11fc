#include "clicommands.h"
#include "util/datalocation.h"
#include "util/translations.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    StudyBench::setApplicationIdentity();
    StudyBench::installTranslator(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    StudyBench::CliCommands commands(out, err);
    const int code = commands.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
