#include "practice/generatedjsondevice.h"

#include <algorithm>
#include <cstring>

namespace StudyBench {

GeneratedJsonDevice::GeneratedJsonDevice(qint64 requested, QObject *parent)
    : QIODevice(parent)
    , m_requested(requested)
{
    // The size, from a dry run that makes each piece once and keeps none.
    GeneratedJsonDevice counter(requested, nullptr, 0);
    for (QByteArray piece = counter.nextPiece(); !piece.isEmpty(); piece = counter.nextPiece())
        m_total += piece.size();
}

GeneratedJsonDevice::GeneratedJsonDevice(qint64 requested, QObject *parent, int)
    : QIODevice(parent)
    , m_requested(requested)
{ }

QByteArray GeneratedJsonDevice::item(qint64 id)
{
    static const QByteArray words = QByteArrayLiteral(
        "Backend developers study HTTP caching, idempotency, pagination and rate limits here. ");
    return "{\"id\":" + QByteArray::number(id) + ",\"name\":\"item " + QByteArray::number(id)
        + "\",\"price\":" + QByteArray::number(double(id % 1000) * 1.25, 'f', 2)
        + ",\"tags\":[\"practice\",\"json\"],\"inStock\":" + (id % 3 ? "true" : "false")
        + ",\"description\":\"" + words + "\"}";
}

QByteArray GeneratedJsonDevice::nextPiece()
{
    QByteArray piece;
    if (m_closed)
        return piece;
    if (m_made == 0) {
        piece = "{\"requested\":" + QByteArray::number(m_requested) + ",\"items\":[";
    } else if (m_made + 2 < m_requested) {
        piece = m_nextId > 0 ? "," + item(m_nextId) : item(m_nextId);
        ++m_nextId;
    } else {
        piece = "]}";
        m_closed = true;
    }
    m_made += piece.size();
    return piece;
}

qint64 GeneratedJsonDevice::readData(char *data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize) {
        if (m_pendingPos == m_pending.size()) {
            m_pending = nextPiece();
            m_pendingPos = 0;
            if (m_pending.isEmpty())
                break;
        }
        const qint64 n = std::min<qint64>(maxSize - copied, m_pending.size() - m_pendingPos);
        std::memcpy(data + copied, m_pending.constData() + m_pendingPos, size_t(n));
        m_pendingPos += n;
        copied += n;
    }
    return copied;
}

qint64 GeneratedJsonDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace StudyBench
