#pragma once

#include <QIODevice>

namespace StudyBench {

/// A read-only device of a given size whose bytes are computed from their offset, so any amount
/// can be served without holding it in memory. The same seed gives the same bytes.
class GeneratedBytesDevice : public QIODevice
{
    Q_OBJECT

public:
    GeneratedBytesDevice(qint64 size, quint32 seed, QObject *parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool atEnd() const override { return pos() >= m_size; }
    qint64 bytesAvailable() const override { return m_size - pos() + QIODevice::bytesAvailable(); }

    /// The byte at an offset, for checking what a client received.
    static char byteAt(qint64 offset, quint32 seed);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    static quint64 block(qint64 index, quint32 seed);

    qint64 m_size;
    quint32 m_seed;
};

} // namespace StudyBench
