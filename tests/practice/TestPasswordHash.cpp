// bcrypt password hashes through libxcrypt.
#include "practice/passwordhash.h"

#include <QTest>

using namespace StudyBench;

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("STUDYBENCH_BCRYPT_COST"); }

    void defaultCostIsTwelve()
    {
        QCOMPARE(PasswordHash::defaultCost(), 12);
        const QByteArray hash = PasswordHash::hash("correct horse battery staple");
        QVERIFY2(hash.startsWith("$2b$12$"), hash.constData());
        QCOMPARE(hash.size(), 60);
        QVERIFY(PasswordHash::verify("correct horse battery staple", hash));
    }

    void costFromTheEnvironment_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("cost");
        QTest::newRow("4") << QByteArray("4") << 4;
        QTest::newRow("5") << QByteArray("5") << 5;
        QTest::newRow("too low") << QByteArray("3") << 12;
        QTest::newRow("too high") << QByteArray("32") << 12;
        QTest::newRow("not a number") << QByteArray("fast") << 12;
    }

    void costFromTheEnvironment()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, cost);
        qputenv("STUDYBENCH_BCRYPT_COST", value);
        QCOMPARE(PasswordHash::defaultCost(), cost);
    }

    void verifies_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("attempt");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same") << QByteArray("jakejake") << QByteArray("jakejake") << true;
        QTest::newRow("wrong") << QByteArray("jakejake") << QByteArray("jakejakf") << false;
        QTest::newRow("case") << QByteArray("jakejake") << QByteArray("Jakejake") << false;
        QTest::newRow("prefix") << QByteArray("jakejake") << QByteArray("jakejak") << false;
        QTest::newRow("empty attempt") << QByteArray("jakejake") << QByteArray() << false;
        QTest::newRow("UTF-8") << QByteArray("p\xc3\xa4ssw\xc3\xb6rd") << QByteArray("p\xc3\xa4ssw\xc3\xb6rd")
                               << true;
        QTest::newRow("SQL") << QByteArray("' OR '1'='1") << QByteArray("' OR '1'='2") << false;
        QTest::newRow("72 bytes") << QByteArray(72, 'a') << QByteArray(72, 'a') << true;
    }

    void verifies()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, attempt);
        QFETCH(bool, matches);
        const QByteArray hash = PasswordHash::hash(password, 4);
        QVERIFY(hash.startsWith("$2b$04$"));
        QVERIFY(!hash.contains(password));
        QCOMPARE(PasswordHash::verify(attempt, hash), matches);
    }

    void saltDiffersEachTime()
    {
        const QByteArray a = PasswordHash::hash("same password", 4);
        const QByteArray b = PasswordHash::hash("same password", 4);
        QVERIFY(a != b);
        QVERIFY(PasswordHash::verify("same password", a));
        QVERIFY(PasswordHash::verify("same password", b));
    }

    // From crypt_blowfish's test vectors ($2a$ and $2b$ agree for short passwords).
    void knownVector()
    {
        QVERIFY(PasswordHash::verify("U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
        QVERIFY(!PasswordHash::verify("U*V", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    }

    void refusesWhatBcryptWouldTruncate()
    {
        QVERIFY(PasswordHash::hash(QByteArray(73, 'a'), 4).isEmpty());
        QVERIFY(PasswordHash::hash(QByteArray("abc\0def", 7), 4).isEmpty());
        const QByteArray hash = PasswordHash::hash(QByteArray(72, 'a'), 4);
        QVERIFY(!PasswordHash::verify(QByteArray(73, 'a'), hash));
    }

    void rejectsOtherStoredFormats_data()
    {
        QTest::addColumn<QByteArray>("stored");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("clear text") << QByteArray("secret");
        QTest::newRow("md5-crypt") << QByteArray("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/");
        QTest::newRow("truncated bcrypt") << QByteArray("$2b$04$abcdefghijklmnopqrstuu");
    }

    void rejectsOtherStoredFormats()
    {
        QFETCH(QByteArray, stored);
        QVERIFY(!PasswordHash::verify("secret", stored));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "TestPasswordHash.moc"
