// The token bucket behind /http/limited, on an injected clock.
#include "practice/tokenbucket.h"

#include <QTest>

using namespace StudyBench;

class TestTokenBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefill()
    {
        qint64 now = 1000;
        TokenBucket bucket(5, 1.0, [&] { return now; });
        QCOMPARE(bucket.remaining(), 5);
        for (int i = 0; i < 5; ++i)
            QVERIFY2(bucket.tryTake(), qPrintable(QString::number(i)));
        QVERIFY(!bucket.tryTake());
        QCOMPARE(bucket.remaining(), 0);
        QCOMPARE(bucket.msUntilNextToken(), 1000);
        QCOMPARE(bucket.msUntilFull(), 5000);
        now += 400;
        QVERIFY(!bucket.tryTake());
        QCOMPARE(bucket.msUntilNextToken(), 600);
        now += 600;
        QCOMPARE(bucket.msUntilNextToken(), 0);
        QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
    }

    void neverMoreThanCapacity()
    {
        qint64 now = 0;
        TokenBucket bucket(3, 2.0, [&] { return now; });
        now += 60 * 60 * 1000;
        QCOMPARE(bucket.remaining(), 3);
        QCOMPARE(bucket.msUntilFull(), 0);
        QVERIFY(bucket.tryTake());
        QCOMPARE(bucket.remaining(), 2);
        QCOMPARE(bucket.msUntilFull(), 500);
    }

    void clockGoingBackwardsGivesNothing()
    {
        qint64 now = 10000;
        TokenBucket bucket(1, 1.0, [&] { return now; });
        QVERIFY(bucket.tryTake());
        now = 0;
        QVERIFY(!bucket.tryTake());
        now = 10500;
        QVERIFY(!bucket.tryTake());
        now = 11000;
        QVERIFY(bucket.tryTake());
    }

    void refillRates_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<double>("perSecond");
        QTest::addColumn<qint64>("advanceMs");
        QTest::addColumn<int>("expectedTakes");
        QTest::addColumn<qint64>("expectedWaitMs");
        // After emptying the bucket, advancing the clock and taking all that is there.
        QTest::newRow("1/s, 0.5 s") << 5 << 1.0 << qint64(500) << 0 << qint64(500);
        QTest::newRow("1/s, 1 s") << 5 << 1.0 << qint64(1000) << 1 << qint64(1000);
        QTest::newRow("1/s, 2.5 s") << 5 << 1.0 << qint64(2500) << 2 << qint64(500);
        QTest::newRow("0.5/s, 1.9 s") << 2 << 0.5 << qint64(1900) << 0 << qint64(100);
        QTest::newRow("0.5/s, 4 s") << 2 << 0.5 << qint64(4000) << 2 << qint64(2000);
        QTest::newRow("10/s, 0.35 s") << 10 << 10.0 << qint64(350) << 3 << qint64(50);
        QTest::newRow("10/s, capped") << 10 << 10.0 << qint64(5000) << 10 << qint64(100);
    }

    void refillRates()
    {
        QFETCH(int, capacity);
        QFETCH(double, perSecond);
        QFETCH(qint64, advanceMs);
        QFETCH(int, expectedTakes);
        QFETCH(qint64, expectedWaitMs);
        qint64 now = 0;
        TokenBucket bucket(capacity, perSecond, [&] { return now; });
        while (bucket.tryTake()) { }
        now += advanceMs;
        int takes = 0;
        while (bucket.tryTake())
            ++takes;
        QCOMPARE(takes, expectedTakes);
        QCOMPARE(bucket.msUntilNextToken(), expectedWaitMs);
    }

    void defaultClockIsMonotonicTime()
    {
        TokenBucket bucket(1, 1000.0);
        QVERIFY(bucket.tryTake());
        QTRY_COMPARE_WITH_TIMEOUT(bucket.remaining(), 1, 1000);
        QVERIFY(bucket.tryTake());
    }
};

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "TestTokenBucket.moc"
