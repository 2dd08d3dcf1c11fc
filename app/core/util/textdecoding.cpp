#include "util/textdecoding.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <array>

namespace StudyBench {

namespace {

// Mac OS Roman, bytes 0x80..0xFF (the Unicode mapping Apple publishes).
constexpr std::array<char16_t, 128> kMacRomanHigh {
    0x00C4,
    0x00C5,
    0x00C7,
    0x00C9,
    0x00D1,
    0x00D6,
    0x00DC,
    0x00E1,
    0x00E0,
    0x00E2,
    0x00E4,
    0x00E3,
    0x00E5,
    0x00E7,
    0x00E9,
    0x00E8,
    0x00EA,
    0x00EB,
    0x00ED,
    0x00EC,
    0x00EE,
    0x00EF,
    0x00F1,
    0x00F3,
    0x00F2,
    0x00F4,
    0x00F6,
    0x00F5,
    0x00FA,
    0x00F9,
    0x00FB,
    0x00FC,
    0x2020,
    0x00B0,
    0x00A2,
    0x00A3,
    0x00A7,
    0x2022,
    0x00B6,
    0x00DF,
    0x00AE,
    0x00A9,
    0x2122,
    0x00B4,
    0x00A8,
    0x2260,
    0x00C6,
    0x00D8,
    0x221E,
    0x00B1,
    0x2264,
    0x2265,
    0x00A5,
    0x00B5,
    0x2202,
    0x2211,
    0x220F,
    0x03C0,
    0x222B,
    0x00AA,
    0x00BA,
    0x03A9,
    0x00E6,
    0x00F8,
    0x00BF,
    0x00A1,
    0x00AC,
    0x221A,
    0x0192,
    0x2248,
    0x2206,
    0x00AB,
    0x00BB,
    0x2026,
    0x00A0,
    0x00C0,
    0x00C3,
    0x00D5,
    0x0152,
    0x0153,
    0x2013,
    0x2014,
    0x201C,
    0x201D,
    0x2018,
    0x2019,
    0x00F7,
    0x25CA,
    0x00FF,
    0x0178,
    0x2044,
    0x20AC,
    0x2039,
    0x203A,
    0xFB01,
    0xFB02,
    0x2021,
    0x00B7,
    0x201A,
    0x201E,
    0x2030,
    0x00C2,
    0x00CA,
    0x00C1,
    0x00CB,
    0x00C8,
    0x00CD,
    0x00CE,
    0x00CF,
    0x00CC,
    0x00D3,
    0x00D4,
    0xF8FF,
    0x00D2,
    0x00DA,
    0x00DB,
    0x00D9,
    0x0131,
    0x02C6,
    0x02DC,
    0x00AF,
    0x02D8,
    0x02D9,
    0x02DA,
    0x00B8,
    0x02DD,
    0x02DB,
    0x02C7,
};

// Encodes one non-ASCII character as a Mac Roman byte; -1 when Mac Roman has no such character.
int macRomanByte(char16_t c)
{
    for (size_t i = 0; i < kMacRomanHigh.size(); ++i) {
        if (kMacRomanHigh[i] == c)
            return int(0x80 + i);
    }
    return -1;
}

// Strict UTF-8 decoding; false on any invalid sequence.
bool decodeUtf8Strictly(const QByteArray &bytes, QString *out)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return false;
    *out = std::move(text);
    return true;
}

// The offset of the first byte that makes @p bytes invalid UTF-8, or -1.
qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        int len = 0;
        char32_t min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        char32_t cp = c & (0x7F >> len);
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

} // namespace

int lineOfOffset(const QByteArray &bytes, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, bytes.size());
    return int(QByteArrayView(bytes).first(offset).count('\n')) + 1;
}

QString repairMacRomanMojibake(const QString &text, int *repairedRuns)
{
    int repaired = 0;
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (text.at(i).unicode() < 0x80) {
            out.append(text.at(i));
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && text.at(j).unicode() >= 0x80)
            ++j;
        const QStringView run = QStringView(text).sliced(i, j - i);
        QByteArray bytes;
        bytes.reserve(run.size());
        bool encodable = true;
        for (QChar c : run) {
            const int b = macRomanByte(c.unicode());
            if (b < 0) {
                encodable = false;
                break;
            }
            bytes.append(char(b));
        }
        QString decoded;
        if (encodable && decodeUtf8Strictly(bytes, &decoded) && decoded != run) {
            out.append(decoded);
            ++repaired;
        } else {
            out.append(run);
        }
        i = j;
    }
    if (repairedRuns)
        *repairedRuns = repaired;
    return out;
}

DecodedText decodeCurriculumText(const QByteArray &input)
{
    DecodedText result;
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        result.errorLine = lineOfOffset(bytes, nul);
        result.error = QCoreApplication::translate(
            "TextDecoding", "this is a binary file (a NUL byte at line %1), not Markdown text")
                           .arg(result.errorLine);
        return result;
    }
    if (const qsizetype bad = firstInvalidUtf8(bytes); bad >= 0) {
        result.errorLine = lineOfOffset(bytes, bad);
        result.error = QCoreApplication::translate(
            "TextDecoding", "the text is not valid UTF-8 (byte 0x%1 at line %2); save the file as UTF-8")
                           .arg(uchar(bytes.at(bad)), 2, 16, QLatin1Char('0'))
                           .arg(result.errorLine);
        return result;
    }
    QString text = QString::fromUtf8(bytes);
    result.text = repairMacRomanMojibake(text, &result.repairedRuns);
    return result;
}

QString decodeCharset(const QByteArray &bytes, const QString &charset)
{
    QStringDecoder decoder(charset.isEmpty() ? QStringLiteral("UTF-8") : charset);
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringDecoder::Utf8);
    return decoder.decode(bytes);
}

} // namespace StudyBench
