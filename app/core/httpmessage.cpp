#include "httpmessage.h"

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

} // namespace StudyBench
