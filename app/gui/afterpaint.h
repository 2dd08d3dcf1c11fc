#pragma once

#include <QList>

#include <functional>

class QWidget;

namespace StudyBench {

/// Runs @p work once one of @p widgets has been painted and the event loop is free again (the
/// frame is complete and flushed by then), or after @p fallbackMs if none has been painted by
/// then (the window started minimized, say).
void runAfterPaint(const QList<QWidget *> &widgets, std::function<void()> work, int fallbackMs = 1000);

} // namespace StudyBench
