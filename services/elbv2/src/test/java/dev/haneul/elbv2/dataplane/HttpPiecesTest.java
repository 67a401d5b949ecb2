package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import dev.haneul.core.testing.HttpHeads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The small pieces of ALB's HTTP behaviour: trace ids, forwarded-for, redirects, matchers, port fallback. */
class HttpPiecesTest {

    @Test
    void traceIdsFollowAlbsFormatAndKeepTheCallersRoot() {
        assertThat(ForwardedHeaders.traceId(null, 0x63441c4aL)).matches("Root=1-63441c4a-[0-9a-f]{24}");
        assertThat(ForwardedHeaders.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", 0x63441c4aL))
                .matches("Self=1-63441c4a-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        assertThat(ForwardedHeaders.traceId("Self=1-1-1;Root=1-2-2", 0x63441c4aL))
                .matches("Self=1-63441c4a-[0-9a-f]{24};Root=1-2-2");
        assertThat(ForwardedHeaders.traceId("Custom=x", 0x63441c4aL)).matches("Root=1-63441c4a-[0-9a-f]{24};Custom=x");
    }

    @ParameterizedTest(name = "{0} {1} port={2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "APPEND   | ''          | false | 10.0.0.9",
        "APPEND   | 192.0.2.1   | false | 192.0.2.1, 10.0.0.9",
        "APPEND   | 192.0.2.1   | true  | 192.0.2.1, 10.0.0.9:5555",
        "PRESERVE | 192.0.2.1   | true  | 192.0.2.1",
        "REMOVE   | 192.0.2.1   | false | ",
    })
    void forwardedForModes(LoadBalancerSettings.XffMode mode, String incoming, boolean port, String expected) {
        HttpHead head = incoming.isEmpty() ? HttpHeads.request("GET", "/") : HttpHeads.request("GET", "/", "X-Forwarded-For", incoming);
        ForwardedHeaders.applyXff(head, mode, port, "10.0.0.9", 5555);
        CharSequence added = head.added(ForwardedHeaders.X_FORWARDED_FOR);
        String forwarded = added != null ? added.toString() : head.get(ForwardedHeaders.X_FORWARDED_FOR);
        assertThat(forwarded).isEqualTo(expected);
    }

    @Test
    void theHostGetsTheListenerPortUnlessItHasOneOrTheListenerIs80() {
        HttpHead head = HttpHeads.request("GET", "/", "Host", "www.example.com");
        ForwardedHeaders.adjustHost(head, 8443);
        assertThat(head.added(HttpHeaderNames.HOST)).hasToString("www.example.com:8443");
        ForwardedHeaders.adjustHost(head, 9000);
        assertThat(head.added(HttpHeaderNames.HOST)).hasToString("www.example.com:8443");
        HttpHead plain = HttpHeads.request("GET", "/", "Host", "www.example.com");
        ForwardedHeaders.adjustHost(plain, 80);
        assertThat(plain.get(HttpHeaderNames.HOST)).isEqualTo("www.example.com");
        assertThat(plain.toString()).contains("\r\nHost: www.example.com\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HTTPS      | #{host} | 443      | /#{path}      | #{query}  | https://example.com:443/a/b?x=1",
        "#{protocol}| other.example.com | #{port} | /#{path} | #{query} | http://other.example.com:8080/a/b?x=1",
        "#{protocol}| #{host} | #{port}  | /new/#{path}  | ''        | http://example.com:8080/new/a/b",
        "HTTP       | #{host} | 80       | /p            | q=#{query}| http://example.com:80/p?q=x=1",
    })
    void redirectPlaceholders(String protocol, String host, String port, String path, String query, String expected) {
        RuleAction.Redirect redirect = new RuleAction.Redirect(protocol, host, port, path, query, 301);
        assertThat(RedirectLocation.of(redirect, "HTTP", "example.com", 8080, "/a/b", "x=1")).isEqualTo(expected);
    }

    @Test
    void statusMatchers() {
        assertThat(StatusMatcher.parse("200").matches(200)).isTrue();
        assertThat(StatusMatcher.parse("200").matches(201)).isFalse();
        assertThat(StatusMatcher.parse("200,202").matches(202)).isTrue();
        assertThat(StatusMatcher.parse("200-299").matches(204)).isTrue();
        assertThat(StatusMatcher.parse("200-299,302").matches(302)).isTrue();
        assertThat(StatusMatcher.parse("200-299,302").matches(404)).isFalse();
        assertThatThrownBy(() -> StatusMatcher.parse("2xx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusMatcher.parse("299-200")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsBelow1024FallBackToPlus8000ThenAnyPort() {
        assertThat(ListenerBinder.candidates(80, 0)).containsExactly(80, 8080, 0);
        assertThat(ListenerBinder.candidates(80, 8080)).containsExactly(8080, 80, 0);
        assertThat(ListenerBinder.candidates(8080, 0)).containsExactly(8080, 0);
    }
}
