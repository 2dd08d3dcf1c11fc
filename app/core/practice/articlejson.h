#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace StudyBench {

/// A Conduit article as its JSON is made from (an article list's row and its details).
struct PageArticle
{
    qint64 id = 0;
    qint64 authorId = 0;
    QString slug, title, description, body, username, bio, image;
    qint64 createdAt = 0; ///< ms since the epoch
    qint64 updatedAt = 0;
    QStringList tagList;
    int favoritesCount = 0;
    bool favorited = false;
    bool following = false;
};

/// Conduit's article JSON, written straight into bytes: the same bytes that QJsonDocument's compact
/// form of the same object gives (members in key order, strings escaped as Qt escapes them), without
/// building QJsonObjects first, which was the larger part of an article list's time.
namespace ArticleJson {

/// Appends @p text as a JSON string, quotes included, escaped as QJsonDocument escapes it.
void appendString(QByteArray &out, const QString &text);
/// Appends one article's object ("body" only when @p withBody).
void appendArticle(QByteArray &out, const PageArticle &article, bool withBody);
/// {"article":{...}}, with the body.
QByteArray single(const PageArticle &article);
/// {"articles":[...],"articlesCount":N}, without bodies.
QByteArray list(const QList<PageArticle> &page, int articlesCount);
/// "2026-12-07T00:15:03.845Z" for @p ms since the epoch, as QDateTime::toString(Qt::ISODateWithMs)
/// in UTC.
QString isoDate(qint64 ms);

} // namespace ArticleJson

} // namespace StudyBench
