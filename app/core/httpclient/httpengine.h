#pragma once

#include "httpclient/httpmessage.h"
#include "httpclient/httppolicy.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QNetworkAccessManager;
class QUrl;
class QNetworkCookieJar;
class QNetworkReply;
class QThread;

namespace StudyBench {

class Http1Connections;
class Http1Exchange;

/// Sends HttpRequests, asynchronously.
///
/// http:// requests go through Http1Connections: HTTP/1.1 with kept-alive connections, a strict
/// parser that reports broken framing (invalid chunked encoding, a body shorter than its
/// Content-Length, bytes after the end) and timings of every phase. https:// requests go through
/// QNetworkAccessManager, which negotiates HTTP/2 when the server offers it; TLS certificates are
/// verified unless HttpRequest::verifyTls is false. Redirects from http:// to https:// continue there.
///
/// The response body streams to a file in the cache (ResponseSpool) as it arrives and is never held
/// in memory; its decoded size is capped by HttpRequest::maxBodyBytes. Three time limits apply: the
/// idle timeout (timeoutMs), the connect timeout of each connection (connectTimeoutMs) and the total
/// deadline of the request, redirects included (maxTimeMs); the error says which one ended it. A
/// redirect loop is stopped whatever the redirect limit. Each cookie scope (an environment's name)
/// has its own cookie jar. The engine manages Accept-Encoding itself (so that it can decode what it
/// asks for); a request's own Accept-Encoding is only kept when it is "identity".
///
class HttpEngine : public QObject
{
    Q_OBJECT

public:
    explicit HttpEngine(QObject *parent = nullptr);
    ~HttpEngine() override;

    /// Starts @p request and returns its id; finished() follows exactly once for it, never from
    /// within send() itself.
    quint64 send(const HttpRequest &request, const QString &cookieScope = {});
    /// Stops a running request; its finished() reports HttpErrorKind::Cancelled.
    void cancel(quint64 id);
    void cancelAll();
    bool isRunning(quint64 id) const;

    /// The cookie jar of @p scopeName (created on first use), shared by its verifying and insecure requests.
    QNetworkCookieJar *cookieJar(const QString &scopeName = {});
    void clearCookies(const QString &scopeName = {});

    /// Sends and waits in a local event loop. For the CLI and tests, not for the GUI thread.
    HttpResponse sendAndWait(const HttpRequest &request, const QString &cookieScope = {});

    /// What requests may do from now on (see HttpPolicy); requests under way keep theirs.
    void setPolicy(const HttpPolicy &policy) { m_policy = policy; }
    const HttpPolicy &policy() const { return m_policy; }

    /// The offset of the first byte of @p path that is not valid UTF-8, or -1 when it all is.
    static qint64 firstInvalidUtf8(const QString &path);

Q_SIGNALS:
    void progress(quint64 id, qint64 bytesReceived, qint64 bytesTotal);
    void finished(quint64 id, const StudyBench::HttpResponse &response);

private:
    struct Transfer;

    struct Scope
    {
        QNetworkAccessManager *verifying = nullptr;
        QNetworkAccessManager *insecure
            = nullptr; ///< apart, so its connections are never reused by verifying requests
        QNetworkCookieJar *cookies = nullptr; ///< shared by both managers
    };

    Scope &scope(const QString &name);
    QNetworkAccessManager *manager(const QString &scopeName, bool verifyTls);
    void startHop(Transfer *t);
    void startReply(Transfer *t);
    void watchReply(Transfer *t, QNetworkReply *reply);
    void onReplyRedirected(Transfer *t, const QUrl &target);
    void startExchange(Transfer *t);
    void watchConnectPhase(Transfer *t, QNetworkReply *reply);
    /// Stops @p t at a time limit: sets @p reason (a flag of @p t) and aborts the current hop.
    void stopTransfer(Transfer *t, bool &reason);
    bool writeBody(Transfer *t, QByteArrayView bytes);
    void onReadyRead(Transfer *t);
    void onReplyFinished(Transfer *t);
    static void readReplyHead(HttpResponse &r, QNetworkReply *reply);
    void setReplyError(Transfer *t, QNetworkReply *reply);
    void setRedirectError(Transfer *t, QNetworkReply *reply);
    void setProtocolError(HttpResponse &r, QNetworkReply *reply, const QString &host);
    void checkAnnouncedLength(Transfer *t, bool remoteClosed);
    void onExchangeHeaders(Transfer *t, Http1Exchange *x);
    void onExchangeFinished(Transfer *t, Http1Exchange *x);
    bool followRedirect(Transfer *t, const QUrl &target, int status);
    bool stoppedByUs(Transfer *t);
    void complete(Transfer *t);
    void finishEarly(quint64 id, HttpResponse response);

    HttpPolicy m_policy;
    QHash<QString, Scope> m_scopes;
    Http1Connections *m_http1 = nullptr;
    QHash<quint64, Transfer *> m_transfers;
    QList<QThread *> m_scans; ///< UTF-8 checks of large text bodies, before their finished()
    quint64 m_nextId = 1;
};

} // namespace StudyBench
