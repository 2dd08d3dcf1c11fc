#pragma once

#include <QCoreApplication>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace StudyBench {

/// The learner's settings, under defaults an administrator may set and lock.
///
/// The learner's file is $XDG_CONFIG_HOME/StudyBench/StudyBench.conf (QSettings' user scope);
/// the administrator's is the first StudyBench/StudyBench.conf found along $XDG_CONFIG_DIRS
/// (default /etc/xdg; QSettings' system scope). A key the learner has not set has the
/// administrator's value, then the built-in default. A key the administrator names in
/// `Locked` (in the [General] group: `Locked=HttpClient/LoopbackOnly, PracticeServer/Port`)
/// always has the administrator's value: the learner's own value is ignored and setValue()
/// refuses to change it.
///
/// Nothing here writes to the administrator's file; StudyBench never writes under /etc.
class Preferences
{
    Q_DECLARE_TR_FUNCTIONS(Preferences)

public:
    // The keys, as administrators write them.
    static constexpr auto kDefaultCurriculum = "Curriculum/Default";
    static constexpr auto kPracticeServerPort = "PracticeServer/Port";
    static constexpr auto kAllowInsecureTls = "HttpClient/AllowInsecureTls";
    static constexpr auto kLoopbackOnly = "HttpClient/LoopbackOnly";
    static constexpr auto kShowStreaks = "Dashboard/ShowStreaks";

    Preferences();

    /// The value of @p key as described above, or @p fallback when nobody set it.
    QVariant value(QAnyStringView key, const QVariant &fallback = {}) const;
    /// True when the administrator locked @p key.
    bool isLocked(QAnyStringView key) const;
    /// Stores the learner's @p value; false (and nothing written) when @p key is locked.
    bool setValue(QAnyStringView key, const QVariant &value);

    /// Curriculum/Default: the curriculum file to use when the learner has not chosen one.
    QString defaultCurriculum() const;
    /// PracticeServer/Port: the practice server's port, when somebody set a valid one.
    std::optional<quint16> practiceServerPort() const;
    /// HttpClient/AllowInsecureTls: may a request turn TLS certificate checks off (true unless set)?
    bool allowInsecureTls() const;
    /// HttpClient/LoopbackOnly: may the HTTP client reach only this computer (false unless set)?
    bool loopbackOnly() const;
    /// Dashboard/ShowStreaks: does the dashboard show the streak of days with activity (false unless set)?
    bool showStreaks() const;

    /// Where the administrator's file was found (empty when there is none), for messages.
    QString administratorFile() const { return m_admin.fileName(); }
    /// The learner's file, for messages.
    QString userFile() const { return m_user.fileName(); }

private:
    mutable QSettings m_user;
    mutable QSettings m_admin;
    QStringList m_locked;
};

} // namespace StudyBench
