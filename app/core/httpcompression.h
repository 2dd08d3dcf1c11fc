#pragma once

#include <QByteArray>

namespace StudyBench::HttpCompression {

/// Content-Encoding "deflate": a zlib stream (RFC 1950), from Qt's own zlib through qCompress.
QByteArray deflate(const QByteArray &data, int level = 6);
/// Content-Encoding "gzip": the same deflate data in a gzip member (RFC 1952).
QByteArray gzip(const QByteArray &data, int level = 6);
/// CRC-32 as gzip uses it (IEEE 802.3, reflected).
quint32 crc32(QByteArrayView data);

} // namespace StudyBench::HttpCompression
