#include "practice/articlejson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <cstring>

namespace StudyBench::ArticleJson {

namespace {

void appendBool(QByteArray &out, bool value)
{
    out += value ? "true" : "false";
}

// "2026-12-07T00:15:03.845Z" into @p text; false for a year outside 0-9999 (QDateTime writes those).
bool isoDateText(qint64 ms, char (&text)[25])
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    const QDate d = t.date();
    const QTime time = t.time();
    if (d.year() < 0 || d.year() > 9999)
        return false;
    const auto put = [&text](int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10)
            text[i] = char('0' + value % 10);
    };
    std::memcpy(text, "0000-00-00T00:00:00.000Z", sizeof text);
    put(0, d.year(), 4);
    put(5, d.month(), 2);
    put(8, d.day(), 2);
    put(11, time.hour(), 2);
    put(14, time.minute(), 2);
    put(17, time.second(), 2);
    put(20, time.msec(), 3);
    return true;
}

void appendIsoDate(QByteArray &out, qint64 ms)
{
    char text[25];
    if (!isoDateText(ms, text))
        return appendString(out, isoDate(ms));
    out += '"';
    out.append(text, sizeof text - 1);
    out += '"';
}

// Writes @p u (below 0x80) as QJsonDocument does: as it is, or escaped.
char *putAscii(char *at, char16_t u)
{
    if (u >= 0x20 && u != u'"' && u != u'\\') {
        *at++ = char(u);
        return at;
    }
    *at++ = '\\';
    switch (u) {
    case u'"':
        *at++ = '"';
        break;
    case u'\\':
        *at++ = '\\';
        break;
    case 0x08:
        *at++ = 'b';
        break;
    case 0x0c:
        *at++ = 'f';
        break;
    case 0x0a:
        *at++ = 'n';
        break;
    case 0x0d:
        *at++ = 'r';
        break;
    case 0x09:
        *at++ = 't';
        break;
    default: {
        static constexpr char hex[] = "0123456789abcdef";
        *at++ = 'u';
        *at++ = '0';
        *at++ = '0';
        *at++ = hex[u >> 4];
        *at++ = hex[u & 0xf];
    }
    }
    return at;
}

} // namespace

QString isoDate(qint64 ms)
{
    char text[25];
    if (!isoDateText(ms, text))
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
    return QString::fromLatin1(text, sizeof text - 1);
}

void appendString(QByteArray &out, const QString &text)
{
    // At most six bytes a UTF-16 unit (an escaped control character), two for the quotes.
    const qsizetype start = out.size();
    out.resize(start + text.size() * 6 + 2);
    char *at = out.data() + start;
    *at++ = '"';
    const auto *src = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *const end = src + text.size();
    for (; src != end; ++src) {
        const char16_t u = *src;
        if (u < 0x80) {
            at = putAscii(at, u);
        } else if (u < 0x800) {
            *at++ = char(0xc0 | (u >> 6));
            *at++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *at++ = char(0xe0 | (u >> 12));
            *at++ = char(0x80 | ((u >> 6) & 0x3f));
            *at++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src + 1 != end && QChar::isLowSurrogate(src[1])) {
            const char32_t c = QChar::surrogateToUcs4(u, src[1]);
            ++src;
            *at++ = char(0xf0 | (c >> 18));
            *at++ = char(0x80 | ((c >> 12) & 0x3f));
            *at++ = char(0x80 | ((c >> 6) & 0x3f));
            *at++ = char(0x80 | (c & 0x3f));
        } else {
            // A lone surrogate: whatever Qt's writer makes of it.
            out.truncate(start);
            const QByteArray written = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
            out.append(written.constData() + 1, written.size() - 2); // without the array's brackets
            return;
        }
    }
    *at++ = '"';
    out.truncate(at - out.constData());
}

void appendArticle(QByteArray &out, const PageArticle &a, bool withBody)
{
    // Members in QJsonObject's order: by key.
    out += "{\"author\":{\"bio\":";
    appendString(out, a.bio);
    out += ",\"following\":";
    appendBool(out, a.following);
    out += ",\"image\":";
    appendString(out, a.image);
    out += ",\"username\":";
    appendString(out, a.username);
    out += '}';
    if (withBody) {
        out += ",\"body\":";
        appendString(out, a.body);
    }
    out += ",\"createdAt\":";
    appendIsoDate(out, a.createdAt);
    out += ",\"description\":";
    appendString(out, a.description);
    out += ",\"favorited\":";
    appendBool(out, a.favorited);
    out += ",\"favoritesCount\":";
    out += QByteArray::number(a.favoritesCount);
    out += ",\"slug\":";
    appendString(out, a.slug);
    out += ",\"tagList\":[";
    for (qsizetype i = 0; i < a.tagList.size(); ++i) {
        if (i > 0)
            out += ',';
        appendString(out, a.tagList.at(i));
    }
    out += "],\"title\":";
    appendString(out, a.title);
    out += ",\"updatedAt\":";
    appendIsoDate(out, a.updatedAt);
    out += '}';
}

QByteArray single(const PageArticle &article)
{
    QByteArray out;
    out.reserve(512 + article.body.size());
    out += "{\"article\":";
    appendArticle(out, article, true);
    out += '}';
    return out;
}

QByteArray list(const QList<PageArticle> &page, int articlesCount)
{
    QByteArray out;
    out.reserve(64 + page.size() * 512);
    out += "{\"articles\":[";
    for (qsizetype i = 0; i < page.size(); ++i) {
        if (i > 0)
            out += ',';
        appendArticle(out, page.at(i), false);
    }
    out += "],\"articlesCount\":";
    out += QByteArray::number(articlesCount);
    out += '}';
    return out;
}

} // namespace StudyBench::ArticleJson
