package dev.haneul.wafv2.engine;

import static dev.haneul.wafv2.engine.WafFixtures.acl;
import static dev.haneul.wafv2.engine.WafFixtures.byteMatch;
import static dev.haneul.wafv2.engine.WafFixtures.compile;
import static dev.haneul.wafv2.engine.WafFixtures.get;
import static dev.haneul.wafv2.engine.WafFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final String BLOCK = "{\"Block\":{}}";
    private static final String URI = "{\"UriPath\":{}}";

    private static CompiledWebAcl blockWhen(String statement) {
        return compile(acl("Allow", rule("r", 1, statement, BLOCK)));
    }

    private static boolean blocks(CompiledWebAcl acl, WafRequest request) {
        return acl.evaluate(request, System.currentTimeMillis()).action().equals("BLOCK");
    }

    @Test
    void byteMatchPositions() {
        assertThat(blocks(blockWhen(byteMatch(URI, "/admin", "EXACTLY")), WafRequest.get("/admin", "127.0.0.1"))).isTrue();
        assertThat(blocks(blockWhen(byteMatch(URI, "/admin", "EXACTLY")), WafRequest.get("/admin/x", "127.0.0.1"))).isFalse();
        assertThat(blocks(blockWhen(byteMatch(URI, "/adm", "STARTS_WITH")), WafRequest.get("/admin", "127.0.0.1"))).isTrue();
        assertThat(blocks(blockWhen(byteMatch(URI, ".php", "ENDS_WITH")), WafRequest.get("/x.php", "127.0.0.1"))).isTrue();
        assertThat(blocks(blockWhen(byteMatch(URI, "etc", "CONTAINS")), WafRequest.get("/x/etcetera", "127.0.0.1"))).isTrue();
        CompiledWebAcl word = blockWhen(byteMatch(URI, "etc", "CONTAINS_WORD"));
        assertThat(blocks(word, WafRequest.get("/x/etcetera", "127.0.0.1"))).isFalse();
        assertThat(blocks(word, WafRequest.get("/x/etc/passwd", "127.0.0.1"))).isTrue();
        assertThat(blocks(word, WafRequest.get("/etc", "127.0.0.1"))).isTrue();
    }

    @Test
    void byteMatchIsCaseSensitiveUnlessTransformed() {
        assertThat(blocks(blockWhen(byteMatch(URI, "admin", "CONTAINS")), WafRequest.get("/ADMIN", "127.0.0.1"))).isFalse();
        assertThat(blocks(blockWhen(byteMatch(URI, "admin", "CONTAINS", "LOWERCASE")), WafRequest.get("/ADMIN", "127.0.0.1")))
                .isTrue();
    }

    @Test
    void transformationsApplyInPriorityOrder() {
        // URL_DECODE then LOWERCASE: %41DMIN -> ADMIN -> admin
        String statement = "{\"ByteMatchStatement\":{\"SearchString\":\"" + WafFixtures.b64("admin")
                + "\",\"FieldToMatch\":{\"UriPath\":{}},\"PositionalConstraint\":\"CONTAINS\",\"TextTransformations\":"
                + "[{\"Priority\":5,\"Type\":\"LOWERCASE\"},{\"Priority\":1,\"Type\":\"URL_DECODE\"}]}}";
        assertThat(blocks(blockWhen(statement), WafRequest.get("/%41DMIN", "127.0.0.1"))).isTrue();
    }

    @Test
    void queryArgumentsAndHeaders() {
        CompiledWebAcl single = blockWhen(byteMatch("{\"SingleQueryArgument\":{\"Name\":\"ID\"}}", "1", "EXACTLY"));
        assertThat(blocks(single, WafRequest.get("/?id=1", "127.0.0.1"))).isTrue();
        assertThat(blocks(single, WafRequest.get("/?other=1", "127.0.0.1"))).isFalse();
        CompiledWebAcl all = blockWhen(byteMatch("{\"AllQueryArguments\":{}}", "evil", "CONTAINS"));
        assertThat(blocks(all, WafRequest.get("/?a=1&b=evil", "127.0.0.1"))).isTrue();
        assertThat(blocks(all, WafRequest.get("/?evil=1", "127.0.0.1"))).isFalse(); // values only
        CompiledWebAcl header = blockWhen(byteMatch("{\"SingleHeader\":{\"Name\":\"user-agent\"}}", "sqlmap", "CONTAINS"));
        assertThat(blocks(header, WafRequest.get("/", "127.0.0.1", "User-Agent", "sqlmap/1.0"))).isTrue();
        CompiledWebAcl method = blockWhen(byteMatch("{\"Method\":{}}", "PROPFIND", "EXACTLY"));
        assertThat(blocks(method, WafRequest.of("PROPFIND", "/", "127.0.0.1", new byte[0]))).isTrue();
        CompiledWebAcl qs = blockWhen(byteMatch("{\"QueryString\":{}}", "a=1&b", "EXACTLY"));
        assertThat(blocks(qs, WafRequest.get("/p?a=1&b", "127.0.0.1"))).isTrue();
    }

    @Test
    void headersWithPatternAndScope() {
        String keys = "{\"Headers\":{\"MatchPattern\":{\"All\":{}},\"MatchScope\":\"KEY\",\"OversizeHandling\":\"CONTINUE\"}}";
        assertThat(blocks(blockWhen(byteMatch(keys, "x-evil", "EXACTLY", "LOWERCASE")),
                WafRequest.get("/", "127.0.0.1", "X-Evil", "1"))).isTrue();
        assertThat(blocks(blockWhen(byteMatch(keys, "1", "EXACTLY")), WafRequest.get("/", "127.0.0.1", "X-Evil", "1")))
                .isFalse();
        String included = "{\"Headers\":{\"MatchPattern\":{\"IncludedHeaders\":[\"X-A\"]},\"MatchScope\":\"VALUE\","
                + "\"OversizeHandling\":\"CONTINUE\"}}";
        CompiledWebAcl acl = blockWhen(byteMatch(included, "bad", "EXACTLY"));
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "x-a", "bad"))).isTrue();
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "x-b", "bad"))).isFalse();
        String excluded = "{\"Headers\":{\"MatchPattern\":{\"ExcludedHeaders\":[\"x-a\"]},\"MatchScope\":\"ALL\","
                + "\"OversizeHandling\":\"CONTINUE\"}}";
        CompiledWebAcl ex = blockWhen(byteMatch(excluded, "bad", "EXACTLY"));
        assertThat(blocks(ex, WafRequest.get("/", "127.0.0.1", "x-a", "bad"))).isFalse();
        assertThat(blocks(ex, WafRequest.get("/", "127.0.0.1", "x-b", "bad"))).isTrue();
    }

    @Test
    void headersOversizeHandling() {
        String[] many = new String[2 * 201];
        for (int i = 0; i < 201; i++) {
            many[2 * i] = "h" + i;
            many[2 * i + 1] = "v";
        }
        String match = "{\"Headers\":{\"MatchPattern\":{\"All\":{}},\"MatchScope\":\"ALL\",\"OversizeHandling\":\"MATCH\"}}";
        assertThat(blocks(blockWhen(byteMatch(match, "nothing", "EXACTLY")), WafRequest.get("/", "127.0.0.1", many)))
                .isTrue();
        String noMatch = match.replace("\"MATCH\"", "\"NO_MATCH\"");
        assertThat(blocks(blockWhen(byteMatch(noMatch, "v", "EXACTLY")), WafRequest.get("/", "127.0.0.1", many))).isFalse();
    }

    @Test
    void cookies() {
        String field = "{\"Cookies\":{\"MatchPattern\":{\"IncludedCookies\":[\"session\"]},\"MatchScope\":\"VALUE\","
                + "\"OversizeHandling\":\"CONTINUE\"}}";
        CompiledWebAcl acl = blockWhen(byteMatch(field, "stolen", "EXACTLY"));
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "Cookie", "a=1; session=stolen"))).isTrue();
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "Cookie", "a=stolen; session=ok"))).isFalse();
    }

    @Test
    void bodyAndOversize() {
        String body = "{\"Body\":{\"OversizeHandling\":\"CONTINUE\"}}";
        CompiledWebAcl acl = blockWhen(byteMatch(body, "attack", "CONTAINS"));
        assertThat(blocks(acl, WafRequest.of("POST", "/", "127.0.0.1", "an attack".getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        WafRequest truncated = new WafRequest("POST", "/", "", List.of(), "x".repeat(8192).getBytes(
                StandardCharsets.UTF_8), true, "127.0.0.1", "HTTP/1.1");
        assertThat(blocks(acl, truncated)).isFalse();
        assertThat(blocks(blockWhen(byteMatch("{\"Body\":{\"OversizeHandling\":\"MATCH\"}}", "attack", "CONTAINS")),
                truncated)).isTrue();
    }

    @Test
    void jsonBody() {
        String field = "{\"JsonBody\":{\"MatchPattern\":{\"IncludedPaths\":[\"/user/name\"]},\"MatchScope\":\"VALUE\","
                + "\"InvalidFallbackBehavior\":\"MATCH\"}}";
        CompiledWebAcl acl = blockWhen(byteMatch(field, "root", "EXACTLY"));
        assertThat(blocks(acl, WafRequest.of("POST", "/", "127.0.0.1",
                "{\"user\":{\"name\":\"root\"},\"x\":\"y\"}".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(blocks(acl, WafRequest.of("POST", "/", "127.0.0.1",
                "{\"other\":\"root\"}".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(blocks(acl, WafRequest.of("POST", "/", "127.0.0.1", "{not json".getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        String keys = "{\"JsonBody\":{\"MatchPattern\":{\"All\":{}},\"MatchScope\":\"KEY\"}}";
        assertThat(blocks(blockWhen(byteMatch(keys, "admin", "EXACTLY")), WafRequest.of("POST", "/", "127.0.0.1",
                "{\"list\":[{\"admin\":true}]}".getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void headerOrder() {
        String field = "{\"HeaderOrder\":{\"OversizeHandling\":\"CONTINUE\"}}";
        CompiledWebAcl acl = blockWhen(byteMatch(field, "Host:User-Agent", "EXACTLY"));
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "Host", "a", "User-Agent", "b"))).isTrue();
        assertThat(blocks(acl, WafRequest.get("/", "127.0.0.1", "User-Agent", "b", "Host", "a"))).isFalse();
    }

    @Test
    void sizeConstraint() {
        String s = "{\"SizeConstraintStatement\":{\"FieldToMatch\":{\"QueryString\":{}},\"ComparisonOperator\":\"GT\","
                + "\"Size\":10,\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}]}}";
        CompiledWebAcl acl = blockWhen(s);
        assertThat(blocks(acl, WafRequest.get("/?a=12345678901", "127.0.0.1"))).isTrue();
        assertThat(blocks(acl, WafRequest.get("/?a=1", "127.0.0.1"))).isFalse();
    }

    @Test
    void regexMatch() {
        String s = "{\"RegexMatchStatement\":{\"RegexString\":\"^/api/v[0-9]+/admin\",\"FieldToMatch\":{\"UriPath\":{}},"
                + "\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}]}}";
        CompiledWebAcl acl = blockWhen(s);
        assertThat(blocks(acl, WafRequest.get("/api/v2/admin/users", "127.0.0.1"))).isTrue();
        assertThat(blocks(acl, WafRequest.get("/api/vx/admin", "127.0.0.1"))).isFalse();
    }

    @Test
    void catastrophicRegexGivesUp() {
        String s = "{\"RegexMatchStatement\":{\"RegexString\":\"(a+)+$\",\"FieldToMatch\":{\"QueryString\":{}},"
                + "\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}]}}";
        long start = System.nanoTime();
        assertThat(blocks(blockWhen(s), WafRequest.get("/?" + "a".repeat(40) + "!", "127.0.0.1"))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void logicalStatements() {
        String a = byteMatch(URI, "/a", "STARTS_WITH");
        String b = byteMatch("{\"Method\":{}}", "POST", "EXACTLY");
        CompiledWebAcl and = blockWhen("{\"AndStatement\":{\"Statements\":[" + a + "," + b + "]}}");
        assertThat(blocks(and, WafRequest.of("POST", "/a", "127.0.0.1", new byte[0]))).isTrue();
        assertThat(blocks(and, WafRequest.get("/a", "127.0.0.1"))).isFalse();
        CompiledWebAcl or = blockWhen("{\"OrStatement\":{\"Statements\":[" + a + "," + b + "]}}");
        assertThat(blocks(or, WafRequest.get("/a", "127.0.0.1"))).isTrue();
        CompiledWebAcl not = blockWhen("{\"NotStatement\":{\"Statement\":" + a + "}}");
        assertThat(blocks(not, WafRequest.get("/a", "127.0.0.1"))).isFalse();
        assertThat(blocks(not, WafRequest.get("/b", "127.0.0.1"))).isTrue();
    }

    @Test
    void sqliAndXssStatements() {
        String sqli = "{\"SqliMatchStatement\":{\"FieldToMatch\":{\"AllQueryArguments\":{}},\"TextTransformations\":"
                + "[{\"Priority\":0,\"Type\":\"URL_DECODE\"}],\"SensitivityLevel\":\"LOW\"}}";
        WafDecision d = blockWhen(sqli).evaluate(WafRequest.get("/?id=1%27%20OR%201=1--", "127.0.0.1"), 0);
        assertThat(d.action()).isEqualTo("BLOCK");
        assertThat(d.record().terminatingRuleMatchDetails()).singleElement()
                .satisfies(m -> assertThat(m.conditionType()).isEqualTo("SQL_INJECTION"));
        String xss = "{\"XssMatchStatement\":{\"FieldToMatch\":{\"QueryString\":{}},\"TextTransformations\":"
                + "[{\"Priority\":0,\"Type\":\"URL_DECODE\"}]}}";
        assertThat(blocks(blockWhen(xss), WafRequest.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E", "127.0.0.1"))).isTrue();
        assertThat(blocks(blockWhen(xss), WafRequest.get("/?q=hello", "127.0.0.1"))).isFalse();
    }
}
