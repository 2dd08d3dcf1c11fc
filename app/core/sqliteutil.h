#pragma once

#include <QSqlDatabase>
#include <QString>

namespace StudyBench {

/// A short-lived SQLite connection with its own name, removed again when it goes out of scope.
/// ReadOnly opens with SQLITE_OPEN_READONLY, so inspecting a file never writes to it.
class SqliteConnection
{
public:
    enum Mode { ReadOnly, ReadWrite };

    SqliteConnection(const QString &path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }
    QSqlDatabase database() const;
    /// Empty when PRAGMA quick_check says "ok"; otherwise what it (or the failed query) said.
    QString quickCheck();
    /// PRAGMA user_version, or -1 when it cannot be read.
    int userVersion();

private:
    QString m_name;
    QString m_error;
    bool m_open = false;
};

} // namespace StudyBench
