#pragma once

#include <QByteArray>

namespace StudyBench {

/// bcrypt ("$2b$") password hashes through libxcrypt.
namespace PasswordHash {

/// The work factor: 12, or STUDYBENCH_BCRYPT_COST (4 to 31) when set, for tests.
int defaultCost();
/// A new salted hash of the password; empty when libxcrypt fails.
QByteArray hash(const QByteArray &password, int cost = defaultCost());
/// Whether the password matches the stored hash; the comparison takes constant time.
bool verify(const QByteArray &password, const QByteArray &storedHash);

} // namespace PasswordHash

} // namespace StudyBench
