#pragma once

#include <QCoreApplication>
#include <QHttpHeaders>

namespace StudyBench {

/// One HTTP/1.x request as a server reads it off a connection.
struct Http1Request
{
    QByteArray method;
    QByteArray target;
    int minorVersion = 1; ///< HTTP/1.0 or HTTP/1.1 (a later 1.x is read as 1.1)
    QHttpHeaders headers;
    QByteArray body;
    /// Whether the connection may carry another request after this one's answer (HTTP/1.1
    /// without "Connection: close").
    bool keepAlive = true;
};

/// A strict, incremental reader of HTTP/1.x requests (RFC 9112) for a server: one request at a
/// time, from bytes as they arrive, within limits on the head, its fields and the body.
///
/// Framing that another reader might take differently is refused, so that no byte of one request
/// is read as part of another: a Content-Length that is not one plain number, Content-Length with
/// Transfer-Encoding, a chunk size that is not hexadecimal, a chunk whose data is not followed by
/// a line end. Chunked trailers are read and dropped. Leading empty lines are skipped.
class Http1RequestParser
{
    Q_DECLARE_TR_FUNCTIONS(Http1RequestParser)

public:
    struct Limits
    {
        qsizetype maxHeadBytes = 64 * 1024; ///< request line and fields; also chunked trailers
        int maxFields = 100; ///< header fields; trailer fields count too
        qint64 maxBodyBytes = 1024 * 1024;
    };

    enum class Progress
    {
        NeedMore, ///< nothing to act on until more bytes arrive
        Head, ///< the head is in (see request()); the body follows. Said once per request.
        Message, ///< the whole request is in: takeRequest()
        Error, ///< errorStatus() and errorMessage(); the connection must close
        TooLarge, ///< the body is over maxBodyBytes (bodyBytes() or more); the connection must close
    };

    explicit Http1RequestParser(const Limits &limits);

    /// Reads what it can of @p buffer and removes what it has read.
    Progress parse(QByteArray &buffer);

    /// The request so far: the head once parse() said Head.
    const Http1Request &request() const { return m_request; }
    /// The request parse() said Message for; the parser then reads the next one.
    Http1Request takeRequest();
    /// Whether some of a request (beyond leading empty lines) has been read.
    bool isInRequest() const { return m_inRequest; }
    bool isChunked() const { return m_chunked; }
    /// The body's size as Content-Length says (-1 when chunked), or after TooLarge what was
    /// counted when the limit was passed.
    qint64 bodyBytes() const { return m_bodyBytes; }
    /// Whether the body is still to come (after Head).
    bool expectsBody() const { return m_chunked || m_bodyBytes > 0; }

    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }

private:
    enum class Stage
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done,
        Failed
    };

    Progress parseHead(QByteArray &buffer);
    Progress parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line, QHttpHeaders *into);
    Progress startBody();
    Progress parseBody(QByteArray &buffer);
    Progress parseChunkSize(QByteArrayView line);
    Progress parseTrailers(QByteArray &buffer);
    /// The next line of @p buffer from @p from without its line end; false when it is not all in.
    static bool nextLine(const QByteArray &buffer, qsizetype from, QByteArrayView *line, qsizetype *end);
    Progress fail(int status, const QString &message);
    void reset();

    Limits m_limits;
    Stage m_stage = Stage::Head;
    Http1Request m_request;
    bool m_inRequest = false;
    bool m_chunked = false;
    qint64 m_bodyBytes = 0;
    qint64 m_chunkLeft = 0;
    qsizetype m_trailerBytes = 0;
    int m_trailerFields = 0;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace StudyBench
