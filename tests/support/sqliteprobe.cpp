#include "support/sqliteprobe.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace StudyBenchTest {

QVariant sqliteValue(const QString &path, const QString &sql)
{
    const QString connection = QStringLiteral("sqlite-probe");
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                result = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace StudyBenchTest
