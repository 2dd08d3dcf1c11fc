#include "httpclient/httppolicy.h"

#include "util/preferences.h"

#include <QHostAddress>
#include <QUrl>

namespace StudyBench {

bool HttpPolicy::isLoopbackHost(const QString &host)
{
    QString h = host.toLower();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1); // "localhost." is the same name
    if (h == QLatin1StringView("localhost") || h.endsWith(QLatin1StringView(".localhost")))
        return true;
    const QHostAddress address(h);
    return !address.isNull() && address.isLoopback();
}

HttpPolicy HttpPolicy::fromPreferences(const Preferences &preferences)
{
    HttpPolicy policy;
    policy.loopbackOnly = preferences.loopbackOnly();
    policy.allowInsecureTls = preferences.allowInsecureTls();
    policy.settingsFile = preferences.administratorFile();
    return policy;
}

QString HttpPolicy::refusal(const QUrl &url, bool verifyTls) const
{
    const QString where = settingsFile.isEmpty() ? tr("the administrator's settings") : settingsFile;
    if (loopbackOnly && !isLoopbackHost(url.host())) {
        return tr("'%1' is not on this computer, and StudyBench is set to reach only this computer "
                  "(HttpClient/LoopbackOnly in %2). Use the practice server at 127.0.0.1, or ask "
                  "whoever manages this machine.")
            .arg(url.host(), where);
    }
    if (!allowInsecureTls && !verifyTls
        && url.scheme().compare(QLatin1StringView("https"), Qt::CaseInsensitive) == 0) {
        return tr("Turning TLS certificate checks off is not allowed on this computer "
                  "(HttpClient/AllowInsecureTls in %1). Send the request with verification on.")
            .arg(where);
    }
    return {};
}

} // namespace StudyBench
