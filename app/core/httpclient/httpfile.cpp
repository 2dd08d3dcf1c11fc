#include "httpclient/httpfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace StudyBench {

QString HttpFileError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
    return QStringLiteral("%1: %2").arg(file, message);
}

QString HttpRequestTemplate::displayName() const
{
    if (!name.isEmpty())
        return name;
    return QStringLiteral("%1 %2").arg(method, url);
}

QString HttpFile::baseDirectory() const
{
    const QFileInfo info(path);
    return info.isAbsolute() ? info.absolutePath() : QDir::currentPath();
}

qsizetype HttpFile::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (requests.at(i).name == name)
            return i;
    }
    return -1;
}

namespace {

const QRegularExpression &methodToken()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$"));
    return re;
}

const QRegularExpression &headerName()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    return re;
}

bool isKnownMethod(const QString &word)
{
    static const QSet<QString> methods { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
        QStringLiteral("TRACE"), QStringLiteral("CONNECT") };
    return methods.contains(word.toUpper());
}

// The column of the first "{{" without a matching "}}", or -1.
qsizetype unclosedBraces(const QString &text)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1StringView("{{"), from);
        if (open < 0)
            return -1;
        const qsizetype close = text.indexOf(QLatin1StringView("}}"), open + 2);
        if (close < 0)
            return open;
        from = close + 2;
    }
}

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(HttpFileParser)

public:
    explicit Parser(HttpFile &file)
        : m_file(file)
    { }

    void run(const QString &text)
    {
        QString source = text;
        if (source.startsWith(QChar(0xFEFF)))
            source.remove(0, 1);
        m_lines = source.split(QLatin1Char('\n'));
        for (QString &l : m_lines) {
            if (l.endsWith(QLatin1Char('\r')))
                l.chop(1);
        }
        for (m_index = 0; m_index < m_lines.size(); ++m_index)
            step(m_lines.at(m_index), int(m_index) + 1);
        finishRequest();
    }

private:
    enum class State
    {
        Between,
        Headers,
        Body,
        AfterHandler
    };

    void error(int line, const QString &message) { m_file.errors.append({ m_file.path, line, message }); }

    void startBlock(const QString &title)
    {
        finishRequest();
        m_title = title;
        m_pendingName.clear();
        m_directives = HttpRequestTemplate();
        m_state = State::Between;
    }

    void step(const QString &line, int lineNo)
    {
        const QString t = line.trimmed();
        if (line.startsWith(QLatin1StringView("###"))) {
            startBlock(line.mid(3).trimmed());
            return;
        }
        switch (m_state) {
        case State::Between:
            between(t, lineNo);
            return;
        case State::Headers:
            header(t, lineNo);
            return;
        case State::Body:
            bodyLine(line, t, lineNo);
            return;
        case State::AfterHandler:
            if (t.isEmpty() || isComment(t) || t.startsWith(QLatin1StringView("<>")))
                return;
            error(lineNo, tr("Unexpected text after the response handler; separate requests with '###'."));
            m_state = State::Between;
            return;
        }
    }

    static bool isComment(const QString &t)
    {
        return t.startsWith(QLatin1Char('#')) || t.startsWith(QLatin1StringView("//"));
    }

    void directive(const QString &t, int lineNo)
    {
        QString rest = t.mid(t.startsWith(QLatin1Char('#')) ? 1 : 2).trimmed();
        if (!rest.startsWith(QLatin1Char('@')))
            return;
        rest = rest.mid(1);
        const qsizetype space = rest.indexOf(QRegularExpression(QStringLiteral("[\\s=]")));
        const QString word = space < 0 ? rest : rest.left(space);
        QString argument = space < 0 ? QString() : rest.mid(space).trimmed();
        if (argument.startsWith(QLatin1Char('=')))
            argument = argument.mid(1).trimmed();
        if (word == QLatin1StringView("name")) {
            if (argument.isEmpty() || argument.contains(QRegularExpression(QStringLiteral("\\s"))))
                error(lineNo, tr("'@name' needs one word, the request's name, as in '# @name login'."));
            else
                m_pendingName = argument;
        } else if (word == QLatin1StringView("no-redirect")) {
            m_directives.noRedirect = true;
        } else if (word == QLatin1StringView("insecure")) {
            m_directives.insecure = true;
        } else if (word == QLatin1StringView("no-cookie-jar")) {
            m_directives.noCookieJar = true;
        } else if (word == QLatin1StringView("timeout")) {
            duration(word, argument, lineNo, m_directives.timeoutMs);
        } else if (word == QLatin1StringView("connection-timeout")) {
            duration(word, argument, lineNo, m_directives.connectTimeoutMs);
        } else if (word == QLatin1StringView("max-time")) {
            duration(word, argument, lineNo, m_directives.maxTimeMs);
        }
        // Other directives (@no-log, …) do not change how StudyBench sends.
    }

    /// "10" (seconds), "10 s", "500 ms" or "2 m" into @p ms, as the JetBrains HTTP Client reads them.
    void duration(const QString &word, const QString &argument, int lineNo, int &ms)
    {
        static const QRegularExpression pattern(QStringLiteral("^(\\d+)\\s*(ms|s|m)?$"));
        const QRegularExpressionMatch m = pattern.match(argument);
        if (!m.hasMatch()) {
            error(lineNo,
                tr("'@%1' needs a duration such as '10', '10 s', '500 ms' or '2 m'; got '%2'.")
                    .arg(word, argument));
            return;
        }
        const qint64 amount = qMin<qint64>(m.captured(1).toLongLong(), std::numeric_limits<int>::max());
        const QString unit = m.captured(2);
        const qint64 value = unit == QLatin1StringView("ms") ? amount
            : unit == QLatin1StringView("m")                 ? amount * 60000
                                                             : amount * 1000;
        ms = int(qMin<qint64>(value, std::numeric_limits<int>::max()));
    }

    void between(const QString &t, int lineNo)
    {
        if (t.isEmpty())
            return;
        if (isComment(t)) {
            directive(t, lineNo);
            return;
        }
        if (t.startsWith(QLatin1Char('@'))) {
            static const QRegularExpression variable(
                QStringLiteral("^@([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$"));
            const QRegularExpressionMatch m = variable.match(t);
            if (!m.hasMatch()) {
                error(lineNo, tr("A file variable is written '@name = value'."));
                return;
            }
            m_file.variables.append({ m.captured(1), m.captured(2).trimmed(), lineNo });
            return;
        }
        if (t.startsWith(QLatin1StringView("< {%"))) {
            error(lineNo, tr("Pre-request scripts ('< {%%') are not supported; use variables instead."));
            return;
        }
        requestLine(t, lineNo);
    }

    void requestLine(const QString &t, int lineNo)
    {
        static const QRegularExpression space(QStringLiteral("\\s+"));
        static const QRegularExpression version(QStringLiteral("\\s+(HTTP/\\d(\\.\\d)?)$"));
        HttpRequestTemplate request = m_directives;
        request.line = lineNo;
        request.title = m_title;
        request.name = m_pendingName.isEmpty() ? m_title : m_pendingName;
        QString rest = t;
        const QRegularExpressionMatch v = version.match(rest);
        if (v.hasMatch()) {
            request.httpVersion = v.captured(1);
            rest.truncate(v.capturedStart());
        }
        const qsizetype gap = rest.indexOf(space);
        if (gap < 0) {
            if (isKnownMethod(rest) || rest.startsWith(QLatin1StringView("HTTP/"))) {
                error(lineNo, tr("The request line '%1' has no URL; write 'METHOD URL'.").arg(t));
                m_state = State::AfterHandler;
                return;
            }
            request.method = QStringLiteral("GET");
            request.url = rest;
        } else {
            const QString first = rest.left(gap);
            if (!methodToken().match(first).hasMatch()) {
                error(lineNo, tr("Expected a request line 'METHOD URL' or a URL, not '%1'.").arg(t));
                m_state = State::AfterHandler;
                return;
            }
            request.method = first;
            request.url = rest.mid(gap).trimmed();
        }
        if (unclosedBraces(request.url) >= 0)
            error(lineNo, tr("'{{' without a closing '}}' in the URL."));
        m_request = request;
        m_hasRequest = true;
        m_textLines.clear();
        m_state = State::Headers;
    }

    void header(const QString &t, int lineNo)
    {
        if (t.isEmpty()) {
            m_state = State::Body;
            return;
        }
        if (m_request.headers.isEmpty()
            && (t.startsWith(QLatin1Char('?')) || t.startsWith(QLatin1Char('&')))) {
            m_request.url += t;
            return;
        }
        if (isComment(t))
            return;
        if (t.startsWith(QLatin1Char('>'))) {
            handler(t, lineNo);
            return;
        }
        const qsizetype colon = t.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? t.left(colon).trimmed() : QString();
        if (colon <= 0 || !headerName().match(name).hasMatch()) {
            error(lineNo,
                tr("'%1' is not a header; write 'Name: value', and leave an empty line before the body.")
                    .arg(t));
            return;
        }
        const QString value = t.mid(colon + 1).trimmed();
        if (unclosedBraces(value) >= 0)
            error(lineNo, tr("'{{' without a closing '}}' in header '%1'.").arg(name));
        m_request.headers.append({ name, value });
        m_request.headerLines.append(lineNo);
    }

    void flushText()
    {
        if (m_textLines.isEmpty())
            return;
        m_request.body.append({ HttpBodyPart::Text, m_textLines.join(QLatin1Char('\n')), m_textStart });
        m_textLines.clear();
    }

    void bodyLine(const QString &line, const QString &t, int lineNo)
    {
        if (t.startsWith(QLatin1StringView("> {%")) || t.startsWith(QLatin1StringView(">{%"))
            || t == QLatin1StringView(">")
            || QRegularExpression(QStringLiteral("^>\\s+\\S+\\.js$")).match(t).hasMatch()) {
            handler(t, lineNo);
            return;
        }
        if (t.startsWith(QLatin1StringView("<>")))
            return;
        if (line.startsWith(QLatin1StringView("<@ ")) || line.startsWith(QLatin1StringView("< "))) {
            const bool substitute = line.startsWith(QLatin1StringView("<@"));
            const QString path = line.mid(2).trimmed();
            if (path.isEmpty()) {
                error(lineNo, tr("'<' needs the path of the file to send, as in '< ./body.json'."));
                return;
            }
            flushText();
            m_request.body.append(
                { substitute ? HttpBodyPart::FileWithVariables : HttpBodyPart::File, path, lineNo });
            return;
        }
        if (m_textLines.isEmpty())
            m_textStart = lineNo;
        m_textLines.append(line);
    }

    void handler(const QString &t, int lineNo)
    {
        QString rest = t.mid(1).trimmed();
        if (!rest.startsWith(QLatin1StringView("{%"))) {
            if (rest.isEmpty()) {
                error(lineNo, tr("'>' needs a handler script, '> {% ... %}', or a file, '> ./handler.js'."));
            } else {
                m_request.handlerScriptFile = rest;
                m_request.handlerLine = 1;
            }
            m_state = State::AfterHandler;
            return;
        }
        rest = rest.mid(2);
        QStringList script;
        for (qsizetype i = m_index;; ++i) {
            const QString current = i == m_index ? rest : m_lines.at(i);
            const qsizetype end = current.indexOf(QLatin1StringView("%}"));
            if (end >= 0) {
                script.append(current.left(end));
                if (!current.mid(end + 2).trimmed().isEmpty())
                    error(int(i) + 1, tr("Unexpected text after '%}'."));
                m_index = i;
                break;
            }
            script.append(current);
            if (i + 1 >= m_lines.size()) {
                error(lineNo, tr("The response handler starting here has no closing '%}'."));
                m_index = i;
                break;
            }
        }
        m_request.handlerScript = script.join(QLatin1Char('\n'));
        m_request.handlerLine = lineNo;
        m_state = State::AfterHandler;
    }

    void finishRequest()
    {
        if (!m_hasRequest)
            return;
        m_hasRequest = false;
        // Trailing empty lines separate requests; they are not part of the body.
        while (!m_textLines.isEmpty() && m_textLines.constLast().trimmed().isEmpty())
            m_textLines.removeLast();
        flushText();
        const ContentType type = ContentType::parse(headerValue(m_request.headers, u"Content-Type"));
        if (type.mimeType.startsWith(QLatin1StringView("multipart/")))
            m_request.bodySeparator = QStringLiteral("\r\n");
        else if (type.mimeType == QLatin1StringView("application/x-www-form-urlencoded"))
            m_request.bodySeparator = QString();
        else
            m_request.bodySeparator = QStringLiteral("\n");
        if (!m_request.name.isEmpty()) {
            if (m_file.indexOf(m_request.name) >= 0)
                error(m_request.line,
                    tr("A request named '%1' already exists; names must be unique.").arg(m_request.name));
        }
        m_file.requests.append(m_request);
        m_request = HttpRequestTemplate();
    }

    HttpFile &m_file;
    QStringList m_lines;
    qsizetype m_index = 0;
    State m_state = State::Between;
    QString m_title;
    QString m_pendingName;
    HttpRequestTemplate m_directives;
    HttpRequestTemplate m_request;
    bool m_hasRequest = false;
    QStringList m_textLines;
    int m_textStart = 0;
};

} // namespace

HttpFile HttpFileParser::parse(const QString &text, const QString &fileName)
{
    HttpFile file;
    file.path = fileName;
    Parser parser(file);
    parser.run(text);
    return file;
}

HttpFile HttpFileParser::parseFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QFile f(absolute);
    if (!f.open(QIODevice::ReadOnly)) {
        HttpFile file;
        file.path = absolute;
        file.errors.append({ absolute, 0, tr("Cannot read the file: %1").arg(f.errorString()) });
        return file;
    }
    const QByteArray bytes = f.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError()) {
        HttpFile file;
        file.path = absolute;
        file.errors.append({ absolute, 0, tr("The file is not valid UTF-8 text.") });
        return file;
    }
    return parse(text, absolute);
}

} // namespace StudyBench
