#pragma once

#include <QByteArray>
#include <QString>

namespace StudyBench {

/// The result of turning a file's bytes into text for the curriculum importer.
struct DecodedText
{
    QString text;
    /// Runs of characters repaired from Mac Roman mojibake ("üéØ" back to "🎯"); 0 when none.
    int repairedRuns = 0;
    /// When the bytes are not text: the 1-based line of the first bad byte, and why.
    int errorLine = 0;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Decodes UTF-8 (a BOM is dropped), refusing binary data and invalid UTF-8 with the line of
/// the first offending byte, and repairs text that was once UTF-8 decoded as Mac Roman.
DecodedText decodeCurriculumText(const QByteArray &bytes);

/// Repairs each run of non-ASCII characters that, encoded as Mac Roman, is valid UTF-8 for
/// something else: the signature of UTF-8 text that was decoded as Mac Roman and saved again.
/// Runs that are not such mojibake (real accented letters, emoji) are left alone.
QString repairMacRomanMojibake(const QString &text, int *repairedRuns = nullptr);

/// @p bytes decoded as @p charset (a Content-Type charset such as "iso-8859-1"); as UTF-8 when
/// @p charset is empty or not one Qt knows. Bytes that are not valid in it become U+FFFD.
QString decodeCharset(const QByteArray &bytes, const QString &charset);

/// The 1-based line holding byte @p offset of @p bytes.
int lineOfOffset(const QByteArray &bytes, qsizetype offset);

} // namespace StudyBench
