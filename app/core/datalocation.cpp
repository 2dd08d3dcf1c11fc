#include "datalocation.h"

#include "progressstore.h"

#include <QCoreApplication>
#include <QDir>
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

QString progressDatabasePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(ProgressStore::defaultFileName());
}

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("studybench"));
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QStringLiteral(STUDYBENCH_VERSION));
}

} // namespace StudyBench
