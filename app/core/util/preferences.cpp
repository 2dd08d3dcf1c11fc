#include "util/preferences.h"

namespace StudyBench {

namespace {

const QString kOrganisation = QStringLiteral("StudyBench");
const QString kApplication = QStringLiteral("StudyBench");

} // namespace

Preferences::Preferences()
    : m_user(QSettings::NativeFormat, QSettings::UserScope, kOrganisation, kApplication)
    , m_admin(QSettings::NativeFormat, QSettings::SystemScope, kOrganisation, kApplication)
{
    // The learner's file answers for itself only; the administrator's is asked explicitly.
    m_user.setFallbacksEnabled(false);
    const QStringList locked = m_admin.value(QStringLiteral("Locked")).toStringList();
    for (const QString &key : locked) {
        if (const QString trimmed = key.trimmed(); !trimmed.isEmpty())
            m_locked.append(trimmed);
    }
}

bool Preferences::isLocked(QAnyStringView key) const
{
    return m_locked.contains(key.toString(), Qt::CaseInsensitive);
}

QVariant Preferences::value(QAnyStringView key, const QVariant &fallback) const
{
    const QString k = key.toString();
    if (!isLocked(k) && m_user.contains(k))
        return m_user.value(k);
    return m_admin.value(k, fallback);
}

bool Preferences::setValue(QAnyStringView key, const QVariant &value)
{
    if (isLocked(key))
        return false;
    m_user.setValue(key.toString(), value);
    return true;
}

QString Preferences::defaultCurriculum() const
{
    return value(kDefaultCurriculum).toString();
}

std::optional<quint16> Preferences::practiceServerPort() const
{
    bool ok = false;
    const int port = value(kPracticeServerPort).toInt(&ok);
    if (ok && port > 0 && port < 65536)
        return quint16(port);
    return std::nullopt;
}

bool Preferences::allowInsecureTls() const
{
    return value(kAllowInsecureTls, true).toBool();
}

bool Preferences::loopbackOnly() const
{
    return value(kLoopbackOnly, false).toBool();
}

bool Preferences::showStreaks() const
{
    return value(kShowStreaks, false).toBool();
}

} // namespace StudyBench
