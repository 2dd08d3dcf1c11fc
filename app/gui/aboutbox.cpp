#include "aboutbox.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QString>
#include <QWidget>
#include <ksyntaxhighlighting_version.h>

#include <sqlite3.h>

namespace StudyBench {

QList<ComponentInfo> componentsInUse()
{
    const auto latin1 = [](const char *text) {
        return QString::fromLatin1(text);
    };
    return {
        { QStringLiteral("Qt"), latin1(qVersion()), QStringLiteral("LGPL-3.0-only") },
        { QStringLiteral("KSyntaxHighlighting"), latin1(KSYNTAXHIGHLIGHTING_VERSION_STRING),
            QStringLiteral("MIT") },
        { QStringLiteral("SQLite"), latin1(sqlite3_libversion()),
            QStringLiteral("Public domain (blessing)") },
        { QStringLiteral("md4c"), latin1(STUDYBENCH_MD4C_VERSION), QStringLiteral("MIT") },
    };
}

void showAboutBox(QWidget *parent, const QString &dataDir)
{
    QString rows;
    for (const ComponentInfo &c : componentsInUse()) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(c.name.toHtmlEscaped(), c.version.toHtmlEscaped(), c.licence.toHtmlEscaped());
    }
    const QString text = QCoreApplication::translate("AboutBox",
        "<h3>StudyBench %1</h3>"
        "<p>A study companion for backend developers: the curriculum, your progress and notes, offline.</p>"
        "<p>Your data: <code>%2</code></p>"
        "<p>Built on:</p>"
        "<table cellspacing=\"6\"><tr><th align=\"left\">Library</th><th align=\"left\">Version</th>"
        "<th align=\"left\">Licence</th></tr>%3</table>")
                             .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                                 dataDir.toHtmlEscaped(), rows);
    QMessageBox::about(parent, QCoreApplication::translate("AboutBox", "About StudyBench"), text);
}

} // namespace StudyBench
