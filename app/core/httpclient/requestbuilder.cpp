#include "httpclient/requestbuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QUrl>
#include <QUuid>

namespace StudyBench {

QStringList RequestBuilder::apply(HttpRequest &request, const RequestDescription &description)
{
    QStringList errors;
    applyBody(request, description, &errors);
    applyAuth(request, description, &errors);
    return errors;
}

void RequestBuilder::applyBody(HttpRequest &request, const RequestDescription &d, QStringList *errors)
{
    switch (d.body) {
    case RequestDescription::Body::None:
        break;
    case RequestDescription::Body::Raw:
        if (!request.body.isEmpty() && !d.rawContentType.isEmpty())
            setContentType(request.headers, d.rawContentType, false);
        break;
    case RequestDescription::Body::Form:
        request.body = formUrlEncoded(d.fields);
        setContentType(request.headers, QStringLiteral("application/x-www-form-urlencoded"), false);
        break;
    case RequestDescription::Body::Multipart:
        applyMultipart(request, d, errors);
        break;
    case RequestDescription::Body::File:
        applyFile(request, d, errors);
        break;
    }
}

void RequestBuilder::applyMultipart(HttpRequest &request, const RequestDescription &d, QStringList *errors)
{
    const QDir base(d.baseDirectory);
    QList<MultipartPart> parts;
    for (const RequestField &f : d.fields) {
        MultipartPart part;
        part.name = f.name.toUtf8();
        if (f.isFile) {
            const QString error = readFilePart(base.absoluteFilePath(f.value), f.name, &part);
            if (!error.isEmpty()) {
                errors->append(error);
                continue;
            }
        } else {
            part.value = f.value.toUtf8();
        }
        parts.append(part);
    }
    const QByteArray boundary = newBoundary();
    request.body = multipartBody(parts, boundary);
    setContentType(request.headers, multipartContentType(boundary), true);
}

void RequestBuilder::applyFile(HttpRequest &request, const RequestDescription &d, QStringList *errors)
{
    if (d.bodyFile.trimmed().isEmpty()) {
        errors->append(tr("Choose the file to send as the body."));
        return;
    }
    QString mimeType;
    const QString error
        = readBodyFile(QDir(d.baseDirectory).absoluteFilePath(d.bodyFile), &request.body, &mimeType);
    if (!error.isEmpty()) {
        errors->append(error);
        return;
    }
    setContentType(request.headers, mimeType, false);
}

void RequestBuilder::applyAuth(HttpRequest &request, const RequestDescription &d, QStringList *errors)
{
    switch (d.auth) {
    case RequestDescription::Auth::None:
        break;
    case RequestDescription::Auth::Basic:
        setAuthorization(request.headers, basicAuthorization(d.user, d.password));
        break;
    case RequestDescription::Auth::Bearer:
        setAuthorization(request.headers, QStringLiteral("Bearer ") + d.token.trimmed());
        break;
    case RequestDescription::Auth::ApiKey: {
        const QString name = d.apiKeyName.trimmed();
        if (name.isEmpty()) {
            errors->append(tr("The API key needs a name."));
        } else if (d.apiKeyInQuery) {
            request.url = withQueryItem(request.url, name, d.apiKeyValue);
        } else {
            removeHeader(request.headers, name);
            request.headers.append({ name, d.apiKeyValue });
        }
        break;
    }
    }
}

QString RequestBuilder::basicAuthorization(const QString &user, const QString &password)
{
    const QByteArray credentials = (user + QLatin1Char(':') + password).toUtf8();
    return QStringLiteral("Basic ") + QString::fromLatin1(credentials.toBase64());
}

void RequestBuilder::setAuthorization(HttpHeaders &headers, const QString &value)
{
    removeHeader(headers, u"Authorization");
    headers.append({ QStringLiteral("Authorization"), value });
}

QByteArray RequestBuilder::formUrlEncoded(const QList<RequestField> &fields)
{
    QByteArrayList pairs;
    for (const RequestField &f : fields)
        pairs.append(QUrl::toPercentEncoding(f.name) + '=' + QUrl::toPercentEncoding(f.value));
    return pairs.join('&');
}

QByteArray RequestBuilder::newBoundary(const QByteArray &prefix)
{
    return prefix + QUuid::createUuid().toByteArray(QUuid::Id128).left(24);
}

QByteArray RequestBuilder::escapeDispositionValue(const QByteArray &utf8)
{
    QByteArray out = utf8;
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return out;
}

QByteArray RequestBuilder::multipartBody(const QList<MultipartPart> &parts, const QByteArray &boundary)
{
    QByteArray body;
    for (const MultipartPart &part : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
            + escapeDispositionValue(part.name) + '"';
        if (part.isFile)
            body += "; filename=\"" + escapeDispositionValue(part.fileName) + '"';
        body += "\r\n";
        if (!part.contentType.isEmpty())
            body += "Content-Type: " + part.contentType + "\r\n";
        body += "\r\n" + part.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return body;
}

QString RequestBuilder::multipartContentType(const QByteArray &boundary)
{
    return QStringLiteral("multipart/form-data; boundary=") + QString::fromLatin1(boundary);
}

QString RequestBuilder::readFilePart(const QString &path, const QString &fieldName, MultipartPart *part)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read the file %1 for field '%2': %3").arg(path, fieldName, file.errorString());
    part->value = file.readAll();
    part->isFile = true;
    part->fileName = QFileInfo(path).fileName().toUtf8();
    part->contentType = QMimeDatabase().mimeTypeForFile(path).name().toUtf8();
    return {};
}

QString RequestBuilder::readBodyFile(const QString &path, QByteArray *body, QString *mimeType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read the body file %1: %2").arg(path, file.errorString());
    *body = file.readAll();
    *mimeType = QMimeDatabase().mimeTypeForFile(path).name();
    return {};
}

void RequestBuilder::setContentType(HttpHeaders &headers, const QString &value, bool replace)
{
    if (replace)
        removeHeader(headers, u"Content-Type");
    if (!hasHeader(headers, u"Content-Type"))
        headers.append({ QStringLiteral("Content-Type"), value });
}

QString RequestBuilder::withQueryItem(const QString &url, const QString &name, const QString &value)
{
    const qsizetype hash = url.indexOf(QLatin1Char('#'));
    QString base = hash < 0 ? url : url.left(hash);
    const QString fragment = hash < 0 ? QString() : url.mid(hash);
    if (!base.contains(QLatin1Char('?')))
        base += QLatin1Char('?');
    else if (!base.endsWith(QLatin1Char('?')) && !base.endsWith(QLatin1Char('&')))
        base += QLatin1Char('&');
    base += QString::fromLatin1(QUrl::toPercentEncoding(name)) + QLatin1Char('=')
        + QString::fromLatin1(QUrl::toPercentEncoding(value));
    return base + fragment;
}

} // namespace StudyBench
