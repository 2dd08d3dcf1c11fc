// libFuzzer target: the .http parser, and resolving every request it finds.
#include "httpclient/httpfile.h"
#include "httpclient/httpvariables.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace StudyBench;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const HttpFile file = HttpFileParser::parse(text, QStringLiteral("/fuzz/requests.http"));
    for (const HttpFileError &e : file.errors) {
        if (e.message.isEmpty())
            __builtin_trap(); // an error always says what is wrong
    }
    HttpVariables variables;
    variables.setFileVariables(file.variables);
    for (const HttpRequestTemplate &t : file.requests) {
        QList<HttpFileError> errors;
        // Bodies from files are resolved against a folder that does not exist: no I/O to the tree.
        variables.resolveRequest(t, QStringLiteral("/nonexistent-fuzz-dir"), file.path, &errors);
    }
    return 0;
}
