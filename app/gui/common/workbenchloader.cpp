#include "common/workbenchloader.h"

#include "common/workbenchmodule.h"
#include "util/asyncrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QPlainTextEdit>
#include <QPluginLoader>

namespace StudyBench::WorkbenchLoader {

namespace {

struct Loaded
{
    WorkbenchModule *module = nullptr;
    QString error;
    bool tried = false;
};

Loaded &loaded()
{
    static Loaded state;
    return state;
}

// The first candidate that exists (empty: none does).
QString moduleFile()
{
    const QStringList files = candidates();
    for (const QString &file : files) {
        if (QFileInfo(file).isFile())
            return file;
    }
    return {};
}

QString explain(const QString &why)
{
    return QCoreApplication::translate("StudyBench::WorkbenchLoader",
        "StudyBench cannot load its workbench (the code editor, the HTTP client and the practice "
        "server): %1\n\nIt looked for:\n%2\n\nReinstall StudyBench, or set STUDYBENCH_WORKBENCH_MODULE "
        "to the module's path. Your progress and notes are not affected.")
        .arg(why, candidates().join(QLatin1Char('\n')));
}

} // namespace

QStringList candidates()
{
    const QString name = QStringLiteral(STUDYBENCH_WORKBENCH_FILE);
    QStringList files;
    const QString chosen = qEnvironmentVariable("STUDYBENCH_WORKBENCH_MODULE");
    if (!chosen.isEmpty())
        files.append(chosen);
    const QDir here(QCoreApplication::applicationDirPath());
    files.append(here.filePath(name));
    files.append(QDir::cleanPath(here.filePath(QStringLiteral(STUDYBENCH_WORKBENCH_RELDIR "/") + name)));
    // The bundle starts its executables through its own dynamic loader, lib/ld-linux-x86-64.so.2,
    // which Qt then takes for the application.
    files.append(here.filePath(QStringLiteral("studybench/") + name));
    files.removeDuplicates();
    return files;
}

WorkbenchModule *load(QString *error)
{
    Loaded &state = loaded();
    if (!state.tried) {
        state.tried = true;
        const QString file = moduleFile();
        if (file.isEmpty()) {
            state.error = explain(
                QCoreApplication::translate("StudyBench::WorkbenchLoader", "the module is missing."));
        } else {
            QPluginLoader loader(file);
            QObject *root = loader.instance();
            state.module = qobject_cast<WorkbenchModule *>(root);
            if (!state.module) {
                state.error = explain(root ? QCoreApplication::translate("StudyBench::WorkbenchLoader",
                                                 "%1 is not this version's module.")
                                                 .arg(file)
                                           : loader.errorString());
            }
        }
    }
    if (error)
        *error = state.error;
    return state.module;
}

void loadInBackground(QObject *context, std::function<void(WorkbenchModule *, const QString &)> done)
{
    if (loaded().tried) {
        QString error;
        WorkbenchModule *module = load(&error);
        done(module, error);
        return;
    }
    const QString file = moduleFile();
    // Mapping the module and the libraries it links (and running their initialisers) is the slow
    // part: a worker does it, and load() then finds them in memory.
    runAsync(
        context,
        [file] {
            if (!file.isEmpty())
                QLibrary(file)
                    .load(); // stays loaded for QPluginLoader (QLibrary never unloads on destruction)
            return true;
        },
        [done = std::move(done)](bool) {
            QString error;
            WorkbenchModule *module = load(&error);
            done(module, error);
        });
}

QPlainTextEdit *createCodeEditor(const QString &syntax, QWidget *parent)
{
    QString error;
    if (WorkbenchModule *module = load(&error))
        return module->createCodeEditor(syntax, parent);
    static bool told = false;
    if (!std::exchange(told, true))
        qWarning("%s", qPrintable(error));
    return new QPlainTextEdit(parent);
}

} // namespace StudyBench::WorkbenchLoader
