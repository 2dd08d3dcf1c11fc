#pragma once

// A small course of three HTTP concepts for the GUI review tests, and the moment they review at.

#include <QByteArray>
#include <QDateTime>
#include <QTimeZone>

namespace StudyBench::TestSupport {

inline const QByteArray kReviewCourse = R"(# Course

## APIs

### HTTP

- **Idempotency**: the same request twice has the effect of once.
- **Status codes**: what the first digit of a status code says about the response.
- **Caching**: what Cache-Control and ETag let a client keep.
)";

inline const QDateTime kReviewNow = QDateTime(QDate(2026, 6, 1), QTime(9, 0), QTimeZone::UTC);

} // namespace StudyBench::TestSupport
