// libFuzzer target: the http-client.env.json / http-client.private.env.json reader.
#include "httpclient/httpenvironment.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace StudyBench;
    // The first half is the public file, the rest the private one.
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray publicJson = bytes.left(bytes.size() / 2);
    const QByteArray privateJson = bytes.mid(bytes.size() / 2);
    HttpEnvironmentFiles files;
    if (!files.loadData(publicJson, privateJson, QStringLiteral("/fuzz"))) {
        if (files.errorString().isEmpty())
            __builtin_trap();
        return 0;
    }
    for (const QString &name : files.environmentNames()) {
        QString error;
        const auto env = files.environment(name, &error);
        if (!env)
            __builtin_trap(); // a listed environment is always there
        const SecretMasker masker = env->masker();
        for (const QString &secret : env->secretNames) {
            const QString value = env->variables.value(secret);
            if (!value.isEmpty() && !value.contains(QChar(0x2022)) && masker.mask(value).contains(value))
                __builtin_trap(); // a secret never shows through its mask
        }
    }
    return 0;
}
