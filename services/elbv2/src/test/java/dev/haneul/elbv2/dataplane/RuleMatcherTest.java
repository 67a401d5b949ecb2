package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.testing.HttpHeads;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ALB's condition semantics as tables: wildcards, case rules, what each field looks at, priority order. */
class RuleMatcherTest {

    @ParameterizedTest(name = "{0} ~ {1} (ignoreCase={2}) -> {3}")
    @CsvSource({
        "*.example.com,   test.example.com,  true,  true",
        "*.example.com,   example.com,       true,  false",
        "*.example.com,   a.b.example.com,   true,  true",
        "*.example.com,   TEST.Example.COM,  true,  true",
        "www.example.com, www.example.com,   true,  true",
        "www.example.com, www.example.co,    true,  false",
        "?.example.com,   a.example.com,     true,  true",
        "?.example.com,   ab.example.com,    true,  false",
        "/img/*,          /img/a.png,        false, true",
        "/img/*,          /img/,             false, true",
        "/img/*,          /IMG/a.png,        false, false",
        "/img/*,          /images/a.png,     false, false",
        "/api/*/users,    /api/v1/users,     false, true",
        "/api/*/users,    /api/v1/v2/users,  false, true",
        "/api/*/users,    /api/users,        false, false",
        "*.jpg,           /a/b.jpg,          false, true",
        "*,               '',                false, true",
        "a*b*c,           abbbc,             false, true",
        "a*b*c,           acb,               false, false",
        "/p?th,           /path,             false, true",
        "/p?th,           /pth,              false, false",
    })
    void wildcardsAreAnchoredGlobs(String pattern, String input, boolean ignoreCase, boolean expected) {
        assertThat(Wildcard.compile(pattern, ignoreCase).matches(input)).isEqualTo(expected);
    }

    @Test
    void queryStringValuesEscapeWildcardsWithBackslash() {
        assertThat(Wildcard.compile("a\\*b", true, true).matches("a*b")).isTrue();
        assertThat(Wildcard.compile("a\\*b", true, true).matches("axxb")).isFalse();
        assertThat(Wildcard.compile("a*b", true, true).matches("axxb")).isTrue();
        assertThat(Wildcard.compile("a\\?", true, true).hasWildcards()).isFalse();
    }

    private static HttpHead request(String method, String uri, String... headers) {
        return HttpHeads.request(method, uri, headers);
    }

    private static String match(List<ListenerRule> rules, HttpHead request, String client) throws Exception {
        return RuleMatcher.compile(rules).matchRule(request, InetAddress.getByName(client)).priority();
    }

    private static ListenerRule rule(int priority, Condition... conditions) {
        return new ListenerRule(Integer.toString(priority), List.of(conditions), RuleAction.Forward.to("tg"));
    }

    private static final ListenerRule DEFAULT = ListenerRule.defaultRule(RuleAction.Forward.to("tg"));

    @Test
    void hostHeaderIgnoresCaseAndPort() throws Exception {
        List<ListenerRule> rules = List.of(rule(1, new Condition.HostHeader(List.of("api.example.com"))), DEFAULT);
        assertThat(match(rules, request("GET", "/", "Host", "API.example.com:8080"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/", "Host", "www.example.com"), "10.0.0.1")).isEqualTo("default");
        assertThat(match(rules, request("GET", "/"), "10.0.0.1")).isEqualTo("default");
    }

    @Test
    void pathPatternLooksAtThePathOnlyAndIsCaseSensitive() throws Exception {
        List<ListenerRule> rules = List.of(rule(1, new Condition.PathPattern(List.of("/img/*", "/static/*"))), DEFAULT);
        assertThat(match(rules, request("GET", "/img/a.png?size=/img/"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/static/x"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/Img/a.png"), "10.0.0.1")).isEqualTo("default");
        assertThat(match(rules, request("GET", "/x?path=/img/a"), "10.0.0.1")).isEqualTo("default");
        assertThat(match(rules, request("GET", "http://host:80/img/a.png"), "10.0.0.1")).isEqualTo("1");
    }

    @Test
    void httpHeaderNamesIgnoreCaseAndEveryInstanceIsTried() throws Exception {
        List<ListenerRule> rules = List.of(
                rule(1, new Condition.HttpHeader("User-Agent", List.of("*Mobile*"))), DEFAULT);
        assertThat(match(rules, request("GET", "/", "user-agent", "Foo mobile Safari"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/", "User-Agent", "curl", "User-Agent", "x MOBILE y"), "10.0.0.1"))
                .isEqualTo("1");
        assertThat(match(rules, request("GET", "/", "User-Agent", "curl"), "10.0.0.1")).isEqualTo("default");
    }

    @Test
    void methodsAreExactAndCaseSensitive() throws Exception {
        List<ListenerRule> rules = List.of(rule(1, new Condition.RequestMethod(List.of("POST", "CUSTOM_VERB"))), DEFAULT);
        assertThat(match(rules, request("POST", "/"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("CUSTOM_VERB", "/"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/"), "10.0.0.1")).isEqualTo("default");
        assertThat(match(rules, request("post", "/"), "10.0.0.1")).isEqualTo("default");
    }

    @Test
    void queryStringPairsAreDecodedAndCaseInsensitiveAndKeyIsOptional() throws Exception {
        List<ListenerRule> rules = List.of(
                rule(1, new Condition.QueryString(List.of(new Condition.KeyValue("version", "v1*")))),
                rule(2, new Condition.QueryString(List.of(new Condition.KeyValue(null, "blue")))),
                DEFAULT);
        assertThat(match(rules, request("GET", "/?version=V1.2"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/?a=1&Version=v1"), "10.0.0.1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/?colour=BLUE"), "10.0.0.1")).isEqualTo("2");
        assertThat(match(rules, request("GET", "/?colour=bl%75e"), "10.0.0.1")).isEqualTo("2");
        assertThat(match(rules, request("GET", "/?version=v2"), "10.0.0.1")).isEqualTo("default");
        assertThat(match(rules, request("GET", "/"), "10.0.0.1")).isEqualTo("default");
    }

    @Test
    void sourceIpIsTheTcpPeerNotForwardedFor() throws Exception {
        List<ListenerRule> rules = List.of(rule(1, new Condition.SourceIp(List.of("192.168.0.0/16", "2001:db8::/32"))),
                DEFAULT);
        assertThat(match(rules, request("GET", "/"), "192.168.4.5")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/"), "2001:db8::1")).isEqualTo("1");
        assertThat(match(rules, request("GET", "/", "X-Forwarded-For", "192.168.4.5"), "10.0.0.1")).isEqualTo("default");
    }

    @Test
    void allConditionsOfARuleMustMatchAndTheLowestPriorityWins() throws Exception {
        List<ListenerRule> rules = List.of(
                rule(5, new Condition.PathPattern(List.of("/api/*")), new Condition.RequestMethod(List.of("POST"))),
                rule(10, new Condition.PathPattern(List.of("/api/*"))),
                rule(20, new Condition.PathPattern(List.of("*"))),
                DEFAULT);
        assertThat(match(rules, request("POST", "/api/x"), "10.0.0.1")).isEqualTo("5");
        assertThat(match(rules, request("GET", "/api/x"), "10.0.0.1")).isEqualTo("10");
        assertThat(match(rules, request("GET", "/other"), "10.0.0.1")).isEqualTo("20");
    }

    @Test
    void cidrBlocks() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("10.255.1.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("10.1.2.3/32").contains(addr("10.1.2.3"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(addr("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/12").contains(addr("10.15.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/12").contains(addr("10.16.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("::1"))).isFalse();
        Assertions.assertThatThrownBy(() -> Cidr.parse("example.com/8"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
