#include "practice/practicelog.h"

namespace StudyBench {

QString PracticeLogEntry::toLine() const
{
    // One arg() for all: a path's "%2F" is not a placeholder for a later argument.
    return QStringLiteral("%1 %2 %3 %4 %5 ms")
        .arg(time.toUTC().toString(Qt::ISODateWithMs), method, path, QString::number(status),
            QString::number(durationMs, 'f', 2));
}

} // namespace StudyBench
