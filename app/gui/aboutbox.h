#pragma once

#include <QList>
#include <QString>

class QWidget;

namespace StudyBench {

/// A library StudyBench is built on, as Help › About lists it.
struct ComponentInfo
{
    QString name;
    QString version; ///< the version in use at run time where the library tells it, else built against
    QString licence; ///< an SPDX identifier
};

/// The libraries in use with their versions and licences (Qt's run-time version, SQLite's
/// run-time version, KSyntaxHighlighting and md4c as built against).
QList<ComponentInfo> componentsInUse();

/// Shows Help › About: StudyBench's version, where its data is, and componentsInUse().
void showAboutBox(QWidget *parent, const QString &dataDir);

} // namespace StudyBench
