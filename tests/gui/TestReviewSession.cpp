// The review screen offscreen: a whole session from the keyboard, then the database file read back.
#include "common/appearance.h"
#include "curriculum/curriculumparser.h"
#include "progress/progressstore.h"
#include "review/cardinfodialog.h"
#include "review/reviewdeck.h"
#include "review/reviewsession.h"
#include "review/reviewsessionwidget.h"
#include "review/reviewstore.h"
#include "support/reviewcourse.h"
#include "support/screenshots.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextList>

using namespace StudyBench;
using namespace StudyBench::TestSupport;
using namespace Qt::StringLiterals;

class TestReviewSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Curriculum> m_curriculum;
    bool m_noteSeen = false;

    QString id(const QString &title) const
    {
        for (const CurriculumNode *n : m_curriculum->allNodes()) {
            if (n->title == title)
                return n->id;
        }
        return {};
    }

    static QList<QVariantList> rows(const QString &file, const QString &sql)
    {
        QList<QVariantList> result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(sql);
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row.append(q.value(i));
                    result.append(row);
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        return result;
    }

    void press(QWidget *w, Qt::Key key, ReviewSession *session)
    {
        QTest::keyClick(w, key);
        if (session->busy()) {
            QSignalSpy graded(session, &ReviewSession::graded);
            QVERIFY(graded.wait(10000));
        }
    }

    // The note on the back is the learner's Markdown, rendered: bold without its asterisks, a list.
    void checkRenderedNote(ReviewSessionWidget *widget, ReviewSession *session)
    {
        if (!session->current() || session->current()->record.nodeId != id(u"Idempotency"_s))
            return;
        m_noteSeen = true;
        const QTextDocument *doc = widget->findChild<QTextBrowser *>()->document();
        const QString text = doc->toPlainText();
        QVERIFY2(text.contains(u"PUT yes, POST no."_s), qPrintable(text));
        QVERIFY2(!text.contains(u"**"_s), qPrintable(text));
        bool bold = false;
        bool list = false;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            list = list || (b.textList() && b.text() == u"safe: GET"_s);
            for (auto f = b.begin(); !f.atEnd(); ++f)
                bold = bold
                    || (f.fragment().text() == u"yes"_s
                        && f.fragment().charFormat().fontWeight() >= QFont::Bold);
        }
        QVERIFY(bold);
        QVERIFY(list);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CurriculumParseResult parsed = CurriculumParser::parse(kReviewCourse, u"course.md"_s);
        QVERIFY(parsed.ok());
        m_curriculum = parsed.curriculum;
        ProgressStore progress;
        QVERIFY(progress.open(m_dir.filePath(u"progress.sqlite"_s)));
        QVERIFY(progress.setState(
            id(u"Idempotency"_s), ItemState::Done, u"Idempotency"_s, u"test"_s, kReviewNow));
        QVERIFY(
            progress.setState(id(u"Status codes"_s), ItemState::InProgress, u"S"_s, u"test"_s, kReviewNow));
        QVERIFY(progress.setNote(
            id(u"Idempotency"_s), u"PUT **yes**, POST no.\n\n- safe: GET\n- idempotent: PUT\n"_s));
    }

    void aSessionFromTheKeyboardLandsInTheDatabase()
    {
        const QString file = m_dir.filePath(u"progress.sqlite"_s);
        ReviewSession session(file, m_curriculum);
        session.setNow(kReviewNow);
        ReviewSessionWidget widget(&session);
        widget.resize(640, 480);
        widget.show();
        QSignalSpy loaded(&session, &ReviewSession::loaded);
        session.load();
        QVERIFY(loaded.wait(10000));
        QVERIFY(session.current());
        QCOMPARE((session.remaining()), (std::array<int, 3> { 2, 0, 0 }));
        const QString first = session.current()->record.nodeId;
        QVERIFY(!widget.backShown());
        press(&widget, Qt::Key_3, &session); // no grade before the back is shown
        QCOMPARE(rows(file, u"SELECT count(*) FROM review_log"_s).first().first().toInt(), 0);
        press(&widget, Qt::Key_Space, &session);
        QVERIFY(widget.backShown());
        checkRenderedNote(&widget, &session);
        const auto buttons = widget.findChildren<QPushButton *>();
        QVERIFY(std::any_of(
            buttons.cbegin(), buttons.cend(), [](QPushButton *b) { return b->text().startsWith(u"10m"_s); }));
        press(&widget, Qt::Key_3, &session);
        QCOMPARE(
            rows(file, u"SELECT node_id, rating FROM review_log"_s), (QList<QVariantList> { { first, 3 } }));
        press(&widget, Qt::Key_Space, &session);
        checkRenderedNote(&widget, &session);
        QVERIFY(m_noteSeen);
        press(&widget, Qt::Key_1, &session);
        QCOMPARE(rows(file, u"SELECT count(*) FROM review_log"_s).first().first().toInt(), 2);
        // Both cards are in learning now, due again within the session.
        QCOMPARE((session.remaining()), (std::array<int, 3> { 0, 2, 0 }));
        QSignalSpy finished(&widget, &ReviewSessionWidget::finished);
        for (int i = 0; i < 6 && session.current(); ++i) {
            press(&widget, Qt::Key_Space, &session);
            press(&widget, Qt::Key_4, &session);
        }
        QVERIFY(!session.current());
        QCOMPARE(finished.count(), 1);
        const QList<QVariantList> cards
            = rows(file, u"SELECT state, reps FROM review_card ORDER BY node_id"_s);
        QCOMPARE(cards.size(), 2);
        for (const QVariantList &c : cards)
            QCOMPARE(c.at(0).toInt(), int(CardState::Review));
    }

    void cardInfoShowsTheStateAndTheLog()
    {
        CardInfoDialog dialog(m_dir.filePath(u"progress.sqlite"_s), m_curriculum, id(u"Idempotency"_s));
        dialog.setNow(kReviewNow.addDays(2));
        QSignalSpy loaded(&dialog, &CardInfoDialog::loadedForTest);
        dialog.load();
        QVERIFY(loaded.wait(10000));
        const QString text = dialog.findChild<QLabel *>()->text();
        QVERIFY2(text.contains(u"Idempotency"_s) && text.contains(u"Stability"_s), qPrintable(text));
        QVERIFY(dialog.findChild<QAbstractItemModel *>()->rowCount() >= 2);
    }

    // Renders the review screen (back shown) and card info in light and dark; with
    // STUDYBENCH_SCREENSHOTS set, saves them there as review-*.png.
    void rendersInLightAndDark()
    {
        const QString file = m_dir.filePath(u"shots.sqlite"_s);
        {
            ProgressStore progress;
            QVERIFY(progress.open(file));
            QVERIFY(progress.setNote(id(u"Idempotency"_s),
                u"PUT and DELETE are **idempotent**; POST is not.\n\n- retry a PUT freely\n- give a POST an `Idempotency-Key`\n"_s));
            ReviewStore store;
            QVERIFY(store.open(file));
            ReviewDeck deck(store, m_curriculum.get());
            deck.setFuzz(false);
            const QString card = id(u"Idempotency"_s);
            QVERIFY(deck.add(card, kReviewNow.addDays(-30)).ok());
            QVERIFY(deck.add(id(u"Status codes"_s), kReviewNow.addDays(59)).ok());
            const QList<QPair<int, Rating>> reviews { { -30, Rating::Good }, { -30, Rating::Good },
                { -27, Rating::Good }, { -18, Rating::Hard }, { -6, Rating::Good } };
            int n = 0;
            for (const auto &[day, rating] : reviews)
                QVERIFY(deck.grade(card, rating, kReviewNow.addDays(day).addSecs(600 * n++)).ok());
        }
        for (const QString &look : { u"light"_s, u"dark"_s }) {
            Appearance::apply(look);
            ReviewSession session(file, m_curriculum);
            // Two months on: the reviewed card (with its note) is due first, then the new one.
            session.setNow(kReviewNow.addDays(60));
            ReviewSessionWidget widget(&session);
            widget.resize(640, 440);
            widget.show();
            QSignalSpy loaded(&session, &ReviewSession::loaded);
            session.load();
            QVERIFY(loaded.wait(10000));
            QVERIFY(session.current());
            QCOMPARE(session.current()->record.nodeId, id(u"Idempotency"_s));
            widget.reveal();
            const QPixmap review = widget.grab();
            QVERIFY(!review.isNull());
            CardInfoDialog info(file, m_curriculum, id(u"Idempotency"_s));
            info.setNow(kReviewNow);
            QSignalSpy infoLoaded(&info, &CardInfoDialog::loadedForTest);
            info.load();
            QVERIFY(infoLoaded.wait(10000));
            info.show();
            const QPixmap infoShot = info.grab();
            QVERIFY(!infoShot.isNull());
            QVERIFY(TestSupport::saveScreenshot(review, u"review-session-%1"_s.arg(look)));
            QVERIFY(TestSupport::saveScreenshot(infoShot, u"review-card-info-%1"_s.arg(look)));
        }
        Appearance::apply(u"light"_s);
    }
};

QTEST_MAIN(TestReviewSession)
#include "TestReviewSession.moc"
