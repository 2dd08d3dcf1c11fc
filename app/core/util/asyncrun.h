#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace StudyBench {

/// Runs @p work on the global thread pool, then @p done with its result in @p context's thread.
/// @p done is always called later from the event loop, never from within runAsync(), and not at
/// all once @p context is gone.
template<typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
            watcher->deleteLater();
            done(watcher->result());
        });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace StudyBench
