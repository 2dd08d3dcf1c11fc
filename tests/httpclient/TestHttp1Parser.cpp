#include "httpclient/http1parser.h"
#include "util/httpcompression.h"

#include <QTest>

using namespace StudyBench;
using namespace Qt::StringLiterals;

using Failure = Http1ResponseParser::Failure;

namespace {

struct Outcome
{
    bool done = false;
    Failure failure = Failure::None;
    QString error;
    int status = 0;
    QByteArray body;
    bool keepAlive = false;
    qsizetype used = 0;
    QStringList warnings;
    QList<QPair<QByteArray, QByteArray>> trailers;
};

/// Parses @p wire fed in pieces of @p step bytes (all at once when 0), then closes when @p close.
Outcome parse(const QByteArray &wire, qsizetype step, bool close, bool head = false)
{
    Http1ResponseParser p(head);
    Outcome o;
    p.setBodySink([&](QByteArrayView b) {
        o.body += b.toByteArray();
        return true;
    });
    const qsizetype n = step > 0 ? step : qMax<qsizetype>(1, wire.size());
    for (qsizetype pos = 0; pos < wire.size() && !p.isDone() && !p.hasFailed(); pos += n) {
        const QByteArrayView piece = QByteArrayView(wire).sliced(pos, qMin(n, wire.size() - pos));
        o.used += p.feed(piece);
    }
    if (close)
        p.finish();
    o.done = p.isDone();
    o.failure = p.failure();
    o.error = p.errorString();
    o.status = p.status();
    o.keepAlive = p.keepAlive();
    o.warnings = p.warnings();
    o.trailers = p.trailers();
    return o;
}

} // namespace

class TestHttp1Parser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validResponses_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<bool>("head");
        QTest::addColumn<bool>("close");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");

        QTest::newRow("content-length") << "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"_ba << false
                                        << false << 200 << "hello"_ba << true;
        QTest::newRow("empty body") << "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"_ba << false << false
                                    << 200 << ""_ba << true;
        QTest::newRow("chunked")
            << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n "
               "world\r\n0\r\n\r\n"_ba
            << false << false << 200 << "hello world"_ba << true;
        QTest::newRow("chunked, upper-case hex, extensions")
            << "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA ; name=\"v\"\r\n0123456789\r\n0;last\r\n\r\n"_ba
            << false << false << 200 << "0123456789"_ba << true;
        QTest::newRow("chunked with trailers")
            << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nDigest: x\r\nX: y\r\n\r\n"_ba
            << false << false << 200 << "abc"_ba << true;
        QTest::newRow("multibyte UTF-8 counted in bytes")
            << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n\xc3\xa9t\xc3\xa9!\r\n0\r\n\r\n"_ba
            << false << false << 200 << "\xc3\xa9t\xc3\xa9!"_ba << true;
        QTest::newRow("until close") << "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it"_ba
                                     << false << true << 200 << "all of it"_ba << false;
        QTest::newRow("HTTP/1.0 closes") << "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"_ba << false
                                         << false << 200 << "ok"_ba << false;
        QTest::newRow("HTTP/1.0 keep-alive")
            << "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"_ba << false << false
            << 200 << "ok"_ba << true;
        QTest::newRow("Connection: close")
            << "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"_ba << false << false
            << 200 << "ok"_ba << false;
        QTest::newRow("HEAD ignores Content-Length")
            << "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"_ba << true << false << 200 << ""_ba << true;
        QTest::newRow("204 has no body") << "HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\n"_ba << false
                                         << false << 204 << ""_ba << true;
        QTest::newRow("304 has no body")
            << "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << false << false << 304
            << ""_ba << true;
        QTest::newRow("interim 100 and 103 are skipped")
            << "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 "
               "Created\r\nContent-Length: 1\r\n\r\nx"_ba
            << false << false << 201 << "x"_ba << true;
        QTest::newRow("a few empty lines before the status line")
            << "\r\n\r\n\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"_ba << false << false << 200 << "x"_ba
            << true;
        QTest::newRow("ten interim responses") << "HTTP/1.1 100 Continue\r\n\r\n"_ba.repeated(10)
                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"
                                               << false << false << 200 << "x"_ba << true;
        QTest::newRow("no reason phrase")
            << "HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx"_ba << false << false << 200 << "x"_ba << true;
        QTest::newRow("bare LF head")
            << "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"_ba << false << false << 200 << "ok"_ba << true;
        QTest::newRow("same Content-Length twice")
            << "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"_ba << false << false
            << 200 << "ok"_ba << true;
    }

    void validResponses()
    {
        QFETCH(QByteArray, wire);
        QFETCH(bool, head);
        QFETCH(bool, close);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        // Whole, in small pieces and byte by byte: the result must not depend on how bytes arrive.
        for (qsizetype step : { 0, 7, 3, 1 }) {
            const Outcome o = parse(wire, step, close, head);
            QVERIFY2(o.done, qPrintable(u"step %1: %2"_s.arg(step).arg(o.error)));
            QCOMPARE(o.status, status);
            QCOMPARE(o.body, body);
            QCOMPARE(o.keepAlive, keepAlive);
            QCOMPARE(o.used, wire.size());
        }
    }

    void warningsAndTrailers()
    {
        const Outcome lf = parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"_ba, 0, false);
        QCOMPARE(lf.warnings.size(), 1);
        QVERIFY(lf.warnings.first().contains(u"bare LF"_s));

        const Outcome both = parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"_ba,
            0, false);
        QVERIFY(both.done);
        QCOMPARE(both.body, "a"_ba);
        QVERIFY(!both.keepAlive); // never reuse a connection whose framing was ambiguous
        QVERIFY(both.warnings.join(u' ').contains(u"Content-Length is ignored"_s));

        const Outcome trailers = parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nDigest: abc\r\n\r\n"_ba, 1, false);
        QCOMPARE(trailers.trailers.size(), 1);
        QCOMPARE(trailers.trailers.first().first, "Digest"_ba);
        QCOMPARE(trailers.trailers.first().second, "abc"_ba);
    }

    void bytesAfterTheEndAreNotConsumed()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"_ba;
        const Outcome o = parse(wire, 0, false);
        QVERIFY(o.done);
        QCOMPARE(o.body, "ok"_ba);
        QCOMPARE(o.used, wire.size() - 5);
    }

    void brokenResponses_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<bool>("close");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("message");

        const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
        const auto invalid = int(Failure::InvalidChunked);
        QTest::newRow("size not hexadecimal")
            << chunked + "zz\r\nhello\r\n0\r\n\r\n"
            << false << invalid << u"chunk-size line \"zz\" is not a hexadecimal size"_s;
        QTest::newRow("size with 0x") << chunked + "0x5\r\nhello\r\n0\r\n\r\n"
                                      << false << invalid << u"without \"0x\""_s;
        QTest::newRow("size with leading space") << chunked + " 5\r\nhello\r\n0\r\n\r\n"
                                                 << false << invalid << u"not a hexadecimal size"_s;
        QTest::newRow("size too small: characters, not bytes")
            << chunked + "4\r\n\xc3\xa9t\xc3\xa9\r\n0\r\n\r\n"
            << false << invalid
            << u"in chunk 1 (after 4 bytes of body): its size line \"4\" announced 4 bytes"_s;
        QTest::newRow("size in decimal, too large")
            << chunked + "10\r\nhello world\r\n0\r\n\r\n"
            << true << invalid << u"closed before chunk 2 (after 16 bytes of body) began"_s;
        QTest::newRow("data without CRLF") << chunked + "5\r\nhello0\r\n\r\n"
                                           << false << invalid << u"its size line \"5\" announced 5 bytes"_s;
        QTest::newRow("data ends with bare LF") << chunked + "5\r\nhello\n0\r\n\r\n"
                                                << false << invalid << u"ends with a bare LF"_s;
        QTest::newRow("size line ends with bare LF") << chunked + "5\nhello\r\n0\r\n\r\n"
                                                     << false << invalid << u"ends with a bare LF"_s;
        QTest::newRow("extra CRLF between chunks")
            << chunked + "5\r\nhello\r\n\r\n0\r\n\r\n"
            << false << invalid << u"An empty line came where a size was expected"_s;
        QTest::newRow("size overflows") << chunked + "1000000000000000000\r\n"
                                        << false << invalid << u"too large"_s;
        QTest::newRow("no last chunk")
            << chunked + "5\r\nhello\r\n"
            << true << invalid << u"before chunk 2 (after 5 bytes of body) began"_s;
        QTest::newRow("cut inside a chunk")
            << chunked + "a\r\nhello" << true << invalid << u"5 of its 10 bytes in"_s;
        QTest::newRow("cut after the data")
            << chunked + "5\r\nhello" << true << invalid << u"right after the data of chunk 1"_s;
        QTest::newRow("cut in the trailers") << chunked
                + "0\r\n" << true << invalid << u"before the empty line that ends the body"_s;
        QTest::newRow("size line never ends")
            << chunked + QByteArray(5000, '1') << false << invalid << u"longer than 4096 bytes"_s;

        QTest::newRow("short Content-Length body")
            << "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly 30 of the 100 bytes here."_ba << true
            << int(Failure::Truncated) << u"after 30 of the 100 bytes"_s;
        QTest::newRow("closed before any byte")
            << QByteArray() << true << int(Failure::Truncated) << u"without sending a response"_s;
        QTest::newRow("closed in the headers") << "HTTP/1.1 200 OK\r\nContent-Le"_ba << true
                                               << int(Failure::Truncated) << u"end of the response headers"_s;
        QTest::newRow("an SSH server")
            << "SSH-2.0-OpenSSH_9.2p1\r\n"_ba << false << int(Failure::NotHttp) << u"it starts with \"S"_s;
        QTest::newRow("binary, no newline")
            << "\x16\x03\x01\x02\x00"_ba << false << int(Failure::NotHttp) << u"it starts with \"\\x16"_s;
        QTest::newRow("no status code")
            << "HTTP/1.1 OK\r\n\r\n"_ba << false << int(Failure::NotHttp) << u"no three-digit status code"_s;
        QTest::newRow("Content-Length not a number")
            << "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n"_ba << false << int(Failure::Malformed)
            << u"Content-Length \"12abc\" is not a number"_s;
        QTest::newRow("two Content-Lengths")
            << "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"_ba << false
            << int(Failure::Malformed) << u"two different Content-Lengths, 2 and 3"_s;
        QTest::newRow("space before colon") << "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok"_ba << false
                                            << int(Failure::Malformed) << u"whitespace before its colon"_s;
        QTest::newRow("not a header line") << "HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n"_ba << false
                                           << int(Failure::Malformed) << u"is not \"Name: value\""_s;
        QTest::newRow("transfer coding gzip")
            << "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba << false
            << int(Failure::Unsupported) << u"Transfer-Encoding \"gzip, chunked\""_s;
        QTest::newRow("huge head") << "HTTP/1.1 200 OK\r\n"_ba + QByteArray("X-A: 1\r\n").repeated(600)
                                   << false << int(Failure::TooLarge)
                                   << u"head has more than 500 header fields"_s;
        QTest::newRow("head too large in bytes")
            << "HTTP/1.1 200 OK\r\n"_ba + QByteArray("X-A: "_ba + QByteArray(60000, 'a') + "\r\n").repeated(5)
            << false << int(Failure::TooLarge) << u"response head is larger than 256 KB"_s;
        QTest::newRow("too many trailer fields")
            << chunked + "0\r\n" + QByteArray("X-T: 1\r\n").repeated(600) << false << int(Failure::TooLarge)
            << u"more than 500 trailer fields"_s;
        QTest::newRow("trailers too large in bytes")
            << chunked + "0\r\n" + QByteArray("X-T: "_ba + QByteArray(4000, 't') + "\r\n").repeated(70)
            << false << int(Failure::TooLarge)
            << u"trailer fields after the chunked body are larger than 256 KB"_s;
        QTest::newRow("Content-Length too large")
            << "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n"_ba << false
            << int(Failure::TooLarge) << u"Content-Length \"9223372036854775807\" is too large"_s;
        QTest::newRow("Content-Length with 40 digits")
            << "HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789012345678901234567890\r\n\r\n"_ba
            << false << int(Failure::TooLarge) << u"is too large"_s;
        QTest::newRow("endless empty lines before the status line")
            << "\r\n"_ba.repeated(10000) + "HTTP/1.1 200 OK\r\n\r\n"
            << false << int(Failure::TooLarge) << u"more than 8 empty lines where the status line"_s;
        QTest::newRow("endless bare LFs before the status line")
            << "\n"_ba.repeated(10000) << false << int(Failure::TooLarge) << u"more than 8 empty lines"_s;
        QTest::newRow("endless 100 Continue")
            << "HTTP/1.1 100 Continue\r\n\r\n"_ba.repeated(10000) << false << int(Failure::TooLarge)
            << u"more than 10 interim responses (status 1xx, the last one 100)"_s;
        QTest::newRow("endless 103 Early Hints with empty lines between")
            << "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n\r\n"_ba.repeated(10000) << false
            << int(Failure::TooLarge) << u"empty lines"_s;
    }

    void brokenResponses()
    {
        QFETCH(QByteArray, wire);
        QFETCH(bool, close);
        QFETCH(int, failure);
        QFETCH(QString, message);
        for (qsizetype step : { 0, 5, 1 }) {
            const Outcome o = parse(wire, step, close);
            QVERIFY2(!o.done, qPrintable(u"step %1: parsed as complete"_s.arg(step)));
            QCOMPARE(int(o.failure), failure);
            QVERIFY2(o.error.contains(message), qPrintable(u"step %1: %2"_s.arg(step).arg(o.error)));
        }
    }

    void wrongChunkSizesAreExplained_data()
    {
        QTest::addColumn<QByteArray>("chunks");
        QTest::addColumn<QStringList>("message");
        QTest::newRow("decimal size")
            << "16\r\n{\"name\":\"caf\xc3\xa9\"}\r\n0\r\n\r\n"_ba
            << QStringList { u"the data seems to end after 16 bytes (hexadecimal 10)"_s,
                   u"the size is too large"_s,
                   u"The size was written in decimal; 16 bytes is 10 in hexadecimal."_s };
        QTest::newRow("characters counted, not bytes")
            << "3\r\n\xc3\xa9t\xc3\xa9\r\n0\r\n\r\n"_ba
            << QStringList { u"the data runs on to 5 bytes (hexadecimal 5) before its CRLF"_s,
                   u"the size is too small"_s, u"Count bytes, not characters"_s };
        QTest::newRow("one byte short")
            << "5\r\nhello!\r\n0\r\n\r\n"_ba << QStringList { u"the data runs on to 6 bytes"_s };
        QTest::newRow("second chunk too large")
            << "2\r\nab\r\n5\r\ncd\r\n0\r\n\r\n"_ba
            << QStringList { u"chunk 2 (after 2 bytes of body)"_s, u"seems to end after 2 bytes"_s };
    }

    void wrongChunkSizesAreExplained()
    {
        QFETCH(QByteArray, chunks);
        QFETCH(QStringList, message);
        const Outcome o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"_ba + chunks, 0, true);
        QCOMPARE(o.failure, Failure::InvalidChunked);
        for (const QString &part : std::as_const(message))
            QVERIFY2(o.error.contains(part), qPrintable(o.error));
    }

    void sinkCanStopTheBody()

    {
        Http1ResponseParser p;
        qsizetype got = 0;
        p.setBodySink([&](QByteArrayView b) {
            got += b.size();
            return got < 4;
        });
        p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123"_ba);
        QVERIFY(p.hasFailed());
        QCOMPARE(p.failure(), Failure::Aborted);
    }

    void contentDecoder_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("decoded");

        const QByteArray text = QByteArray("The quick brown fox jumps over the lazy dog. ").repeated(500);
        QTest::newRow("gzip") << "gzip"_ba << HttpCompression::gzip(text) << text;
        QTest::newRow("x-gzip") << "x-gzip"_ba << HttpCompression::gzip(text) << text;
        QTest::newRow("two gzip members")
            << "gzip"_ba << HttpCompression::gzip("ab"_ba) + HttpCompression::gzip("cd"_ba) << "abcd"_ba;
        QTest::newRow("deflate (zlib)") << "deflate"_ba << HttpCompression::deflate(text) << text;
        const QByteArray zlib = HttpCompression::deflate(text);
        QTest::newRow("deflate (raw)") << "deflate"_ba << zlib.mid(2, zlib.size() - 6) << text;
        QTest::newRow("identity") << "identity"_ba << text << text;
        QTest::newRow("none") << ""_ba << text << text;
    }

    void contentDecoder()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, decoded);
        for (qsizetype step : { qsizetype(0), qsizetype(1), qsizetype(100) }) {
            HttpCompression::ContentDecoder decoder(encoding);
            QVERIFY(decoder.isSupported());
            QByteArray out;
            const qsizetype n = step > 0 ? step : encoded.size();
            for (qsizetype pos = 0; pos < encoded.size(); pos += n) {
                QVERIFY2(decoder.decode(QByteArrayView(encoded).sliced(pos, qMin(n, encoded.size() - pos)),
                             [&](QByteArrayView b) {
                                 out += b.toByteArray();
                                 return true;
                             }),
                    qPrintable(decoder.errorString()));
            }
            QVERIFY2(decoder.finish(), qPrintable(decoder.errorString()));
            QCOMPARE(out, decoded);
        }
    }

    void contentDecoderErrors()
    {
        const QByteArray gz = HttpCompression::gzip(QByteArray(10000, 'x'));
        auto ignore = [](QByteArrayView) {
            return true;
        };
        {
            HttpCompression::ContentDecoder cut("gzip");
            QVERIFY(cut.decode(QByteArrayView(gz).first(gz.size() / 2), ignore));
            QVERIFY(!cut.finish());
            QVERIFY2(cut.errorString().contains(u"incomplete"_s), qPrintable(cut.errorString()));
        }
        {
            HttpCompression::ContentDecoder garbage("gzip");
            QVERIFY(!garbage.decode("this is not gzip at all", ignore));
            QVERIFY2(garbage.errorString().contains(u"corrupt"_s), qPrintable(garbage.errorString()));
        }
        {
            HttpCompression::ContentDecoder junk("gzip");
            QVERIFY(!junk.decode(QByteArray(gz + "junk"), ignore));
            QVERIFY2(junk.errorString().contains(u"after its end"_s), qPrintable(junk.errorString()));
        }
        {
            HttpCompression::ContentDecoder br("br");
            QVERIFY(!br.isSupported());
            QVERIFY(br.isIdentity());
        }
    }
};

QTEST_GUILESS_MAIN(TestHttp1Parser)
#include "TestHttp1Parser.moc"
