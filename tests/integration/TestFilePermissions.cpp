// The learner's files are theirs alone: the data folder StudyBench creates is 0700, and every
// database and backup in it 0600 (issue #12, 9), on real files.
#include "httpclient/requesthistory.h"
#include "practice/practicedatabase.h"
#include "practice/practiceserver.h"
#include "progress/backupmanager.h"
#include "progress/progressstore.h"
#include "util/datalocation.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace StudyBench;
using namespace Qt::StringLiterals;

namespace {

// The permission bits as the system has them (QFileInfo adds the user's own to the owner's).
int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestFilePermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // A permissive umask, as some systems have: the modes must not depend on it.
        ::umask(0002);
    }

    void dataFolderAndDatabases()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString dataDir = root.filePath(u"studybench/data"_s);

        ProgressStore progress;
        QVERIFY(progress.open(progressDatabasePath(dataDir)));
        QCOMPARE(modeOf(root.filePath(u"studybench"_s)), 0700);
        QCOMPARE(modeOf(dataDir), 0700);
        QCOMPARE(modeOf(progressDatabasePath(dataDir)), 0600);

        RequestHistory history;
        const QString historyPath = QDir(dataDir).filePath(DataFile::httpHistory());
        QVERIFY(history.open(historyPath));
        QCOMPARE(modeOf(historyPath), 0600);

        PracticeServer server(dataDir);
        QVERIFY2(server.start(0), qPrintable(server.errorString()));
        QCOMPARE(modeOf(server.databasePath()), 0600);
        server.stop();

        // SQLite's side files take the database's mode.
        for (const QString &name : QDir(dataDir).entryList(QDir::Files))
            QVERIFY2(modeOf(QDir(dataDir).filePath(name)) == 0600, qPrintable(name));

        BackupManager backups(dataDir);
        const auto backup
            = backups.backUp(progressDatabasePath(dataDir), u"manual"_s, QDateTime::currentDateTimeUtc());
        QVERIFY2(backup, qPrintable(backups.errorString()));
        QCOMPARE(modeOf(QFileInfo(backup->path).absolutePath()), 0700);
        QCOMPARE(modeOf(backup->path), 0600);
    }

    // A database made before, readable by all, is made private when it is opened.
    void existingFilesAreMadePrivate()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        const QString path = progressDatabasePath(dataDir.path());
        {
            ProgressStore store;
            QVERIFY(store.open(path));
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        ProgressStore store;
        QVERIFY(store.open(path));
        QCOMPARE(modeOf(path), 0600);
    }
};

QTEST_GUILESS_MAIN(TestFilePermissions)
#include "TestFilePermissions.moc"
