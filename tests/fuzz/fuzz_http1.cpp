// libFuzzer target: the strict HTTP/1.1 response parser and the content decoder.
//
// The first byte picks how the rest is fed (its size in pieces, and whether the request was HEAD).
// The parse must come out the same whether the response arrives whole or in pieces, and what it
// reports must agree with itself.
#include "httpclient/http1parser.h"
#include "util/httpcompression.h"

#include <cstddef>
#include <cstdint>

namespace {

struct Result
{
    StudyBench::Http1ResponseParser::State state {};
    StudyBench::Http1ResponseParser::Failure failure {};
    int status = 0;
    QByteArray body;
    qsizetype used = 0;
};

Result run(QByteArrayView wire, qsizetype step, bool head)
{
    using namespace StudyBench;
    Http1ResponseParser p(head);
    Result r;
    p.setBodySink([&](QByteArrayView b) {
        r.body += b.toByteArray();
        return true;
    });
    for (qsizetype pos = 0; pos < wire.size() && !p.isDone() && !p.hasFailed(); pos += step) {
        const qsizetype used = p.feed(wire.sliced(pos, qMin(step, wire.size() - pos)));
        if (used < 0 || used > qMin(step, wire.size() - pos))
            __builtin_trap();
        r.used += used;
    }
    p.finish();
    if (p.hasFailed() == p.errorString().isEmpty())
        __builtin_trap(); // a failure always says why, and only a failure does
    if (p.bodyBytes() != r.body.size())
        __builtin_trap();
    if (p.isDone() && p.framing() == Http1ResponseParser::Framing::Length
        && p.contentLength() != r.body.size())
        __builtin_trap();
    if (p.keepAlive() && !p.isDone())
        __builtin_trap();
    r.state = p.state();
    r.failure = p.failure();
    r.status = p.status();
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace StudyBench;
    if (size < 1)
        return 0;
    const uchar selector = data[0];
    const QByteArrayView wire(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const bool head = selector & 0x80;
    const qsizetype step = (selector & 0x7f) + 1;

    const Result whole = run(wire, qMax<qsizetype>(1, wire.size()), head);
    const Result pieces = run(wire, step, head);
    if (whole.state != pieces.state || whole.failure != pieces.failure || whole.status != pieces.status
        || whole.body != pieces.body
        || (whole.state == StudyBench::Http1ResponseParser::State::Done && whole.used != pieces.used))
        __builtin_trap();

    // Whatever the body is, decoding it as gzip or deflate ends in output or a clear error.
    for (const char *encoding : { "gzip", "deflate" }) {
        HttpCompression::ContentDecoder decoder(encoding);
        qint64 produced = 0;
        const bool ok = decoder.decode(whole.body, [&](QByteArrayView b) {
            produced += b.size();
            return produced < (qint64(16) << 20); // a bomb stops here
        });
        const bool finished = ok && decoder.finish();
        if (!finished && produced < (qint64(16) << 20) && decoder.errorString().isEmpty())
            __builtin_trap();
    }
    return 0;
}
