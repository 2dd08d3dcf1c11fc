#include "http/httpresponseview.h"

#include "common/appearance.h"
#include "http/elidedtext.h"
#include "http/httpsyntax.h"
#include "http/timingview.h"
#include "util/asyncrun.h"
#include "util/textdecoding.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace StudyBench {

namespace {

enum BodyPage
{
    TextPage,
    LargePage,
    BinaryPage,
    MessagePage,
};

} // namespace

// The body as it will be shown, made off the GUI thread.
struct HttpResponseView::FormattedBody
{
    HttpResponseView::BodyKind kind = HttpResponseView::BodyKind::Empty;
    QString pretty;
    QString raw;
    QString syntax; ///< KSyntaxHighlighting definition; empty: none
    QString hex;
    QString note;
};

namespace {

using FormattedBody = HttpResponseView::FormattedBody;

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString decodeText(const QByteArray &bytes, const QString &charset)
{
    return decodeCharset(bytes, charset);
}

bool looksBinary(const QByteArray &sample)
{
    if (sample.contains('\0'))
        return true;
    // The sample may end inside a character: only errors before its last 3 bytes count.
    QStringDecoder utf8(QStringDecoder::Utf8);
    utf8.decode(sample.size() > 3 ? sample.chopped(3) : sample);
    return utf8.hasError();
}

QString hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() / 16 * 78 + 80);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < bytes.size()) {
                const auto c = static_cast<unsigned char>(bytes.at(offset + i));
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char('|') + ascii + QStringLiteral("|\n");
    }
    return out;
}

qsizetype longestLine(const QString &text)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

FormattedBody formatBody(const QString &path, qint64 size, const ContentType &type)
{
    FormattedBody out;
    if (size <= 0 || path.isEmpty()) {
        out.kind = HttpResponseView::BodyKind::Empty;
        return out;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.kind = HttpResponseView::BodyKind::Message;
        out.note = HttpResponseView::tr("Cannot read the body file %1: %2").arg(path, file.errorString());
        return out;
    }
    const QByteArray sample = file.peek(4096);
    const bool declaredText = type.isText() || type.mimeType.contains(u"html");
    const bool declaredBinary = !type.mimeType.isEmpty() && !declaredText;
    if (declaredBinary || (!declaredText && looksBinary(sample))) {
        out.kind = HttpResponseView::BodyKind::Binary;
        out.hex = hexDump(file.read(HttpResponseView::kHexBytes));
        return out;
    }
    if (size > HttpResponseView::kLargeBody) {
        out.kind = HttpResponseView::BodyKind::Large;
        return out;
    }
    const QByteArray bytes = file.readAll();
    out.kind = HttpResponseView::BodyKind::Text;
    out.raw = decodeText(bytes, type.charset);
    out.pretty = out.raw;
    if (type.isJson()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (!doc.isNull()) {
            out.pretty = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
            out.syntax = QStringLiteral("JSON");
        } else {
            out.note = HttpResponseView::tr("Not valid JSON (%1 at offset %2); shown as it came.")
                           .arg(error.errorString())
                           .arg(error.offset);
        }
    } else if (type.mimeType.contains(u"html")) {
        out.syntax = QStringLiteral("HTML");
    } else if (type.mimeType.endsWith(u"xml")) {
        const QString pretty = HttpSyntax::prettyXml(bytes);
        if (!pretty.isEmpty())
            out.pretty = pretty;
        out.syntax = QStringLiteral("XML");
    }
    if (out.pretty.size() > HttpResponseView::kHighlightLimit)
        out.syntax.clear();
    // A text view lays out a whole line at once: very long lines would stall the GUI thread.
    if (longestLine(out.raw) > HttpResponseView::kLongestLine) {
        out.raw = HttpResponseView::tr("The body has lines too long to show here; the Body tab shows it %1. "
                                       "Save it to read it whole.")
                      .arg(out.syntax.isEmpty() ? HttpResponseView::tr("in pages")
                                                : HttpResponseView::tr("formatted"));
        if (longestLine(out.pretty) > HttpResponseView::kLongestLine)
            out.kind = HttpResponseView::BodyKind::Large;
    }
    return out;
}

QString readPage(const QString &path, qint64 page, const QString &charset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(page * HttpResponseView::kPageSize))
        return HttpResponseView::tr("Cannot read the body file %1: %2").arg(path, file.errorString());
    return decodeText(file.read(HttpResponseView::kPageSize), charset);
}

QString copyFile(const QString &from, const QString &to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly))
        return out.errorString();
    QByteArray buffer;
    while (!in.atEnd()) {
        buffer = in.read(1 << 20);
        if (buffer.isEmpty() && in.error() != QFileDevice::NoError)
            return in.errorString();
        if (out.write(buffer) != buffer.size())
            return out.errorString();
    }
    return out.commit() ? QString() : out.errorString();
}

QPlainTextEdit *makeTextView(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

} // namespace

HttpResponseView::HttpResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_meta(new ElidedLabel(this))
    , m_save(new QPushButton(tr("Save Body…"), this))
    , m_tabs(new QTabWidget(this))
    , m_raw(makeTextView(this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_tests(new QListWidget(this))
    , m_timing(new TimingView(this))
    , m_problem(new QLabel(this))
{
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setContentsMargins(0, 2, 0, 4);
    QFont statusFont = m_status->font();
    statusFont.setBold(true);
    m_status->setFont(statusFont);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_save->setToolTip(tr("Save the whole response body to a file"));
    m_save->setEnabled(false);

    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value") });
    m_headers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setAlternatingRowColors(true);
    m_headers->setWordWrap(false);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildBodyPage(), tr("Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_tests, tr("Tests"));
    m_tabs->addTab(m_timing, tr("Timing"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_status);
    top->addSpacing(12);
    top->addWidget(m_meta, 1);
    top->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_problem);
    layout->addWidget(m_tabs, 1);

    connect(m_save, &QPushButton::clicked, this, &HttpResponseView::askWhereToSave);
    clear();
}

QWidget *HttpResponseView::buildBodyPage()
{
    m_bodyStack = new QStackedWidget(this);
    m_body = makeTextView(m_bodyStack);
    m_bodyStack->addWidget(m_body);

    auto *large = new QWidget(m_bodyStack);
    m_pageLabel = new QLabel(large);
    m_pageLabel->setWordWrap(true);
    m_prevPage = new QPushButton(tr("Previous"), large);
    m_nextPage = new QPushButton(tr("Next"), large);
    m_pageText = makeTextView(large);
    auto *pager = new QHBoxLayout;
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_prevPage);
    pager->addWidget(m_nextPage);
    auto *largeLayout = new QVBoxLayout(large);
    largeLayout->setContentsMargins(0, 4, 0, 0);
    largeLayout->addLayout(pager);
    largeLayout->addWidget(m_pageText, 1);
    m_bodyStack->addWidget(large);
    connect(m_prevPage, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_nextPage, &QPushButton::clicked, this, [this] { showPage(m_page + 1); });

    auto *binary = new QWidget(m_bodyStack);
    m_binaryLabel = new QLabel(binary);
    m_binaryLabel->setWordWrap(true);
    m_hex = makeTextView(binary);
    auto *binaryLayout = new QVBoxLayout(binary);
    binaryLayout->setContentsMargins(0, 4, 0, 0);
    binaryLayout->addWidget(m_binaryLabel);
    binaryLayout->addWidget(m_hex, 1);
    m_bodyStack->addWidget(binary);

    m_message = new QLabel(m_bodyStack);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(12);
    m_bodyStack->addWidget(m_message);
    return m_bodyStack;
}

void HttpResponseView::clear()
{
    ++m_generation;
    m_response = {};
    m_bodyKind = BodyKind::Empty;
    m_status->setText(tr("No response yet"));
    m_status->setStyleSheet(QString());
    m_meta->setFullText(QString());
    m_save->setEnabled(false);
    m_body->clear();
    m_bodySyntax.clear();
    m_raw->clear();
    m_hex->clear();
    m_pageText->clear();
    m_headers->setRowCount(0);
    m_tests->clear();
    m_timing->clear();
    m_problem->clear();
    m_problem->hide();
    m_message->setText(tr("Send a request to see its response here."));
    m_bodyStack->setCurrentIndex(MessagePage);
    m_tabs->setTabText(2, tr("Headers"));
    m_tabs->setTabText(3, tr("Tests"));
}

void HttpResponseView::showSending(const QString &title)
{
    clear();
    m_status->setText(tr("Sending…"));
    m_meta->setFullText(title);
    m_message->setText(tr("Waiting for the response to %1").arg(title));
}

void HttpResponseView::showProgress(qint64 bytesReceived, qint64 bytesTotal)
{
    m_meta->setFullText(bytesTotal > 0
            ? tr("%1 of %2 received").arg(formatSize(bytesReceived), formatSize(bytesTotal))
            : tr("%1 received").arg(formatSize(bytesReceived)));
}

QString HttpResponseView::errorMessage(HttpErrorKind kind)
{
    switch (kind) {
    case HttpErrorKind::None:
        return {};
    case HttpErrorKind::ConnectionRefused:
        return tr("Connection refused: nothing accepts connections at that host and port. Is the server "
                  "running, and is the port right?");
    case HttpErrorKind::UnknownHost:
        return tr("Unknown host: the host name could not be resolved. Check the URL (and its variables) and "
                  "the network connection.");
    case HttpErrorKind::Tls:
        return tr("TLS failed: the server's certificate could not be verified or the secure connection could "
                  "not be set up. For a local server with a self-signed certificate, turn off \"Verify TLS "
                  "certificates\" in Options for this request.");
    case HttpErrorKind::Timeout:
        return tr("Timed out: a time limit in Options ended the transfer (the idle timeout, the connect "
                  "timeout or the total time limit; the details say which). Raise it if the server is just "
                  "slow.");
    case HttpErrorKind::TooManyRedirects:
        return tr("Too many redirects: the redirect limit in Options was reached before a final response.");
    case HttpErrorKind::RedirectLoop:
        return tr("Redirect loop: the server redirects to a URL it already redirected from.");
    case HttpErrorKind::InvalidChunkedEncoding:
        return tr("Invalid chunked encoding: the server's response body is malformed or was cut short.");
    case HttpErrorKind::Protocol:
        return tr("Protocol error: the server's answer is not valid HTTP, or the connection closed before "
                  "the response was complete.");
    case HttpErrorKind::BodyTooLarge:
        return tr(
            "The response body is larger than the limit for one response, so the transfer was stopped.");
    case HttpErrorKind::Cancelled:
        return tr("Cancelled: the request was stopped before the response was complete.");
    case HttpErrorKind::InvalidRequest:
        return tr("Invalid request: the method or the URL cannot be sent. Check them, and that every "
                  "variable has a value.");
    case HttpErrorKind::Io:
        return tr("The response body could not be stored on disk: the temporary folder is full or cannot "
                  "be written to.");
    case HttpErrorKind::Other:
        break;
    }
    return tr("The request failed.");
}

QString HttpResponseView::statusText() const
{
    return m_status->text();
}

void HttpResponseView::showProblem(const QString &title, const QStringList &details)
{
    clear();
    m_status->setText(title);
    m_status->setStyleSheet(QStringLiteral("color: %1")
            .arg(Appearance::isDark() ? QStringLiteral("#ef9a9a") : QStringLiteral("#c62828")));
    m_message->setText(details.join(QLatin1Char('\n')));
    m_bodyStack->setCurrentIndex(MessagePage);
    m_bodyKind = BodyKind::Message;
    m_tabs->setCurrentIndex(0);
    Q_EMIT bodyShown();
}

void HttpResponseView::showResponse(const HttpResponse &response, const ScriptResult *script)
{
    clear();
    m_response = response;
    showStatus(response);
    showMeta(response);
    showHeaders(response);
    if (script)
        showScript(*script);

    if (!response.ok() && response.bodySize == 0) {
        m_bodyStack->setCurrentIndex(MessagePage);
        Q_EMIT bodyShown();
        return;
    }
    m_save->setEnabled(response.bodySize > 0 && !response.bodyPath().isEmpty());
    m_message->setText(tr("Reading the body…"));
    const quint64 generation = m_generation;
    const QString path = response.bodyPath();
    const qint64 size = response.bodySize;
    const ContentType type = response.contentType();
    runAsync(
        this, [path, size, type] { return formatBody(path, size, type); },
        [this, generation](const FormattedBody &body) {
            if (generation == m_generation)
                showBody(body);
        });
}

void HttpResponseView::showStatus(const HttpResponse &response)
{
    const bool dark = Appearance::isDark();
    const QString red = dark ? QStringLiteral("#ef9a9a") : QStringLiteral("#c62828");
    if (!response.ok()) {
        m_status->setText(tr("Error"));
        m_status->setStyleSheet(QStringLiteral("color: %1").arg(red));
        QString text = errorMessage(response.error);
        if (!response.errorString.isEmpty())
            text += QStringLiteral("\n\n") + tr("Details: %1").arg(response.errorString);
        m_message->setText(text);
        m_bodyKind = BodyKind::Message;
        if (response.bodySize > 0) {
            // The part of the body that arrived is shown below; the reason stays in view above it.
            m_problem->setText(tr("%1 %2 The body below is what arrived before it.")
                    .arg(errorMessage(response.error), response.errorString));
            m_problem->setStyleSheet(QStringLiteral("color: %1").arg(red));
            m_problem->show();
        }
        return;
    }
    m_status->setText(response.reason.isEmpty()
            ? QString::number(response.status)
            : QStringLiteral("%1 %2").arg(response.status).arg(response.reason));
    const QString color = response.status >= 400 ? red
        : response.status >= 300 ? (dark ? QStringLiteral("#ffcc80") : QStringLiteral("#b26a00"))
                                 : (dark ? QStringLiteral("#a5d6a7") : QStringLiteral("#2e7d32"));
    m_status->setStyleSheet(QStringLiteral("color: %1").arg(color));
}

void HttpResponseView::showMeta(const HttpResponse &response)
{
    QStringList meta;
    if (!response.httpVersion.isEmpty())
        meta.append(response.httpVersion);
    if (response.timings.totalMs >= 0)
        meta.append(tr("%1 ms").arg(response.timings.totalMs));
    if (response.ok() || response.bodySize > 0)
        meta.append(formatSize(response.bodySize));
    for (const QString &w : response.warnings)
        meta.append(w);
    m_meta->setFullText(meta.join(QStringLiteral("  ·  ")));
    m_timing->setTimings(response.timings, response.timings.detailed);
    m_meta->setToolTip(response.finalUrl + QLatin1Char('\n') + m_timing->summary());
}

void HttpResponseView::showHeaders(const HttpResponse &response)
{
    m_headers->setRowCount(int(response.headers.size()));
    for (int i = 0; i < response.headers.size(); ++i) {
        m_headers->setItem(i, 0, new QTableWidgetItem(response.headers.at(i).name));
        m_headers->setItem(i, 1, new QTableWidgetItem(response.headers.at(i).value));
    }
    m_tabs->setTabText(
        2, response.headers.isEmpty() ? tr("Headers") : tr("Headers (%1)").arg(response.headers.size()));
}

void HttpResponseView::showBody(const FormattedBody &body)
{
    m_bodyKind = body.kind;
    switch (body.kind) {
    case BodyKind::Empty:
        m_message->setText(m_response.ok() ? tr("The response has no body.") : m_message->text());
        m_bodyStack->setCurrentIndex(MessagePage);
        break;
    case BodyKind::Message:
        m_message->setText(body.note);
        m_bodyStack->setCurrentIndex(MessagePage);
        break;
    case BodyKind::Text:
        setBodyText(m_body, body.pretty, body.syntax);
        m_raw->setPlainText(body.raw);
        if (!body.note.isEmpty()) {
            const QString tip = m_meta->toolTip();
            m_meta->setFullText(m_meta->fullText() + QStringLiteral("  ·  ") + body.note);
            m_meta->setToolTip(tip);
        }
        m_bodyStack->setCurrentIndex(TextPage);
        break;
    case BodyKind::Large:
        m_raw->setPlainText(tr("The body is too large, or has lines too long, to show whole; the "
                               "Body tab shows it in pages."));
        m_bodyStack->setCurrentIndex(LargePage);
        showPage(0);
        return;
    case BodyKind::Binary:
        m_binaryLabel->setText(m_response.bodySize > kHexBytes
                ? tr("Binary, %n bytes (%1). The first 64 KB:", nullptr,
                      int(qMin<qint64>(m_response.bodySize, INT_MAX)))
                      .arg(formatSize(m_response.bodySize))
                : tr("Binary, %n bytes (%1).", nullptr, int(m_response.bodySize))
                      .arg(formatSize(m_response.bodySize)));
        m_hex->setPlainText(body.hex);
        m_raw->setPlainText(tr("Binary body: see the hex view in the Body tab, or save it."));
        m_bodyStack->setCurrentIndex(BinaryPage);
        break;
    }
    Q_EMIT bodyShown();
}

void HttpResponseView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_bodySyntax.isEmpty())
        HttpSyntax::highlight(m_body, m_bodySyntax); // the theme follows the palette
}

void HttpResponseView::setBodyText(QPlainTextEdit *edit, const QString &text, const QString &syntax)
{
    m_bodySyntax = syntax;
    HttpSyntax::highlight(edit, QString());
    edit->setPlainText(text);
    HttpSyntax::highlight(edit, syntax);
}

qint64 HttpResponseView::pageCount() const
{
    return (m_response.bodySize + kPageSize - 1) / kPageSize;
}

void HttpResponseView::showPage(qint64 page)
{
    if (m_bodyKind != BodyKind::Large || page < 0 || page >= pageCount())
        return;
    m_page = page;
    const quint64 generation = m_generation;
    const QString path = m_response.bodyPath();
    const QString charset = m_response.contentType().charset;
    m_prevPage->setEnabled(false);
    m_nextPage->setEnabled(false);
    runAsync(
        this, [path, page, charset] { return readPage(path, page, charset); },
        [this, generation, page](const QString &text) {
            if (generation != m_generation)
                return;
            m_pageText->setPlainText(text);
            m_pageLabel->setText(
                tr("%1 body, shown raw without formatting: page %2 of %3 (%4 each). Save it to "
                   "read it whole.")
                    .arg(formatSize(m_response.bodySize))
                    .arg(page + 1)
                    .arg(pageCount())
                    .arg(formatSize(kPageSize)));
            m_prevPage->setEnabled(page > 0);
            m_nextPage->setEnabled(page + 1 < pageCount());
            Q_EMIT pageShown(page);
            Q_EMIT bodyShown();
        });
}

void HttpResponseView::showScript(const ScriptResult &script)
{
    const bool dark = Appearance::isDark();
    const QColor pass = dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32);
    const QColor fail = dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    int passed = 0;
    for (const ScriptTestResult &t : script.tests) {
        auto *item = new QListWidgetItem(
            t.passed ? tr("PASS  %1").arg(t.name) : tr("FAIL  %1: %2").arg(t.name, t.message), m_tests);
        item->setForeground(t.passed ? pass : fail);
        passed += t.passed ? 1 : 0;
    }
    for (const QString &line : script.log)
        new QListWidgetItem(tr("log: %1").arg(line), m_tests);
    for (const QString &warning : script.warnings)
        new QListWidgetItem(tr("warning: %1").arg(warning), m_tests);
    if (!script.ok()) {
        auto *item = new QListWidgetItem(tr("Script error: %1").arg(script.errorText()), m_tests);
        item->setForeground(fail);
    }
    if (!script.tests.isEmpty())
        m_tabs->setTabText(3, tr("Tests (%1/%2)").arg(passed).arg(script.tests.size()));
    else if (!script.ok())
        m_tabs->setTabText(3, tr("Tests (error)"));
}

void HttpResponseView::saveBodyTo(const QString &path)
{
    const QString from = m_response.bodyPath();
    if (from.isEmpty()) {
        Q_EMIT bodySaved(path, tr("There is no body to save."));
        return;
    }
    // The copy keeps the body file alive until the copy is done.
    const HttpResponse keep = m_response;
    runAsync(
        this, [from, path] { return copyFile(from, path); },
        [this, path, keep](const QString &error) {
            Q_UNUSED(keep);
            Q_EMIT bodySaved(path, error);
        });
}

void HttpResponseView::askWhereToSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the Response Body"));
    if (!path.isEmpty())
        saveBodyTo(path);
}

} // namespace StudyBench
