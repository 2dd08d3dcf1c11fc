#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace StudyBench {

/// One line of the practice server's access log.
struct PracticeLogEntry
{
    QDateTime time; ///< when the request arrived, UTC
    QString method;
    QString path; ///< path and query as sent
    int status = 0;
    double durationMs = 0; ///< until the response (or, for streams, its headers) was handed to the socket
    QString requestId;
    QString remoteAddress;

    /// "2026-11-25T10:15:02.123Z GET /http/anything 200 0.41 ms"
    QString toLine() const;
};

} // namespace StudyBench

Q_DECLARE_METATYPE(StudyBench::PracticeLogEntry)
