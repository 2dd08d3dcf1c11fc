#include "httpcompression.h"

#include <QtEndian>

#include <array>

namespace StudyBench::HttpCompression {

namespace {
constexpr std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table {};
    for (quint32 n = 0; n < 256; ++n) {
        quint32 c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}
constexpr auto kCrcTable = makeCrcTable();
} // namespace

quint32 crc32(QByteArrayView data)
{
    quint32 c = 0xFFFFFFFFu;
    for (char byte : data)
        c = kCrcTable[(c ^ static_cast<quint8>(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
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

} // namespace StudyBench::HttpCompression
