#include "editor/textfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>
#include <QStringEncoder>

namespace StudyBench {

namespace {

constexpr qsizetype kBinarySniffBytes = 8192;

const char *codecName(TextFileFormat::Encoding encoding)
{
    switch (encoding) {
    case TextFileFormat::Encoding::Utf8:
        return "UTF-8";
    case TextFileFormat::Encoding::Utf16LE:
        return "UTF-16LE";
    case TextFileFormat::Encoding::Utf16BE:
        return "UTF-16BE";
    case TextFileFormat::Encoding::Latin1:
        return "ISO-8859-1";
    case TextFileFormat::Encoding::Windows1252:
        return "windows-1252";
    }
    return "UTF-8";
}

// Windows-1252 needs ICU in Qt; this table covers 0x80..0x9F for builds without it.
constexpr char16_t kCp1252High[32] = {
    0x20AC,
    0xFFFD,
    0x201A,
    0x0192,
    0x201E,
    0x2026,
    0x2020,
    0x2021,
    0x02C6,
    0x2030,
    0x0160,
    0x2039,
    0x0152,
    0xFFFD,
    0x017D,
    0xFFFD,
    0xFFFD,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2022,
    0x2013,
    0x2014,
    0x02DC,
    0x2122,
    0x0161,
    0x203A,
    0x0153,
    0xFFFD,
    0x017E,
    0x0178,
};

QString decodeCp1252(const QByteArray &bytes)
{
    // Qt built with ICU knows the codec; the table below serves builds without it.
    QStringDecoder icu("windows-1252", QStringDecoder::Flag::Stateless);
    if (icu.isValid()) {
        QString text = icu.decode(bytes);
        if (!icu.hasError())
            return text;
    }
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        *out++ = (b >= 0x80 && b < 0xA0) ? QChar(kCp1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return text;
}

bool encodeCp1252(QStringView text, QByteArray *bytes)
{
    QStringEncoder icu("windows-1252", QStringEncoder::Flag::Stateless);
    if (icu.isValid()) {
        QByteArray encoded = icu.encode(text);
        if (!icu.hasError()) {
            *bytes = std::move(encoded);
            return true;
        }
    }
    bytes->resize(text.size());
    char *out = bytes->data();
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80 || (u >= 0xA0 && u <= 0xFF)) {
            *out++ = static_cast<char>(u);
            continue;
        }
        int found = -1;
        for (int i = 0; i < 32; ++i) {
            if (kCp1252High[i] == u && u != 0xFFFD) {
                found = i;
                break;
            }
        }
        if (found < 0)
            return false;
        *out++ = static_cast<char>(0x80 + found);
    }
    return true;
}

bool looksBinary(const QByteArray &bytes)
{
    const qsizetype n = qMin(bytes.size(), kBinarySniffBytes);
    qsizetype controls = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = static_cast<unsigned char>(bytes.at(i));
        if (b == 0)
            return true;
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B)
            ++controls;
    }
    return n > 0 && controls * 10 > n; // more than one byte in ten
}

} // namespace

QString TextFileFormat::encodingName() const
{
    switch (encoding) {
    case Encoding::Utf8:
        return byteOrderMark ? QStringLiteral("UTF-8 (BOM)") : QStringLiteral("UTF-8");
    case Encoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case Encoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case Encoding::Latin1:
        return QStringLiteral("ISO-8859-1");
    case Encoding::Windows1252:
        return QStringLiteral("Windows-1252");
    }
    return {};
}

TextFileContent TextFile::decode(const QByteArray &bytes, const QString &fileName)
{
    TextFileContent result;
    const QString shownName = fileName.isEmpty() ? tr("The file") : QFileInfo(fileName).fileName();
    QByteArrayView body(bytes);
    auto &format = result.format;

    if (body.startsWith("\xEF\xBB\xBF")) {
        format.encoding = TextFileFormat::Encoding::Utf8;
        format.byteOrderMark = true;
        body = body.sliced(3);
    } else if (body.startsWith("\xFF\xFE")) {
        format.encoding = TextFileFormat::Encoding::Utf16LE;
        format.byteOrderMark = true;
        body = body.sliced(2);
    } else if (body.startsWith("\xFE\xFF")) {
        format.encoding = TextFileFormat::Encoding::Utf16BE;
        format.byteOrderMark = true;
        body = body.sliced(2);
    } else if (looksBinary(bytes)) {
        result.binary = true;
        result.error = tr("%1 looks like a binary file (it contains bytes that text does not), so it was not "
                          "opened as text.")
                           .arg(shownName);
        return result;
    }

    if (format.encoding == TextFileFormat::Encoding::Utf8) {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        result.text = utf8.decode(body);
        if (utf8.hasError()) {
            bool c1 = false;
            for (const char c : body) {
                const auto b = static_cast<unsigned char>(c);
                if (b >= 0x80 && b < 0xA0) {
                    c1 = true;
                    break;
                }
            }
            format.byteOrderMark = false;
            if (c1) {
                format.encoding = TextFileFormat::Encoding::Windows1252;
                result.text = decodeCp1252(body.toByteArray());
            } else {
                format.encoding = TextFileFormat::Encoding::Latin1;
                QStringDecoder latin1(QStringDecoder::Latin1, QStringDecoder::Flag::Stateless);
                result.text = latin1.decode(body);
            }
        }
    } else {
        QStringDecoder utf16(codecName(format.encoding), QStringDecoder::Flag::Stateless);
        result.text = utf16.decode(body);
        if (utf16.hasError()) {
            result.error
                = tr("%1 starts like %2 text but is not valid %2.").arg(shownName, format.encodingName());
            result.text.clear();
            return result;
        }
    }

    if (result.text.contains(QLatin1StringView("\r\n"))) {
        format.crlf = true;
        result.text.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    }
    return result;
}

TextFileContent TextFile::load(const QString &path)
{
    QFile file(path);
    if (!file.exists()) {
        TextFileContent missing;
        missing.error = tr("%1 does not exist (any more).").arg(QDir::toNativeSeparators(path));
        return missing;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        TextFileContent unreadable;
        unreadable.error
            = tr("%1 could not be read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return unreadable;
    }
    return decode(file.readAll(), path);
}

bool TextFile::encode(const QString &text, const TextFileFormat &format, QByteArray *bytes, QString *error)
{
    const QString onDisk
        = format.crlf ? QString(text).replace(QLatin1Char('\n'), QLatin1StringView("\r\n")) : text;
    switch (format.encoding) {
    case TextFileFormat::Encoding::Utf8:
        *bytes = format.byteOrderMark ? QByteArray("\xEF\xBB\xBF") + onDisk.toUtf8() : onDisk.toUtf8();
        return true;
    case TextFileFormat::Encoding::Utf16LE:
    case TextFileFormat::Encoding::Utf16BE: {
        QStringEncoder encoder(codecName(format.encoding), QStringEncoder::Flag::WriteBom);
        *bytes = encoder.encode(onDisk);
        return true;
    }
    case TextFileFormat::Encoding::Latin1:
        for (const QChar c : onDisk) {
            if (c.unicode() > 0xFF) {
                *error = tr("The text contains “%1”, which %2 cannot store. Save it as UTF-8 instead.")
                             .arg(c, format.encodingName());
                return false;
            }
        }
        *bytes = onDisk.toLatin1();
        return true;
    case TextFileFormat::Encoding::Windows1252:
        if (!encodeCp1252(onDisk, bytes)) {
            *error = tr("The text contains characters that %1 cannot store. Save it as UTF-8 instead.")
                         .arg(format.encodingName());
            return false;
        }
        return true;
    }
    return false;
}

bool TextFile::save(const QString &path, const QString &text, const TextFileFormat &format, QString *error)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.dir().exists()) {
        *error = tr("The folder %1 no longer exists, so %2 could not be saved there.")
                     .arg(QDir::toNativeSeparators(info.absolutePath()), info.fileName());
        return false;
    }
    // Without any write bit the user meant it read-only, even where root could write anyway.
    constexpr auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    if (info.exists() && (!info.isWritable() || !(info.permissions() & anyWrite))) {
        *error = tr("%1 is read-only.").arg(shown);
        return false;
    }
    QByteArray bytes;
    if (!encode(text, format, &bytes, error))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1 could not be written: %2").arg(shown, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1 could not be written: %2").arg(shown, file.errorString());
        return false;
    }
    return true;
}

} // namespace StudyBench
