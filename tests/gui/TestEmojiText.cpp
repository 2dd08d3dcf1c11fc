#include "curriculumdelegate.h"
#include "emojitext.h"

#include <QDir>
#include <QFontDatabase>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace StudyBench;
using namespace Qt::StringLiterals;

// EmojiText draws a line's colour emoji from images made once (emojitext.h). What the learner
// sees must not change: the curriculum tree's rows drawn through it are compared pixel for pixel
// with the same rows drawn by Qt's own delegate.
class TestEmojiText : public QObject
{
    Q_OBJECT

private:
    static QImage treeImage(const QStringList &rows, int width, QAbstractItemDelegate *delegate)
    {
        QStandardItemModel model;
        for (const QString &row : rows) {
            auto *item = new QStandardItem(row);
            QFont bold;
            bold.setBold(true);
            item->setFont(bold);
            model.appendRow(item);
        }
        QTreeView view;
        view.setModel(&model);
        view.setHeaderHidden(true);
        view.setItemDelegate(delegate);
        view.resize(width, 40 + 20 * rows.size());
        view.setCurrentIndex(model.index(1, 0)); // one row selected: the highlighted text colour
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            qFatal("the tree view was not shown");
        return view.grab().toImage();
    }

    static bool hasColourEmojiFont() { return QFontDatabase::families().contains(u"Noto Color Emoji"_s); }

private Q_SLOTS:
    void rowsLookAsQtDrawsThem_data()
    {
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<int>("width");
        const QStringList headings { u"1. \U0001F3D7\uFE0F Backend Basics"_s, u"2. \U0001F680 APIs"_s,
            u"5. \u2601 Cloud"_s, u"\U0001F3AF Career Progression"_s,
            u"\U0001F468\u200D\U0001F4BB Pair work"_s, u"Plain \u2192 text"_s,
            u"Keycap 1\uFE0F\u20E3 and flag \U0001F1E9\U0001F1EA"_s };
        QTest::newRow("wide") << headings << 400;
        QTest::newRow("elided in the text") << headings << 130;
        QTest::newRow("elided at the emoji") << headings << 62;
        QTest::newRow("no room") << headings << 38;
    }
    void rowsLookAsQtDrawsThem()
    {
        QFETCH(QStringList, rows);
        QFETCH(int, width);
        // Without a colour emoji font nothing would be drawn from an image, and the comparison
        // would prove nothing about them.
        QVERIFY2(hasColourEmojiFont(),
            "Noto Color Emoji is not installed (tools/dev's root has fonts-noto-color-emoji)");
        QStyledItemDelegate qt;
        CurriculumDelegate ours;
        const QImage expected = treeImage(rows, width, &qt);
        const QImage actual = treeImage(rows, width, &ours);
        QCOMPARE(actual.size(), expected.size());
        if (actual != expected) {
            const QString base = QDir::temp().filePath(u"TestEmojiText-%1-"_s.arg(width));
            expected.save(base + u"qt.png"_s);
            actual.save(base + u"ours.png"_s);
            QFAIL(qPrintable(
                u"a row drawn through EmojiText differs from Qt's: see %1{qt,ours}.png"_s.arg(base)));
        }
    }

    void suitsOnlyLeftToRightTextWithAnEmoji_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("may");
        QTest::newRow("ascii") << u"Backend Basics"_s << false;
        QTest::newRow("arrow") << u"Junior \u2192 Mid-Level"_s << false;
        QTest::newRow("accents") << u"Caf\u00e9 na\u00efve"_s << false;
        QTest::newRow("pictograph") << u"\U0001F680 APIs"_s << true;
        QTest::newRow("text-style symbol") << u"\u2601 Cloud"_s << true;
        QTest::newRow("presentation selector") << u"1\uFE0F\u20E3"_s << true;
        QTest::newRow("right-to-left words") << u"Intro \u05e9\u05dc\u05d5\u05dd \U0001F4DA"_s << false;
    }
    void suitsOnlyLeftToRightTextWithAnEmoji()
    {
        QFETCH(QString, text);
        QFETCH(bool, may);
        QCOMPARE(EmojiText::suits(text), may);
    }

    void elidedFitsAndEndsWithAnEllipsis()
    {
        const QFont font;
        const EmojiText line(u"\U0001F3AF Career Progression and everything after it"_s, font, 1.0);
        const int full = line.width();
        QVERIFY(full > 100);
        QCOMPARE(line.elided(full).width(), full);
        for (int available : { full - 1, full / 2, 40, 12 }) {
            const EmojiText cut = line.elided(available);
            QVERIFY2(cut.width() <= available, qPrintable(u"%1 > %2"_s.arg(cut.width()).arg(available)));
            QVERIFY(cut.width() < full);
        }
    }

    void textStyleSymbolsTakeThePensColour()
    {
        // U+2601 has text presentation: the text font draws it, so a selected row's white pen (here
        // pure blue) colours it; an image of it would keep the colour it was made with.
        QImage image(80, 30, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            p.setPen(QColor(0, 0, 255));
            EmojiText(u"\u2601\u2601"_s, QFont(), 1.0).draw(&p, image.rect());
        }
        int blue = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QRgb c = image.pixel(x, y);
                QVERIFY2(qRed(c) == 0 && qGreen(c) == 0, "a text-style symbol was drawn in colour");
                blue += qAlpha(c) > 0;
            }
        }
        QVERIFY(blue > 20);
    }
};

QTEST_MAIN(TestEmojiText)
#include "TestEmojiText.moc"
