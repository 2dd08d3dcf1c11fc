#include "practice/articlejson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace StudyBench::ArticleJson {

namespace {

// Printable ASCII other than '"' and '\\' is written as it is; anything else goes through Qt's own
// writer, so that the bytes stay Qt's whatever the text holds (escapes, UTF-8, lone surrogates).
bool isPlain(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || u == u'"' || u == u'\\')
            return false;
    }
    return true;
}

void appendBool(QByteArray &out, bool value)
{
    out += value ? "true" : "false";
}

} // namespace

QString isoDate(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    const QDate d = t.date();
    const QTime time = t.time();
    if (d.year() < 0 || d.year() > 9999)
        return t.toString(Qt::ISODateWithMs);
    char text[] = "0000-00-00T00:00:00.000Z";
    const auto put = [&text](int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10)
            text[i] = char('0' + value % 10);
    };
    put(0, d.year(), 4);
    put(5, d.month(), 2);
    put(8, d.day(), 2);
    put(11, time.hour(), 2);
    put(14, time.minute(), 2);
    put(17, time.second(), 2);
    put(20, time.msec(), 3);
    return QString::fromLatin1(text, sizeof text - 1);
}

void appendString(QByteArray &out, const QString &text)
{
    if (isPlain(text)) {
        out += '"';
        out += text.toLatin1();
        out += '"';
        return;
    }
    const QByteArray written = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    out.append(written.constData() + 1, written.size() - 2); // without the array's brackets
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
    appendString(out, isoDate(a.createdAt));
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
    appendString(out, isoDate(a.updatedAt));
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
