#include "afterpaint.h"

#include <QEvent>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <utility>

namespace StudyBench {

namespace {

class AfterPaint : public QObject
{
public:
    AfterPaint(const QList<QWidget *> &widgets, std::function<void()> work, int fallbackMs)
        : m_work(std::move(work))
    {
        for (QWidget *widget : widgets) {
            widget->installEventFilter(this);
            m_widgets.append(widget);
        }
        QTimer::singleShot(fallbackMs, this, &AfterPaint::run);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_work)
            QTimer::singleShot(0, this, &AfterPaint::run);
        return QObject::eventFilter(watched, event);
    }

private:
    void run()
    {
        for (const QPointer<QWidget> &widget : std::as_const(m_widgets)) {
            if (widget)
                widget->removeEventFilter(this);
        }
        if (m_work)
            std::exchange(m_work, {})();
        deleteLater();
    }

    QList<QPointer<QWidget>> m_widgets;
    std::function<void()> m_work;
};

} // namespace

void runAfterPaint(const QList<QWidget *> &widgets, std::function<void()> work, int fallbackMs)
{
    // Parented to the first widget: gone with it, work and all.
    auto *afterPaint = new AfterPaint(widgets, std::move(work), fallbackMs);
    if (!widgets.isEmpty())
        afterPaint->setParent(widgets.first());
}

} // namespace StudyBench
