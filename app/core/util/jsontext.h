#pragma once

#include <QJsonValue>
#include <QString>

namespace StudyBench {

/// A JSON value as the text that replaces a "{{variable}}": a string without its quotes; true and
/// false; a number without a fraction as an integer ("3", not "3.0"), else with up to 17 significant
/// digits; null as "null" (the JSON spelling, so that a value that is there but null can be told
/// from one that is missing); an array or object as compact JSON. Only an undefined value (a member
/// that is not there) gives an empty string. Environment files and response references both use it.
QString jsonValueText(const QJsonValue &value);

} // namespace StudyBench
