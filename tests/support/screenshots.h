#pragma once

// The README's pictures (resources/screenshots/). A test that renders one saves it only when the
// environment variable STUDYBENCH_SCREENSHOTS names a folder:
//     STUDYBENCH_SCREENSHOTS=$PWD/resources/screenshots ctest -R TestCohortWindow
// Header-only: only the tests that draw include it, and they link Qt GUI.

#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QSaveFile>
#include <QString>
#include <QTest>

namespace StudyBench::TestSupport {

/// The folder STUDYBENCH_SCREENSHOTS names, or empty when no screenshots are wanted.
inline QString screenshotFolder()
{
    return qEnvironmentVariable("STUDYBENCH_SCREENSHOTS");
}

/// Whether screenshots are wanted (a test may skip drawing the extra ones when not).
inline bool screenshotsWanted()
{
    return !screenshotFolder().isEmpty();
}

/// Saves @p image as @p name.png in screenshotFolder(), made when missing. True when written or
/// when no screenshots are wanted; false, with a warning naming the file, when the write failed.
inline bool saveScreenshot(const QImage &image, const QString &name)
{
    const QString folder = screenshotFolder();
    if (folder.isEmpty())
        return true;
    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    QSaveFile file(path);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG")
        || !file.commit()) {
        qWarning("could not write the screenshot %s: %s", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

inline bool saveScreenshot(const QPixmap &pixmap, const QString &name)
{
    return saveScreenshot(pixmap.toImage(), name);
}

/// Saves @p image named after the running test's data tag (rows named after their pictures).
inline bool saveScreenshot(const QImage &image)
{
    return saveScreenshot(image, QString::fromLatin1(QTest::currentDataTag()));
}

} // namespace StudyBench::TestSupport
