#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace StudyBench {

/// An incremental parser of one HTTP/1.x response (RFC 9112), strict about framing.
///
/// It exists because Qt's HTTP/1 parser forgives what a learner's server gets wrong: a chunk-size
/// line that is not hexadecimal reads as the last chunk, a chunk longer or shorter than its size
/// line goes unnoticed, and a chunked body cut short can be reported complete. This parser says
/// what is wrong and where ("chunk 3 announced 26 bytes but byte 26 is 'x', not CRLF").
///
/// Feed it the bytes as they arrive; framing-decoded body bytes (still content-encoded) go to the
/// body sink. Interim responses (1xx other than 101) are skipped, up to 10 of them; up to 8 empty
/// lines before a status line are ignored. Status and header lines are bounded (64 KB per line,
/// 256 KB and 500 fields in the head, the same again for trailers).
class Http1ResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(Http1ResponseParser)

public:
    enum class State
    {
        StatusLine,
        Headers,
        Body,
        Done,
        Failed,
    };
    enum class Framing
    {
        None, ///< HEAD, 1xx, 204, 304: no body whatever the headers say
        Length, ///< Content-Length
        Chunked,
        UntilClose,
    };
    enum class Failure
    {
        None,
        NotHttp, ///< the status line is not HTTP/1.x
        Malformed, ///< bad header syntax or an invalid Content-Length
        TooLarge, ///< a line, the header section, the field count, the empty lines before the status
                  ///< line or the interim responses are over their bound, or Content-Length is too large
        InvalidChunked, ///< the chunked framing is broken (including a body cut short)
        Truncated, ///< the connection closed before Content-Length bytes arrived
        Unsupported, ///< a transfer coding other than chunked
        Aborted, ///< the body sink refused more bytes
    };

    /// Receives body bytes; returns false to stop parsing (State::Failed, Failure::Aborted).
    using BodySink = std::function<bool(QByteArrayView)>;

    explicit Http1ResponseParser(bool headRequest = false);

    void setBodySink(BodySink sink) { m_sink = std::move(sink); }
    /// Called once the final response's head is parsed, before any body byte goes to the sink.
    void setHeadersCallback(std::function<void()> callback) { m_onHeaders = std::move(callback); }

    /// Parses as much of @p data as belongs to this response and returns how many bytes were used.
    /// Stops at State::Done (any rest belongs to no request) or State::Failed.
    qsizetype feed(QByteArrayView data);
    /// The connection closed: a body delimited by the close is complete; anything else unfinished fails.
    void finish();

    State state() const { return m_state; }
    bool headersComplete() const { return m_state == State::Body || m_state == State::Done; }
    bool isDone() const { return m_state == State::Done; }
    bool hasFailed() const { return m_state == State::Failed; }
    Failure failure() const { return m_failure; }
    /// What went wrong, for a person: what was expected, what came, and where.
    QString errorString() const { return m_error; }

    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    /// "HTTP/1.1" or "HTTP/1.0".
    QString httpVersion() const;
    /// The final response's header fields as received, in order.
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    QByteArray headerValue(QByteArrayView name) const;
    /// Trailer fields of a chunked body.
    const QList<QPair<QByteArray, QByteArray>> &trailers() const { return m_trailers; }

    Framing framing() const { return m_framing; }
    /// Content-Length when the body is framed by it, else -1.
    qint64 contentLength() const { return m_framing == Framing::Length ? m_contentLength : -1; }
    /// Framing bytes of the body received so far (chunk data without the chunk lines).
    qint64 bodyBytes() const { return m_bodyBytes; }
    /// Whether the connection can carry another request after this response.
    bool keepAlive() const;
    /// Notes that are not errors (for example lines that end in LF without CR).
    const QStringList &warnings() const { return m_warnings; }

private:
    enum class ChunkState
    {
        Size,
        Data,
        DataEnd,
        Trailers,
    };

    bool takeLine(QByteArrayView data, qsizetype &pos, QByteArray &line, bool &complete, bool strictCrlf);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line, QList<QPair<QByteArray, QByteArray>> &into);
    void feedStatusLine(QByteArrayView data, qsizetype &pos);
    void feedHeaders(QByteArrayView data, qsizetype &pos);
    void feedBody(QByteArrayView data, qsizetype &pos);
    void feedChunked(QByteArrayView data, qsizetype &pos);
    void feedChunkData(QByteArrayView data, qsizetype &pos);
    void feedChunkDataEnd(QByteArrayView data, qsizetype &pos);
    bool headersDone();
    bool interimResponseDone();
    void readFramingHeaders(QList<QByteArray> *codings, QList<QByteArray> *lengths);
    bool chunkedFraming(const QList<QByteArray> &codings, bool hasLength);
    bool lengthFraming(const QList<QByteArray> &lengths);
    bool parseChunkSize(const QByteArray &line);
    bool deliver(QByteArrayView bytes);
    void fail(Failure failure, const QString &message);
    void failNotHttp(QByteArrayView start);
    void failChunkEnd(const QByteArray &after);
    bool explainTooLarge(const QByteArray &taken, const QString &where);
    QString announcedSize() const;
    QString decimalHint(qint64 actual) const;

    QString chunkWhere() const;

    BodySink m_sink;
    std::function<void()> m_onHeaders;
    bool m_head = false;
    State m_state = State::StatusLine;
    Failure m_failure = Failure::None;
    QString m_error;
    QStringList m_warnings;
    bool m_warnedLf = false;

    QByteArray m_line; ///< the current line while it is incomplete
    qint64 m_headerBytes = 0;
    int m_emptyLines = 0; ///< empty lines before status lines
    int m_interimCount = 0; ///< interim (1xx) responses skipped

    int m_status = 0;
    int m_minorVersion = 1;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QList<QPair<QByteArray, QByteArray>> m_trailers;

    Framing m_framing = Framing::UntilClose;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    qint64 m_contentLength = -1;
    qint64 m_bodyBytes = 0;

    ChunkState m_chunkState = ChunkState::Size;
    qint64 m_chunkSize = 0;
    qint64 m_chunkLeft = 0;
    int m_chunkIndex = 0; ///< 1-based number of the current chunk
    QByteArray m_dataEnd; ///< bytes seen after a chunk's data, which must be CRLF
    QByteArray m_sizeText; ///< the current chunk's size as written
    QByteArray m_chunkTail; ///< the last bytes of the current chunk's data
    bool m_chunkNonAscii = false;
};

} // namespace StudyBench
