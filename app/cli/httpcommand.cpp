#include "httpcommand.h"

#include "httpclient/curlcommand.h"
#include "httpclient/httpengine.h"
#include "httpclient/httpenvironment.h"
#include "httpclient/httpfile.h"
#include "httpclient/httpvariables.h"
#include "httpclient/requesthistory.h"
#include "httpclient/responsescript.h"
#include "util/datalocation.h"
#include "util/preferences.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <cstdio>
#include <limits>
#include <optional>

namespace StudyBench {

namespace {

// What happened to one request, for the summary and the JUnit report.
struct RequestOutcome
{
    QString title; ///< "name: METHOD URL", secrets masked
    QString error; ///< resolution, transfer or script error; empty when none
    QString failure; ///< a failing HTTP status with --fail-http
    qint64 timeMs = 0;
    QList<ScriptTestResult> tests;
};

QString formatSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

/// @p text as XML 1.0 can hold it: characters it cannot (NUL and other C0 controls but tab, CR and LF;
/// lone surrogates; U+FFFE and U+FFFF) written as \xNN or \uNNNN.
QString xmlSafe(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
        } else if (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') {
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        } else if (c.isSurrogate() || u == 0xFFFE || u == 0xFFFF) {
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

bool writeJUnit(
    const QString &path, const QString &suiteName, const QList<RequestOutcome> &outcomes, QString *error)
{
    int tests = 0;
    int failures = 0;
    int errors = 0;
    qint64 totalMs = 0;
    for (const RequestOutcome &o : outcomes) {
        tests += 1 + int(o.tests.size());
        errors += o.error.isEmpty() ? 0 : 1;
        failures += o.failure.isEmpty() ? 0 : 1;
        for (const ScriptTestResult &t : o.tests)
            failures += t.passed ? 0 : 1;
        totalMs += o.timeMs;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    QXmlStreamWriter xml(&file);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("studybench-cli http"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("time"), QString::number(totalMs / 1000.0, 'f', 3));
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), xmlSafe(suiteName));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("time"), QString::number(totalMs / 1000.0, 'f', 3));
    for (const RequestOutcome &o : outcomes) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), xmlSafe(suiteName));
        xml.writeAttribute(QStringLiteral("name"), xmlSafe(o.title));
        xml.writeAttribute(QStringLiteral("time"), QString::number(o.timeMs / 1000.0, 'f', 3));
        if (!o.error.isEmpty()) {
            xml.writeStartElement(QStringLiteral("error"));
            xml.writeAttribute(QStringLiteral("message"), xmlSafe(o.error));
            xml.writeCharacters(xmlSafe(o.error));
            xml.writeEndElement();
        } else if (!o.failure.isEmpty()) {
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("message"), xmlSafe(o.failure));
            xml.writeCharacters(xmlSafe(o.failure));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        for (const ScriptTestResult &t : o.tests) {
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), xmlSafe(suiteName + QLatin1Char('.') + o.title));
            xml.writeAttribute(QStringLiteral("name"), xmlSafe(t.name));
            xml.writeAttribute(QStringLiteral("time"), QStringLiteral("0.000"));
            if (!t.passed) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), xmlSafe(t.message));
                xml.writeCharacters(xmlSafe(t.message));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    if (xml.hasError()) {
        *error = HttpCommand::tr("the XML writer failed");
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

HttpCommand::HttpCommand(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int HttpCommand::usageError(const QString &message)
{
    m_err << message << Qt::endl << tr("Run 'studybench-cli http --help' for the options.") << Qt::endl;
    return 2;
}

int HttpCommand::run(const QStringList &arguments, GlobalOptions globals)
{
    CommandLine commandLine(QStringLiteral("http"), tr("FILE.http"), tr("The .http file."));
    QCommandLineParser &parser = commandLine.parser();
    parser.setApplicationDescription(tr(
        "Sends the requests of a .http file (VS Code REST Client / JetBrains HTTP Client format) in order,\n"
        "runs their response handler scripts and prints a line per request and per test.\n\n"
        "Secrets (variables from http-client.private.env.json) are sent as they are, but masked as\n"
        "\u2022\u2022\u2022\u2022 in everything printed or stored: the request lines, --dry-run, "
        "--print-curl, the JUnit\n"
        "report and the request history. --reveal-secrets shows them in --dry-run and --print-curl.\n\n"
        "Exit code: 0 when every request was sent and every test passed; 1 when a request could not be\n"
        "prepared or sent, a handler script failed or a test failed (with --fail-http also when a\n"
        "status is 400 or more); 2 for wrong usage."));
    const QCommandLineOption envOption(
        QStringLiteral("env"), tr("Use environment NAME from http-client.env.json."), tr("NAME"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
        tr("Send only the request named NAME (repeatable; file order is kept)."), tr("NAME"));
    const QCommandLineOption junitOption(
        QStringLiteral("junit"), tr("Write a JUnit XML report to FILE."), tr("FILE"));
    const QCommandLineOption dryRunOption(
        QStringLiteral("dry-run"), tr("Send nothing; print the resolved requests as JSON."));
    const QCommandLineOption printCurlOption(
        QStringLiteral("print-curl"), tr("Send nothing; print each resolved request as a cURL command."));
    const QCommandLineOption curlOption(
        QStringLiteral("curl"), tr("Send the request a cURL command describes."), tr("COMMAND"));
    const QCommandLineOption revealOption(
        QStringLiteral("reveal-secrets"), tr("Show secret values in --dry-run and --print-curl output."));
    const QCommandLineOption failHttpOption(
        QStringLiteral("fail-http"), tr("Count a response status of 400 or more as a failure."));
    const QCommandLineOption noHistoryOption(
        QStringLiteral("no-history"), tr("Do not record the requests in the request history."));
    const QCommandLineOption maxTimeOption(QStringLiteral("max-time"),
        tr("Stop each request that takes longer than SECONDS in all, redirects included (default %1; 0: no "
           "limit). Overrides the requests' own limits, as cURL's --max-time.")
            .arg(HttpRequest::kDefaultMaxTimeMs / 1000),
        tr("SECONDS"));
    const QCommandLineOption connectTimeoutOption(QStringLiteral("connect-timeout"),
        tr("Give up on a connection that is not set up (DNS, TCP, TLS) within SECONDS."), tr("SECONDS"));
    parser.addOptions({ envOption, nameOption, junitOption, dryRunOption, printCurlOption, curlOption,
        revealOption, failHttpOption, noHistoryOption, maxTimeOption, connectTimeoutOption });
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList positional = parser.positionalArguments();
    const bool fromCurl = parser.isSet(curlOption);
    if (fromCurl == (positional.size() == 1) || positional.size() > 1)
        return usageError(tr("Give one .http FILE, or --curl 'curl ...'."));
    const bool dryRun = parser.isSet(dryRunOption);
    const bool printCurl = parser.isSet(printCurlOption);
    if (dryRun && printCurl)
        return usageError(tr("--dry-run and --print-curl cannot be combined."));
    if (fromCurl && (parser.isSet(nameOption) || parser.isSet(envOption)))
        return usageError(tr("--name and --env apply to .http files, not to --curl."));
    std::optional<int> maxTimeMs;
    std::optional<int> connectTimeoutMs;
    for (const auto &[option, into] : { std::pair { &maxTimeOption, &maxTimeMs },
             std::pair { &connectTimeoutOption, &connectTimeoutMs } }) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const double seconds = parser.value(*option).toDouble(&ok);
        if (!ok || seconds < 0 || seconds > std::numeric_limits<int>::max() / 1000)
            return usageError(tr("--%1 needs a number of seconds, such as 30 or 0.5; got '%2'.")
                    .arg(option->names().constFirst(), parser.value(*option)));
        *into = int(seconds * 1000);
    }
    const bool reveal = parser.isSet(revealOption);
    const bool sending = !dryRun && !printCurl;

    // The requests to go through, still as templates for .http files.
    HttpFile file;
    HttpVariables variables;
    QList<HttpRequestTemplate> selected;
    HttpRequest curlRequest;
    QString suiteName;
    QString environmentName = parser.value(envOption);
    if (fromCurl) {
        // "-d @-" and the like read this process's standard input, as curl would.
        const CurlImportResult imported = CurlCommand::parse(parser.value(curlOption), QString(), [] {
            QFile in;
            return in.open(stdin, QIODevice::ReadOnly) ? std::optional(in.readAll()) : std::nullopt;
        });
        if (!imported.ok()) {
            m_err << tr("Cannot read the cURL command: %1").arg(imported.error) << Qt::endl;
            return 1;
        }
        for (const QString &w : imported.warnings)
            m_err << tr("warning: %1").arg(w) << Qt::endl;
        curlRequest = imported.request;
        suiteName = QStringLiteral("curl");
    } else {
        file = HttpFileParser::parseFile(positional.first());
        if (!file.ok()) {
            for (const HttpFileError &e : std::as_const(file.errors))
                m_err << e.toString() << Qt::endl;
            return 1;
        }
        suiteName = QFileInfo(file.path).fileName();
        HttpEnvironmentFiles environments;
        if (!environments.load(file.baseDirectory())) {
            m_err << environments.errorString() << Qt::endl;
            return 1;
        }
        if (!environmentName.isEmpty()) {
            QString error;
            const std::optional<HttpEnvironment> env = environments.environment(environmentName, &error);
            if (!env) {
                m_err << error << Qt::endl;
                return 1;
            }
            variables.setEnvironment(*env);
        }
        variables.setFileVariables(file.variables);
        variables.setKeepUnresolvedReferences(!sending);
        const QStringList names = parser.values(nameOption);
        for (const QString &n : names) {
            if (file.indexOf(n) < 0) {
                QStringList known;
                for (const HttpRequestTemplate &r : std::as_const(file.requests)) {
                    if (!r.name.isEmpty())
                        known.append(r.name);
                }
                return usageError(known.isEmpty()
                        ? tr("No request is named '%1'; the file names none.").arg(n)
                        : tr("No request is named '%1'; the names are: %2.")
                              .arg(n, known.join(QStringLiteral(", "))));
            }
        }
        for (const HttpRequestTemplate &r : std::as_const(file.requests)) {
            if (names.isEmpty() || names.contains(r.name))
                selected.append(r);
        }
        if (selected.isEmpty()) {
            m_err << tr("%1 has no requests.").arg(file.path) << Qt::endl;
            return 1;
        }
    }
    const SecretMasker masker = variables.masker();
    const SecretMasker noMasking;
    const SecretMasker &printMasker = reveal ? noMasking : masker;

    std::optional<RequestHistory> history;
    if (sending && !parser.isSet(noHistoryOption)) {
        history.emplace();
        const QString path = QDir(globals.dataDirectory()).filePath(DataFile::httpHistory());
        if (!history->open(path)) {
            m_err << tr("warning: the requests will not be recorded: %1").arg(history->errorString())
                  << Qt::endl;
            history.reset();
        }
    }

    HttpEngine engine;
    engine.setPolicy(HttpPolicy::fromPreferences(Preferences()));
    QList<RequestOutcome> outcomes;
    QJsonArray dryRunRequests;
    bool failed = false;
    const qsizetype count = fromCurl ? 1 : selected.size();
    for (qsizetype i = 0; i < count; ++i) {
        RequestOutcome outcome;
        HttpRequest request;
        const HttpRequestTemplate *tpl = fromCurl ? nullptr : &selected.at(i);
        if (fromCurl) {
            request = curlRequest;
        } else {
            QList<HttpFileError> errors;
            request = variables.resolveRequest(*tpl, file.baseDirectory(), file.path, &errors);
            if (!errors.isEmpty()) {
                QStringList messages;
                for (const HttpFileError &e : std::as_const(errors))
                    messages.append(masker.mask(e.toString()));
                outcome.title = masker.mask(tpl->displayName());
                outcome.error = messages.join(QLatin1Char('\n'));
                m_out << QStringLiteral("%1 %2  ERROR").arg(request.method, masker.mask(request.url))
                      << Qt::endl;
                for (const QString &m : std::as_const(messages))
                    m_out << QStringLiteral("  ") << m << Qt::endl;
                outcomes.append(outcome);
                failed = true;
                continue;
            }
        }
        if (maxTimeMs)
            request.maxTimeMs = *maxTimeMs;
        if (connectTimeoutMs)
            request.connectTimeoutMs = *connectTimeoutMs;
        const QString shownUrl = masker.mask(request.url);
        outcome.title = request.name.isEmpty()
            ? QStringLiteral("%1 %2").arg(request.method, shownUrl)
            : QStringLiteral("%1: %2 %3").arg(request.name, request.method, shownUrl);
        if (dryRun) {
            HttpRequest shown = request;
            shown.url = printMasker.mask(request.url);
            for (HttpHeader &h : shown.headers)
                h.value = printMasker.mask(h.value);
            shown.body = printMasker.mask(request.body);
            QJsonObject o = requestToJson(shown);
            if (!request.name.isEmpty())
                o.insert(QStringLiteral("name"), request.name);
            if (request.line > 0)
                o.insert(QStringLiteral("line"), request.line);
            dryRunRequests.append(o);
            continue;
        }
        if (printCurl) {
            if (i > 0)
                m_out << Qt::endl;
            if (!request.name.isEmpty())
                m_out << QStringLiteral("# ") << request.name << Qt::endl;
            m_out << CurlCommand::toCurl(request, &printMasker) << Qt::endl;
            continue;
        }

        const HttpResponse response = engine.sendAndWait(request, environmentName);
        outcome.timeMs = qMax<qint64>(0, response.timings.totalMs);
        if (history && history->record(request, response, masker, environmentName) < 0)
            m_err << tr("warning: %1").arg(history->errorString()) << Qt::endl;
        if (!response.ok()) {
            outcome.error = masker.mask(escapeControls(response.errorString));
            m_out << QStringLiteral("%1 %2  ERROR %3").arg(request.method, shownUrl, outcome.error)
                  << Qt::endl;
            outcomes.append(outcome);
            failed = true;
            continue;
        }
        m_out << QStringLiteral("%1 %2  %3%4  %5 ms  %6")
                     .arg(request.method, shownUrl)
                     .arg(response.status)
                     .arg(response.reason.isEmpty() ? QString()
                                                    : QLatin1Char(' ') + escapeControls(response.reason))
                     .arg(response.timings.totalMs)
                     .arg(formatSize(response.bodySize))
              << Qt::endl;
        for (const QString &w : response.warnings)
            m_out << QStringLiteral("  ") << tr("warning: %1").arg(escapeControls(w)) << Qt::endl;
        if (parser.isSet(failHttpOption) && response.status >= 400) {
            outcome.failure = tr("HTTP status %1").arg(response.status);
            failed = true;
        }
        if (tpl) {
            variables.setResponse(tpl->name, response);
            ScriptResult script;
            bool ran = false;
            if (!tpl->handlerScript.isEmpty()) {
                script = ResponseScript::run(
                    tpl->handlerScript, response, &variables.globals(), file.path, tpl->handlerLine);
                ran = true;
            } else if (!tpl->handlerScriptFile.isEmpty()) {
                script = ResponseScript::runFile(
                    QDir(file.baseDirectory()).absoluteFilePath(tpl->handlerScriptFile), response,
                    &variables.globals());
                ran = true;
            }
            if (ran) {
                for (const QString &w : std::as_const(script.warnings))
                    m_out << QStringLiteral("  ") << tr("warning: %1").arg(w) << Qt::endl;
                for (const QString &line : std::as_const(script.log))
                    m_out << QStringLiteral("  log: ") << escapeControls(masker.mask(line)) << Qt::endl;
                for (const ScriptTestResult &t : std::as_const(script.tests)) {
                    if (t.passed)
                        m_out << QStringLiteral("  PASS ") << escapeControls(masker.mask(t.name)) << Qt::endl;
                    else
                        m_out << QStringLiteral("  FAIL ") << escapeControls(masker.mask(t.name))
                              << QStringLiteral(": ") << escapeControls(masker.mask(t.message)) << Qt::endl;
                    outcome.tests.append({ masker.mask(t.name), t.passed, masker.mask(t.message) });
                    failed = failed || !t.passed;
                }
                if (!script.ok()) {
                    outcome.error = masker.mask(script.errorText());
                    m_out << QStringLiteral("  ERROR ") << outcome.error << Qt::endl;
                    failed = true;
                }
            }
        }
        outcomes.append(outcome);
    }

    if (dryRun)
        m_out << QJsonDocument(dryRunRequests).toJson(QJsonDocument::Indented);
    QString reportError;
    if (parser.isSet(junitOption)
        && !writeJUnit(parser.value(junitOption), suiteName, outcomes, &reportError)) {
        m_err << tr("Cannot write the JUnit report %1: %2").arg(parser.value(junitOption), reportError)
              << Qt::endl;
        failed = true; // after the summary, which is printed all the same
    }
    if (sending) {
        int tests = 0;
        int passed = 0;
        for (const RequestOutcome &o : std::as_const(outcomes)) {
            tests += int(o.tests.size());
            for (const ScriptTestResult &t : o.tests)
                passed += t.passed ? 1 : 0;
        }
        m_out << tr("%n request(s), ", nullptr, int(outcomes.size()))
              << tr("%n test(s) passed", nullptr, passed) << tr(", %n failed", nullptr, tests - passed)
              << Qt::endl;
    }
    return failed ? 1 : 0;
}

} // namespace StudyBench
