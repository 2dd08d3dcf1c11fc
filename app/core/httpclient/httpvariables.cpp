#include "httpclient/httpvariables.h"

#include "util/jsontext.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace StudyBench {

namespace {

constexpr int kMaxDepth = 16;
// Characters one resolve() may produce through variables: far beyond any real request line or
// header, small enough that a file cannot make StudyBench build gigabytes of text.
constexpr qsizetype kExpansionBudget = 16 * 1024 * 1024;
constexpr qint64 kMaxReferencedBody = qint64(64) << 20;

} // namespace

void HttpVariables::setFileVariables(const QList<HttpFileVariable> &variables)
{
    m_fileVariables.clear();
    for (const HttpFileVariable &v : variables)
        m_fileVariables.insert(v.name, v.value);
}

void HttpVariables::setEnvironment(const HttpEnvironment &environment)
{
    m_environment = environment;
}

void HttpVariables::setResponse(const QString &requestName, const HttpResponse &response)
{
    if (requestName.isEmpty())
        return;
    m_responses.insert(requestName, response);
}

QString HttpVariables::resolve(const QString &text, QStringList *errors) const
{
    Expansion expansion;
    expansion.budget = kExpansionBudget;
    return resolveText(text, errors, &expansion);
}

QString HttpVariables::resolveText(const QString &text, QStringList *errors, Expansion *expansion) const
{
    if (!text.contains(QLatin1StringView("{{")))
        return text;
    QString result;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1StringView("{{"), from);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1StringView("}}"), open + 2);
        if (open < 0 || close < 0) {
            result += QStringView(text).mid(from);
            break;
        }
        result += QStringView(text).mid(from, open - from);
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        bool resolved = false;
        const QString value = resolveExpression(expression, errors, expansion, &resolved);
        result += resolved ? value : text.mid(open, close + 2 - open);
        from = close + 2;
    }
    return result;
}

QString HttpVariables::expandVariable(const QString &name, const QString &value, QStringList *errors,
    Expansion *expansion, bool *resolved) const
{
    if (expansion->active.contains(name)) {
        errors->append(tr("Variable '%1' refers to itself.").arg(name));
        *resolved = false;
        return {};
    }
    if (expansion->active.size() > kMaxDepth) {
        errors->append(
            tr("Variables refer to each other more than %1 levels deep (at '%2').").arg(kMaxDepth).arg(name));
        *resolved = false;
        return {};
    }
    if (expansion->exhausted)
        return {};
    expansion->active.append(name);
    QString text = resolveText(value, errors, expansion);
    expansion->active.removeLast();
    expansion->budget -= text.size();
    if (expansion->budget < 0) {
        if (!expansion->exhausted)
            errors->append(
                tr("Variable '%1' expands to more than %2 MB of text; check the variables it uses.")
                    .arg(name)
                    .arg(kExpansionBudget / (1024 * 1024)));
        expansion->exhausted = true;
        *resolved = false;
        return {};
    }
    return text;
}

QString HttpVariables::resolveExpression(
    const QString &expression, QStringList *errors, Expansion *expansion, bool *resolved) const
{
    *resolved = true;
    if (expression.startsWith(QLatin1Char('$')))
        return dynamicValue(expression, errors);
    if (expression.contains(QLatin1StringView(".response."))
        || expression.contains(QLatin1StringView(".request.")))
        return responseReference(expression, errors, resolved);
    if (expression.startsWith(QLatin1Char('%'))) {
        const QString name = expression.mid(1);
        if (m_environment.variables.contains(name))
            return m_environment.variables.value(name);
    }
    if (m_fileVariables.contains(expression))
        return expandVariable(expression, m_fileVariables.value(expression), errors, expansion, resolved);
    if (m_globals.contains(expression))
        return m_globals.value(expression).toString();
    if (m_environment.variables.contains(expression))
        return expandVariable(
            expression, m_environment.variables.value(expression), errors, expansion, resolved);
    errors->append(m_environment.name.isEmpty()
            ? tr("Unknown variable '%1' (no environment is selected).").arg(expression)
            : tr("Unknown variable '%1' in environment '%2'.").arg(expression, m_environment.name));
    *resolved = false;
    return {};
}

QString HttpVariables::dynamicValue(const QString &expression, QStringList *errors) const
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList words = expression.split(space, Qt::SkipEmptyParts);
    const QString name = words.takeFirst();
    if (name == QLatin1StringView("$uuid") || name == QLatin1StringView("$guid")
        || name == QLatin1StringView("$random.uuid"))
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == QLatin1StringView("$timestamp") || name == QLatin1StringView("$isoTimestamp")) {
        QDateTime now = QDateTime::currentDateTimeUtc();
        if (words.size() == 2) {
            bool ok = false;
            const qint64 amount = words.at(0).toLongLong(&ok);
            const QString unit = words.at(1);
            if (!ok) {
                errors->append(tr("'%1': the offset must be a whole number.").arg(expression));
                return {};
            }
            if (unit == QLatin1StringView("y"))
                now = now.addYears(int(amount));
            else if (unit == QLatin1StringView("M"))
                now = now.addMonths(int(amount));
            else if (unit == QLatin1StringView("w"))
                now = now.addDays(amount * 7);
            else if (unit == QLatin1StringView("d"))
                now = now.addDays(amount);
            else if (unit == QLatin1StringView("h"))
                now = now.addSecs(amount * 3600);
            else if (unit == QLatin1StringView("m"))
                now = now.addSecs(amount * 60);
            else if (unit == QLatin1StringView("s"))
                now = now.addSecs(amount);
            else if (unit == QLatin1StringView("ms"))
                now = now.addMSecs(amount);
            else {
                errors->append(tr("'%1': the unit must be one of y, M, w, d, h, m, s, ms.").arg(expression));
                return {};
            }
        } else if (!words.isEmpty()) {
            errors->append(tr("'%1': write an offset as '{{%2 -1 d}}'.").arg(expression, name));
            return {};
        }
        if (name == QLatin1StringView("$timestamp"))
            return QString::number(now.toSecsSinceEpoch());
        return now.toString(Qt::ISODateWithMs);
    }
    if (name == QLatin1StringView("$randomInt")) {
        bool okMin = false;
        bool okMax = false;
        const qint64 min = words.value(0).toLongLong(&okMin);
        const qint64 max = words.value(1).toLongLong(&okMax);
        if (words.size() != 2 || !okMin || !okMax || max <= min) {
            errors->append(tr("'%1': write '{{$randomInt MIN MAX}}' with MIN < MAX.").arg(expression));
            return {};
        }
        return QString::number(QRandomGenerator::global()->bounded(min, max));
    }
    if (name == QLatin1StringView("$processEnv")) {
        if (words.size() != 1) {
            errors->append(tr("'%1': write '{{$processEnv NAME}}'.").arg(expression));
            return {};
        }
        return qEnvironmentVariable(words.first().toLocal8Bit().constData());
    }
    errors->append(tr("Unknown system variable '%1'; StudyBench knows $uuid, $timestamp, $isoTimestamp, "
                      "$randomInt, $random.uuid and $processEnv.")
            .arg(name));
    return {};
}

bool HttpVariables::evaluateJsonPath(
    const QJsonValue &root, const QString &path, QJsonValue *result, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!path.startsWith(QLatin1Char('$')))
        return fail(tr("A JSONPath starts with '$', as in '$.user.id'."));
    QJsonValue current = root;
    qsizetype i = 1;
    while (i < path.size()) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('.')) {
            qsizetype end = i + 1;
            while (end < path.size() && path.at(end) != QLatin1Char('.') && path.at(end) != QLatin1Char('['))
                ++end;
            const QString key = path.mid(i + 1, end - i - 1);
            if (key.isEmpty())
                return fail(tr("Empty name in JSONPath '%1'.").arg(path));
            if (!current.isObject() || !current.toObject().contains(key))
                return fail(tr("'%1' does not match the body: no member '%2'.").arg(path, key));
            current = current.toObject().value(key);
            i = end;
        } else if (c == QLatin1Char('[')) {
            const qsizetype end = path.indexOf(QLatin1Char(']'), i);
            if (end < 0)
                return fail(tr("Unclosed '[' in JSONPath '%1'.").arg(path));
            const QString inside = path.mid(i + 1, end - i - 1).trimmed();
            if (inside.size() >= 2
                && ((inside.startsWith(QLatin1Char('\'')) && inside.endsWith(QLatin1Char('\'')))
                    || (inside.startsWith(QLatin1Char('"')) && inside.endsWith(QLatin1Char('"'))))) {
                const QString key = inside.mid(1, inside.size() - 2);
                if (!current.isObject() || !current.toObject().contains(key))
                    return fail(tr("'%1' does not match the body: no member '%2'.").arg(path, key));
                current = current.toObject().value(key);
            } else {
                bool ok = false;
                qsizetype index = inside.toLongLong(&ok);
                if (!ok)
                    return fail(
                        tr("Only names and numeric indexes are supported in JSONPath '%1'.").arg(path));
                if (!current.isArray())
                    return fail(
                        tr("'%1' does not match the body: [%2] applied to something that is not an array.")
                            .arg(path, inside));
                const QJsonArray array = current.toArray();
                if (index < 0)
                    index += array.size();
                if (index < 0 || index >= array.size())
                    return fail(
                        tr("'%1' does not match the body: index %2 is out of range.").arg(path, inside));
                current = array.at(index);
            }
            i = end + 1;
        } else {
            return fail(tr("Unexpected '%1' in JSONPath '%2'.").arg(c).arg(path));
        }
    }
    *result = current;
    return true;
}

QString HttpVariables::responseReference(const QString &expression, QStringList *errors, bool *resolved) const
{
    static const QRegularExpression reference(
        QStringLiteral("^([^.\\s]+)\\.(response|request)\\.(body|headers)(?:\\.(.*))?$"));
    const QRegularExpressionMatch m = reference.match(expression);
    if (!m.hasMatch()) {
        errors->append(tr("'%1' is not a reference; write '{{name.response.body.$.path}}' or "
                          "'{{name.response.headers.Name}}'.")
                .arg(expression));
        *resolved = false;
        return {};
    }
    const QString requestName = m.captured(1);
    if (m.captured(2) == QLatin1StringView("request")) {
        errors->append(
            tr("'%1': references to requests are not supported, only to responses.").arg(expression));
        *resolved = false;
        return {};
    }
    const auto it = m_responses.constFind(requestName);
    if (it == m_responses.constEnd()) {
        if (!m_keepUnresolvedReferences)
            errors->append(
                tr("'%1' refers to the response of '%2', which has not been received; send '%2' first.")
                    .arg(expression, requestName));
        *resolved = false;
        return {};
    }
    const QString part = m.captured(3);
    const QString path = m.captured(4);
    if (part == QLatin1StringView("headers")) {
        if (path.isEmpty()) {
            errors->append(tr("'%1': name the header, as in '%2.response.headers.Location'.")
                    .arg(expression, requestName));
            *resolved = false;
            return {};
        }
        const QStringList values = headerValues(it->headers, path);
        if (values.isEmpty()) {
            errors->append(
                tr("'%1': the response of '%2' has no header '%3'.").arg(expression, requestName, path));
            *resolved = false;
            return {};
        }
        return values.join(QStringLiteral(", "));
    }
    if (path.isEmpty() || path == QLatin1StringView("*"))
        return QString::fromUtf8(it->readBody(kMaxReferencedBody));
    if (!path.startsWith(QLatin1Char('$'))) {
        errors->append(tr("'%1': only JSONPath ('$.a.b') is supported in body references.").arg(expression));
        *resolved = false;
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(it->readBody(kMaxReferencedBody), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(tr("'%1': the response of '%2' is not JSON (%3).")
                .arg(expression, requestName, parseError.errorString()));
        *resolved = false;
        return {};
    }
    const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    QJsonValue value;
    QString error;
    if (!evaluateJsonPath(root, path, &value, &error)) {
        errors->append(error);
        *resolved = false;
        return {};
    }
    return jsonValueText(value);
}

HttpRequest HttpVariables::resolveRequest(const HttpRequestTemplate &request, const QString &baseDirectory,
    const QString &sourceFile, QList<HttpFileError> *errors) const
{
    HttpRequest out;
    out.name = request.name;
    out.line = request.line;
    out.sourceFile = sourceFile;
    out.method = request.method;
    out.followRedirects = !request.noRedirect;
    out.verifyTls = !request.insecure;
    out.useCookieJar = !request.noCookieJar;
    out.httpVersion = request.httpVersion;
    if (request.timeoutMs >= 0)
        out.timeoutMs = request.timeoutMs;
    if (request.connectTimeoutMs >= 0)
        out.connectTimeoutMs = request.connectTimeoutMs;
    if (request.maxTimeMs >= 0)
        out.maxTimeMs = request.maxTimeMs;

    auto resolveAt = [this, errors, &sourceFile](const QString &text, int line) {
        QStringList found;
        const QString value = resolve(text, &found);
        for (const QString &e : std::as_const(found))
            errors->append({ sourceFile, line, e });
        return value;
    };

    for (qsizetype i = 0; i < request.headers.size(); ++i) {
        const int line = request.headerLines.value(i, request.line);
        out.headers.append({ request.headers.at(i).name, resolveAt(request.headers.at(i).value, line) });
    }
    QString url = resolveAt(request.url, request.line);
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    if (url.startsWith(QLatin1Char('/'))) {
        const QString host = headerValue(out.headers, u"Host");
        if (host.isEmpty())
            errors->append({ sourceFile, request.line,
                tr("The URL '%1' has no host; give a full URL or a Host header.").arg(url) });
        else
            url = QStringLiteral("http://") + host + url;
    } else if (!scheme.match(url).hasMatch() && !url.contains(QLatin1StringView("{{"))) {
        url = QStringLiteral("http://") + url;
    }
    out.url = url;

    const QByteArray separator = request.bodySeparator.toUtf8();
    QList<QByteArray> pieces;
    const QDir base(baseDirectory);
    for (const HttpBodyPart &part : request.body) {
        if (part.kind == HttpBodyPart::Text) {
            QString text = resolveAt(part.text, part.line);
            if (request.bodySeparator != QLatin1StringView("\n"))
                text.replace(QLatin1Char('\n'), request.bodySeparator);
            pieces.append(text.toUtf8());
            continue;
        }
        const QString path = base.absoluteFilePath(resolveAt(part.text, part.line));
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            errors->append(
                { sourceFile, part.line, tr("Cannot read the body file %1: %2").arg(path, f.errorString()) });
            continue;
        }
        const QByteArray bytes = f.readAll();
        if (part.kind == HttpBodyPart::FileWithVariables)
            pieces.append(resolveAt(QString::fromUtf8(bytes), part.line).toUtf8());
        else
            pieces.append(bytes);
    }
    out.body = pieces.join(separator);
    return out;
}

} // namespace StudyBench
