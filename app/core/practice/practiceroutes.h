#pragma once

#include "practice/practiceexchange.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <type_traits>
#include <utility>

namespace StudyBench {

/// The practice server's routes. Every method reaches a route: a method the route does not
/// allow is answered with 405, and the handler is called with the exchange and one QString for
/// each <arg> of the path. A handler takes the exchange as PracticeExchange &, or as
/// PracticeExchange::Ptr when it answers later.
///
/// A path such as "/api/articles/<arg>/favorite" matches the request's decoded path segment by
/// segment, an <arg> any one non-empty segment; the first route added that matches wins.
class PracticeRoutes
{
public:
    using Handler = std::function<void(const PracticeExchange::Ptr &, const QStringList &args)>;

    struct Route
    {
        QStringList segments; ///< after the leading '/'; "<arg>" for an argument
        QByteArray allowed; ///< as in an Allow header; empty for any method
        Handler handler;
    };

    /// A route for any method.
    template<typename H>
    void add(const QString &path, H handler)
    {
        add(path, QByteArray(), std::move(handler));
    }

    /// A route for the methods in @p allowed, listed as in an Allow header ("GET, HEAD").
    template<typename H>
    void add(const QString &path, const QByteArray &allowed, H handler)
    {
        if constexpr (accepts<H>())
            addWith<>(path, allowed, std::move(handler));
        else if constexpr (accepts<H, const QString &>())
            addWith<QString>(path, allowed, std::move(handler));
        else if constexpr (accepts<H, const QString &, const QString &>())
            addWith<QString, QString>(path, allowed, std::move(handler));
        else
            static_assert(sizeof(H) == 0, "a handler takes the exchange and up to two QStrings");
    }

    /// The route for a decoded @p path and its arguments; null when none matches.
    const Route *match(const QString &path, QStringList *args) const;

private:
    template<typename H, typename... Args>
    static constexpr bool accepts()
    {
        return std::is_invocable_v<const H &, PracticeExchange &, Args...>
            || std::is_invocable_v<const H &, const PracticeExchange::Ptr &, Args...>;
    }

    template<typename... Args, typename H>
    void addWith(const QString &path, const QByteArray &allowed, H handler)
    {
        m_routes.append(Route { path.sliced(1).split(QLatin1Char('/')), allowed,
            [allowed, handler = std::move(handler)](
                const PracticeExchange::Ptr &ex, const QStringList &args) {
                if (!allowed.isEmpty() && !ex->requireMethod(allowed))
                    return;
                call<Args...>(handler, ex, args, std::index_sequence_for<Args...>());
            } });
    }

    template<typename... Args, typename H, std::size_t... I>
    static void call(
        const H &handler, const PracticeExchange::Ptr &ex, const QStringList &args, std::index_sequence<I...>)
    {
        if constexpr (std::is_invocable_v<const H &, PracticeExchange &, const Args &...>)
            std::invoke(handler, *ex, args.at(I)...);
        else
            std::invoke(handler, ex, args.at(I)...);
    }

    QList<Route> m_routes;
};

} // namespace StudyBench
