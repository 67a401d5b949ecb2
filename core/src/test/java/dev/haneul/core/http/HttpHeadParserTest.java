package dev.haneul.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.testing.HttpHeads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Heads byte by byte: what is kept, what is edited, what is refused with which status, and the
 * desync tier of each smuggling trick http_desync_guardian lists.
 */
class HttpHeadParserTest {

    private static final AsciiString X_A = AsciiString.of("x-a");

    @Test
    void aRequestIsForwardedAsReceivedWithItsEditsOnly() throws Exception {
        String wire = "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nX-A:  one \r\nCookie: c=1\r\n\r\n";
        HttpHead head = request(wire);
        assertThat(head.method()).isSameAs("GET");
        assertThat(head.target()).isEqualTo("/a?b=1");
        assertThat(head.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(head.get(HttpHeaderNames.HOST)).isEqualTo("example.com");
        assertThat(head.get(X_A)).as("value without surrounding whitespace").isEqualTo("one");
        assertThat(head.classification()).isEqualTo(DesyncClassification.COMPLIANT);
        assertThat(head.hasBody()).isFalse();
        assertThat(head.wireLength()).isEqualTo(wire.length());
        assertThat(head.toString()).as("untouched: the very bytes").isEqualTo(wire);

        head.remove(head.indexOf(X_A, 0));
        head.add(AsciiString.of("X-Forwarded-For"), "127.0.0.1");
        head.set(HttpHeaderNames.HOST, "example.com:8080");
        assertThat(head.toString()).isEqualTo("GET /a?b=1 HTTP/1.1\r\nCookie: c=1\r\n"
                + "X-Forwarded-For: 127.0.0.1\r\nhost: example.com:8080\r\n\r\n");
    }

    @Test
    void aResponseKeepsItsStatusLineAndTakesANewVersion() throws Exception {
        HttpHead head = response("HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.reason()).isEqualTo("Not Found");
        assertThat(head.contentLength()).isEqualTo(3);
        assertThat(head.isKeepAlive()).isTrue();
        head.version(HttpVersion.HTTP_1_1);
        head.removeAll(HttpHeaderNames.CONNECTION);
        assertThat(head.toString()).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n");
        assertThat(response("HTTP/1.1 200\r\n\r\n").toString()).as("no reason phrase").isEqualTo("HTTP/1.1 200\r\n\r\n");
    }

    @Test
    void bareLineFeedsAreAcceptableAndForwardedAsCrLf() throws Exception {
        HttpHead head = request("GET / HTTP/1.1\nHost: x\nX-A: 1\n\n");
        assertThat(head.classification()).isEqualTo(DesyncClassification.ACCEPTABLE);
        assertThat(head.classificationReason()).isEqualTo("NonCrLfLineTermination");
        assertThat(head.toString()).isEqualTo("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\n");
    }

    @Test
    void anObsFoldIsAmbiguousAndForwardedUnfolded() throws Exception {
        HttpHead head = request("GET / HTTP/1.1\r\nX-A: one\r\n  two\r\nHost: x\r\n\r\n");
        assertThat(head.classification()).isEqualTo(DesyncClassification.AMBIGUOUS);
        assertThat(head.classificationReason()).isEqualTo("MultilineHeader");
        assertThat(head.get(X_A)).isEqualTo("one two");
        assertThat(head.toString()).isEqualTo("GET / HTTP/1.1\r\nX-A: one two\r\nHost: x\r\n\r\n");
    }

    @Test
    void contentLengthBesideChunkedIsAmbiguousAndRemoved() throws Exception {
        HttpHead head = request("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(head.classification()).isEqualTo(DesyncClassification.AMBIGUOUS);
        assertThat(head.classificationReason()).isEqualTo("BothTeClPresent");
        assertThat(head.chunked()).isTrue();
        assertThat(head.toString()).isEqualTo("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    @Test
    void aRepeatedContentLengthOfOneValueIsKeptOnce() throws Exception {
        HttpHead head = request("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n");
        assertThat(head.classificationReason()).isEqualTo("DuplicateContentLength");
        assertThat(head.contentLength()).isEqualTo(5);
        assertThat(head.toString()).isEqualTo("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n");
    }

    @Test
    void whitespaceBeforeAColonIsSuspiciousAndDropped() throws Exception {
        HttpHead head = request("POST / HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n");
        assertThat(head.classification()).isEqualTo(DesyncClassification.AMBIGUOUS);
        assertThat(head.classificationReason()).isEqualTo("SuspiciousHeader");
        assertThat(head.chunked()).as("read as the field it claims to be").isTrue();
        assertThat(head.toString()).isEqualTo("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a name like Transfer-Encoding       | POST / HTTP/1.1\\r\\nTransfer_Encoding: chunked\\r\\n\\r\\n | AMBIGUOUS  | SuspiciousHeader",
        "another odd name                    | GET / HTTP/1.1\\r\\nX{A}: 1\\r\\n\\r\\n                    | ACCEPTABLE | NonCompliantHeader",
        "a control character in a value      | GET / HTTP/1.1\\r\\nX-A: a\\u0001b\\r\\n\\r\\n             | ACCEPTABLE | NonCompliantHeader",
        "a space in the target               | GET /a b HTTP/1.1\\r\\n\\r\\n                              | ACCEPTABLE | SpaceInUri",
        "a control character in the target   | GET /a\\u0001b HTTP/1.1\\r\\n\\r\\n                        | AMBIGUOUS  | AmbiguousUri",
        "Content-Length 0 on a GET           | GET / HTTP/1.1\\r\\nContent-Length: 0\\r\\n\\r\\n            | ACCEPTABLE | GetHeadZeroContentLength",
        "a body on a GET                     | GET / HTTP/1.1\\r\\nContent-Length: 2\\r\\n\\r\\n            | AMBIGUOUS  | UndefinedContentLengthSemantics",
        "chunked on a HEAD                   | HEAD / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n  | AMBIGUOUS  | UndefinedTransferEncodingSemantics",
        "chunked in HTTP/1.0                 | POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n  | AMBIGUOUS  | TransferEncodingInHttp10",
        "a line without a colon              | GET / HTTP/1.1\\r\\nnonsense\\r\\nHost: x\\r\\n\\r\\n         | AMBIGUOUS  | MissingHeaderColon",
        "HTTP/1.2                            | GET / HTTP/1.2\\r\\n\\r\\n                                 | ACCEPTABLE | NonCompliantVersion",
    })
    void desyncTiers(String what, String wire, DesyncClassification tier, String reason) throws Exception {
        HttpHead head = request(unescape(wire));
        assertThat(head.classification()).isEqualTo(tier);
        assertThat(head.classificationReason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a NUL in a value                 | GET / HTTP/1.1\\r\\nX-A: a\\u0000b\\r\\n\\r\\n                       | 400 | BadHeader",
        "a bare CR in a value             | GET / HTTP/1.1\\r\\nX-A: a\\rb\\r\\n\\r\\n                           | 400 | BadHeader",
        "a NUL in the target              | GET /\\u0000 HTTP/1.1\\r\\n\\r\\n                                    | 400 | BadUri",
        "a method that is no token        | G(T / HTTP/1.1\\r\\n\\r\\n                                          | 400 | BadMethod",
        "no target                        | GET HTTP/1.1\\r\\n\\r\\n                                            | 400 | MissingUri",
        "HTTP/0.9                         | GET /\\r\\n\\r\\n                                                   | 400 | MissingUri",
        "a garbled version                | GET / HTTP/1.x\\r\\n\\r\\n                                          | 400 | BadVersion",
        "HTTP/2.0                         | GET / HTTP/2.0\\r\\n\\r\\n                                          | 505 | BadVersion",
        "two Content-Lengths              | POST / HTTP/1.1\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\n | 400 | MultipleContentLength",
        "a Content-Length with a sign     | POST / HTTP/1.1\\r\\nContent-Length: +5\\r\\n\\r\\n                 | 400 | BadContentLength",
        "a Content-Length list            | POST / HTTP/1.1\\r\\nContent-Length: 5, 5\\r\\n\\r\\n               | 400 | BadContentLength",
        "chunked twice                    | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 400 | MultipleTransferEncodingChunked",
        "chunked not last                 | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked, identity\\r\\n\\r\\n | 400 | BadTransferEncoding",
        "an unknown coding                | POST / HTTP/1.1\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n   | 501 | BadTransferEncoding",
        "a field without a name           | GET / HTTP/1.1\\r\\n: x\\r\\n\\r\\n                                 | 400 | BadHeader",
        "a continuation before any field  | GET / HTTP/1.1\\r\\n x\\r\\n\\r\\n                                  | 400 | BadHeader",
    })
    void refusals(String what, String wire, int status, String reason) {
        assertThatThrownBy(() -> request(unescape(wire))).isInstanceOfSatisfying(HttpHeadException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }

    @Test
    void limitsAreAlbs() {
        String longTarget = "/" + "a".repeat(HttpHeadParser.MAX_REQUEST_LINE);
        assertThatThrownBy(() -> request("GET " + longTarget + " HTTP/1.1\r\n\r\n"))
                .isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.status()).isEqualTo(414));
        String longField = "X-A: " + "b".repeat(HttpHeadParser.MAX_REQUEST_FIELD) + "\r\n";
        assertThatThrownBy(() -> request("GET / HTTP/1.1\r\n" + longField + "\r\n"))
                .isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.status()).isEqualTo(400));
        String manyFields = ("X-A: " + "c".repeat(8000) + "\r\n").repeat(9);
        assertThatThrownBy(() -> request("GET / HTTP/1.1\r\n" + manyFields + "\r\n"))
                .isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.reason()).isEqualTo("HeadTooLarge"));
        String bigResponse = "HTTP/1.1 200 OK\r\n" + ("X-A: " + "d".repeat(8000) + "\r\n").repeat(5) + "\r\n";
        assertThatThrownBy(() -> response(bigResponse))
                .isInstanceOfSatisfying(HttpHeadException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void aHeadArrivingByteByByteIsReadOnceWhole() throws Exception {
        String wire = "\r\nGET /x HTTP/1.1\r\nHost: y\r\n\r\nNEXT";
        HttpHeadParser parser = HttpHeadParser.forRequests();
        ByteBuf in = Unpooled.buffer();
        HttpHead head = null;
        try {
            for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
                in.writeByte(b);
                if (head == null) {
                    head = parser.parse(in);
                }
            }
            assertThat(head).isNotNull();
            assertThat(head.target()).isEqualTo("/x");
            assertThat(in.toString(StandardCharsets.ISO_8859_1)).as("what follows the head stays").isEqualTo("NEXT");
        } finally {
            in.release();
        }
    }

    @Test
    void tokensAndKeepAlive() throws Exception {
        HttpHead upgrade = request("GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n");
        assertThat(upgrade.isUpgrade()).isTrue();
        assertThat(upgrade.isKeepAlive()).isTrue();
        assertThat(request("GET / HTTP/1.0\r\n\r\n").isKeepAlive()).isFalse();
        assertThat(request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").isKeepAlive()).isTrue();
        assertThat(request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").isKeepAlive()).isFalse();
    }

    static HttpHead request(String wire) throws HttpHeadException {
        return HttpHeads.request(wire);
    }

    static HttpHead response(String wire) throws HttpHeadException {
        return HttpHeads.response(wire);
    }

    /** CSV cells spell CR, LF and control characters as Java escapes. */
    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000").replace("\\u0001", "\u0001");
    }
}
