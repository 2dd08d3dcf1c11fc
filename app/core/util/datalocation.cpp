#include "util/datalocation.h"

#include "util/preferences.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QSettings>
#include <QStandardPaths>

namespace StudyBench {

QString dataDirectory(const QString &commandLineOverride)
{
    QString dir = commandLineOverride;
    if (dir.isEmpty())
        dir = qEnvironmentVariable("STUDYBENCH_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir::cleanPath(QDir(dir).absolutePath());
}

QString profileDirectory(const QString &dataDir, const QString &curriculumFile)
{
    // The name of CurriculumParser::builtinPath() (TestDataLocation holds the two together).
    const QString builtinName = QStringLiteral("backend-mastery");
    const QString name = QFileInfo(curriculumFile).completeBaseName();
    if (curriculumFile.isEmpty() || name == builtinName || name.isEmpty())
        return dataDir;
    return QDir(dataDir).filePath(DataFile::curriculaFolder() + u'/' + name);
}

QString chosenCurriculum(const QString &dataDir, const QString &commandLine)
{
    if (!commandLine.isEmpty())
        return QFileInfo(commandLine).absoluteFilePath();
    const QSettings uiState(QDir(dataDir).filePath(DataFile::uiState()), QSettings::IniFormat);
    if (uiState.contains(QStringLiteral("curriculum")))
        return uiState.value(QStringLiteral("curriculum")).toString();
    return Preferences().defaultCurriculum();
}

QStringList installedCurricula()
{
    const QStringList dirs = QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
        QStringLiteral("studybench/curricula"), QStandardPaths::LocateDirectory);
    QMap<QString, QString> byName;
    for (const QString &dir : dirs) {
        const QFileInfoList files
            = QDir(dir).entryInfoList({ QStringLiteral("*.md") }, QDir::Files | QDir::Readable);
        for (const QFileInfo &file : files) {
            if (!byName.contains(file.fileName()))
                byName.insert(file.fileName(), file.absoluteFilePath());
        }
    }
    return byName.values();
}

QString progressDatabasePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(DataFile::progressDatabase());
}

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("studybench"));
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QStringLiteral(STUDYBENCH_VERSION));
}

} // namespace StudyBench
