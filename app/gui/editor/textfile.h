#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace StudyBench {

/// How a text file is stored on disk, so that saving writes it back the way it came.
struct TextFileFormat
{
    enum class Encoding
    {
        Utf8,
        Utf16LE,
        Utf16BE,
        Latin1, ///< ISO-8859-1
        Windows1252,
    };
    Encoding encoding = Encoding::Utf8;
    bool byteOrderMark = false; ///< a BOM was (and will be) written; always true for UTF-16
    bool crlf = false; ///< lines end in "\r\n" on disk; the editor always sees "\n"

    /// The name people know the encoding by ("UTF-8", "ISO-8859-1 (Latin-1)", …).
    QString encodingName() const;
    bool operator==(const TextFileFormat &) const = default;
};

/// What loading a file produced: its text, or why there is none.
struct TextFileContent
{
    QString text;
    TextFileFormat format;
    QString error; ///< empty on success; a full sentence for the user otherwise
    bool binary = false; ///< refused because the bytes are not text

    bool ok() const { return error.isEmpty(); }
};

/// Reading and writing text files for the editor.
class TextFile
{
    Q_DECLARE_TR_FUNCTIONS(TextFile)

public:
    /// Files at least this large are best loaded off the GUI thread (see EditorDocument::loadAsync).
    static constexpr qint64 LargeFileBytes = 4 * 1024 * 1024;

    /// Decodes @p bytes: a UTF-8 or UTF-16 byte order mark wins; NUL bytes or many control
    /// characters mean binary (refused); valid UTF-8 is UTF-8; anything else is Windows-1252 when
    /// it uses bytes 0x80–0x9F (which Latin-1 leaves as control characters), else Latin-1.
    /// @p fileName only appears in messages.
    static TextFileContent decode(const QByteArray &bytes, const QString &fileName = {});
    /// Reads and decodes @p path. Safe to call from any thread.
    static TextFileContent load(const QString &path);

    /// Encodes @p text (lines separated by "\n") as @p format says. On failure returns false and
    /// sets @p error, e.g. when a character has no representation in Latin-1.
    static bool encode(const QString &text, const TextFileFormat &format, QByteArray *bytes, QString *error);
    /// Writes @p text to @p path atomically with QSaveFile. On failure the file on disk is untouched
    /// and @p error says why in words a user can act on (read-only, folder gone, disk full…).
    static bool save(const QString &path, const QString &text, const TextFileFormat &format, QString *error);
};

} // namespace StudyBench
