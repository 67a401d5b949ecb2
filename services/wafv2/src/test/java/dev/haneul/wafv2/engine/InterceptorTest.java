package dev.haneul.wafv2.engine;

import static dev.haneul.wafv2.engine.WafFixtures.acl;
import static dev.haneul.wafv2.engine.WafFixtures.byteMatch;
import static dev.haneul.wafv2.engine.WafFixtures.compile;
import static dev.haneul.wafv2.engine.WafFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeadParser;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpVerdict;
import dev.haneul.core.http.InspectedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seam with the ALB: a parsed head and body prefix in, a verdict out, the record to the listener. */
class InterceptorTest {

    private static InspectedRequest request(String head, String body, boolean truncated) throws Exception {
        HttpHead parsed = HttpHeadParser.forRequests().parse(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
        ByteBuf prefix = Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1);
        return new InspectedRequest(parsed, prefix, truncated, new InetSocketAddress("127.0.0.1", 40000));
    }

    @Test
    void blocksThroughTheInterceptorAndTellsTheListener() throws Exception {
        List<InspectionRecord> seen = new ArrayList<>();
        CompiledWebAcl acl = compile(acl("Allow", rule("body", 1, byteMatch("{\"Body\":{\"OversizeHandling\":\"CONTINUE\"}}",
                "evil", "CONTAINS"), "{\"Block\":{}}"))).bind("arn:aws:elasticloadbalancing:lb", seen::add);
        assertThat(acl.inspection(HttpHeadParser.forRequests().parse(Unpooled.copiedBuffer(
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1))))
                .isEqualTo(HttpInterceptor.Inspection.HEAD_AND_BODY_PREFIX);
        HttpVerdict verdict = acl.inspect(request("POST /p?a=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                "3\r\nevi\r\n1\r\nl\r\n0\r\n\r\n", false));
        assertThat(verdict).isInstanceOfSatisfying(HttpVerdict.Respond.class, r -> assertThat(r.status()).isEqualTo(403));
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.httpSourceId()).isEqualTo("arn:aws:elasticloadbalancing:lb");
            assertThat(r.httpRequest().uri()).isEqualTo("/p");
            assertThat(r.httpRequest().args()).isEqualTo("a=1");
            assertThat(r.httpRequest().clientIp()).isEqualTo("127.0.0.1");
            assertThat(r.httpRequest().country()).isEqualTo("US");
            assertThat(r.action()).isEqualTo("BLOCK");
        });
        assertThat(acl.inspect(request("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "", false))).isEqualTo(HttpVerdict.CONTINUE);
    }

    @Test
    void dechunksPartialBodies() {
        InspectedRequests.Dechunked d = InspectedRequests.dechunk("5\r\nhello\r\n3\r\nwor".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(d.body(), StandardCharsets.US_ASCII)).isEqualTo("hellowor");
        assertThat(d.complete()).isFalse();
    }

    @Test
    void literalPrefilters() {
        assertThat(LiteralPrefilter.of("(?:/web-inf(?:/|$)|/\\.git/|getruntime\\s*\\()"))
                .containsExactly("/web-inf", "/.git/", "getruntime");
        assertThat(LiteralPrefilter.of("(?:^|/)\\.\\.")).isNull();
        assertThat(LiteralPrefilter.of("(?i)admin")).isNull();
        assertThat(LiteralPrefilter.of("abc?d")).containsExactly("ab");
    }
}
