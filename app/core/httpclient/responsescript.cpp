#include "httpclient/responsescript.h"

#include "util/textdecoding.h"

#include <QDir>
#include <QFile>
#include <QJSEngine>
#include <QJSValue>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace StudyBench {

bool ScriptResult::allPassed() const
{
    for (const ScriptTestResult &t : tests) {
        if (!t.passed)
            return false;
    }
    return true;
}

QString ScriptResult::errorText() const
{
    if (error.isEmpty())
        return {};
    if (errorLine > 0)
        return QStringLiteral("%1:%2: %3").arg(errorFile).arg(errorLine).arg(error);
    return errorFile.isEmpty() ? error : QStringLiteral("%1: %2").arg(errorFile, error);
}

namespace {

// What scripts reach through `client` and `response`.
class ScriptHost : public QObject
{
    Q_OBJECT

public:
    ScriptHost(QJSEngine *engine, const HttpResponse &response, QVariantMap *globals, ScriptResult *result)
        : m_engine(engine)
        , m_headers(response.headers)
        , m_globals(globals)
        , m_result(result)
    { }

    Q_INVOKABLE void log(const QString &text) { m_result->log.append(text); }
    Q_INVOKABLE void testResult(const QString &name, bool passed, const QString &message)
    {
        m_result->tests.append({ name, passed, passed ? QString() : message });
    }
    Q_INVOKABLE QJSValue globalGet(const QString &name) const
    {
        if (!m_globals->contains(name))
            return QJSValue(QJSValue::NullValue);
        return m_engine->toScriptValue(m_globals->value(name));
    }
    Q_INVOKABLE void globalSet(const QString &name, const QJSValue &value)
    {
        if (value.isString() || value.isNumber() || value.isBool())
            m_globals->insert(name, value.toString());
        else if (value.isNull() || value.isUndefined())
            m_globals->remove(name);
        else
            m_globals->insert(name, value.toVariant(QJSValue::ConvertJSObjects));
    }
    Q_INVOKABLE void globalClear(const QString &name) { m_globals->remove(name); }
    Q_INVOKABLE void globalClearAll() { m_globals->clear(); }
    Q_INVOKABLE bool globalIsEmpty() const { return m_globals->isEmpty(); }
    Q_INVOKABLE QJSValue headerValue(const QString &name) const
    {
        const QStringList values = headerValues(name);
        return values.isEmpty() ? QJSValue(QJSValue::NullValue) : QJSValue(values.first());
    }
    Q_INVOKABLE QStringList headerValues(const QString &name) const
    {
        return StudyBench::headerValues(m_headers, name);
    }

private:
    QJSEngine *m_engine;
    HttpHeaders m_headers;
    QVariantMap *m_globals;
    ScriptResult *m_result;
};

const char *const kPrelude = R"JS(
(function (host, status, bodyText, isJson, mimeType, charset) {
    var body = bodyText;
    if (isJson) {
        try { body = JSON.parse(bodyText); } catch (e) { body = bodyText; }
    }
    function text(a) {
        if (typeof a === "string") return a;
        if (typeof a === "object") { try { return JSON.stringify(a); } catch (e) { return String(a); } }
        return String(a);
    }
    var insideTest = false;
    var client = {
        global: {
            set: function (name, value) { host.globalSet(String(name), value); },
            get: function (name) { return host.globalGet(String(name)); },
            clear: function (name) { host.globalClear(String(name)); },
            clearAll: function () { host.globalClearAll(); },
            isEmpty: function () { return host.globalIsEmpty(); }
        },
        log: function () { host.log(Array.prototype.map.call(arguments, text).join(" ")); },
        assert: function (condition, message) {
            if (condition) return;
            var e = new Error(message === undefined ? "Assertion failed" : text(message));
            e.studybenchAssertion = true;
            throw e;
        },
        test: function (name, fn) {
            insideTest = true;
            try {
                fn();
                host.testResult(text(name), true, "");
            } catch (e) {
                host.testResult(text(name), false, (e && e.message !== undefined) ? String(e.message) : text(e));
            } finally {
                insideTest = false;
            }
        }
    };
    var response = {
        status: status,
        body: body,
        headers: {
            valueOf: function (name) { return host.headerValue(String(name)); },
            valuesOf: function (name) { return host.headerValues(String(name)); }
        },
        contentType: { mimeType: mimeType, charset: charset }
    };
    return { client: client, response: response };
})
)JS";

} // namespace

ScriptResult ResponseScript::run(const QString &script, const HttpResponse &response, QVariantMap *globals,
    const QString &fileName, int firstLine, int timeoutMs)
{
    ScriptResult result;
    result.errorFile = fileName;
    QJSEngine engine;
    ScriptHost host(&engine, response, globals, &result);

    const ContentType type = response.contentType();
    const QByteArray bytes = response.readBody(kMaxBodyBytes);
    if (response.bodySize > kMaxBodyBytes)
        result.warnings.append(tr("The body is %1 bytes; the handler script saw only its first %2 MiB, so "
                                  "response.body is cut short (and JSON in it cannot be parsed).")
                .arg(response.bodySize)
                .arg(kMaxBodyBytes >> 20));
    const QString bodyText = decodeCharset(bytes, type.charset);

    // newQObject() must not take ownership of an object on the stack.
    QJSEngine::setObjectOwnership(&host, QJSEngine::CppOwnership);
    QJSValue factory = engine.evaluate(QString::fromUtf8(kPrelude), QStringLiteral("studybench-prelude.js"));
    const QJSValue objects = factory.call({ engine.newQObject(&host), response.status, bodyText,
        type.isJson(), type.mimeType, type.charset.isEmpty() ? QStringLiteral("utf-8") : type.charset });
    engine.globalObject().setProperty(QStringLiteral("client"), objects.property(QStringLiteral("client")));
    engine.globalObject().setProperty(
        QStringLiteral("response"), objects.property(QStringLiteral("response")));

    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mutex);
        if (!finished.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return done; }))
            engine.setInterrupted(true);
    });
    const QJSValue value = engine.evaluate(script, fileName, firstLine);
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    finished.notify_all();
    watchdog.join();

    if (engine.isInterrupted()) {
        result.error = tr("The handler script ran for more than %1 ms and was stopped (an endless loop?).")
                           .arg(timeoutMs);
        return result;
    }
    if (value.isError()) {
        if (value.property(QStringLiteral("studybenchAssertion")).toBool()) {
            const QString message = value.property(QStringLiteral("message")).toString();
            result.tests.append({ message, false, message });
            return result;
        }
        result.error = value.toString();
        result.errorLine = value.property(QStringLiteral("lineNumber")).toInt();
    }
    return result;
}

ScriptResult ResponseScript::runFile(
    const QString &path, const HttpResponse &response, QVariantMap *globals, int timeoutMs)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ScriptResult result;
        result.errorFile = path;
        result.error = tr("Cannot read the handler script: %1").arg(f.errorString());
        return result;
    }
    return run(QString::fromUtf8(f.readAll()), response, globals, path, 1, timeoutMs);
}

ResponseHandler ResponseHandler::of(
    const HttpRequestTemplate &request, const QString &baseDirectory, const QString &sourceFile)
{
    ResponseHandler handler;
    handler.sourceFile = sourceFile;
    handler.line = request.handlerLine;
    if (!request.handlerScript.isEmpty())
        handler.script = request.handlerScript;
    else if (!request.handlerScriptFile.isEmpty())
        handler.scriptFile = QDir(baseDirectory).absoluteFilePath(request.handlerScriptFile);
    return handler;
}

ScriptResult ResponseHandler::run(const HttpResponse &response, QVariantMap *globals) const
{
    if (!scriptFile.isEmpty())
        return ResponseScript::runFile(scriptFile, response, globals);
    return ResponseScript::run(script, response, globals, sourceFile, line);
}

} // namespace StudyBench

#include "responsescript.moc"
