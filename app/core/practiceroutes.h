#pragma once

#include "practiceexchange.h"

#include <QHttpServer>

#include <functional>
#include <type_traits>
#include <utility>

namespace StudyBench {

/// Adds the practice server's routes to its QHttpServer. Every method reaches a route: the
/// ExchangeFactory makes an exchange of the request (a request it answers itself, such as a CORS
/// preflight, goes no further), a method the route does not allow is answered with 405, and the
/// handler is called with the exchange and one QString for each <arg> of the path. A handler takes
/// the exchange as PracticeExchange &, or as PracticeExchange::Ptr when it answers later.
class PracticeRoutes
{
public:
    /// context: the routes' context object; deleting it ends them.
    PracticeRoutes(QHttpServer &server, QObject *context, ExchangeFactory begin)
        : m_server(server)
        , m_context(context)
        , m_begin(std::move(begin))
    { }

    /// A route for any method.
    template<typename Handler>
    void add(const QString &path, Handler handler)
    {
        add(path, QByteArray(), std::move(handler));
    }

    /// A route for the methods in @p allowed, listed as in an Allow header ("GET, HEAD").
    template<typename Handler>
    void add(const QString &path, const QByteArray &allowed, Handler handler)
    {
        if constexpr (accepts<Handler>())
            addWith<>(path, allowed, std::move(handler));
        else if constexpr (accepts<Handler, const QString &>())
            addWith<QString>(path, allowed, std::move(handler));
        else if constexpr (accepts<Handler, const QString &, const QString &>())
            addWith<QString, QString>(path, allowed, std::move(handler));
        else
            static_assert(sizeof(Handler) == 0, "a handler takes the exchange and up to two QStrings");
    }

private:
    template<typename Handler, typename... Args>
    static constexpr bool accepts()
    {
        return std::is_invocable_v<const Handler &, PracticeExchange &, Args...>
            || std::is_invocable_v<const Handler &, const PracticeExchange::Ptr &, Args...>;
    }

    template<typename... Args, typename Handler>
    void addWith(const QString &path, const QByteArray &allowed, Handler handler)
    {
        m_server.route(path, QHttpServerRequest::Method::AnyKnown, m_context,
            [begin = m_begin, allowed, handler = std::move(handler)](
                const Args &...args, const QHttpServerRequest &request, QHttpServerResponder &responder) {
                const PracticeExchange::Ptr ex = begin(request, responder);
                if (!ex || (!allowed.isEmpty() && !ex->requireMethod(allowed)))
                    return;
                if constexpr (std::is_invocable_v<const Handler &, PracticeExchange &, const Args &...>)
                    std::invoke(handler, *ex, args...);
                else
                    std::invoke(handler, ex, args...);
            });
    }

    QHttpServer &m_server;
    QObject *m_context;
    ExchangeFactory m_begin;
};

} // namespace StudyBench
