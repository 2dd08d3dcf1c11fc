#include "progress/itemstate.h"

namespace StudyBench {

QString stateName(ItemState state)
{
    switch (state) {
    case ItemState::NotStarted:
        return QStringLiteral("not-started");
    case ItemState::InProgress:
        return QStringLiteral("in-progress");
    case ItemState::Done:
        return QStringLiteral("done");
    case ItemState::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("not-started");
}

std::optional<ItemState> stateFromName(const QString &name)
{
    QString n = name.trimmed().toLower();
    n.replace(QLatin1Char('_'), QLatin1Char('-')).replace(QLatin1Char(' '), QLatin1Char('-'));
    for (ItemState s : kAllStates) {
        if (n == stateName(s))
            return s;
    }
    return std::nullopt;
}

QString stateLabel(ItemState state)
{
    switch (state) {
    case ItemState::NotStarted:
        return QCoreApplication::translate("ItemState", "Not started");
    case ItemState::InProgress:
        return QCoreApplication::translate("ItemState", "In progress");
    case ItemState::Done:
        return QCoreApplication::translate("ItemState", "Done");
    case ItemState::Skipped:
        return QCoreApplication::translate("ItemState", "Skipped");
    }
    return {};
}

} // namespace StudyBench
