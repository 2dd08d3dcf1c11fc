#include "practice/passwordhash.h"

#include "practice/jwt.h"

#include <crypt.h>
#include <memory>

namespace StudyBench::PasswordHash {

int defaultCost()
{
    bool ok = false;
    const int cost = qEnvironmentVariableIntValue("STUDYBENCH_BCRYPT_COST", &ok);
    return ok && cost >= 4 && cost <= 31 ? cost : 12;
}

namespace {
// crypt_rn reports failure with a null return or, in "failure token" style, a string starting with '*'.
QByteArray runCrypt(const QByteArray &password, const char *setting)
{
    auto data = std::make_unique<crypt_data>();
    const char *out = crypt_rn(password.constData(), setting, data.get(), int(sizeof(crypt_data)));
    QByteArray result = out && out[0] != '*' ? QByteArray(out) : QByteArray();
    explicit_bzero(data.get(), sizeof(crypt_data));
    return result;
}
} // namespace

QByteArray hash(const QByteArray &password, int cost)
{
    // bcrypt ignores everything after byte 72 and stops at NUL; refuse both rather than truncate silently.
    if (password.contains('\0') || password.size() > 72)
        return {};
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, setting, int(sizeof setting)))
        return {};
    return runCrypt(password, setting);
}

bool verify(const QByteArray &password, const QByteArray &storedHash)
{
    if (!storedHash.startsWith("$2b$") || password.contains('\0') || password.size() > 72)
        return false;
    const QByteArray computed = runCrypt(password, storedHash.constData());
    return !computed.isEmpty() && constantTimeEquals(computed, storedHash);
}

} // namespace StudyBench::PasswordHash
