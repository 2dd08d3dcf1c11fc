#pragma once

#include "practiceexchange.h"

#include <QHttpServer>

#include <functional>
#include <type_traits>
#include <utility>

namespace StudyBench {

/// Adds the practice server's routes to its QHttpServer. Every method reaches a route; its handler
/// is called with the exchange that the ExchangeFactory makes of the request (a request the factory
/// answers itself, such as a CORS preflight, never reaches a handler), then with one QString for
/// each <arg> of the path. A handler takes the exchange as PracticeExchange &, or as
/// PracticeExchange::Ptr when it answers later.
class PracticeRoutes
{
public:
    /// context: the routes' context object; deleting it ends them.
    PracticeRoutes(QHttpServer &server, QObject *context, ExchangeFactory begin)
        : m_server(server)
        , m_context(context)
        , m_begin(std::move(begin))
    { }

    template<typename Handler>
    void add(const QString &path, Handler handler)
    {
        if constexpr (accepts<Handler>())
            addWith<>(path, std::move(handler));
        else if constexpr (accepts<Handler, const QString &>())
            addWith<QString>(path, std::move(handler));
        else if constexpr (accepts<Handler, const QString &, const QString &>())
            addWith<QString, QString>(path, std::move(handler));
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
    void addWith(const QString &path, Handler handler)
    {
        m_server.route(path, QHttpServerRequest::Method::AnyKnown, m_context,
            [begin = m_begin, handler = std::move(handler)](
                const Args &...args, const QHttpServerRequest &request, QHttpServerResponder &responder) {
                const PracticeExchange::Ptr ex = begin(request, responder);
                if (!ex)
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
