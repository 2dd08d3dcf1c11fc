#pragma once

#include "httpclient/httpmessage.h"
#include "httpclient/responsescript.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace StudyBench {

class ElidedLabel;
class TimingView;

/// Shows a response: the status line, time and size, the headers, the body (pretty-printed and
/// highlighted JSON/XML/HTML, raw, or "binary, N bytes" with a hex view) and the results of the
/// handler script's tests.
///
/// The body is read and formatted off the GUI thread. Bodies above kLargeBody are not formatted at
/// all: they are shown raw, a page of kPageSize bytes at a time, read from the body file; so is
/// text with a line longer than kLongestLine that formatting does not break up.
class HttpResponseView : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 kLargeBody = qint64(2) << 20;
    static constexpr qint64 kPageSize = qint64(128) << 10;
    static constexpr qint64 kHexBytes = qint64(64) << 10;
    static constexpr qint64 kHighlightLimit = qint64(512) << 10;
    /// Text with a longer line (in characters) is not shown whole: laying it out takes too long.
    static constexpr qsizetype kLongestLine = 64 * 1024;

    /// What the body page shows.
    enum class BodyKind
    {
        Empty,
        Text, ///< formatted (and highlighted when small enough)
        Large, ///< raw, in pages
        Binary,
        Message, ///< an error or a note instead of a body
    };

    /// A body as it will be shown, made off the GUI thread (defined where it is made).
    struct FormattedBody;

    explicit HttpResponseView(QWidget *parent = nullptr);

    void clear();
    /// A request is on its way; @p title says which.
    void showSending(const QString &title);
    void showProgress(qint64 bytesReceived, qint64 bytesTotal);
    /// Shows @p response, and the handler script's results when @p script is given.
    void showResponse(const HttpResponse &response, const ScriptResult *script = nullptr);
    /// The request could not be sent (unresolved variables, unreadable files...).
    void showProblem(const QString &title, const QStringList &details);

    /// What a person should know about an error of kind @p kind.
    static QString errorMessage(HttpErrorKind kind);

    /// Copies the body to @p path (QSaveFile, off the GUI thread); bodySaved() follows.
    void saveBodyTo(const QString &path);
    /// Shows page @p page (0-based) of a large body.
    void showPage(qint64 page);

    const HttpResponse &response() const { return m_response; }
    BodyKind bodyKind() const { return m_bodyKind; }
    QString statusText() const;
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QPlainTextEdit *rawEdit() const { return m_raw; }
    QPlainTextEdit *hexEdit() const { return m_hex; }
    QPlainTextEdit *pageEdit() const { return m_pageText; }
    QLabel *binaryLabel() const { return m_binaryLabel; }
    QLabel *messageLabel() const { return m_message; }
    /// Above the tabs: why a response whose body arrived in part failed.
    QLabel *problemLabel() const { return m_problem; }
    QTableWidget *headersTable() const { return m_headers; }
    QListWidget *testsList() const { return m_tests; }
    TimingView *timingView() const { return m_timing; }
    QPushButton *saveButton() const { return m_save; }
    qint64 currentPage() const { return m_page; }
    qint64 pageCount() const;

Q_SIGNALS:
    /// The body of the response last shown is on screen (formatting finished).
    void bodyShown();
    void pageShown(qint64 page);
    /// @p error is empty when the body was saved.
    void bodySaved(const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildBodyPage();
    void showStatus(const HttpResponse &response);
    void showMeta(const HttpResponse &response);
    void showHeaders(const HttpResponse &response);
    void showBody(const FormattedBody &body);
    void showScript(const ScriptResult &script);
    void setBodyText(QPlainTextEdit *edit, const QString &text, const QString &syntax);
    void askWhereToSave();

    QLabel *m_status;
    ElidedLabel *m_meta;
    QPushButton *m_save;
    QTabWidget *m_tabs;
    QStackedWidget *m_bodyStack = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_binaryLabel = nullptr;
    QPlainTextEdit *m_hex = nullptr;
    QLabel *m_pageLabel = nullptr;
    QPushButton *m_prevPage = nullptr;
    QPushButton *m_nextPage = nullptr;
    QPlainTextEdit *m_pageText = nullptr;
    QLabel *m_message = nullptr;
    QPlainTextEdit *m_raw;
    QTableWidget *m_headers;
    QListWidget *m_tests;
    TimingView *m_timing;
    QLabel *m_problem;

    HttpResponse m_response;
    BodyKind m_bodyKind = BodyKind::Empty;
    quint64 m_generation = 0;
    qint64 m_page = 0;
    QString m_bodySyntax;
};

} // namespace StudyBench
