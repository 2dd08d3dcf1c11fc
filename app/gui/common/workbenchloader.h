#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QObject;
class QPlainTextEdit;
class QWidget;

namespace StudyBench {

class WorkbenchModule;

/// Finds and loads the workbench module (the code editor, the HTTP client, the practice server
/// and the libraries they need: Qt Network, HttpServer, Qml, KSyntaxHighlighting), so that the
/// executable itself does not load those before its first frame. Looked for, in this order:
/// $STUDYBENCH_WORKBENCH_MODULE (a file), beside the executable (the build tree), the install's
/// library folder (bin/../lib/…/studybench) and lib/studybench of the self-contained bundle.
namespace WorkbenchLoader {

/// The files tried, in order.
QStringList candidates();
/// The module, loaded now if it was not yet (on first use); nullptr with @p error saying what
/// is missing and what to do when it cannot be loaded. GUI thread only.
WorkbenchModule *load(QString *error = nullptr);
/// Maps the module and its libraries off the GUI thread, then calls @p done on @p context's
/// thread with what load() answers.
void loadInBackground(
    QObject *context, std::function<void(WorkbenchModule *module, const QString &error)> done);
/// The module's code editor for @p syntax ("Markdown"); without the module a plain text editor
/// (the module's error is printed once).
QPlainTextEdit *createCodeEditor(const QString &syntax, QWidget *parent);

} // namespace WorkbenchLoader
} // namespace StudyBench
