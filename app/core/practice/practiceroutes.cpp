#include "practice/practiceroutes.h"

namespace StudyBench {

const PracticeRoutes::Route *PracticeRoutes::match(const QString &path, QStringList *args) const
{
    if (!path.startsWith(QLatin1Char('/')))
        return nullptr;
    const QStringList segments = path.sliced(1).split(QLatin1Char('/'));
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QStringList found;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            if (route.segments.at(i) == QLatin1StringView("<arg>"))
                matches = !segments.at(i).isEmpty() && (found.append(segments.at(i)), true);
            else
                matches = route.segments.at(i) == segments.at(i);
        }
        if (matches) {
            *args = found;
            return &route;
        }
    }
    return nullptr;
}

} // namespace StudyBench
