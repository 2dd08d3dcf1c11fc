#include "http/httprequesteditor.h"

#include "http/httpsyntax.h"
#include "httpclient/httpvariables.h"
#include "httpclient/requestbuilder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace StudyBench {

namespace {

const QByteArray kQueryKeep = QByteArrayLiteral("{}$:/@!*'(),;~[]?|");

QString decodeQueryPart(const QString &text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

QString encodeQueryPart(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, kQueryKeep));
}

HttpEditorRequest::RawType rawTypeFor(const ContentType &type)
{
    if (type.isJson())
        return HttpEditorRequest::RawType::Json;
    if (type.mimeType.endsWith(u"xml") || type.mimeType.endsWith(u"+xml"))
        return HttpEditorRequest::RawType::Xml;
    return HttpEditorRequest::RawType::Text;
}

QString mimeTypeFor(HttpEditorRequest::RawType type)
{
    switch (type) {
    case HttpEditorRequest::RawType::Json:
        return QStringLiteral("application/json");
    case HttpEditorRequest::RawType::Xml:
        return QStringLiteral("application/xml");
    case HttpEditorRequest::RawType::Text:
        break;
    }
    return QStringLiteral("text/plain; charset=utf-8");
}

QList<KeyValueRow> enabledHeaderRows(const HttpHeaders &headers)
{
    QList<KeyValueRow> rows;
    for (const HttpHeader &h : headers)
        rows.append({ true, h.name, h.value, false });
    return rows;
}

} // namespace

HttpEditorRequest HttpEditorRequest::fromRequest(const HttpRequest &request)
{
    HttpEditorRequest out;
    out.method = request.method;
    out.url = request.url;
    out.headers = enabledHeaderRows(request.headers);
    out.timeoutMs = request.timeoutMs;
    out.maxTimeMs = request.maxTimeMs;
    out.connectTimeoutMs = request.connectTimeoutMs;
    out.followRedirects = request.followRedirects;
    out.maxRedirects = request.maxRedirects;
    out.verifyTls = request.verifyTls;
    out.useCookieJar = request.useCookieJar;
    out.httpVersion = request.httpVersion;
    if (request.body.isEmpty())
        return out;
    const ContentType type = ContentType::parse(headerValue(request.headers, u"Content-Type"));
    if (type.mimeType == u"application/x-www-form-urlencoded") {
        out.bodyMode = BodyMode::FormUrlEncoded;
        for (const QByteArray &pair : request.body.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            QByteArray name = eq < 0 ? pair : pair.left(eq);
            QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            name.replace('+', ' ');
            value.replace('+', ' ');
            out.formFields.append(
                { true, QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value), false });
        }
        return out;
    }
    out.bodyMode = BodyMode::Raw;
    out.rawType = rawTypeFor(type);
    out.rawText = QString::fromUtf8(request.body);
    return out;
}

HttpEditorRequest HttpEditorRequest::fromTemplate(const HttpRequestTemplate &request)
{
    HttpEditorRequest out;
    out.method = request.method;
    out.url = request.url;
    for (const HttpHeader &h : request.headers)
        out.headers.append({ true, h.name, h.value, false });
    out.followRedirects = !request.noRedirect;
    out.verifyTls = !request.insecure;
    out.useCookieJar = !request.noCookieJar;
    out.httpVersion = request.httpVersion;
    if (request.timeoutMs >= 0)
        out.timeoutMs = request.timeoutMs;
    if (request.maxTimeMs >= 0)
        out.maxTimeMs = request.maxTimeMs;
    if (request.connectTimeoutMs >= 0)
        out.connectTimeoutMs = request.connectTimeoutMs;
    out.origin = request;
    if (!request.body.isEmpty()) {
        QStringList lines;
        for (const HttpBodyPart &part : request.body) {
            switch (part.kind) {
            case HttpBodyPart::Text:
                lines.append(part.text);
                break;
            case HttpBodyPart::File:
                lines.append(QStringLiteral("< ") + part.text);
                break;
            case HttpBodyPart::FileWithVariables:
                lines.append(QStringLiteral("<@ ") + part.text);
                break;
            }
        }
        out.bodyMode = BodyMode::Raw;
        out.rawType = rawTypeFor(ContentType::parse(headerValue(request.headers, u"Content-Type")));
        out.rawText = lines.join(QLatin1Char('\n'));
        out.bodyFromOrigin = true;
    }
    return out;
}

HttpRequestTemplate HttpEditorRequest::toTemplate() const
{
    HttpRequestTemplate t = origin.value_or(HttpRequestTemplate {});
    t.method = method.trimmed().toUpper();
    t.url = url.trimmed();
    HttpHeaders enabled;
    for (const KeyValueRow &h : headers) {
        if (h.enabled && !h.name.trimmed().isEmpty())
            enabled.append({ h.name.trimmed(), h.value });
    }
    if (enabled != t.headers)
        t.headerLines.clear(); // problems are reported at the request line; as written, at their own
    t.headers = enabled;
    if (!usesOriginBody()) {
        t.body.clear();
        t.bodySeparator = QStringLiteral("\n");
        if (bodyMode == BodyMode::Raw && !rawText.isEmpty())
            t.body.append({ HttpBodyPart::Text, rawText, t.line });
    }
    t.noRedirect = !followRedirects;
    t.insecure = !verifyTls;
    t.noCookieJar = !useCookieJar;
    t.httpVersion = httpVersion;
    t.timeoutMs = timeoutMs;
    t.maxTimeMs = maxTimeMs;
    t.connectTimeoutMs = connectTimeoutMs;
    return t;
}

RequestDescription HttpEditorRequest::describe(
    const std::function<QString(const QString &)> &resolved, const QString &baseDirectory) const
{
    static constexpr RequestDescription::Body kBodies[]
        = { RequestDescription::Body::None, RequestDescription::Body::Raw, RequestDescription::Body::Form,
              RequestDescription::Body::Multipart, RequestDescription::Body::File };
    const auto fields = [&resolved](const QList<KeyValueRow> &rows) {
        QList<RequestField> out;
        for (const KeyValueRow &row : rows) {
            if (row.enabled)
                out.append({ resolved(row.name), resolved(row.value), row.isFile });
        }
        return out;
    };
    RequestDescription d;
    d.baseDirectory = baseDirectory;
    if (!usesOriginBody()) {
        d.body = kBodies[int(bodyMode)];
        d.rawContentType = mimeTypeFor(rawType);
        if (bodyMode == BodyMode::FormUrlEncoded)
            d.fields = fields(formFields);
        else if (bodyMode == BodyMode::Multipart)
            d.fields = fields(multipartFields);
        else if (bodyMode == BodyMode::File && !bodyFile.trimmed().isEmpty())
            d.bodyFile = resolved(bodyFile);
    }
    d.auth = RequestDescription::Auth(int(auth));
    if (auth == Auth::Basic) {
        d.user = resolved(authUser);
        d.password = resolved(authPassword);
    } else if (auth == Auth::Bearer) {
        d.token = resolved(authToken);
    } else if (auth == Auth::ApiKey) {
        d.apiKeyName = resolved(apiKeyName);
        d.apiKeyValue = resolved(apiKeyValue);
        d.apiKeyInQuery = apiKeyInQuery;
    }
    return d;
}

HttpRequest HttpEditorRequest::resolve(const HttpVariables &variables, const QString &baseDirectory,
    const QString &sourceFile, QList<HttpFileError> *errors) const
{
    const HttpRequestTemplate t = toTemplate();
    HttpRequest out = variables.resolveRequest(t, baseDirectory, sourceFile, errors);
    out.maxRedirects = maxRedirects;
    const auto resolved = [&](const QString &text) {
        QStringList found;
        const QString value = variables.resolve(text, &found);
        for (const QString &e : std::as_const(found))
            errors->append({ sourceFile, t.line, e });
        return value;
    };
    const QStringList problems = RequestBuilder::apply(out, describe(resolved, baseDirectory));
    for (const QString &problem : problems)
        errors->append({ sourceFile, t.line, problem });
    return out;
}

HttpRequestEditor::HttpRequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_tabs(new QTabWidget(this))
    , m_params(new KeyValueTable(tr("Parameter"), tr("Value"), false, this))
    , m_headers(new KeyValueTable(tr("Header"), tr("Value"), false, this))
{
    m_method->setEditable(true);
    m_method->addItems(
        { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
            QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS") });
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->setMinimumContentsLength(8);
    m_method->setToolTip(tr("The request method; type another one if you need it."));
    m_url->setPlaceholderText(tr("https://example.com/api/items?page=1 (\"{{name}}\" uses a variable)"));
    m_url->setClearButtonEnabled(true);
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setMinimumWidth(m_send->fontMetrics().horizontalAdvance(tr("Cancel")) + 40);

    auto *top = new QHBoxLayout;
    top->addWidget(m_method);
    top->addWidget(m_url, 1);
    top->addWidget(m_send);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_params, tr("Params"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(buildBodyPage(), tr("Body"));
    m_tabs->addTab(buildAuthPage(), tr("Auth"));
    m_tabs->addTab(buildOptionsPage(), tr("Options"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_url, &QLineEdit::textEdited, this, &HttpRequestEditor::onUrlEdited);
    connect(m_params, &KeyValueTable::rowsEdited, this, &HttpRequestEditor::onParamsEdited);
    connect(m_headers, &KeyValueTable::rowsEdited, this, &HttpRequestEditor::updateTabTitles);
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_busy)
            Q_EMIT cancelRequested();
        else
            Q_EMIT sendRequested();
    });
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_busy)
            Q_EMIT sendRequested();
    });
    setRequest(HttpEditorRequest {});
}

void HttpRequestEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateBodyControls(); // the highlighting theme follows the palette
}

QWidget *HttpRequestEditor::buildBodyPage()
{
    auto *page = new QWidget(this);
    m_bodyMode = new QComboBox(page);
    m_bodyMode->addItems(
        { tr("No body"), tr("Raw"), tr("Form URL-encoded"), tr("Multipart form"), tr("File") });
    m_rawType = new QComboBox(page);
    m_rawType->addItems({ tr("JSON"), tr("XML"), tr("Text") });
    m_format = new QPushButton(tr("Pretty-Print"), page);
    m_format->setToolTip(tr("Indent the JSON or XML body"));
    m_bodyStack = new QStackedWidget(page);

    auto *none = new QLabel(tr("This request has no body."), m_bodyStack);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    auto *rawPage = new QWidget(m_bodyStack);
    m_rawBody = new QPlainTextEdit(rawPage);
    m_rawBody->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawBody->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rawBody->setPlaceholderText(tr("{\"name\": \"{{user}}\"}"));
    m_rawBody->setTabChangesFocus(true);
    m_originBodyNote = new QLabel(tr("The body as written in the .http file; \"< ./file\" lines send that "
                                     "file. Editing it sends the text "
                                     "as shown."),
        rawPage);
    m_originBodyNote->setWordWrap(true);
    auto *rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_originBodyNote);
    rawLayout->addWidget(m_rawBody, 1);
    m_form = new KeyValueTable(tr("Field"), tr("Value"), false, m_bodyStack);
    m_multipart = new KeyValueTable(tr("Field"), tr("Value or file path"), true, m_bodyStack);
    auto *filePage = new QWidget(m_bodyStack);
    m_bodyFile = new QLineEdit(filePage);
    m_bodyFile->setPlaceholderText(tr("The file whose contents are the body"));
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    auto *fileLayout = new QHBoxLayout;
    fileLayout->addWidget(m_bodyFile, 1);
    fileLayout->addWidget(browse);
    auto *fileBox = new QVBoxLayout(filePage);
    fileBox->addLayout(fileLayout);
    fileBox->addStretch(1);
    m_bodyStack->addWidget(none);
    m_bodyStack->addWidget(rawPage);
    m_bodyStack->addWidget(m_form);
    m_bodyStack->addWidget(m_multipart);
    m_bodyStack->addWidget(filePage);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Body:"), page));
    row->addWidget(m_bodyMode);
    row->addWidget(m_rawType);
    row->addStretch(1);
    row->addWidget(m_format);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_bodyStack, 1);

    connect(m_bodyMode, &QComboBox::currentIndexChanged, this, &HttpRequestEditor::updateBodyControls);
    connect(m_rawType, &QComboBox::currentIndexChanged, this, &HttpRequestEditor::updateBodyControls);
    connect(m_format, &QPushButton::clicked, this, &HttpRequestEditor::prettyPrintBody);
    connect(m_rawBody, &QPlainTextEdit::textChanged, this, [this] {
        if (m_syncing)
            return;
        m_bodyFromOrigin = false;
        m_originBodyNote->hide();
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Choose the Body File"), m_bodyFile->text());
        if (!path.isEmpty())
            m_bodyFile->setText(path);
    });
    return page;
}

QWidget *HttpRequestEditor::buildAuthPage()
{
    auto *page = new QWidget(this);
    m_auth = new QComboBox(page);
    m_auth->addItems(
        { tr("None (or an Authorization header)"), tr("Basic"), tr("Bearer token"), tr("API key") });
    m_authStack = new QStackedWidget(page);
    m_authStack->addWidget(new QWidget(m_authStack));

    auto *basic = new QWidget(m_authStack);
    auto *basicForm = new QFormLayout(basic);
    m_authUser = new QLineEdit(basic);
    m_authPassword = new QLineEdit(basic);
    m_authPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_authPassword->setPlaceholderText(tr("\"{{password}}\" keeps it in the private environment file"));
    basicForm->addRow(tr("User:"), m_authUser);
    basicForm->addRow(tr("Password:"), m_authPassword);
    m_authStack->addWidget(basic);

    auto *bearer = new QWidget(m_authStack);
    auto *bearerForm = new QFormLayout(bearer);
    m_authToken = new QLineEdit(bearer);
    m_authToken->setPlaceholderText(tr("{{token}}"));
    bearerForm->addRow(tr("Token:"), m_authToken);
    m_authStack->addWidget(bearer);

    auto *apiKey = new QWidget(m_authStack);
    auto *apiForm = new QFormLayout(apiKey);
    m_apiKeyName = new QLineEdit(QStringLiteral("X-API-Key"), apiKey);
    m_apiKeyValue = new QLineEdit(apiKey);
    m_apiKeyValue->setPlaceholderText(tr("{{apiKey}}"));
    m_apiKeyPlace = new QComboBox(apiKey);
    m_apiKeyPlace->addItems({ tr("Header"), tr("Query parameter") });
    apiForm->addRow(tr("Name:"), m_apiKeyName);
    apiForm->addRow(tr("Value:"), m_apiKeyValue);
    apiForm->addRow(tr("Send in:"), m_apiKeyPlace);
    m_authStack->addWidget(apiKey);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Authentication:"), m_auth);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_authStack);
    layout->addStretch(1);
    connect(m_auth, &QComboBox::currentIndexChanged, m_authStack, &QStackedWidget::setCurrentIndex);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &HttpRequestEditor::updateTabTitles);
    return page;
}

void HttpRequestEditor::setInsecureTlsAllowed(bool allowed)
{
    m_insecureTlsAllowed = allowed;
    if (!allowed)
        m_verifyTls->setChecked(true);
    m_verifyTls->setEnabled(allowed);
    m_optionsForm->setRowVisible(m_verifyTls, allowed);
}

QWidget *HttpRequestEditor::buildOptionsPage()
{
    auto *page = new QWidget(this);
    m_timeout = new QSpinBox(page);
    m_timeout->setRange(0, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("No timeout"));
    m_timeout->setToolTip(tr("How long a transfer may go without progress (\"# @timeout\" in .http files)"));
    auto seconds = [page](double max, const QString &none, const QString &tip) {
        auto *box = new QDoubleSpinBox(page);
        box->setRange(0, max);
        box->setDecimals(1);
        box->setSuffix(tr(" s"));
        box->setSpecialValueText(none);
        box->setToolTip(tip);
        return box;
    };
    m_maxTime = seconds(24 * 3600, tr("No limit"),
        tr("How long the whole request may take, redirects included, however steadily the server sends "
           "(\"# @max-time\" in .http files, cURL --max-time)"));
    m_connectTimeout = seconds(3600, tr("No separate limit"),
        tr("How long setting up a connection may take: DNS, TCP and TLS (\"# @connection-timeout\" in .http "
           "files, cURL --connect-timeout)"));
    m_followRedirects = new QCheckBox(tr("Follow redirects, at most"), page);
    m_maxRedirects = new QSpinBox(page);
    m_maxRedirects->setRange(1, 100);
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), page);
    m_tlsWarning = new QLabel(
        tr("This request accepts any certificate, so anyone on the way can read and change it. Use it only "
           "for local servers with self-signed certificates."),
        page);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setMaximumWidth(520);
    m_tlsWarning->setForegroundRole(QPalette::Highlight);
    m_cookieJar = new QCheckBox(tr("Send and keep cookies (one jar per environment)"), page);
    m_httpVersion = new QComboBox(page);
    m_httpVersion->addItem(tr("Automatic (HTTP/2 when an https:// server offers it)"), QString());
    m_httpVersion->addItem(
        tr("HTTP/1.1 (strict framing checks, every phase timed)"), QStringLiteral("HTTP/1.1"));
    m_httpVersion->setToolTip(tr("http:// requests always use HTTP/1.1 with strict checks; this chooses for "
                                 "https:// requests. The .http request line's version sets it too."));

    auto *redirects = new QHBoxLayout;
    redirects->addWidget(m_followRedirects);
    redirects->addWidget(m_maxRedirects);
    redirects->addStretch(1);
    auto *form = m_optionsForm = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Idle timeout:"), m_timeout);
    form->addRow(tr("Total time limit:"), m_maxTime);
    form->addRow(tr("Connect timeout:"), m_connectTimeout);
    form->addRow(tr("Redirects:"), redirects);
    form->addRow(tr("TLS:"), m_verifyTls);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(tr("Cookies:"), m_cookieJar);
    form->addRow(tr("HTTP version:"), m_httpVersion);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_followRedirects, &QCheckBox::toggled, m_maxRedirects, &QWidget::setEnabled);
    connect(m_verifyTls, &QCheckBox::toggled, this, [this](bool on) {
        m_tlsWarning->setVisible(!on);
        updateTabTitles();
    });
    return page;
}

HttpEditorRequest HttpRequestEditor::request() const
{
    HttpEditorRequest r;
    r.method = m_method->currentText().trimmed().toUpper();
    r.url = m_url->text().trimmed();
    r.headers = m_headers->rows();
    r.bodyMode = HttpEditorRequest::BodyMode(m_bodyMode->currentIndex());
    r.rawType = HttpEditorRequest::RawType(m_rawType->currentIndex());
    r.rawText = m_rawBody->toPlainText();
    r.formFields = m_form->rows();
    r.multipartFields = m_multipart->rows();
    r.bodyFile = m_bodyFile->text();
    r.auth = HttpEditorRequest::Auth(m_auth->currentIndex());
    r.authUser = m_authUser->text();
    r.authPassword = m_authPassword->text();
    r.authToken = m_authToken->text();
    r.apiKeyName = m_apiKeyName->text();
    r.apiKeyValue = m_apiKeyValue->text();
    r.apiKeyInQuery = m_apiKeyPlace->currentIndex() == 1;
    r.timeoutMs = m_timeout->value() * 1000;
    r.maxTimeMs = int(qRound(m_maxTime->value() * 1000));
    r.connectTimeoutMs = int(qRound(m_connectTimeout->value() * 1000));
    r.followRedirects = m_followRedirects->isChecked();
    r.maxRedirects = m_maxRedirects->value();
    r.verifyTls = m_verifyTls->isChecked();
    r.useCookieJar = m_cookieJar->isChecked();
    r.httpVersion = m_httpVersion->currentData().toString();
    r.origin = m_origin;
    r.bodyFromOrigin = m_bodyFromOrigin && r.bodyMode == HttpEditorRequest::BodyMode::Raw;
    return r;
}

void HttpRequestEditor::setRequest(const HttpEditorRequest &r)
{
    ++m_syncing;
    m_method->setCurrentText(r.method);
    m_url->setText(r.url);
    QList<KeyValueRow> params = queryParameters(r.url);
    m_params->setRows(params);
    m_headers->setRows(r.headers);
    m_bodyMode->setCurrentIndex(int(r.bodyMode));
    m_rawType->setCurrentIndex(int(r.rawType));
    m_rawBody->setPlainText(r.rawText);
    m_form->setRows(r.formFields);
    m_multipart->setRows(r.multipartFields);
    m_bodyFile->setText(r.bodyFile);
    m_auth->setCurrentIndex(int(r.auth));
    m_authUser->setText(r.authUser);
    m_authPassword->setText(r.authPassword);
    m_authToken->setText(r.authToken);
    m_apiKeyName->setText(r.apiKeyName);
    m_apiKeyValue->setText(r.apiKeyValue);
    m_apiKeyPlace->setCurrentIndex(r.apiKeyInQuery ? 1 : 0);
    m_timeout->setValue(r.timeoutMs / 1000);
    m_maxTime->setValue(r.maxTimeMs / 1000.0);
    m_connectTimeout->setValue(r.connectTimeoutMs / 1000.0);
    m_followRedirects->setChecked(r.followRedirects);
    m_maxRedirects->setValue(r.maxRedirects);
    m_maxRedirects->setEnabled(r.followRedirects);
    m_verifyTls->setChecked(r.verifyTls || !m_insecureTlsAllowed);
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
    m_cookieJar->setChecked(r.useCookieJar);
    {
        // A version the box does not list (HTTP/2, HTTP/1.0 from a .http file) means automatic.
        const int index = m_httpVersion->findData(r.httpVersion);
        m_httpVersion->setCurrentIndex(qMax(0, index));
    }
    m_origin = r.origin;
    m_bodyFromOrigin = r.bodyFromOrigin;
    m_originBodyNote->setVisible(r.bodyFromOrigin);
    --m_syncing;
    updateBodyControls();
    updateTabTitles();
}

void HttpRequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
    m_send->setToolTip(busy ? tr("Stop the running request") : tr("Send the request (Ctrl+Enter)"));
}

QList<KeyValueRow> HttpRequestEditor::queryParameters(const QString &url)
{
    QList<KeyValueRow> out;
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    if (question < 0)
        return out;
    qsizetype end = url.indexOf(QLatin1Char('#'), question);
    if (end < 0)
        end = url.size();
    const QString query = url.mid(question + 1, end - question - 1);
    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        KeyValueRow row;
        row.name = decodeQueryPart(eq < 0 ? pair : pair.left(eq));
        row.value = eq < 0 ? QString() : decodeQueryPart(pair.mid(eq + 1));
        out.append(row);
    }
    return out;
}

QString HttpRequestEditor::withQueryParameters(const QString &url, const QList<KeyValueRow> &parameters)
{
    qsizetype hash = url.indexOf(QLatin1Char('#'));
    const QString fragment = hash < 0 ? QString() : url.mid(hash);
    QString base = hash < 0 ? url : url.left(hash);
    const qsizetype question = base.indexOf(QLatin1Char('?'));
    if (question >= 0)
        base.truncate(question);
    QStringList pairs;
    for (const KeyValueRow &p : parameters) {
        if (!p.enabled || (p.name.isEmpty() && p.value.isEmpty()))
            continue;
        pairs.append(p.value.isEmpty()
                ? encodeQueryPart(p.name)
                : encodeQueryPart(p.name) + QLatin1Char('=') + encodeQueryPart(p.value));
    }
    if (!pairs.isEmpty())
        base += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    return base + fragment;
}

void HttpRequestEditor::onUrlEdited()
{
    QList<KeyValueRow> rows = queryParameters(m_url->text());
    for (const KeyValueRow &row : m_params->rows()) {
        if (!row.enabled)
            rows.append(row);
    }
    m_params->setRows(rows);
    updateTabTitles();
}

void HttpRequestEditor::onParamsEdited()
{
    m_url->setText(withQueryParameters(m_url->text(), m_params->rows()));
    updateTabTitles();
}

void HttpRequestEditor::updateBodyControls()
{
    const auto mode = HttpEditorRequest::BodyMode(m_bodyMode->currentIndex());
    m_bodyStack->setCurrentIndex(int(mode));
    const bool raw = mode == HttpEditorRequest::BodyMode::Raw;
    m_rawType->setVisible(raw);
    const auto type = HttpEditorRequest::RawType(m_rawType->currentIndex());
    m_format->setVisible(raw && type != HttpEditorRequest::RawType::Text);
    if (raw)
        HttpSyntax::highlight(m_rawBody,
            type == HttpEditorRequest::RawType::Json      ? QStringLiteral("JSON")
                : type == HttpEditorRequest::RawType::Xml ? QStringLiteral("XML")
                                                          : QString());
    updateTabTitles();
}

void HttpRequestEditor::updateTabTitles()
{
    auto counted = [](const QString &title, qsizetype n) {
        return n > 0 ? QStringLiteral("%1 (%2)").arg(title).arg(n) : title;
    };
    qsizetype params = 0;
    for (const KeyValueRow &r : m_params->rows())
        params += r.enabled ? 1 : 0;
    qsizetype headers = 0;
    for (const KeyValueRow &r : m_headers->rows())
        headers += r.enabled ? 1 : 0;
    m_tabs->setTabText(0, counted(tr("Params"), params));
    m_tabs->setTabText(1, counted(tr("Headers"), headers));
    m_tabs->setTabText(2, m_bodyMode->currentIndex() == 0 ? tr("Body") : tr("Body •"));
    m_tabs->setTabText(3, m_auth->currentIndex() == 0 ? tr("Auth") : tr("Auth •"));
    m_tabs->setTabText(4, m_verifyTls->isChecked() ? tr("Options") : tr("Options ⚠"));
}

void HttpRequestEditor::prettyPrintBody()
{
    const QString text = m_rawBody->toPlainText();
    QString pretty;
    if (HttpEditorRequest::RawType(m_rawType->currentIndex()) == HttpEditorRequest::RawType::Json) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (doc.isNull()) {
            m_rawBody->setToolTip(
                tr("Not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
            return;
        }
        pretty = QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    } else {
        pretty = HttpSyntax::prettyXml(text);
        if (pretty.isEmpty())
            return;
    }
    m_rawBody->setToolTip(QString());
    QTextCursor cursor(m_rawBody->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(pretty);
}

} // namespace StudyBench
