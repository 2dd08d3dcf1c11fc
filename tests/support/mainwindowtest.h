#pragma once

// The real main window for GUI tests, offscreen. Header-only: only GUI tests link the GUI.

#include "mainwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace StudyBench::TestSupport {

/// A window on @p dataDir with the built-in curriculum as it first opens on a laptop (1280x800),
/// shown, its progress loaded and @p node selected.
inline std::unique_ptr<MainWindow> openMainWindow(const QString &dataDir, const QString &node)
{
    auto w = std::make_unique<MainWindow>(dataDir);
    QSignalSpy ready(w.get(), &MainWindow::progressReady);
    w->loadCurriculum({});
    w->resize(1280, 800);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qFatal("window not exposed");
    if (ready.isEmpty() && !ready.wait(10000))
        qFatal("progress was not loaded");
    if (!w->selectNode(node))
        qFatal("no item %s", qPrintable(node));
    return w;
}

} // namespace StudyBench::TestSupport
