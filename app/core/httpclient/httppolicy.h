#pragma once

#include <QCoreApplication>
#include <QString>

class QUrl;

namespace StudyBench {

class Preferences;

/// What the HTTP client may do, as an administrator set it (Preferences: HttpClient/LoopbackOnly,
/// HttpClient/AllowInsecureTls). HttpEngine asks refusal() before a request, and before each
/// redirect it would follow, resolves a name or opens a connection.
struct HttpPolicy
{
    Q_DECLARE_TR_FUNCTIONS(HttpPolicy)

public:
    bool loopbackOnly = false; ///< only this computer: localhost, 127.0.0.0/8 and ::1
    bool allowInsecureTls = true; ///< may a request turn TLS certificate checks off?
    QString settingsFile; ///< where the administrator set this, for messages

    /// Why a request to @p url (with certificate checks as @p verifyTls says) is refused; empty
    /// when it is allowed. The message names the setting that refuses it.
    QString refusal(const QUrl &url, bool verifyTls) const;

    /// The policy an administrator set in Preferences (nothing restricted unless they did).
    static HttpPolicy fromPreferences(const Preferences &preferences);

    /// True for "localhost" (and names under .localhost), 127.0.0.0/8 and ::1, without resolving.
    static bool isLoopbackHost(const QString &host);
};

} // namespace StudyBench
