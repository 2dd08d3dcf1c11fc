#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>

namespace StudyBench::HttpCompression {

/// Content-Encoding "deflate": a zlib stream (RFC 1950), from Qt's own zlib through qCompress.
QByteArray deflate(const QByteArray &data, int level = 6);
/// Content-Encoding "gzip": the same deflate data in a gzip member (RFC 1952).
QByteArray gzip(const QByteArray &data, int level = 6);
/// CRC-32 as gzip uses it (IEEE 802.3, reflected).
quint32 crc32(QByteArrayView data);

/// Decodes a response body's Content-Encoding (gzip, x-gzip, deflate, identity) as it streams in.
///
/// "deflate" is accepted both as RFC 1950 zlib data and as raw deflate data, which some servers send;
/// concatenated gzip members are decoded one after the other, as gzip(1) does.
class ContentDecoder
{
    Q_DECLARE_TR_FUNCTIONS(ContentDecoder)

public:
    /// Receives decoded bytes; returns false to stop decoding.
    using Sink = std::function<bool(QByteArrayView)>;

    /// A decoder for the Content-Encoding value @p encoding; see isSupported().
    explicit ContentDecoder(QByteArrayView encoding);
    ~ContentDecoder();
    ContentDecoder(const ContentDecoder &) = delete;
    ContentDecoder &operator=(const ContentDecoder &) = delete;

    /// Whether the encoding is one this class decodes (identity and no encoding included).
    bool isSupported() const;
    /// Whether the bytes are passed through unchanged (identity, or an unsupported encoding).
    bool isIdentity() const;

    /// Decodes @p data into @p sink. False when the data is corrupt (see errorString()) or the sink
    /// refused more.
    bool decode(QByteArrayView data, const Sink &sink);
    /// The body is complete: false when the compressed stream stopped before its end.
    bool finish();
    QString errorString() const { return m_error; }

private:
    struct Stream;

    bool m_supported = true;
    bool m_identity = true;
    bool m_gzip = false;
    bool m_ended = false; ///< the current stream reached its end
    bool m_sawData = false;
    QByteArray m_encoding;
    QByteArray m_pending; ///< the first bytes of a "deflate" body, until its format is known
    std::unique_ptr<Stream> m_stream;
    QString m_error;
};

} // namespace StudyBench::HttpCompression
