#pragma once

#include "http/keyvaluetable.h"
#include "httpclient/httpfile.h"
#include "httpclient/httpmessage.h"
#include "httpclient/requestbuilder.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QFormLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;

namespace StudyBench {

class HttpVariables;

/// Everything the request editor holds, still with its "{{variables}}".
struct HttpEditorRequest
{
    enum class BodyMode
    {
        None,
        Raw,
        FormUrlEncoded,
        Multipart,
        File
    };
    enum class RawType
    {
        Json,
        Xml,
        Text
    };
    enum class Auth
    {
        None,
        Basic,
        Bearer,
        ApiKey
    };

    QString method = QStringLiteral("GET");
    QString url;
    QList<KeyValueRow> headers;
    BodyMode bodyMode = BodyMode::None;
    RawType rawType = RawType::Json;
    QString rawText;
    QList<KeyValueRow> formFields;
    QList<KeyValueRow> multipartFields;
    QString bodyFile;

    Auth auth = Auth::None;
    QString authUser;
    QString authPassword;
    QString authToken;
    QString apiKeyName = QStringLiteral("X-API-Key");
    QString apiKeyValue;
    bool apiKeyInQuery = false;

    int timeoutMs = 30000; ///< HttpRequest::timeoutMs, the idle timeout
    int maxTimeMs = HttpRequest::kDefaultMaxTimeMs; ///< HttpRequest::maxTimeMs, the total deadline
    int connectTimeoutMs = 0; ///< HttpRequest::connectTimeoutMs
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true;
    QString httpVersion; ///< HttpRequest::httpVersion
    bool useCookieJar = true;

    /// The .http request this one was loaded from: its name, handler script and directives.
    std::optional<HttpRequestTemplate> origin;
    /// The body is still the origin's (which may include "< ./file" parts) and is sent as written there.
    bool bodyFromOrigin = false;

    /// From a request that has been resolved (history, cURL import).
    static HttpEditorRequest fromRequest(const HttpRequest &request);
    /// From a .http file's request, as written.
    static HttpEditorRequest fromTemplate(const HttpRequestTemplate &request);

    /// Substitutes the variables and builds the body. Reads body files, so call it off the GUI thread.
    HttpRequest resolve(const HttpVariables &variables, const QString &baseDirectory,
        const QString &sourceFile, QList<HttpFileError> *errors) const;

    /// The .http request this one stands for, its body included unless it is built by RequestBuilder.
    HttpRequestTemplate toTemplate() const;
    /// The body and authentication as RequestBuilder builds them, each text passed through @p resolved.
    RequestDescription describe(
        const std::function<QString(const QString &)> &resolved, const QString &baseDirectory) const;
    bool usesOriginBody() const { return bodyFromOrigin && origin.has_value(); }
};

/// The request editor: method, URL with "{{variables}}", query parameters kept in sync with the
/// URL, headers, a body (raw JSON/XML/text with highlighting, form fields, multipart fields and
/// files, or a file), authentication helpers and transfer options.
class HttpRequestEditor : public QWidget
{
    Q_OBJECT

public:
    explicit HttpRequestEditor(QWidget *parent = nullptr);

    HttpEditorRequest request() const;
    void setRequest(const HttpEditorRequest &request);

    /// While a request is running, Send becomes Cancel.
    void setBusy(bool busy);
    /// Where an administrator forbids turning TLS checks off (HttpPolicy), the option is not
    /// offered: the TLS row is hidden and requests are built with verification on.
    void setInsecureTlsAllowed(bool allowed);

    QComboBox *methodBox() const { return m_method; }
    QLineEdit *urlEdit() const { return m_url; }
    KeyValueTable *paramsTable() const { return m_params; }
    KeyValueTable *headersTable() const { return m_headers; }
    QPlainTextEdit *bodyEdit() const { return m_rawBody; }
    QComboBox *bodyModeBox() const { return m_bodyMode; }
    QComboBox *rawTypeBox() const { return m_rawType; }
    QComboBox *authBox() const { return m_auth; }
    QCheckBox *verifyTlsBox() const { return m_verifyTls; }
    QComboBox *httpVersionBox() const { return m_httpVersion; }
    QDoubleSpinBox *maxTimeBox() const { return m_maxTime; }
    QDoubleSpinBox *connectTimeoutBox() const { return m_connectTimeout; }
    QPushButton *sendButton() const { return m_send; }
    QTabWidget *tabs() const { return m_tabs; }

    /// The query string's parameters of @p url (percent-decoded), in order.
    static QList<KeyValueRow> queryParameters(const QString &url);
    /// @p url with its query string replaced by the enabled @p parameters (percent-encoded; "{{…}}" kept).
    static QString withQueryParameters(const QString &url, const QList<KeyValueRow> &parameters);

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildBodyPage();
    QWidget *buildAuthPage();
    QWidget *buildOptionsPage();
    void onUrlEdited();
    void onParamsEdited();
    void updateBodyControls();
    void updateTabTitles();
    void prettyPrintBody();

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    bool m_busy = false;
    QTabWidget *m_tabs;
    KeyValueTable *m_params;
    KeyValueTable *m_headers;

    QComboBox *m_bodyMode = nullptr;
    QComboBox *m_rawType = nullptr;
    QPushButton *m_format = nullptr;
    QStackedWidget *m_bodyStack = nullptr;
    QPlainTextEdit *m_rawBody = nullptr;
    KeyValueTable *m_form = nullptr;
    KeyValueTable *m_multipart = nullptr;
    QLineEdit *m_bodyFile = nullptr;
    QLabel *m_originBodyNote = nullptr;

    QComboBox *m_auth = nullptr;
    QStackedWidget *m_authStack = nullptr;
    QLineEdit *m_authUser = nullptr;
    QLineEdit *m_authPassword = nullptr;
    QLineEdit *m_authToken = nullptr;
    QLineEdit *m_apiKeyName = nullptr;
    QLineEdit *m_apiKeyValue = nullptr;
    QComboBox *m_apiKeyPlace = nullptr;

    QSpinBox *m_timeout = nullptr;
    QDoubleSpinBox *m_maxTime = nullptr;
    QDoubleSpinBox *m_connectTimeout = nullptr;
    QCheckBox *m_followRedirects = nullptr;
    QSpinBox *m_maxRedirects = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    bool m_insecureTlsAllowed = true;
    QFormLayout *m_optionsForm = nullptr;
    QComboBox *m_httpVersion = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QCheckBox *m_cookieJar = nullptr;

    std::optional<HttpRequestTemplate> m_origin;
    bool m_bodyFromOrigin = false;
    int m_syncing = 0;
};

} // namespace StudyBench
