#include "practice/generatedbytesdevice.h"

#include <algorithm>

namespace StudyBench {

GeneratedBytesDevice::GeneratedBytesDevice(qint64 size, quint32 seed, QObject *parent)
    : QIODevice(parent)
    , m_size(std::max<qint64>(0, size))
    , m_seed(seed)
{ }

char GeneratedBytesDevice::byteAt(qint64 offset, quint32 seed)
{
    return static_cast<char>((block(offset / 8, seed) >> (8 * (offset % 8))) & 0xFF);
}

quint64 GeneratedBytesDevice::block(qint64 index, quint32 seed)
{
    // splitmix64's finaliser over the block index and the seed: cheap, stateless, well spread.
    quint64 z = quint64(index) + 0x9E3779B97F4A7C15ull * (quint64(seed) + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

qint64 GeneratedBytesDevice::readData(char *data, qint64 maxSize)
{
    const qint64 start = pos();
    const qint64 n = std::min(maxSize, m_size - start);
    if (n <= 0)
        return 0;
    qint64 i = 0;
    qint64 offset = start;
    while (i < n) {
        const quint64 value = block(offset / 8, m_seed);
        for (qint64 b = offset % 8; b < 8 && i < n; ++b, ++i, ++offset)
            data[i] = static_cast<char>((value >> (8 * b)) & 0xFF);
    }
    return n;
}

qint64 GeneratedBytesDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace StudyBench
