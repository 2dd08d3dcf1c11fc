// libFuzzer target: the cURL command importer, and exporting what it imported.
#include "httpclient/curlcommand.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace StudyBench;
    const QString command = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const CurlImportResult r = CurlCommand::parse(command, QStringLiteral("/nonexistent-fuzz-dir"));
    if (!r.ok()) {
        if (r.error.isEmpty())
            __builtin_trap();
        return 0;
    }
    // What was imported exports to a command that imports to the same request.
    const QString again = CurlCommand::toCurl(r.request, nullptr, false);
    const CurlImportResult back = CurlCommand::parse(again, QStringLiteral("/nonexistent-fuzz-dir"));
    if (!back.ok() || back.request.method != r.request.method
        || back.request.headers.size() != r.request.headers.size())
        __builtin_trap();
    return 0;
}
