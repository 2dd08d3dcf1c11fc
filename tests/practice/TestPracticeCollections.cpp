// The request collections shipped with the curriculum (curriculum/practice/*.http) pass their own
// handler-script tests, run by `studybench-cli http` against `studybench-cli serve`, each against
// a fresh server on a free loopback port.
#include "curriculum/curriculumparser.h"
#include "curriculum/practicecollections.h"
#include "support/cliprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace StudyBenchTest;
using namespace Qt::StringLiterals;

namespace {
const QString kPractice = QStringLiteral(STUDYBENCH_SOURCE_DIR "/curriculum/practice");

} // namespace

class TestPracticeCollections : public QObject
{
    Q_OBJECT

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<QProcess> m_server;
    quint16 m_port = 0;

private Q_SLOTS:
    void indexMatchesTheCurriculumAndTheFiles()
    {
        const auto curriculum = StudyBench::CurriculumParser::builtin();
        QVERIFY(curriculum.ok());
        const auto all = StudyBench::PracticeCollections::all();
        QStringList indexed;
        for (const auto &c : all) {
            indexed.append(c.fileName);
            QVERIFY2(!c.title.isEmpty(), qPrintable(c.fileName));
            QVERIFY2(!c.nodeIds.isEmpty(), qPrintable(c.fileName));
            for (const QString &id : c.nodeIds)
                QVERIFY2(curriculum.curriculum->contains(id), qPrintable(c.fileName + u" names "_s + id));
        }
        indexed.sort();
        QCOMPARE(indexed, QDir(kPractice).entryList({ u"*.http"_s }, QDir::Files, QDir::Name));

        QStringList forTopic;
        for (const auto &c : StudyBench::PracticeCollections::forNode(
                 u"backend-basics/core-fundamentals/http-protocol-mastery"_s))
            forTopic.append(c.fileName);
        forTopic.sort();
        QCOMPARE(forTopic,
            (QStringList { u"cors.http"_s, u"headers.http"_s, u"http-methods-and-idempotency.http"_s,
                u"status-codes.http"_s }));
        QVERIFY(StudyBench::PracticeCollections::forNode(u"containers"_s).isEmpty());
    }

    // forNode() looks IDs up in a sorted index: it gives what a scan of every collection gives, for
    // every item of the curriculum and for IDs that are a prefix of others ("a" before "a-b" and "a/c").
    void forNodeFindsWhatAScanFinds()
    {
        const auto curriculum = StudyBench::CurriculumParser::builtin();
        QVERIFY(curriculum.ok());
        const auto all = StudyBench::PracticeCollections::all();
        QStringList ids { u"backend-basics"_s, u"backend-basics/core-fundamentals/http"_s, u"nothing"_s };
        for (const auto *node : curriculum.curriculum->allNodes())
            ids.append(node->id);
        int withCollections = 0;
        for (const QString &id : std::as_const(ids)) {
            QStringList scanned;
            for (const auto &c : all) {
                if (std::any_of(c.nodeIds.cbegin(), c.nodeIds.cend(),
                        [&id](const QString &n) { return n == id || n.startsWith(id + u'/'); }))
                    scanned.append(c.fileName);
            }
            QStringList found;
            for (const auto &c : StudyBench::PracticeCollections::forNode(id))
                found.append(c.fileName);
            QCOMPARE(found, scanned);
            withCollections += found.isEmpty() ? 0 : 1;
        }
        QVERIFY(withCollections > 10);
    }

    void materializeKeepsEditsAndFollowsThePort()
    {
        QTemporaryDir dir;
        QString error;
        const QString path
            = StudyBench::PracticeCollections::materialize(dir.path(), u"status-codes.http"_s, 9001, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QCOMPARE(path, dir.filePath(u"practice/status-codes.http"_s));
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n### mine\nGET {{baseUrl}}/http/status/200\n");
        f.close();
        QVERIFY(
            !StudyBench::PracticeCollections::materialize(dir.path(), u"status-codes.http"_s, 9002, &error)
                .isEmpty());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().endsWith("/http/status/200\n"));
        QFile env(dir.filePath(u"practice/http-client.env.json"_s));
        QVERIFY(env.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(env.readAll())
                     .object()
                     .value(u"local"_s)
                     .toObject()
                     .value(u"baseUrl"_s)
                     .toString(),
            u"http://127.0.0.1:9002"_s);
        QVERIFY(StudyBench::PracticeCollections::materialize(dir.path(), u"../etc/passwd"_s, 9002, &error)
                .isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void init()
    {
        if (QString::fromLatin1(QTest::currentTestFunction()) != u"collection"_s)
            return;
        m_dir = new QTemporaryDir;
        m_port = freeLoopbackPort();
        m_server = startServe(m_port, m_dir->filePath(u"server"_s));
        QVERIFY2(m_server, "the practice server did not start listening");
    }

    void cleanup()
    {
        if (m_server) {
            m_server->terminate();
            m_server->waitForFinished(10000);
            m_server.reset();
        }
        delete m_dir;
        m_dir = nullptr;
    }

    void collection_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(kPractice).entryList({ u"*.http"_s }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void collection()
    {
        QFETCH(QString, file);
        // The collection as shipped, with an environment that points at this test's server.
        const QString work = m_dir->filePath(u"collection"_s);
        QVERIFY(QDir().mkpath(work));
        QVERIFY(QFile::copy(kPractice + u'/' + file, work + u'/' + file));
        QFile env(work + u"/http-client.env.json"_s);
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(QStringLiteral("{\"local\": {\"baseUrl\": \"http://127.0.0.1:%1\"}}").arg(m_port).toUtf8());
        env.close();

        const ProcessRun run = runCli({ u"http"_s, work + u'/' + file, u"--env"_s, u"local"_s,
                                          u"--data-dir"_s, m_dir->filePath(u"client"_s) },
            cliEnvironment(), 120000);
        const QString out = run.outText();
        QVERIFY2(run.exitCode == 0, qPrintable(out + run.errText()));
        QVERIFY2(out.contains(u"PASS"_s), qPrintable(out));
        QVERIFY2(!out.contains(u"FAIL"_s), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestPracticeCollections)
#include "TestPracticeCollections.moc"
