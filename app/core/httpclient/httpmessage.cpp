#include "httpclient/httpmessage.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringDecoder>
#include <QTemporaryFile>

namespace StudyBench {

QString headerValue(const HttpHeaders &headers, QStringView name)
{
    for (const HttpHeader &h : headers) {
        if (QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

QStringList headerValues(const HttpHeaders &headers, QStringView name)
{
    QStringList values;
    for (const HttpHeader &h : headers) {
        if (QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.value);
    }
    return values;
}

bool hasHeader(const HttpHeaders &headers, QStringView name)
{
    for (const HttpHeader &h : headers) {
        if (QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

qsizetype removeHeader(HttpHeaders &headers, QStringView name)
{
    return headers.removeIf(
        [name](const HttpHeader &h) { return QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0; });
}

QJsonObject requestToJson(const HttpRequest &request, bool withOptions)
{
    QJsonObject o;
    o.insert(QStringLiteral("method"), request.method);
    o.insert(QStringLiteral("url"), request.url);
    QJsonArray headers;
    for (const HttpHeader &h : request.headers)
        headers.append(
            QJsonObject { { QStringLiteral("name"), h.name }, { QStringLiteral("value"), h.value } });
    o.insert(QStringLiteral("headers"), headers);
    if (!request.body.isEmpty()) {
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder(request.body);
        if (decoder.hasError())
            o.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(request.body.toBase64()));
        else
            o.insert(QStringLiteral("body"), text);
    }
    if (withOptions) {
        o.insert(QStringLiteral("timeoutMs"), request.timeoutMs);
        o.insert(QStringLiteral("maxTimeMs"), request.maxTimeMs);
        o.insert(QStringLiteral("connectTimeoutMs"), request.connectTimeoutMs);
        o.insert(QStringLiteral("followRedirects"), request.followRedirects);
        o.insert(QStringLiteral("maxRedirects"), request.maxRedirects);
        o.insert(QStringLiteral("verifyTls"), request.verifyTls);
        o.insert(QStringLiteral("compressed"), request.compressed);
        o.insert(QStringLiteral("useCookieJar"), request.useCookieJar);
        o.insert(QStringLiteral("maxBodyBytes"), double(request.maxBodyBytes));
        if (!request.httpVersion.isEmpty())
            o.insert(QStringLiteral("httpVersion"), request.httpVersion);
        o.insert(QStringLiteral("name"), request.name);
        o.insert(QStringLiteral("sourceFile"), request.sourceFile);
        o.insert(QStringLiteral("line"), request.line);
    }
    return o;
}

QString timeLimitText(qint64 ms)
{
    if (ms < 1000)
        return QCoreApplication::translate("HttpRequest", "%1 ms").arg(ms);
    if (ms % 60000 == 0)
        return QCoreApplication::translate("HttpRequest", "%1 min").arg(ms / 60000);
    return QCoreApplication::translate("HttpRequest", "%1 s").arg(QLocale::c().toString(ms / 1000.0, 'g', 6));
}

QString idleTimeoutMessage(const QString &host, qint64 ms)
{
    return QCoreApplication::translate("HttpRequest",
        "Timed out: %1 sent nothing for %2 (the idle timeout, which counts time without progress).")
        .arg(host, timeLimitText(ms));
}

QString connectTimeoutMessage(const QString &host, qint64 ms)
{
    return QCoreApplication::translate("HttpRequest",
        "Timed out: the connection to %1 was not set up (DNS lookup, TCP and TLS handshakes) within the "
        "connect timeout of %2.")
        .arg(host, timeLimitText(ms));
}

QString totalTimeoutMessage(qint64 ms, qint64 bodyBytes)
{
    return QCoreApplication::translate("HttpRequest",
        "Timed out: the request took longer than its total time limit (max time) of %1 and was stopped, "
        "%2 of the response body in. Raise the limit if the server is only slow.")
        .arg(timeLimitText(ms),
            QLocale::c().formattedDataSize(bodyBytes, 1, QLocale::DataSizeTraditionalFormat));
}

HttpRequest requestFromJson(const QJsonObject &json)
{
    HttpRequest r;
    r.method = json.value(QStringLiteral("method")).toString(r.method);
    r.url = json.value(QStringLiteral("url")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject h = v.toObject();
        r.headers.append(
            { h.value(QStringLiteral("name")).toString(), h.value(QStringLiteral("value")).toString() });
    }
    if (json.contains(QStringLiteral("bodyBase64")))
        r.body = QByteArray::fromBase64(json.value(QStringLiteral("bodyBase64")).toString().toLatin1());
    else
        r.body = json.value(QStringLiteral("body")).toString().toUtf8();
    r.timeoutMs = json.value(QStringLiteral("timeoutMs")).toInt(r.timeoutMs);
    r.maxTimeMs = json.value(QStringLiteral("maxTimeMs")).toInt(r.maxTimeMs);
    r.connectTimeoutMs = json.value(QStringLiteral("connectTimeoutMs")).toInt(r.connectTimeoutMs);
    r.followRedirects = json.value(QStringLiteral("followRedirects")).toBool(r.followRedirects);
    r.maxRedirects = json.value(QStringLiteral("maxRedirects")).toInt(r.maxRedirects);
    r.verifyTls = json.value(QStringLiteral("verifyTls")).toBool(r.verifyTls);
    r.compressed = json.value(QStringLiteral("compressed")).toBool(r.compressed);
    r.useCookieJar = json.value(QStringLiteral("useCookieJar")).toBool(r.useCookieJar);
    r.maxBodyBytes = qint64(json.value(QStringLiteral("maxBodyBytes")).toDouble(double(r.maxBodyBytes)));
    r.httpVersion = json.value(QStringLiteral("httpVersion")).toString();
    r.name = json.value(QStringLiteral("name")).toString();
    r.sourceFile = json.value(QStringLiteral("sourceFile")).toString();
    r.line = json.value(QStringLiteral("line")).toInt();
    return r;
}

ContentType ContentType::parse(const QString &headerValue)
{
    ContentType type;
    const QStringList parts = headerValue.split(QLatin1Char(';'));
    type.mimeType = parts.value(0).trimmed().toLower();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = part.left(eq).trimmed().toLower();
        QString value = part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        if (key == QLatin1StringView("charset"))
            type.charset = value.toLower();
        else if (key == QLatin1StringView("boundary"))
            type.boundary = value;
    }
    return type;
}

bool ContentType::isJson() const
{
    return mimeType == QLatin1StringView("application/json") || mimeType.endsWith(QLatin1StringView("+json"))
        || mimeType == QLatin1StringView("text/json");
}

bool ContentType::isText() const
{
    return mimeType.startsWith(QLatin1StringView("text/")) || isJson()
        || mimeType.endsWith(QLatin1StringView("+xml")) || mimeType == QLatin1StringView("application/xml")
        || mimeType == QLatin1StringView("application/javascript")
        || mimeType == QLatin1StringView("application/x-www-form-urlencoded");
}

ContentType HttpResponse::contentType() const
{
    return ContentType::parse(headerValue(headers, u"Content-Type"));
}

QString HttpResponse::bodyPath() const
{
    return bodyFile ? bodyFile->fileName() : QString();
}

QByteArray HttpResponse::readBody(qint64 maxBytes) const
{
    if (!bodyFile)
        return {};
    QFile f(bodyFile->fileName());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return maxBytes < 0 ? f.readAll() : f.read(maxBytes);
}

QString escapeControls(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\t' || (u >= 0x20 && u < 0x7f) || u > 0x9f)
            out += c;
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace StudyBench
