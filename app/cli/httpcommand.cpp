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

/// What the command line asks of `studybench-cli http`.
struct HttpRunOptions
{
    QString httpFile;
    bool curlGiven = false; ///< --curl instead of a .http file
    QString curl; ///< the --curl command
    QString environment;
    QStringList names;
    QString junitPath;
    bool dryRun = false;
    bool printCurl = false;
    bool reveal = false;
    bool failHttp = false;
    bool history = true;
    std::optional<int> maxTimeMs;
    std::optional<int> connectTimeoutMs;

    bool fromCurl() const { return curlGiven; }
    bool sending() const { return !dryRun && !printCurl; }
};

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

/// One run of `studybench-cli http`: loads the requests, then resolves, sends (or shows) each one in
/// turn, runs its response handler and reports.
class HttpRun
{
public:
    HttpRun(const HttpRunOptions &options, const GlobalOptions &globals, QTextStream &out, QTextStream &err)
        : m_options(options)
        , m_globals(globals)
        , m_out(out)
        , m_err(err)
    { }

    int exec();

private:
    /// Loads the requests; returns an exit code when the run cannot go on.
    std::optional<int> load();
    std::optional<int> loadCurl();
    std::optional<int> loadHttpFile();
    std::optional<int> selectRequests();
    void openHistory();
    void handle(qsizetype index);
    /// The request at @p index, its variables substituted; nullopt after reporting why it cannot be.
    std::optional<HttpRequest> resolve(qsizetype index);
    void addDryRun(const HttpRequest &request);
    void printCurl(qsizetype index, const HttpRequest &request);
    void send(const HttpRequest &request, const HttpRequestTemplate *tpl, RequestOutcome outcome);
    void printResponse(const HttpRequest &request, const HttpResponse &response);
    void runHandler(const HttpRequestTemplate &tpl, const HttpResponse &response, RequestOutcome *outcome);
    void printTests(const ScriptResult &script, RequestOutcome *outcome);
    void finish();
    const SecretMasker &printMasker() const { return m_options.reveal ? m_noMasking : m_masker; }

    const HttpRunOptions &m_options;
    const GlobalOptions &m_globals;
    QTextStream &m_out;
    QTextStream &m_err;

    HttpFile m_file;
    HttpVariables m_variables;
    QList<HttpRequestTemplate> m_selected;
    HttpRequest m_curlRequest;
    QString m_suiteName;
    SecretMasker m_masker;
    const SecretMasker m_noMasking;
    std::optional<RequestHistory> m_history;
    HttpEngine m_engine;
    QList<RequestOutcome> m_outcomes;
    QJsonArray m_dryRunRequests;
    bool m_failed = false;
};

int HttpRun::exec()
{
    if (const std::optional<int> code = load())
        return *code;
    m_masker = m_variables.masker();
    if (m_options.sending() && m_options.history)
        openHistory();
    m_engine.setPolicy(HttpPolicy::fromPreferences(Preferences()));
    const qsizetype count = m_options.fromCurl() ? 1 : m_selected.size();
    for (qsizetype i = 0; i < count; ++i)
        handle(i);
    finish();
    return m_failed ? 1 : 0;
}

std::optional<int> HttpRun::load()
{
    return m_options.fromCurl() ? loadCurl() : loadHttpFile();
}

std::optional<int> HttpRun::loadCurl()
{
    // "-d @-" and the like read this process's standard input, as curl would.
    const CurlImportResult imported = CurlCommand::parse(m_options.curl, QString(), [] {
        QFile in;
        return in.open(stdin, QIODevice::ReadOnly) ? std::optional(in.readAll()) : std::nullopt;
    });
    if (!imported.ok()) {
        m_err << HttpCommand::tr("Cannot read the cURL command: %1").arg(imported.error) << Qt::endl;
        return 1;
    }
    for (const QString &w : imported.warnings)
        m_err << HttpCommand::tr("warning: %1").arg(w) << Qt::endl;
    m_curlRequest = imported.request;
    m_suiteName = QStringLiteral("curl");
    return std::nullopt;
}

std::optional<int> HttpRun::loadHttpFile()
{
    m_file = HttpFileParser::parseFile(m_options.httpFile);
    if (!m_file.ok()) {
        for (const HttpFileError &e : std::as_const(m_file.errors))
            m_err << e.toString() << Qt::endl;
        return 1;
    }
    m_suiteName = QFileInfo(m_file.path).fileName();
    HttpEnvironmentFiles environments;
    if (!environments.load(m_file.baseDirectory())) {
        m_err << environments.errorString() << Qt::endl;
        return 1;
    }
    if (!m_options.environment.isEmpty()) {
        QString error;
        const std::optional<HttpEnvironment> env = environments.environment(m_options.environment, &error);
        if (!env) {
            m_err << error << Qt::endl;
            return 1;
        }
        m_variables.setEnvironment(*env);
    }
    m_variables.setFileVariables(m_file.variables);
    m_variables.setKeepUnresolvedReferences(!m_options.sending());
    return selectRequests();
}

std::optional<int> HttpRun::selectRequests()
{
    for (const QString &n : m_options.names) {
        if (m_file.indexOf(n) >= 0)
            continue;
        QStringList known;
        for (const HttpRequestTemplate &r : std::as_const(m_file.requests)) {
            if (!r.name.isEmpty())
                known.append(r.name);
        }
        m_err << (known.isEmpty() ? HttpCommand::tr("No request is named '%1'; the file names none.").arg(n)
                                  : HttpCommand::tr("No request is named '%1'; the names are: %2.")
                                        .arg(n, known.join(QStringLiteral(", "))))
              << Qt::endl
              << HttpCommand::tr("Run 'studybench-cli http --help' for the options.") << Qt::endl;
        return 2;
    }
    for (const HttpRequestTemplate &r : std::as_const(m_file.requests)) {
        if (m_options.names.isEmpty() || m_options.names.contains(r.name))
            m_selected.append(r);
    }
    if (m_selected.isEmpty()) {
        m_err << HttpCommand::tr("%1 has no requests.").arg(m_file.path) << Qt::endl;
        return 1;
    }
    return std::nullopt;
}

void HttpRun::openHistory()
{
    m_history.emplace();
    const QString path = QDir(m_globals.dataDirectory()).filePath(DataFile::httpHistory());
    if (!m_history->open(path)) {
        m_err
            << HttpCommand::tr("warning: the requests will not be recorded: %1").arg(m_history->errorString())
            << Qt::endl;
        m_history.reset();
    }
}

void HttpRun::handle(qsizetype index)
{
    std::optional<HttpRequest> request = resolve(index);
    if (!request)
        return;
    if (m_options.maxTimeMs)
        request->maxTimeMs = *m_options.maxTimeMs;
    if (m_options.connectTimeoutMs)
        request->connectTimeoutMs = *m_options.connectTimeoutMs;
    if (m_options.dryRun)
        return addDryRun(*request);
    if (m_options.printCurl)
        return printCurl(index, *request);
    RequestOutcome outcome;
    const QString shownUrl = m_masker.mask(request->url);
    outcome.title = request->name.isEmpty()
        ? QStringLiteral("%1 %2").arg(request->method, shownUrl)
        : QStringLiteral("%1: %2 %3").arg(request->name, request->method, shownUrl);
    send(*request, m_options.fromCurl() ? nullptr : &m_selected.at(index), outcome);
}

std::optional<HttpRequest> HttpRun::resolve(qsizetype index)
{
    if (m_options.fromCurl())
        return m_curlRequest;
    const HttpRequestTemplate &tpl = m_selected.at(index);
    QList<HttpFileError> errors;
    const HttpRequest request = m_variables.resolveRequest(tpl, m_file.baseDirectory(), m_file.path, &errors);
    if (errors.isEmpty())
        return request;
    QStringList messages;
    for (const HttpFileError &e : std::as_const(errors))
        messages.append(m_masker.mask(e.toString()));
    RequestOutcome outcome;
    outcome.title = m_masker.mask(tpl.displayName());
    outcome.error = messages.join(QLatin1Char('\n'));
    m_out << QStringLiteral("%1 %2  ERROR").arg(request.method, m_masker.mask(request.url)) << Qt::endl;
    for (const QString &m : std::as_const(messages))
        m_out << QStringLiteral("  ") << m << Qt::endl;
    m_outcomes.append(outcome);
    m_failed = true;
    return std::nullopt;
}

void HttpRun::addDryRun(const HttpRequest &request)
{
    HttpRequest shown = request;
    shown.url = printMasker().mask(request.url);
    for (HttpHeader &h : shown.headers)
        h.value = printMasker().mask(h.value);
    shown.body = printMasker().mask(request.body);
    QJsonObject o = requestToJson(shown);
    if (!request.name.isEmpty())
        o.insert(QStringLiteral("name"), request.name);
    if (request.line > 0)
        o.insert(QStringLiteral("line"), request.line);
    m_dryRunRequests.append(o);
}

void HttpRun::printCurl(qsizetype index, const HttpRequest &request)
{
    if (index > 0)
        m_out << Qt::endl;
    if (!request.name.isEmpty())
        m_out << QStringLiteral("# ") << request.name << Qt::endl;
    m_out << CurlCommand::toCurl(request, &printMasker()) << Qt::endl;
}

void HttpRun::send(const HttpRequest &request, const HttpRequestTemplate *tpl, RequestOutcome outcome)
{
    const HttpResponse response = m_engine.sendAndWait(request, m_options.environment);
    outcome.timeMs = qMax<qint64>(0, response.timings.totalMs);
    if (m_history && m_history->record(request, response, m_masker, m_options.environment) < 0)
        m_err << HttpCommand::tr("warning: %1").arg(m_history->errorString()) << Qt::endl;
    if (!response.ok()) {
        outcome.error = m_masker.mask(escapeControls(response.errorString));
        m_out << QStringLiteral("%1 %2  ERROR %3")
                     .arg(request.method, m_masker.mask(request.url), outcome.error)
              << Qt::endl;
        m_outcomes.append(outcome);
        m_failed = true;
        return;
    }
    printResponse(request, response);
    if (m_options.failHttp && response.status >= 400) {
        outcome.failure = HttpCommand::tr("HTTP status %1").arg(response.status);
        m_failed = true;
    }
    if (tpl)
        runHandler(*tpl, response, &outcome);
    m_outcomes.append(outcome);
}

void HttpRun::printResponse(const HttpRequest &request, const HttpResponse &response)
{
    m_out << QStringLiteral("%1 %2  %3%4  %5 ms  %6")
                 .arg(request.method, m_masker.mask(request.url))
                 .arg(response.status)
                 .arg(response.reason.isEmpty() ? QString()
                                                : QLatin1Char(' ') + escapeControls(response.reason))
                 .arg(response.timings.totalMs)
                 .arg(formatSize(response.bodySize))
          << Qt::endl;
    for (const QString &w : response.warnings)
        m_out << QStringLiteral("  ") << HttpCommand::tr("warning: %1").arg(escapeControls(w)) << Qt::endl;
}

void HttpRun::runHandler(
    const HttpRequestTemplate &tpl, const HttpResponse &response, RequestOutcome *outcome)
{
    m_variables.setResponse(tpl.name, response);
    const ResponseHandler handler = ResponseHandler::of(tpl, m_file.baseDirectory(), m_file.path);
    if (handler.isEmpty())
        return;
    const ScriptResult script = handler.run(response, &m_variables.globals());
    for (const QString &w : std::as_const(script.warnings))
        m_out << QStringLiteral("  ") << HttpCommand::tr("warning: %1").arg(w) << Qt::endl;
    for (const QString &line : std::as_const(script.log))
        m_out << QStringLiteral("  log: ") << escapeControls(m_masker.mask(line)) << Qt::endl;
    printTests(script, outcome);
    if (!script.ok()) {
        outcome->error = m_masker.mask(script.errorText());
        m_out << QStringLiteral("  ERROR ") << outcome->error << Qt::endl;
        m_failed = true;
    }
}

void HttpRun::printTests(const ScriptResult &script, RequestOutcome *outcome)
{
    for (const ScriptTestResult &t : std::as_const(script.tests)) {
        const QString name = escapeControls(m_masker.mask(t.name));
        if (t.passed)
            m_out << QStringLiteral("  PASS ") << name << Qt::endl;
        else
            m_out << QStringLiteral("  FAIL ") << name << QStringLiteral(": ")
                  << escapeControls(m_masker.mask(t.message)) << Qt::endl;
        outcome->tests.append({ m_masker.mask(t.name), t.passed, m_masker.mask(t.message) });
        m_failed = m_failed || !t.passed;
    }
}

void HttpRun::finish()
{
    if (m_options.dryRun)
        m_out << QJsonDocument(m_dryRunRequests).toJson(QJsonDocument::Indented);
    QString reportError;
    if (!m_options.junitPath.isEmpty()
        && !writeJUnit(m_options.junitPath, m_suiteName, m_outcomes, &reportError)) {
        m_err << HttpCommand::tr("Cannot write the JUnit report %1: %2").arg(m_options.junitPath, reportError)
              << Qt::endl;
        m_failed = true; // after the summary, which is printed all the same
    }
    if (!m_options.sending())
        return;
    int tests = 0;
    int passed = 0;
    for (const RequestOutcome &o : std::as_const(m_outcomes)) {
        tests += int(o.tests.size());
        for (const ScriptTestResult &t : o.tests)
            passed += t.passed ? 1 : 0;
    }
    m_out << HttpCommand::tr("%n request(s), ", nullptr, int(m_outcomes.size()))
          << HttpCommand::tr("%n test(s) passed", nullptr, passed)
          << HttpCommand::tr(", %n failed", nullptr, tests - passed) << Qt::endl;
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
    HttpRunOptions options;
    if (const std::optional<int> code = parseOptions(arguments, globals, &options))
        return *code;
    return HttpRun(options, globals, m_out, m_err).exec();
}

namespace {

/// The options of `studybench-cli http`.
struct HttpOptionSet
{
    QCommandLineOption env { QStringLiteral("env"),
        HttpCommand::tr("Use environment NAME from http-client.env.json."), HttpCommand::tr("NAME") };
    QCommandLineOption name { QStringLiteral("name"),
        HttpCommand::tr("Send only the request named NAME (repeatable; file order is kept)."),
        HttpCommand::tr("NAME") };
    QCommandLineOption junit { QStringLiteral("junit"), HttpCommand::tr("Write a JUnit XML report to FILE."),
        HttpCommand::tr("FILE") };
    QCommandLineOption dryRun { QStringLiteral("dry-run"),
        HttpCommand::tr("Send nothing; print the resolved requests as JSON.") };
    QCommandLineOption printCurl { QStringLiteral("print-curl"),
        HttpCommand::tr("Send nothing; print each resolved request as a cURL command.") };
    QCommandLineOption curl { QStringLiteral("curl"),
        HttpCommand::tr("Send the request a cURL command describes."), HttpCommand::tr("COMMAND") };
    QCommandLineOption reveal { QStringLiteral("reveal-secrets"),
        HttpCommand::tr("Show secret values in --dry-run and --print-curl output.") };
    QCommandLineOption failHttp { QStringLiteral("fail-http"),
        HttpCommand::tr("Count a response status of 400 or more as a failure.") };
    QCommandLineOption noHistory { QStringLiteral("no-history"),
        HttpCommand::tr("Do not record the requests in the request history.") };
    QCommandLineOption maxTime { QStringLiteral("max-time"),
        HttpCommand::tr(
            "Stop each request that takes longer than SECONDS in all, redirects included (default %1; 0: no "
            "limit). Overrides the requests' own limits, as cURL's --max-time.")
            .arg(HttpRequest::kDefaultMaxTimeMs / 1000),
        HttpCommand::tr("SECONDS") };
    QCommandLineOption connectTimeout { QStringLiteral("connect-timeout"),
        HttpCommand::tr("Give up on a connection that is not set up (DNS, TCP, TLS) within SECONDS."),
        HttpCommand::tr("SECONDS") };

    QList<QCommandLineOption> all() const
    {
        return { env, name, junit, dryRun, printCurl, curl, reveal, failHttp, noHistory, maxTime,
            connectTimeout };
    }
};

QString httpDescription()
{
    return HttpCommand::tr(
        "Sends the requests of a .http file (VS Code REST Client / JetBrains HTTP Client format) in order,\n"
        "runs their response handler scripts and prints a line per request and per test.\n\n"
        "Secrets (variables from http-client.private.env.json) are sent as they are, but masked as\n"
        "\u2022\u2022\u2022\u2022 in everything printed or stored: the request lines, --dry-run, "
        "--print-curl, the JUnit\n"
        "report and the request history. --reveal-secrets shows them in --dry-run and --print-curl.\n\n"
        "Exit code: 0 when every request was sent and every test passed; 1 when a request could not be\n"
        "prepared or sent, a handler script failed or a test failed (with --fail-http also when a\n"
        "status is 400 or more); 2 for wrong usage.");
}

} // namespace

std::optional<int> HttpCommand::parseOptions(
    const QStringList &arguments, GlobalOptions &globals, HttpRunOptions *options)
{
    CommandLine commandLine(QStringLiteral("http"), tr("FILE.http"), tr("The .http file."));
    QCommandLineParser &parser = commandLine.parser();
    parser.setApplicationDescription(httpDescription());
    const HttpOptionSet o;
    parser.addOptions(o.all());
    if (!commandLine.parse(arguments, globals, m_out, m_err))
        return commandLine.exitCode();
    const QStringList positional = parser.positionalArguments();
    const bool fromCurl = parser.isSet(o.curl);
    if (fromCurl == (positional.size() == 1) || positional.size() > 1)
        return usageError(tr("Give one .http FILE, or --curl 'curl ...'."));
    options->httpFile = fromCurl ? QString() : positional.first();
    options->curlGiven = fromCurl;
    options->curl = parser.value(o.curl);
    options->dryRun = parser.isSet(o.dryRun);
    options->printCurl = parser.isSet(o.printCurl);
    if (options->dryRun && options->printCurl)
        return usageError(tr("--dry-run and --print-curl cannot be combined."));
    if (fromCurl && (parser.isSet(o.name) || parser.isSet(o.env)))
        return usageError(tr("--name and --env apply to .http files, not to --curl."));
    for (const auto &[option, into] : { std::pair { &o.maxTime, &options->maxTimeMs },
             std::pair { &o.connectTimeout, &options->connectTimeoutMs } }) {
        if (const std::optional<int> code = parseSeconds(parser, *option, into))
            return code;
    }
    options->environment = parser.value(o.env);
    options->names = parser.values(o.name);
    options->junitPath = parser.isSet(o.junit) ? parser.value(o.junit) : QString();
    options->reveal = parser.isSet(o.reveal);
    options->failHttp = parser.isSet(o.failHttp);
    options->history = !parser.isSet(o.noHistory);
    return std::nullopt;
}

std::optional<int> HttpCommand::parseSeconds(
    const QCommandLineParser &parser, const QCommandLineOption &option, std::optional<int> *into)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const double seconds = parser.value(option).toDouble(&ok);
    if (!ok || seconds < 0 || seconds > std::numeric_limits<int>::max() / 1000)
        return usageError(tr("--%1 needs a number of seconds, such as 30 or 0.5; got '%2'.")
                .arg(option.names().constFirst(), parser.value(option)));
    *into = int(seconds * 1000);
    return std::nullopt;
}

} // namespace StudyBench
