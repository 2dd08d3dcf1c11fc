#include "httpclient/http1parser.h"

#include "httpclient/httpmessage.h"

namespace StudyBench {

namespace {

constexpr qsizetype kMaxLine = 64 * 1024;
constexpr qsizetype kMaxChunkLine = 4096;
constexpr qint64 kMaxHeaderBytes = 256 * 1024;
constexpr qsizetype kMaxFields = 500;
constexpr int kMaxEmptyLines = 8; ///< before a status line (RFC 9112 section 2.2: ignore "at least one")
constexpr int kMaxInterim = 10; ///< interim (1xx) responses before the final one
constexpr qsizetype kMaxLengthDigits = 18; ///< 10^18 bytes is more than anyone sends; more would overflow
constexpr qsizetype kTail = 64; ///< bytes of a chunk's data kept to explain a wrong size
constexpr int kMaxHexDigits = 15; ///< 16^15 bytes is more than anyone sends; more would overflow

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// @p bytes quoted for a message: printable ASCII as is, the rest escaped, at most @p max bytes.
QString shown(QByteArrayView bytes, qsizetype max = 24)
{
    QString out = QStringLiteral("\"");
    for (qsizetype i = 0; i < qMin(bytes.size(), max); ++i) {
        const uchar c = uchar(bytes.at(i));
        if (c == '\r')
            out += QStringLiteral("\\r");
        else if (c == '\n')
            out += QStringLiteral("\\n");
        else if (c == '\t')
            out += QStringLiteral("\\t");
        else if (c == '"' || c == '\\')
            out += QLatin1Char('\\') + QLatin1Char(char(c));
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(char(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    out += QLatin1Char('"');
    if (bytes.size() > max)
        out += QStringLiteral("…");
    return out;
}

QByteArray trimmedOws(QByteArrayView v)
{
    qsizetype b = 0;
    qsizetype e = v.size();
    while (b < e && (v.at(b) == ' ' || v.at(b) == '\t'))
        ++b;
    while (e > b && (v.at(e - 1) == ' ' || v.at(e - 1) == '\t'))
        --e;
    return v.sliced(b, e - b).toByteArray();
}

} // namespace

Http1ResponseParser::Http1ResponseParser(bool headRequest)
    : m_head(headRequest)
{ }

QString Http1ResponseParser::httpVersion() const
{
    return m_minorVersion == 0 ? QStringLiteral("HTTP/1.0") : QStringLiteral("HTTP/1.1");
}

QByteArray Http1ResponseParser::headerValue(QByteArrayView name) const
{
    for (const auto &[n, v] : m_headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool Http1ResponseParser::keepAlive() const
{
    if (m_state != State::Done || m_framing == Framing::UntilClose || m_connectionClose)
        return false;
    return m_minorVersion >= 1 || m_connectionKeepAlive;
}

void Http1ResponseParser::fail(Failure failure, const QString &message)
{
    m_state = State::Failed;
    m_failure = failure;
    m_error = message;
}

QString Http1ResponseParser::announcedSize() const
{
    return tr("its size line %1 announced %2 bytes (hexadecimal %3)")
        .arg(shown(m_sizeText))
        .arg(m_chunkSize)
        .arg(QString::number(m_chunkSize, 16));
}

QString Http1ResponseParser::decimalHint(qint64 actual) const
{
    return QString::fromLatin1(m_sizeText) == QString::number(actual)
        ? tr(" The size was written in decimal; %1 bytes is %2 in hexadecimal.")
              .arg(actual)
              .arg(QString::number(actual, 16))
        : QString();
}

bool Http1ResponseParser::explainTooLarge(const QByteArray &taken, const QString &where)
{
    // A size too large swallows the CRLF after the data and the next size line: somewhere in the
    // last bytes taken as data is CRLF, a hexadecimal size, and CR or ';'.
    for (qsizetype p = 0; p < m_chunkTail.size() && p + 1 < taken.size(); ++p) {
        if (taken.at(p) != '\r' || taken.at(p + 1) != '\n')
            continue;
        qsizetype q = p + 2;
        while (q < taken.size() && isHexDigit(taken.at(q)))
            ++q;
        if (q == p + 2 || q >= taken.size() || (taken.at(q) != '\r' && taken.at(q) != ';'))
            continue;
        const qint64 actual = m_chunkSize - (m_chunkTail.size() - p);
        if (actual < 0)
            return false;
        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: %2, but the data seems to end after %3 bytes "
               "(hexadecimal %4), where CRLF and the next size line follow: the size is too large.%5")
                .arg(where, announcedSize())
                .arg(actual)
                .arg(QString::number(actual, 16), decimalHint(actual)));
        return true;
    }
    return false;
}

void Http1ResponseParser::failChunkEnd(const QByteArray &after)
{
    // The data of a chunk is not followed by CRLF: its size line is wrong. Learners' servers get it
    // wrong in two ways, which the bytes around the mismatch tell apart: a size too large (written
    // in decimal, say) swallows the CRLF and the next size line, and a size too small (characters
    // counted instead of UTF-8 bytes) leaves data before the CRLF.
    const QString announced = announcedSize();
    if (explainTooLarge(m_chunkTail + after, chunkWhere()))
        return;
    if (m_dataEnd.isEmpty() && after.startsWith('\n')) {
        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: the chunk's data ends with a bare LF; it must end with "
               "CRLF (\\r\\n).")
                .arg(chunkWhere()));
        return;
    }
    // Too small: the CRLF comes a few bytes later.
    const qsizetype crlf = after.indexOf("\r\n");
    if (crlf > 0) {
        const qint64 actual = m_chunkSize + crlf;
        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: %2, but the data runs on to %3 bytes (hexadecimal %4) "
               "before its CRLF: the size is too small.%5")
                .arg(chunkWhere(), announced)
                .arg(actual)
                .arg(QString::number(actual, 16),
                    m_chunkNonAscii ? tr(" Count bytes, not characters: in UTF-8, characters such as é take "
                                         "2 to 4 bytes.")
                                    : decimalHint(actual)));
        return;
    }
    fail(Failure::InvalidChunked,
        tr("Invalid chunked encoding in %1: %2, but after them comes %3 instead of CRLF. The size must "
           "count the chunk's bytes (not characters), in hexadecimal.")
            .arg(chunkWhere(), announced, shown(after)));
}

void Http1ResponseParser::failNotHttp(QByteArrayView start)
{
    fail(Failure::NotHttp,
        tr("The answer does not start with an HTTP/1.x status line such as \"HTTP/1.1 200 OK\"; it "
           "starts with %1. Is an HTTP server listening on this port?")
            .arg(shown(start)));
}

QString Http1ResponseParser::chunkWhere() const
{
    return tr("chunk %1 (after %2 bytes of body)").arg(m_chunkIndex).arg(m_bodyBytes);
}

bool Http1ResponseParser::takeLine(
    QByteArrayView data, qsizetype &pos, QByteArray &line, bool &complete, bool strictCrlf)
{
    complete = false;
    const qsizetype limit = m_state == State::Body ? kMaxChunkLine : kMaxLine;
    const qsizetype nl = data.indexOf('\n', pos);
    const qsizetype end = nl < 0 ? data.size() : nl;
    if (m_line.size() + (end - pos) > limit) {
        fail(m_state == State::Body ? Failure::InvalidChunked : Failure::TooLarge,
            m_state == State::Body
                ? tr("A line of the chunked body in %1 is longer than %2 bytes without ending; a "
                     "chunk-size line is a hexadecimal size and CRLF.")
                      .arg(chunkWhere())
                      .arg(limit)
                : tr("A line of the response head is longer than %1 bytes.").arg(limit));
        return false;
    }
    m_line.append(data.sliced(pos, end - pos));
    if (nl < 0) {
        pos = data.size();
        return true;
    }
    pos = nl + 1;
    if (m_line.endsWith('\r')) {
        m_line.chop(1);
    } else if (strictCrlf) {
        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: the line %2 ends with a bare LF; lines of a chunked body "
               "end with CRLF (\\r\\n).")
                .arg(chunkWhere(), shown(m_line)));
        return false;
    } else if (!m_warnedLf) {
        m_warnedLf = true;
        m_warnings.append(tr("The response head has lines that end with a bare LF; HTTP lines end with "
                             "CRLF (\\r\\n). Many clients accept it, but not all."));
    }
    if (m_line.contains('\r')) {
        fail(m_state == State::Body ? Failure::InvalidChunked : Failure::Malformed,
            tr("The line %1 of the response contains a CR that does not end it.").arg(shown(m_line)));
        return false;
    }
    line = std::exchange(m_line, {});
    complete = true;
    return true;
}

bool Http1ResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP-version SP status-code SP [ reason-phrase ]
    if (!line.startsWith("HTTP/1.") || line.size() < 9 || !QChar::isDigit(uchar(line.at(7)))
        || line.at(8) != ' ') {
        failNotHttp(line);
        return false;
    }
    m_minorVersion = line.at(7) - '0';
    const QByteArrayView code = QByteArrayView(line).sliced(9, qMin<qsizetype>(3, line.size() - 9));
    bool ok = code.size() == 3;
    for (char c : code)
        ok = ok && c >= '0' && c <= '9';
    if (!ok || code.at(0) == '0' || (line.size() > 12 && line.at(12) != ' ')) {
        fail(Failure::NotHttp,
            tr("The status line %1 has no three-digit status code after the version.").arg(shown(line)));
        return false;
    }
    m_status = code.toInt();
    m_reason = line.size() > 13 ? line.mid(13) : QByteArray();
    return true;
}

bool Http1ResponseParser::parseHeaderLine(const QByteArray &line, QList<QPair<QByteArray, QByteArray>> &into)
{
    m_headerBytes += line.size() + 2;
    const bool trailers = &into == &m_trailers;
    if (m_headerBytes > kMaxHeaderBytes) {
        fail(Failure::TooLarge,
            trailers ? tr("The trailer fields after the chunked body are larger than %1 KB in all.")
                           .arg(kMaxHeaderBytes / 1024)
                     : tr("The response head is larger than %1 KB in all.").arg(kMaxHeaderBytes / 1024));
        return false;
    }
    if (into.size() >= kMaxFields) {
        fail(Failure::TooLarge,
            trailers ? tr("The chunked body has more than %1 trailer fields.").arg(kMaxFields)
                     : tr("The response head has more than %1 header fields.").arg(kMaxFields));
        return false;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
        // obs-fold: a continuation of the previous field's value (RFC 9112 section 5.2).
        if (into.isEmpty()) {
            fail(Failure::Malformed, tr("The first header line %1 starts with whitespace.").arg(shown(line)));
            return false;
        }
        into.last().second += ' ' + trimmedOws(line);
        m_warnings.append(tr("The header %1 is folded over several lines, which HTTP/1.1 deprecates.")
                .arg(QString::fromLatin1(into.last().first)));
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    qsizetype nameEnd = colon;
    bool valid = colon > 0;
    for (qsizetype i = 0; valid && i < nameEnd; ++i)
        valid = isTokenChar(line.at(i));
    if (!valid) {
        fail(Failure::Malformed,
            colon > 0 && (line.at(colon - 1) == ' ' || line.at(colon - 1) == '\t')
                ? tr("The header line %1 has whitespace before its colon, which HTTP forbids.")
                      .arg(shown(line))
                : tr("The header line %1 is not \"Name: value\".").arg(shown(line)));
        return false;
    }
    const QByteArray value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
    if (value.contains('\0')) {
        fail(Failure::Malformed, tr("The header line %1 contains a NUL byte.").arg(shown(line)));
        return false;
    }
    into.append({ line.left(nameEnd), value });
    return true;
}

bool Http1ResponseParser::headersDone()
{
    if (m_status >= 100 && m_status < 200 && m_status != 101)
        return interimResponseDone();
    QList<QByteArray> codings;
    QList<QByteArray> lengths;
    readFramingHeaders(&codings, &lengths);
    m_state = State::Body;
    if (m_onHeaders)
        m_onHeaders();
    if (m_head || m_status < 200 || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
        m_state = State::Done;
        return true;
    }
    if (!codings.isEmpty())
        return chunkedFraming(codings, !lengths.isEmpty());
    if (!lengths.isEmpty())
        return lengthFraming(lengths);
    m_framing = Framing::UntilClose;
    return true;
}

// An interim response (100 Continue, 103 Early Hints): the real one follows.
bool Http1ResponseParser::interimResponseDone()
{
    if (++m_interimCount > kMaxInterim) {
        fail(Failure::TooLarge,
            tr("The server sent more than %1 interim responses (status 1xx, the last one %2) without a "
               "final response; a handful is normal, more is a broken or hostile server.")
                .arg(kMaxInterim)
                .arg(m_status));
        return false;
    }
    m_headers.clear();
    m_headerBytes = 0;
    m_status = 0;
    m_reason.clear();
    m_state = State::StatusLine;
    return true;
}

void Http1ResponseParser::readFramingHeaders(QList<QByteArray> *codings, QList<QByteArray> *lengths)
{
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &c : value.split(','))
                if (const QByteArray t = c.trimmed().toLower(); !t.isEmpty())
                    codings->append(t);
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &c : value.split(','))
                lengths->append(c.trimmed());
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &c : value.split(',')) {
                const QByteArray t = c.trimmed().toLower();
                m_connectionClose = m_connectionClose || t == "close";
                m_connectionKeepAlive = m_connectionKeepAlive || t == "keep-alive";
            }
        }
    }
}

bool Http1ResponseParser::chunkedFraming(const QList<QByteArray> &codings, bool hasLength)
{
    if (codings.last() != "chunked" || codings.size() > 1) {
        fail(Failure::Unsupported,
            tr("The response uses Transfer-Encoding \"%1\"; only \"chunked\" is supported. Servers "
               "compress with Content-Encoding instead.")
                .arg(escapeControls(QString::fromLatin1(codings.join(", ")))));
        return false;
    }
    m_framing = Framing::Chunked;
    m_chunkState = ChunkState::Size;
    m_chunkIndex = 1;
    if (hasLength) {
        m_connectionClose = true; // RFC 9112 section 6.3: never reuse such a connection
        m_warnings.append(tr("The response has both Transfer-Encoding: chunked and Content-Length; "
                             "Content-Length is ignored. Send only one of them."));
    }
    return true;
}

bool Http1ResponseParser::lengthFraming(const QList<QByteArray> &lengths)
{
    qint64 length = -1;
    for (const QByteArray &l : lengths) {
        bool digits = !l.isEmpty();
        for (char c : l)
            digits = digits && c >= '0' && c <= '9';
        if (!digits) {
            fail(Failure::Malformed, tr("Content-Length %1 is not a number of bytes.").arg(shown(l)));
            return false;
        }
        if (l.size() > kMaxLengthDigits) {
            fail(Failure::TooLarge,
                tr("Content-Length %1 is too large: no body has more than %2 digits of bytes.")
                    .arg(shown(l, 32))
                    .arg(kMaxLengthDigits));
            return false;
        }
        const qint64 value = l.toLongLong();
        if (length >= 0 && value != length) {
            fail(Failure::Malformed,
                tr("The response gives two different Content-Lengths, %1 and %2.").arg(length).arg(value));
            return false;
        }
        length = value;
    }
    m_framing = Framing::Length;
    m_contentLength = length;
    if (length == 0)
        m_state = State::Done;
    return true;
}

bool Http1ResponseParser::parseChunkSize(const QByteArray &line)
{
    // chunk-size [ chunk-ext ] CRLF, chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] )
    const qsizetype semicolon = line.indexOf(';');
    QByteArray size = semicolon < 0 ? line : line.left(semicolon);
    while (size.endsWith(' ') || size.endsWith('\t'))
        size.chop(1);
    bool hex = !size.isEmpty();
    for (char c : std::as_const(size))
        hex = hex && isHexDigit(c);
    if (!hex) {
        QString hint;
        if (size.startsWith("0x") || size.startsWith("0X"))
            hint = tr(" Write the size without \"0x\".");
        else if (line.isEmpty() && m_chunkIndex > 1
            && explainTooLarge(m_chunkTail + "\r\n",
                tr("chunk %1 (after %2 bytes of body)").arg(m_chunkIndex - 1).arg(m_bodyBytes - m_chunkSize)))
            return false; // the previous chunk swallowed the last chunk's "0"
        else if (line.isEmpty())
            hint = tr(" An empty line came where a size was expected; is there an extra CRLF after the "
                      "previous chunk?");

        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: the chunk-size line %2 is not a hexadecimal size.%3")
                .arg(chunkWhere(), shown(line), hint));
        return false;
    }
    if (size.size() > kMaxHexDigits) {
        fail(Failure::InvalidChunked,
            tr("Invalid chunked encoding in %1: the chunk size %2 is too large.")
                .arg(chunkWhere(), shown(size)));
        return false;
    }
    m_chunkSize = size.toLongLong(nullptr, 16);
    m_sizeText = size;
    m_chunkTail.clear();
    m_chunkNonAscii = false;
    m_chunkLeft = m_chunkSize;
    m_chunkState = m_chunkSize == 0 ? ChunkState::Trailers : ChunkState::Data;
    if (m_chunkSize == 0)
        m_headerBytes = 0; // the trailers have a size limit of their own
    return true;
}

bool Http1ResponseParser::deliver(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    m_bodyBytes += bytes.size();
    if (m_sink && !m_sink(bytes)) {
        fail(Failure::Aborted, tr("The body was not read further."));
        return false;
    }
    return true;
}

qsizetype Http1ResponseParser::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size() && m_state != State::Done && m_state != State::Failed) {
        if (m_state == State::StatusLine)
            feedStatusLine(data, pos);
        else if (m_state == State::Headers)
            feedHeaders(data, pos);
        else if (m_state == State::Body)
            feedBody(data, pos);
    }
    return pos;
}

void Http1ResponseParser::feedStatusLine(QByteArrayView data, qsizetype &pos)
{
    // Say early when the peer speaks something else (it may never send a newline).
    QByteArray start = m_line + data.sliced(pos, qMin<qsizetype>(5, data.size() - pos)).toByteArray();
    start.truncate(5);
    if (!start.startsWith('\r') && !start.startsWith('\n') && !QByteArrayView("HTTP/").startsWith(start)) {
        failNotHttp(QByteArray(m_line + data.sliced(pos).toByteArray()));
        return;
    }
    QByteArray line;
    bool complete = false;
    if (!takeLine(data, pos, line, complete, false) || !complete)
        return;
    if (line.isEmpty() && m_status == 0) { // RFC 9112 section 2.2: ignore a leading empty line
        if (++m_emptyLines > kMaxEmptyLines)
            fail(Failure::TooLarge,
                tr("The server sent more than %1 empty lines where the status line (such as "
                   "\"HTTP/1.1 200 OK\") should come; a few are tolerated, not more.")
                    .arg(kMaxEmptyLines));
        return;
    }
    if (parseStatusLine(line))
        m_state = State::Headers;
}

void Http1ResponseParser::feedHeaders(QByteArrayView data, qsizetype &pos)
{
    QByteArray line;
    bool complete = false;
    if (!takeLine(data, pos, line, complete, false) || !complete)
        return;
    if (line.isEmpty())
        headersDone();
    else
        parseHeaderLine(line, m_headers);
}

void Http1ResponseParser::feedBody(QByteArrayView data, qsizetype &pos)
{
    switch (m_framing) {
    case Framing::None:
        m_state = State::Done;
        break;
    case Framing::Length: {
        const qint64 n = qMin<qint64>(m_contentLength - m_bodyBytes, data.size() - pos);
        const QByteArrayView part = data.sliced(pos, n);
        pos += n;
        if (deliver(part) && m_bodyBytes == m_contentLength)
            m_state = State::Done;
        break;
    }
    case Framing::UntilClose: {
        const QByteArrayView part = data.sliced(pos);
        pos = data.size();
        deliver(part);
        break;
    }
    case Framing::Chunked:
        feedChunked(data, pos);
        break;
    }
}

void Http1ResponseParser::feedChunked(QByteArrayView data, qsizetype &pos)
{
    QByteArray line;
    bool complete = false;
    switch (m_chunkState) {
    case ChunkState::Size:
        if (takeLine(data, pos, line, complete, true) && complete)
            parseChunkSize(line);
        break;
    case ChunkState::Data:
        feedChunkData(data, pos);
        break;
    case ChunkState::DataEnd:
        feedChunkDataEnd(data, pos);
        break;
    case ChunkState::Trailers:
        if (!takeLine(data, pos, line, complete, true) || !complete)
            break;
        if (line.isEmpty())
            m_state = State::Done;
        else if (!parseHeaderLine(line, m_trailers) && m_failure == Failure::Malformed)
            m_failure = Failure::InvalidChunked;
        break;
    }
}

void Http1ResponseParser::feedChunkData(QByteArrayView data, qsizetype &pos)
{
    const qint64 n = qMin<qint64>(m_chunkLeft, data.size() - pos);
    const QByteArrayView part = data.sliced(pos, n);
    pos += n;
    m_chunkLeft -= n;
    m_chunkTail.append(part.last(qMin<qsizetype>(part.size(), kTail)));
    if (m_chunkTail.size() > kTail)
        m_chunkTail.remove(0, m_chunkTail.size() - kTail);
    for (char b : part.first(qMin<qsizetype>(part.size(), 4096)))
        m_chunkNonAscii = m_chunkNonAscii || uchar(b) >= 0x80;
    if (deliver(part) && m_chunkLeft == 0) {
        m_chunkState = ChunkState::DataEnd;
        m_dataEnd.clear();
    }
}

// The CRLF after a chunk's data.
void Http1ResponseParser::feedChunkDataEnd(QByteArrayView data, qsizetype &pos)
{
    const char c = data.at(pos);
    const char want = m_dataEnd.isEmpty() ? '\r' : '\n';
    if (c != want) {
        failChunkEnd(
            m_dataEnd + data.sliced(pos).first(qMin<qsizetype>(kTail, data.size() - pos)).toByteArray());
        return;
    }
    ++pos;
    m_dataEnd.append(c);
    if (m_dataEnd.size() == 2) {
        m_chunkState = ChunkState::Size;
        ++m_chunkIndex;
    }
}

void Http1ResponseParser::finish()
{
    switch (m_state) {
    case State::Done:
    case State::Failed:
        return;
    case State::StatusLine:
        if (m_line.isEmpty() && m_status == 0)
            fail(Failure::Truncated, tr("The server closed the connection without sending a response."));
        else
            fail(
                Failure::Truncated, tr("The server closed the connection in the middle of the status line."));
        return;
    case State::Headers:
        fail(Failure::Truncated,
            tr("The server closed the connection before the end of the response headers (an empty line)."));
        return;
    case State::Body:
        break;
    }
    switch (m_framing) {
    case Framing::None:
    case Framing::UntilClose:
        m_state = State::Done;
        return;
    case Framing::Length:
        fail(Failure::Truncated,
            tr("The connection closed after %1 of the %2 bytes the server announced; the body is incomplete.")
                .arg(m_bodyBytes)
                .arg(m_contentLength));
        return;
    case Framing::Chunked:
        switch (m_chunkState) {
        case ChunkState::Data:
            fail(Failure::InvalidChunked,
                tr("Invalid chunked encoding: the connection closed in %1, %2 of its %3 bytes in; the last "
                   "chunk (size 0) never came.")
                    .arg(chunkWhere())
                    .arg(m_chunkSize - m_chunkLeft)
                    .arg(m_chunkSize));
            return;
        case ChunkState::Trailers:
            fail(Failure::InvalidChunked,
                tr("Invalid chunked encoding: the connection closed after the last chunk (size 0) but before "
                   "the empty line that ends the body."));
            return;
        case ChunkState::DataEnd:
            fail(Failure::InvalidChunked,
                tr("Invalid chunked encoding: the connection closed right after the data of %1, before the "
                   "CRLF that ends it; the last chunk (size 0) never came.")
                    .arg(chunkWhere()));
            return;
        case ChunkState::Size:
            fail(Failure::InvalidChunked,
                tr("Invalid chunked encoding: the connection closed before %1 began; the last chunk "
                   "(size 0) never came.")
                    .arg(chunkWhere()));
            return;
        }
    }
}

} // namespace StudyBench
