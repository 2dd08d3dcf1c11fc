#include "util/httpcompression.h"

#include <QtEndian>

#include <zlib.h>

namespace StudyBench::HttpCompression {

quint32 crc32(QByteArrayView data)
{
    uLong c = ::crc32(0L, Z_NULL, 0);
    for (qsizetype done = 0; done < data.size();) {
        const uInt n = uInt(qMin<qsizetype>(data.size() - done, 1 << 30));
        c = ::crc32(c, reinterpret_cast<const Bytef *>(data.data() + done), n);
        done += n;
    }
    return quint32(c);
}

QByteArray deflate(const QByteArray &data, int level)
{
    // qCompress prepends the uncompressed length as 4 big-endian bytes; the rest is the zlib stream.
    return qCompress(data, level).mid(4);
}

QByteArray gzip(const QByteArray &data, int level)
{
    const QByteArray zlib = deflate(data, level);
    // A zlib stream is a 2-byte header, raw deflate data and a 4-byte Adler-32; gzip wants the middle.
    const QByteArrayView raw = QByteArrayView(zlib).sliced(2, zlib.size() - 6);
    QByteArray out;
    out.reserve(raw.size() + 18);
    // ID1 ID2, CM=8 (deflate), FLG=0, MTIME=0, XFL=0, OS=255 (unknown).
    out.append("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out.append(raw);
    char trailer[8];
    qToLittleEndian<quint32>(crc32(data), trailer);
    qToLittleEndian<quint32>(quint32(data.size() & 0xFFFFFFFF), trailer + 4);
    out.append(trailer, 8);
    return out;
}

struct ContentDecoder::Stream
{
    z_stream z {};
    bool initialised = false;

    ~Stream()
    {
        if (initialised)
            inflateEnd(&z);
    }
};

ContentDecoder::ContentDecoder(QByteArrayView encoding)
    : m_encoding(encoding.trimmed().toByteArray().toLower())
{
    if (m_encoding.isEmpty() || m_encoding == "identity")
        return;
    m_identity = false;
    if (m_encoding == "gzip" || m_encoding == "x-gzip") {
        m_gzip = true;
    } else if (m_encoding != "deflate") {
        m_supported = false;
        m_identity = true;
        return;
    }
    m_stream = std::make_unique<Stream>();
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::isSupported() const
{
    return m_supported;
}

bool ContentDecoder::isIdentity() const
{
    return m_identity;
}

bool ContentDecoder::decode(QByteArrayView data, const Sink &sink)
{
    if (m_identity)
        return data.isEmpty() || sink(data);
    if (!m_error.isEmpty())
        return false;
    if (!m_stream->initialised) {
        int windowBits = 15 + 16; // gzip
        if (!m_gzip) {
            // A zlib header is two bytes whose big-endian value is a multiple of 31, with method 8.
            m_pending.append(data);
            if (m_pending.size() < 2)
                return true;
            const uchar b0 = uchar(m_pending.at(0));
            const uchar b1 = uchar(m_pending.at(1));
            const bool zlibHeader = (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
            windowBits = zlibHeader ? 15 : -15;
        }
        if (inflateInit2(&m_stream->z, windowBits) != Z_OK) {
            m_error = tr("Cannot start decoding the %1 body.").arg(QString::fromLatin1(m_encoding));
            return false;
        }
        m_stream->initialised = true;
        if (!m_gzip) {
            const QByteArray pending = std::exchange(m_pending, {});
            return decode(pending, sink);
        }
    }
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    char out[65536];
    while (z.avail_in > 0) {
        if (m_ended) {
            // Another gzip member follows the one that ended; anything else after the end is junk.
            if (!m_gzip || uchar(*z.next_in) != 0x1f) {
                m_error = tr("The %1 body has %2 bytes of data after its end.")
                              .arg(QString::fromLatin1(m_encoding))
                              .arg(z.avail_in);
                return false;
            }
            inflateReset(&z);
            m_ended = false;
        }
        z.next_out = reinterpret_cast<Bytef *>(out);
        z.avail_out = sizeof out;
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            m_error = tr("The %1 body is corrupt (%2); it is not valid %1 data.")
                          .arg(QString::fromLatin1(m_encoding),
                              z.msg ? QString::fromLatin1(z.msg) : QString::number(rc));
            return false;
        }
        const qsizetype produced = qsizetype(sizeof out - z.avail_out);
        m_sawData = true;
        if (produced > 0 && !sink(QByteArrayView(out, produced)))
            return false;
        if (rc == Z_STREAM_END)
            m_ended = true;
        else if (rc == Z_BUF_ERROR && produced == 0)
            break;
    }
    return true;
}

bool ContentDecoder::finish()
{
    if (m_identity || !m_error.isEmpty())
        return m_error.isEmpty();
    if (!m_sawData && m_pending.isEmpty() && (!m_stream || !m_stream->initialised))
        return true; // an empty body, as a HEAD or 204 has
    if (!m_ended) {
        m_error = tr("The %1 body ends before the end of its compressed data; it is incomplete.")
                      .arg(QString::fromLatin1(m_encoding));
        return false;
    }
    return true;
}

} // namespace StudyBench::HttpCompression
