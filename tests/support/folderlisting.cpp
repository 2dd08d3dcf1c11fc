#include "support/folderlisting.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace StudyBenchTest {

QStringList folderListing(const QString &folder)
{
    QStringList lines;
    QDirIterator it(
        folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        QString line = QDir(folder).relativeFilePath(info.filePath()) + u' '
            + QString::number(info.lastModified().toMSecsSinceEpoch());
        QFile file(info.filePath());
        if (info.isFile() && file.open(QIODevice::ReadOnly)) {
            line += u' '
                + QString::fromLatin1(
                    QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
        }
        lines.append(line);
    }
    lines.sort();
    return lines;
}

} // namespace StudyBenchTest
