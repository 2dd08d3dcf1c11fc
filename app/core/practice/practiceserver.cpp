#include "practice/practiceserver.h"

#include "practice/conduitapi.h"
#include "practice/httpplayground.h"
#include "practice/practicedatabase.h"
#include "practice/practiceexchange.h"
#include "practice/practicelistener.h"
#include "practice/practiceroutes.h"
#include "util/datalocation.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>

#include <vector>

namespace StudyBench {

namespace {

// What the server answers whatever the route to a request without a Host (400), for a host that is
// not this machine (421) or with a body over the limit (413, @p bodyBytes or more when not
// @p exactSize); nullopt for the others.
std::optional<PracticeConnection::Refusal> refusal(QByteArrayView host, qint64 bodyBytes, bool exactSize)
{
    if (host.isEmpty())
        return PracticeConnection::Refusal { 400, PracticeServer::tr("The request has no Host header.") };
    if (!PracticeExchange::isLoopbackHost(host))
        return PracticeConnection::Refusal { 421,
            PracticeServer::tr("This server answers only to localhost, 127.0.0.1 and [::1], not to '%1' "
                               "(protection against DNS rebinding).")
                .arg(QString::fromLatin1(host)) };
    if (bodyBytes > PracticeServer::kMaxBodyBytes)
        return PracticeConnection::Refusal { 413,
            exactSize ? PracticeServer::tr("The request body has %1 bytes; the limit is %2.")
                            .arg(bodyBytes)
                            .arg(PracticeServer::kMaxBodyBytes)
                      : PracticeServer::tr(
                            "The request body, sent in chunks, is larger than the limit of %1 bytes.")
                            .arg(PracticeServer::kMaxBodyBytes) };
    return std::nullopt;
}

} // namespace

struct PracticeServer::Private
{
    // Parent of everything that may still answer a request (timers, continuations); deleted
    // before the HTTP server so no responder outlives its connection.
    std::unique_ptr<QObject> context;
    std::vector<std::unique_ptr<PracticeListener>> listeners;
    PracticeRoutes routes;
    PracticeDatabase database;
    std::unique_ptr<HttpPlayground> playground;
    std::unique_ptr<ConduitApi> conduit;
    quint16 port = 0;

    void addRoutes();
    /// Answers a whole request: refusals, methods no route has, CORS preflights, then the routes.
    void handle(const PracticeExchange::Ptr &ex);
    void preflight(PracticeExchange &ex);
};

PracticeServer::PracticeServer(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_dataDir(dataDir)
{
    qRegisterMetaType<StudyBench::PracticeLogEntry>();
}

PracticeServer::~PracticeServer()
{
    // Quietly: no signals from a half-destroyed object.
    const QSignalBlocker blocker(this);
    stop();
}

QString PracticeServer::databasePath() const
{
    return QDir(m_dataDir).filePath(DataFile::practiceDatabase());
}

bool PracticeServer::isRunning() const
{
    return !d->listeners.empty();
}

quint16 PracticeServer::port() const
{
    return d->port;
}

QUrl PracticeServer::url() const
{
    if (!isRunning())
        return {};
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(d->port);
    return u;
}

quint16 PracticeServer::nextFreePort(quint16 from)
{
    for (int p = std::max<int>(1, from); p <= 65535; ++p) {
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, quint16(p)))
            return quint16(p);
    }
    return 0;
}

bool PracticeServer::resetData()
{
    if (isRunning()) {
        if (!d->database.reset()) {
            m_error = d->database.errorString();
            return false;
        }
        return true;
    }
    PracticeDatabase db;
    if (!db.open(databasePath()) || !db.reset()) {
        m_error = db.errorString();
        return false;
    }
    return true;
}

void PracticeServer::Private::handle(const PracticeExchange::Ptr &ex)
{
    if (const auto refused = refusal(ex->header("host"), ex->body().size(), true))
        return ex->sendError(refused->status, refused->message);
    QStringList args;
    const PracticeRoutes::Route *route = routes.match(ex->path(), &args);
    if (!ex->isSupportedMethod()) {
        if (route)
            return ex->sendMethodNotAllowed(
                route->allowed.isEmpty() ? PracticeExchange::kAllMethods : route->allowed);
        return ex->sendError(501,
            tr("This server does not implement the method %1; it answers %2.")
                .arg(QString::fromLatin1(ex->methodName()),
                    QString::fromLatin1(PracticeExchange::kAllMethods)));
    }
    if (ex->isMethod(PracticeExchange::Method::Options))
        return preflight(*ex);
    if (route)
        return route->handler(ex, args);
    if (ex->path() == QLatin1StringView("/api") || ex->path().startsWith(QLatin1StringView("/api/")))
        return ConduitApi::sendErrors(*ex, 404,
            { tr("There is no %1 %2 in the Conduit API.")
                    .arg(QString::fromLatin1(ex->methodName()), ex->path()) });
    ex->sendError(
        404, tr("Nothing here. Try GET /http for the playground's endpoints, or /api for Conduit."));
}

void PracticeServer::Private::preflight(PracticeExchange &ex)
{
    const QByteArray requestedMethod = ex.header("access-control-request-method");
    QHttpHeaders h;
    if (requestedMethod.isEmpty()) {
        h.append(QHttpHeaders::WellKnownHeader::Allow, PracticeExchange::kAllMethods);
        return ex.sendEmpty(204, h);
    }
    const QByteArray origin = ex.header("origin");
    if (!PracticeExchange::isAllowedOrigin(origin))
        return ex.sendError(403,
            tr("Cross-origin requests are allowed only from pages on this machine "
               "(http://localhost, http://127.0.0.1, http://[::1]), not from '%1'.")
                .arg(QString::fromLatin1(origin)));
    h.append(QHttpHeaders::WellKnownHeader::AccessControlAllowMethods, "GET, HEAD, POST, PUT, PATCH, DELETE");
    const QByteArray requestedHeaders = ex.header("access-control-request-headers");
    if (!requestedHeaders.isEmpty())
        h.append(QHttpHeaders::WellKnownHeader::AccessControlAllowHeaders, requestedHeaders);
    h.append(QHttpHeaders::WellKnownHeader::AccessControlMaxAge, "600");
    h.append(
        QHttpHeaders::WellKnownHeader::Vary, "Access-Control-Request-Method, Access-Control-Request-Headers");
    ex.sendEmpty(204, h);
}

void PracticeServer::Private::addRoutes()
{
    routes = PracticeRoutes();
    routes.add(QStringLiteral("/"), "GET, HEAD", [](PracticeExchange &ex) {
        ex.sendJson(200,
            QJsonObject {
                { QStringLiteral("name"), QStringLiteral("StudyBench practice server") },
                { QStringLiteral("playground"), QStringLiteral("/http") },
                { QStringLiteral("conduit"), QStringLiteral("/api") },
                { QStringLiteral("spec"), QStringLiteral("https://realworld-docs.netlify.app/") },
            });
    });
    playground = std::make_unique<HttpPlayground>(database, context.get());
    playground->addRoutes(routes);
    conduit = std::make_unique<ConduitApi>(database, context.get());
    conduit->addRoutes(routes);
}

void PracticeServer::setLimits(const Limits &limits)
{
    m_limits = limits;
}

bool PracticeServer::start(quint16 port)
{
    if (isRunning())
        stop();
    m_error.clear();
    m_startError = StartError::None;

    if (!d->database.open(databasePath())) {
        m_error = d->database.errorString();
        m_startError = StartError::Database;
        return false;
    }

    QPointer<PracticeServer> self(this);
    PracticeConnection::Hooks hooks;
    hooks.sink = [self](const PracticeLogEntry &entry) {
        if (self)
            Q_EMIT self->requestLogged(entry);
    };
    hooks.refuse = [](const QHttpHeaders &headers, qint64 bodyBytes, bool exactSize) {
        return refusal(headers.combinedValue(QHttpHeaders::WellKnownHeader::Host), bodyBytes, exactSize);
    };
    Private *p = d.get();
    hooks.dispatch = [p, sink = hooks.sink](Http1Request &&request, PracticeConnection *connection) {
        p->handle(std::make_shared<PracticeExchange>(std::move(request), connection, sink));
    };
    PracticeListener::Settings settings;
    settings.connection.limits.maxBodyBytes = kMaxBodyBytes;
    settings.connection.headerTimeout = m_limits.headerTimeout;
    settings.connection.idleTimeout = m_limits.idleTimeout;
    settings.maxConnections = m_limits.maxConnections;
    settings.acceptRetryDelay = m_limits.acceptRetryDelay;
    const auto listener = [&] {
        auto l = std::make_unique<PracticeListener>(settings, hooks);
        connect(l.get(), &PracticeListener::acceptPaused, this, &PracticeServer::acceptPaused);
        return l;
    };

    auto ipv4 = listener();
    if (!ipv4->listen(QHostAddress::LocalHost, port)) {
        if (ipv4->serverError() == QAbstractSocket::AddressInUseError) {
            m_startError = StartError::PortInUse;
            const quint16 next = port < 65535 ? nextFreePort(port + 1) : 0;
            m_error = next
                ? tr("Port %1 is already in use on 127.0.0.1; port %2 is free (--port %2).")
                      .arg(port)
                      .arg(next)
                : tr("Port %1 is already in use on 127.0.0.1, and no port above it is free.").arg(port);
        } else {
            m_startError = StartError::CannotListen;
            m_error = tr("Cannot listen on 127.0.0.1:%1: %2").arg(port).arg(ipv4->errorString());
        }
        d->database.close();
        return false;
    }
    const quint16 actualPort = ipv4->serverPort();
    // ::1 too when the system has IPv6; a failure here (no IPv6, port taken there) is not fatal.
    auto ipv6 = listener();
    d->listeners.push_back(std::move(ipv4));
    if (ipv6->listen(QHostAddress::LocalHostIPv6, actualPort))
        d->listeners.push_back(std::move(ipv6));

    d->context = std::make_unique<QObject>();
    d->addRoutes();
    d->port = actualPort;
    Q_EMIT runningChanged(true);
    Q_EMIT started(url());
    return true;
}

void PracticeServer::stop()
{
    if (!isRunning())
        return;
    for (const auto &listener : d->listeners)
        listener->close();
    // Answers what is still pending with 503, while the connections exist ...
    d->context.reset();
    // ... and hands those answers to the kernel before the connections go.
    for (const auto &listener : d->listeners)
        listener->closeConnections();
    d->listeners.clear();
    d->routes = PracticeRoutes();
    d->conduit.reset();
    d->playground.reset();
    d->database.close();
    d->port = 0;
    Q_EMIT runningChanged(false);
    Q_EMIT stopped();
}

} // namespace StudyBench
