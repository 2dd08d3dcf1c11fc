// ArticleJson writes Conduit's article JSON straight into bytes: the bytes must be those that
// QJsonDocument gives for the same object, whatever the strings hold.

#include "practice/articlejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using StudyBench::PageArticle;
namespace ArticleJson = StudyBench::ArticleJson;

namespace {

// The article as a QJsonObject, the way the API made it before it wrote bytes itself.
QJsonObject reference(const PageArticle &a, bool withBody)
{
    QJsonObject o { { u"slug"_s, a.slug }, { u"title"_s, a.title }, { u"description"_s, a.description },
        { u"tagList"_s, QJsonArray::fromStringList(a.tagList) },
        { u"createdAt"_s, ArticleJson::isoDate(a.createdAt) },
        { u"updatedAt"_s, ArticleJson::isoDate(a.updatedAt) }, { u"favoritesCount"_s, a.favoritesCount },
        { u"favorited"_s, a.favorited },
        { u"author"_s,
            QJsonObject { { u"username"_s, a.username }, { u"bio"_s, a.bio }, { u"image"_s, a.image },
                { u"following"_s, a.following } } } };
    if (withBody)
        o.insert(u"body"_s, a.body);
    return o;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

PageArticle article(const QString &text, int n)
{
    PageArticle a;
    a.id = n;
    a.slug = u"slug-"_s + QString::number(n);
    a.title = text;
    a.description = u"about "_s + text;
    a.body = text + u"\n\nand more"_s;
    a.username = u"user"_s + QString::number(n);
    a.bio = n % 2 ? text : QString();
    a.image = n % 3 ? u"https://example.org/a.png"_s : QString();
    a.createdAt = 1'780'000'000'000LL + n * 1'234'567LL;
    a.updatedAt = a.createdAt + 999;
    a.tagList = n % 2 ? QStringList { text, u"b"_s } : QStringList {};
    a.favoritesCount = n * 7;
    a.favorited = n % 2;
    a.following = n % 3 == 0;
    return a;
}

} // namespace

class TestArticleJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameBytesAsQJsonDocument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"How to train your dragon"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("quotes and backslashes") << u"say \"hi\" \\ back\\slash /"_s;
        QTest::newRow("control characters") << u"tab\there\nnew\rline\b\f\x01\x1f\x7f"_s;
        QTest::newRow("non-ASCII") << u"café — 日本語 🐉"_s;
        QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + u"x"_s + QChar(0xdc00);
        QTest::newRow("HTML") << u"<script>alert('x')</script> & more"_s;
    }

    void sameBytesAsQJsonDocument()
    {
        QFETCH(QString, text);
        QList<PageArticle> page;
        QJsonArray list;
        for (int n = 0; n < 4; ++n) {
            const PageArticle a = article(text, n);
            page.append(a);
            list.append(reference(a, false));
            QCOMPARE(ArticleJson::single(a), compact(QJsonObject { { u"article"_s, reference(a, true) } }));
        }
        QCOMPARE(ArticleJson::list(page, 42),
            compact(QJsonObject { { u"articles"_s, list }, { u"articlesCount"_s, 42 } }));
        QCOMPARE(ArticleJson::list({}, 0),
            compact(QJsonObject { { u"articles"_s, QJsonArray() }, { u"articlesCount"_s, 0 } }));
    }

    void isoDateIsQtsIsoDateWithMs()
    {
        for (const qint64 ms : { 0LL, 1LL, 999LL, 1'780'000'000'123LL, -1LL, 253'402'300'799'999LL }) {
            const QString qt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
            QCOMPARE(ArticleJson::isoDate(ms), qt);
        }
    }
};

QTEST_GUILESS_MAIN(TestArticleJson)
#include "TestArticleJson.moc"
