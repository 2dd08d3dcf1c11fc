#include "practice/http1requestparser.h"

#include <algorithm>
#include <cctype>

namespace StudyBench {

namespace {

// RFC 9110 5.6.2: tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// A field value: visible characters, spaces, tabs and obs-text; no other control character.
bool isFieldValue(QByteArrayView value)
{
    return std::none_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// What a message shows of a client's bytes: short, printable.
QString shown(QByteArrayView bytes)
{
    QString text;
    for (char c : bytes.first(std::min<qsizetype>(bytes.size(), 40))) {
        const auto u = static_cast<unsigned char>(c);
        text += u >= 0x20 && u < 0x7f ? QString(QLatin1Char(c))
                                      : QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
    }
    return bytes.size() > 40 ? text + QStringLiteral("…") : text;
}

constexpr qsizetype kMaxChunkLineBytes = 4096;

} // namespace

Http1RequestParser::Http1RequestParser(const Limits &limits)
    : m_limits(limits)
{ }

void Http1RequestParser::reset()
{
    m_stage = Stage::Head;
    m_request = {};
    m_inRequest = false;
    m_chunked = false;
    m_bodyBytes = 0;
    m_chunkLeft = 0;
    m_trailerBytes = 0;
    m_trailerFields = 0;
}

Http1Request Http1RequestParser::takeRequest()
{
    Http1Request r = std::move(m_request);
    reset();
    return r;
}

Http1RequestParser::Progress Http1RequestParser::fail(int status, const QString &message)
{
    m_stage = Stage::Failed;
    m_errorStatus = status;
    m_errorMessage = message;
    return Progress::Error;
}

bool Http1RequestParser::nextLine(
    const QByteArray &buffer, qsizetype from, QByteArrayView *line, qsizetype *end)
{
    const qsizetype lf = buffer.indexOf('\n', from);
    if (lf < 0)
        return false;
    *end = lf + 1;
    *line = QByteArrayView(buffer).sliced(from, lf - from);
    if (line->endsWith('\r'))
        line->chop(1);
    return true;
}

Http1RequestParser::Progress Http1RequestParser::parse(QByteArray &buffer)
{
    switch (m_stage) {
    case Stage::Head:
        return parseHead(buffer);
    case Stage::Body:
    case Stage::ChunkSize:
    case Stage::ChunkData:
    case Stage::ChunkDataEnd:
        return parseBody(buffer);
    case Stage::Trailers:
        return parseTrailers(buffer);
    case Stage::Done:
        return Progress::Message;
    case Stage::Failed:
        return Progress::Error;
    }
    return Progress::NeedMore;
}

Http1RequestParser::Progress Http1RequestParser::parseHead(QByteArray &buffer)
{
    // RFC 9112 2.2: empty lines before a request line are skipped.
    qsizetype start = 0;
    while (start < buffer.size() && (buffer.at(start) == '\n' || (buffer.at(start) == '\r')))
        ++start;
    buffer.remove(0, start);
    if (buffer.isEmpty())
        return Progress::NeedMore;
    m_inRequest = true;
    qsizetype headEnd = buffer.indexOf("\n\r\n");
    const qsizetype bareEnd = buffer.indexOf("\n\n");
    headEnd = headEnd < 0 ? bareEnd : (bareEnd < 0 ? headEnd : std::min(headEnd, bareEnd));
    const qsizetype headSize = headEnd < 0 ? buffer.size() : headEnd + 1;
    if (headSize > m_limits.maxHeadBytes)
        return fail(431,
            tr("The request head is larger than %1 bytes; send shorter header fields.")
                .arg(m_limits.maxHeadBytes));
    QByteArrayView line;
    qsizetype pos = 0;
    // A request line is refused as soon as it is in, not once the head is.
    if (!nextLine(buffer, pos, &line, &pos) || parseRequestLine(line) == Progress::Error)
        return m_stage == Stage::Failed ? Progress::Error : Progress::NeedMore;
    if (headEnd < 0)
        return Progress::NeedMore;
    for (;;) {
        nextLine(buffer, pos, &line, &pos);
        if (line.isEmpty())
            break;
        if (m_request.headers.size() >= m_limits.maxFields)
            return fail(
                431, tr("The request has more than %1 header fields; send fewer.").arg(m_limits.maxFields));
        if (!parseField(line, &m_request.headers))
            return Progress::Error;
    }
    buffer.remove(0, pos);
    return startBody();
}

Http1RequestParser::Progress Http1RequestParser::parseRequestLine(QByteArrayView line)
{
    const QList<QByteArrayView> words = [&] {
        QList<QByteArrayView> list;
        qsizetype from = 0;
        for (qsizetype space; (space = line.indexOf(' ', from)) >= 0 && list.size() < 3; from = space + 1)
            list.append(line.sliced(from, space - from));
        list.append(line.sliced(from));
        return list;
    }();
    const auto badLine = [&] {
        return fail(400, tr("'%1' is not a request line; send METHOD /path HTTP/1.1.").arg(shown(line)));
    };
    if (words.size() != 3 || !isToken(words.at(0)) || words.at(1).isEmpty())
        return badLine();
    for (char c : words.at(1)) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return badLine();
    }
    const QByteArrayView version = words.at(2);
    if (version.size() != 8 || !version.startsWith("HTTP/")
        || !std::isdigit(static_cast<unsigned char>(version.at(5))) || version.at(6) != '.'
        || !std::isdigit(static_cast<unsigned char>(version.at(7))))
        return badLine();
    if (version.at(5) != '1')
        return fail(
            505, tr("This server speaks HTTP/1.0 and HTTP/1.1, not %1.").arg(QString::fromLatin1(version)));
    m_request.method = words.at(0).toByteArray();
    m_request.target = words.at(1).toByteArray();
    m_request.minorVersion = version.at(7) == '0' ? 0 : 1;
    return Progress::NeedMore;
}

bool Http1RequestParser::parseField(QByteArrayView line, QHttpHeaders *into)
{
    if (line.front() == ' ' || line.front() == '\t') {
        fail(
            400, tr("A header line starts with white space (obsolete line folding): '%1'.").arg(shown(line)));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView value = colon > 0 ? trimmedOws(line.sliced(colon + 1)) : QByteArrayView();
    if (colon <= 0 || !isToken(line.first(colon)) || !isFieldValue(value)
        || !into->append(QAnyStringView(line.first(colon).toByteArray()), value.toByteArray())) {
        fail(400, tr("'%1' is not a header line; send Name: value.").arg(shown(line)));
        return false;
    }
    return true;
}

Http1RequestParser::Progress Http1RequestParser::startBody()
{
    const QHttpHeaders &h = m_request.headers;
    const QList<QByteArray> hosts = h.values(QHttpHeaders::WellKnownHeader::Host);
    if (hosts.size() > 1)
        return fail(400, tr("The request has %1 Host header fields; send one.").arg(hosts.size()));
    const QByteArray connection = h.combinedValue(QHttpHeaders::WellKnownHeader::Connection);
    for (const QByteArray &option : connection.split(',')) {
        if (option.trimmed().compare("close", Qt::CaseInsensitive) == 0)
            m_request.keepAlive = false;
    }
    if (m_request.minorVersion == 0)
        m_request.keepAlive = false;

    const bool hasLength = h.contains(QHttpHeaders::WellKnownHeader::ContentLength);
    if (h.contains(QHttpHeaders::WellKnownHeader::TransferEncoding)) {
        const QByteArray codings = h.combinedValue(QHttpHeaders::WellKnownHeader::TransferEncoding);
        if (hasLength)
            return fail(400, tr("The request has both Content-Length and Transfer-Encoding; send one."));
        if (m_request.minorVersion == 0)
            return fail(400, tr("Transfer-Encoding is not allowed in an HTTP/1.0 request."));
        const QList<QByteArray> list = codings.split(',');
        if (list.last().trimmed().compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(400,
                tr("Transfer-Encoding '%1' does not end with chunked, so the body has no end.")
                    .arg(shown(codings)));
        if (list.size() > 1)
            return fail(
                501, tr("This server reads Transfer-Encoding: chunked alone, not '%1'.").arg(shown(codings)));
        m_chunked = true;
        m_bodyBytes = -1;
        m_stage = Stage::ChunkSize;
        return Progress::Head;
    }
    if (hasLength) {
        const QList<QByteArray> fields = h.values(QHttpHeaders::WellKnownHeader::ContentLength);
        const QByteArray all = h.combinedValue(QHttpHeaders::WellKnownHeader::ContentLength);
        const bool digits = !all.isEmpty() && all.size() <= 18
            && std::all_of(all.begin(), all.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (fields.size() != 1 || !digits)
            return fail(400,
                tr("Content-Length '%1' is not one number of bytes; send a single whole number.")
                    .arg(shown(all)));
        m_bodyBytes = all.toLongLong();
    }
    // A body over the limit: the caller sees the head, then TooLarge.
    m_stage = m_bodyBytes > 0 ? Stage::Body : Stage::Done;
    return Progress::Head;
}

Http1RequestParser::Progress Http1RequestParser::parseBody(QByteArray &buffer)
{
    if (m_bodyBytes > m_limits.maxBodyBytes)
        return Progress::TooLarge;
    if (m_stage == Stage::Body) {
        const qint64 take = std::min<qint64>(m_bodyBytes - m_request.body.size(), buffer.size());
        m_request.body.append(buffer.first(take));
        buffer.remove(0, take);
        if (m_request.body.size() < m_bodyBytes)
            return Progress::NeedMore;
        m_stage = Stage::Done;
        return Progress::Message;
    }
    qsizetype pos = 0;
    Progress result = Progress::NeedMore;
    while (result == Progress::NeedMore && m_stage != Stage::Trailers && pos < buffer.size()) {
        QByteArrayView line;
        qsizetype end = 0;
        if (m_stage == Stage::ChunkData) {
            const qint64 take = std::min<qint64>(m_chunkLeft, buffer.size() - pos);
            m_request.body.append(QByteArrayView(buffer).sliced(pos, take));
            pos += take;
            m_chunkLeft -= take;
            if (m_chunkLeft == 0)
                m_stage = Stage::ChunkDataEnd;
        } else if (!nextLine(buffer, pos, &line, &end)) {
            if (buffer.size() - pos > kMaxChunkLineBytes)
                result = fail(400, tr("A chunk size line is longer than %1 bytes.").arg(kMaxChunkLineBytes));
            break;
        } else if (m_stage == Stage::ChunkDataEnd) {
            pos = end;
            if (!line.isEmpty())
                result = fail(400, tr("A chunk's data is longer than its size says."));
            m_stage = Stage::ChunkSize;
        } else {
            pos = end;
            result = parseChunkSize(line);
        }
    }
    buffer.remove(0, pos);
    if (result == Progress::NeedMore && m_stage == Stage::Trailers)
        return parseTrailers(buffer);
    return result;
}

Http1RequestParser::Progress Http1RequestParser::parseChunkSize(QByteArrayView line)
{
    qsizetype digits = 0;
    while (digits < line.size() && isHexDigit(line.at(digits)))
        ++digits;
    const QByteArrayView rest = trimmedOws(line.sliced(digits));
    if (digits == 0 || digits > 15 || (!rest.isEmpty() && !rest.startsWith(';')))
        return fail(400, tr("'%1' is not a chunk size; send it in hexadecimal digits.").arg(shown(line)));
    const qint64 size = line.first(digits).toLongLong(nullptr, 16);
    if (size == 0) {
        m_stage = Stage::Trailers;
        return Progress::NeedMore;
    }
    if (size > m_limits.maxBodyBytes - m_request.body.size()) {
        m_bodyBytes = m_request.body.size() + size;
        return Progress::TooLarge;
    }
    m_chunkLeft = size;
    m_stage = Stage::ChunkData;
    return Progress::NeedMore;
}

Http1RequestParser::Progress Http1RequestParser::parseTrailers(QByteArray &buffer)
{
    // Trailer fields are read like header fields, within the same limits, and dropped.
    qsizetype pos = 0;
    QByteArrayView line;
    qsizetype end = 0;
    Progress result = Progress::NeedMore;
    while (result == Progress::NeedMore && nextLine(buffer, pos, &line, &end)) {
        m_trailerBytes += end - pos;
        pos = end;
        if (line.isEmpty()) {
            m_stage = Stage::Done;
            result = Progress::Message;
        } else if (++m_trailerFields > m_limits.maxFields) {
            result = fail(431, tr("The request has more than %1 trailer fields.").arg(m_limits.maxFields));
        } else {
            QHttpHeaders ignored;
            if (!parseField(line, &ignored))
                result = Progress::Error;
        }
    }
    buffer.remove(0, pos);
    if (result == Progress::NeedMore && m_trailerBytes + buffer.size() > m_limits.maxHeadBytes)
        return fail(
            431, tr("The request's trailer fields are larger than %1 bytes.").arg(m_limits.maxHeadBytes));
    return result;
}

} // namespace StudyBench
