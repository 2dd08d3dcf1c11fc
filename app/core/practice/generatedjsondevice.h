#pragma once

#include <QIODevice>

namespace StudyBench {

/// The playground's JSON document of about a requested size ({"requested": N, "items": [...]}),
/// made item by item as it is read, so any size can be served without holding it in memory.
/// Its size() is known from the start (for Content-Length).
class GeneratedJsonDevice : public QIODevice
{
    Q_OBJECT

public:
    explicit GeneratedJsonDevice(qint64 requested, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 size() const override { return m_total; }
    qint64 bytesAvailable() const override
    {
        return m_total - m_made + m_pending.size() - m_pendingPos + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    /// One for counting: no size.
    GeneratedJsonDevice(qint64 requested, QObject *parent, int);
    static QByteArray item(qint64 id);
    /// The next piece of the document; empty at its end.
    QByteArray nextPiece();

    qint64 m_requested;
    qint64 m_total = 0;
    qint64 m_made = 0; ///< bytes of the document made so far
    qint64 m_nextId = 0;
    bool m_closed = false;
    QByteArray m_pending;
    qsizetype m_pendingPos = 0;
};

} // namespace StudyBench
