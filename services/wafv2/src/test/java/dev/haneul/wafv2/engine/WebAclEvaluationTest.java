package dev.haneul.wafv2.engine;

import static dev.haneul.wafv2.engine.WafFixtures.acl;
import static dev.haneul.wafv2.engine.WafFixtures.byteMatch;
import static dev.haneul.wafv2.engine.WafFixtures.compile;
import static dev.haneul.wafv2.engine.WafFixtures.get;
import static dev.haneul.wafv2.engine.WafFixtures.json;
import static dev.haneul.wafv2.engine.WafFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.core.http.HttpVerdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebAclEvaluationTest {

    private static final String URI = "{\"UriPath\":{}}";

    @Test
    void defaultBlockIs403AndAllowContinues() {
        CompiledWebAcl acl = compile(acl("Allow", rule("block-admin", 1, byteMatch(URI, "/admin", "STARTS_WITH"),
                "{\"Block\":{}}")));
        WafDecision blocked = get(acl, "/admin");
        assertThat(blocked.verdict()).isInstanceOfSatisfying(HttpVerdict.Respond.class,
                r -> assertThat(r.status()).isEqualTo(403));
        assertThat(blocked.record().terminatingRuleId()).isEqualTo("block-admin");
        assertThat(blocked.record().terminatingRuleType()).isEqualTo("REGULAR");
        assertThat(blocked.record().responseCodeSent()).isEqualTo(403);
        WafDecision allowed = get(acl, "/home");
        assertThat(allowed.verdict()).isEqualTo(HttpVerdict.CONTINUE);
        assertThat(allowed.record().terminatingRuleId()).isEqualTo("Default_Action");
        assertThat(allowed.record().matchedMetricNames()).containsExactly("test-acl");
    }

    @Test
    void defaultActionBlock() {
        CompiledWebAcl acl = compile(acl("Block", rule("allow-home", 1, byteMatch(URI, "/home", "EXACTLY"),
                "{\"Allow\":{}}")));
        assertThat(get(acl, "/home").action()).isEqualTo("ALLOW");
        assertThat(get(acl, "/other").action()).isEqualTo("BLOCK");
    }

    @Test
    void customResponse() {
        String action = "{\"Block\":{\"CustomResponse\":{\"ResponseCode\":429,\"CustomResponseBodyKey\":\"denied\","
                + "\"ResponseHeaders\":[{\"Name\":\"Retry-After\",\"Value\":\"60\"}]}}}";
        CompiledWebAcl acl = compile(acl("Allow", rule("r", 1, byteMatch(URI, "/", "STARTS_WITH"), action)));
        HttpVerdict.Respond r = (HttpVerdict.Respond) get(acl, "/x").verdict();
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.fields()).containsSequence("Retry-After", "60").containsSequence("Content-Type", "application/json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"denied\"}");
    }

    @Test
    void countAddsLabelsThatLaterRulesMatchAndInsertsHeaders() {
        String counted = "{\"Name\":\"tag\",\"Priority\":1,\"Statement\":" + byteMatch(URI, "/api", "STARTS_WITH")
                + ",\"Action\":{\"Count\":{\"CustomRequestHandling\":{\"InsertHeaders\":[{\"Name\":\"seen\",\"Value\":\"1\"}]}}},"
                + "\"RuleLabels\":[{\"Name\":\"team:api\"}],\"VisibilityConfig\":{\"MetricName\":\"tag\"}}";
        String byLabel = rule("by-label", 2, "{\"LabelMatchStatement\":{\"Scope\":\"LABEL\",\"Key\":\"team:api\"}}",
                "{\"Block\":{}}");
        String byNamespace = rule("by-ns", 3, "{\"LabelMatchStatement\":{\"Scope\":\"NAMESPACE\","
                + "\"Key\":\"awswaf:123456789012:webacl:test-acl:team:\"}}", "{\"Block\":{}}");
        CompiledWebAcl acl = compile(acl("Allow", counted + "," + byLabel));
        WafDecision d = get(acl, "/api/x");
        assertThat(d.action()).isEqualTo("BLOCK");
        assertThat(d.terminatingRuleId()).isEqualTo("by-label");
        assertThat(d.labels()).containsExactly("awswaf:123456789012:webacl:test-acl:team:api");
        assertThat(d.record().nonTerminatingMatchingRules()).extracting(InspectionRecord.RuleMatch::ruleId)
                .containsExactly("tag");
        assertThat(get(compile(acl("Allow", counted + "," + byNamespace)), "/api/y").terminatingRuleId()).isEqualTo("by-ns");
        WafDecision onlyCount = get(compile(acl("Allow", counted)), "/api/z");
        assertThat(onlyCount.verdict()).isEqualTo(new HttpVerdict.Continue(List.of("x-amzn-waf-seen", "1")));
    }

    @Test
    void priorityOrderNotListOrder() {
        String late = rule("late-allow", 9, byteMatch(URI, "/", "STARTS_WITH"), "{\"Allow\":{}}");
        String early = rule("early-block", 2, byteMatch(URI, "/", "STARTS_WITH"), "{\"Block\":{}}");
        assertThat(get(compile(acl("Allow", late + "," + early)), "/").terminatingRuleId()).isEqualTo("early-block");
    }

    @Test
    void rateBasedByIp() {
        String rate = rule("rate", 1, "{\"RateBasedStatement\":{\"Limit\":10,\"EvaluationWindowSec\":60,"
                + "\"AggregateKeyType\":\"IP\"}}", "{\"Block\":{}}");
        CompiledWebAcl acl = compile(acl("Allow", rate));
        long now = 1_000_000;
        for (int i = 0; i < 10; i++) {
            assertThat(acl.evaluate(WafRequest.get("/", "10.0.0.1"), now + i).action()).isEqualTo("ALLOW");
        }
        WafDecision limited = acl.evaluate(WafRequest.get("/", "10.0.0.1"), now + 20);
        assertThat(limited.action()).isEqualTo("BLOCK");
        assertThat(limited.record().terminatingRuleType()).isEqualTo("RATE_BASED");
        assertThat(limited.record().rateBasedRuleList()).singleElement()
                .satisfies(e -> assertThat(e.maxRateAllowed()).isEqualTo(10));
        assertThat(acl.evaluate(WafRequest.get("/", "10.0.0.2"), now + 21).action()).isEqualTo("ALLOW");
        assertThat(acl.rateBasedManagedKeys(null, "rate", now + 20).ipv4()).containsExactly("10.0.0.1/32");
        // after the window, the client is counted afresh
        assertThat(acl.evaluate(WafRequest.get("/", "10.0.0.1"), now + 200_000).action()).isEqualTo("ALLOW");
    }

    @Test
    void rateBasedCustomKeysAndScopeDown() {
        String rate = rule("rate", 1, "{\"RateBasedStatement\":{\"Limit\":10,\"AggregateKeyType\":\"CUSTOM_KEYS\","
                + "\"CustomKeys\":[{\"Header\":{\"Name\":\"x-api-key\",\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}]}},"
                + "{\"HTTPMethod\":{}}],\"ScopeDownStatement\":" + byteMatch(URI, "/api", "STARTS_WITH") + "}}",
                "{\"Block\":{}}");
        CompiledWebAcl acl = compile(acl("Allow", rate));
        for (int i = 0; i < 20; i++) {
            assertThat(acl.evaluate(WafRequest.get("/other", "10.0.0.1", "x-api-key", "k1"), 1000).action())
                    .isEqualTo("ALLOW");
        }
        for (int i = 0; i < 10; i++) {
            acl.evaluate(WafRequest.get("/api", "10.0.0.1", "x-api-key", "k1"), 1000);
        }
        assertThat(acl.evaluate(WafRequest.get("/api", "10.0.0.9", "x-api-key", "k1"), 1000).action()).isEqualTo("BLOCK");
        assertThat(acl.evaluate(WafRequest.get("/api", "10.0.0.1", "x-api-key", "k2"), 1000).action()).isEqualTo("ALLOW");
        assertThat(acl.evaluate(WafRequest.get("/api", "10.0.0.1"), 1000).action()).isEqualTo("ALLOW"); // key missing
    }

    @Test
    void ipSetsWithForwardedIp() {
        ReferenceResolver resolver = new ReferenceResolver() {
            @Override
            public Optional<JsonNode> ipSet(String arn) {
                return Optional.of(json("{\"Addresses\":[\"10.1.0.0/16\",\"2001:db8::/32\"],\"IPAddressVersion\":\"IPV4\"}"));
            }

            @Override
            public Optional<JsonNode> regexPatternSet(String arn) {
                return Optional.of(json("{\"RegularExpressionList\":[{\"RegexString\":\"^/wp-\"}]}"));
            }

            @Override
            public Optional<JsonNode> ruleGroup(String arn) {
                return Optional.empty();
            }
        };
        WebAclCompiler compiler = new WebAclCompiler(resolver, ManagedRuleGroups.aws());
        CompiledWebAcl direct = compiler.compile(acl("Allow", rule("ips", 1,
                "{\"IPSetReferenceStatement\":{\"ARN\":\"arn:ipset\"}}", "{\"Block\":{}}")));
        assertThat(direct.evaluate(WafRequest.get("/", "10.1.2.3"), 0).action()).isEqualTo("BLOCK");
        assertThat(direct.evaluate(WafRequest.get("/", "10.2.2.3"), 0).action()).isEqualTo("ALLOW");
        assertThat(direct.evaluate(WafRequest.get("/", "2001:db8::5"), 0).action()).isEqualTo("BLOCK");
        CompiledWebAcl forwarded = compiler.compile(acl("Allow", rule("ips", 1,
                "{\"IPSetReferenceStatement\":{\"ARN\":\"arn:ipset\",\"IPSetForwardedIPConfig\":{\"HeaderName\":"
                        + "\"X-Forwarded-For\",\"FallbackBehavior\":\"MATCH\",\"Position\":\"ANY\"}}}", "{\"Block\":{}}")));
        assertThat(forwarded.evaluate(WafRequest.get("/", "10.1.2.3"), 0).action()).isEqualTo("ALLOW"); // no header
        assertThat(forwarded.evaluate(WafRequest.get("/", "127.0.0.1", "X-Forwarded-For", "1.2.3.4, 10.1.9.9"), 0)
                .action()).isEqualTo("BLOCK");
        assertThat(forwarded.evaluate(WafRequest.get("/", "127.0.0.1", "X-Forwarded-For", "garbage"), 0).action())
                .isEqualTo("BLOCK"); // fallback MATCH
        CompiledWebAcl regexSet = compiler.compile(acl("Allow", rule("rx", 1,
                "{\"RegexPatternSetReferenceStatement\":{\"ARN\":\"arn:rx\",\"FieldToMatch\":{\"UriPath\":{}},"
                        + "\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}]}}", "{\"Block\":{}}")));
        assertThat(regexSet.evaluate(WafRequest.get("/wp-admin", "127.0.0.1"), 0).action()).isEqualTo("BLOCK");
    }

    @Test
    void geoMatchFromTheTableWithLabels() {
        CompiledWebAcl acl = compile(acl("Allow", rule("geo", 1, "{\"GeoMatchStatement\":{\"CountryCodes\":[\"DE\"],"
                + "\"ForwardedIPConfig\":{\"HeaderName\":\"X-Forwarded-For\",\"FallbackBehavior\":\"NO_MATCH\"}}}",
                "{\"Block\":{}}")));
        WafDecision de = get(acl, "/", "X-Forwarded-For", "192.0.2.10");
        assertThat(de.action()).isEqualTo("BLOCK");
        assertThat(de.labels()).contains("awswaf:forwardedip:geo:country:DE");
        assertThat(get(acl, "/", "X-Forwarded-For", "127.0.0.1").action()).isEqualTo("ALLOW");
        CompiledWebAcl us = compile(acl("Allow", rule("geo", 1, "{\"GeoMatchStatement\":{\"CountryCodes\":[\"US\"]}}",
                "{\"Count\":{}}")));
        assertThat(get(us, "/").labels()).contains("awswaf:clientip:geo:country:US", "awswaf:clientip:geo:region:US-VA");
    }

    private static WebAclCompiler withGroup(String groupRules) {
        JsonNode group = json("{\"Name\":\"grp\",\"ARN\":\"arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/grp/2\","
                + "\"Capacity\":100,\"Rules\":[" + groupRules + "]}");
        return new WebAclCompiler(new ReferenceResolver() {
            @Override
            public Optional<JsonNode> ipSet(String arn) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> regexPatternSet(String arn) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> ruleGroup(String arn) {
                return Optional.of(group);
            }
        }, ManagedRuleGroups.aws());
    }

    private static String groupRule(String overrideAction, String extra) {
        return "{\"Name\":\"use-grp\",\"Priority\":1,\"Statement\":{\"RuleGroupReferenceStatement\":{\"ARN\":\"arn:grp\""
                + extra + "}},\"OverrideAction\":{\"" + overrideAction + "\":{}},\"VisibilityConfig\":{\"MetricName\":\"g\"}}";
    }

    @Test
    void ruleGroupReferenceWithOverrides() {
        WebAclCompiler compiler = withGroup(rule("inner-block", 1, byteMatch(URI, "/bad", "STARTS_WITH"), "{\"Block\":{}}")
                .replace("\"Action\"", "\"RuleLabels\":[{\"Name\":\"bad\"}],\"Action\""));
        WafDecision d = compiler.compile(acl("Allow", groupRule("None", ""))).evaluate(WafRequest.get("/bad", "127.0.0.1"), 0);
        assertThat(d.action()).isEqualTo("BLOCK");
        assertThat(d.record().terminatingRuleType()).isEqualTo("GROUP");
        assertThat(d.record().ruleNameWithinRuleGroup()).isEqualTo("inner-block");
        assertThat(d.labels()).containsExactly("awswaf:123456789012:rulegroup:grp:bad");
        assertThat(d.record().ruleGroupList()).singleElement().satisfies(g -> assertThat(g.terminatingRule()).isNotNull());
        WafDecision counted = compiler.compile(acl("Allow", groupRule("Count", "")))
                .evaluate(WafRequest.get("/bad", "127.0.0.1"), 0);
        assertThat(counted.action()).isEqualTo("ALLOW");
        assertThat(counted.labels()).containsExactly("awswaf:123456789012:rulegroup:grp:bad");
        WafDecision overridden = compiler.compile(acl("Allow", groupRule("None",
                ",\"RuleActionOverrides\":[{\"Name\":\"inner-block\",\"ActionToUse\":{\"Count\":{}}}]")))
                .evaluate(WafRequest.get("/bad", "127.0.0.1"), 0);
        assertThat(overridden.action()).isEqualTo("ALLOW");
        assertThat(overridden.record().ruleGroupList().get(0).excludedRules()).hasSize(1);
        assertThatThrownBy(() -> compiler.compile(acl("Allow", groupRule("None",
                ",\"ExcludedRules\":[{\"Name\":\"no-such-rule\"}]"))))
                .isInstanceOf(WafValidationException.class);
    }

    @Test
    void managedGroupWithScopeDownAndVersion() {
        ManagedRuleGroupInfo info = new ManagedRuleGroupInfo("AWS", "TestGroup", "test", true,
                List.of(new ManagedRuleGroupInfo.Version("Version_1.0", 0)), "Version_1.0", 10,
                "awswaf:managed:aws:test:", List.of(new ManagedRuleGroupInfo.RuleSummary("T_URIPATH", "BLOCK")),
                List.of("awswaf:managed:aws:test:T_URIPath"), List.of());
        JsonNode rules = json("[" + rule("T_URIPATH", 0, byteMatch(URI, "/t", "STARTS_WITH"), "{\"Block\":{}}")
                .replace("\"Action\"", "\"RuleLabels\":[{\"Name\":\"T_URIPath\"}],\"Action\"") + "]");
        ManagedRuleGroups groups = ManagedRuleGroups.of(List.of(new ManagedRuleGroupDefinition(info, rules, Map.of())));
        WebAclCompiler compiler = new WebAclCompiler(ReferenceResolver.NONE, groups);
        String managed = "{\"Name\":\"m\",\"Priority\":0,\"Statement\":{\"ManagedRuleGroupStatement\":{\"VendorName\":\"AWS\","
                + "\"Name\":\"TestGroup\",\"Version\":\"Version_1.0\",\"ScopeDownStatement\":"
                + byteMatch("{\"Method\":{}}", "GET", "EXACTLY") + "}},\"OverrideAction\":{\"None\":{}},"
                + "\"VisibilityConfig\":{\"MetricName\":\"m\"}}";
        CompiledWebAcl acl = compiler.compile(acl("Allow", managed));
        WafDecision d = acl.evaluate(WafRequest.get("/t", "127.0.0.1"), 0);
        assertThat(d.action()).isEqualTo("BLOCK");
        assertThat(d.record().terminatingRuleType()).isEqualTo("MANAGED_RULE_GROUP");
        assertThat(d.labels()).containsExactly("awswaf:managed:aws:test:T_URIPath");
        assertThat(d.record().ruleGroupList().get(0).ruleGroupId()).isEqualTo("AWS#TestGroup");
        assertThat(acl.evaluate(WafRequest.of("POST", "/t", "127.0.0.1", new byte[0]), 0).action()).isEqualTo("ALLOW");
        assertThat(acl.capacity()).isEqualTo(10 + 2 + 10);
        assertThatThrownBy(() -> compiler.compile(acl("Allow", managed.replace("Version_1.0", "Version_9"))))
                .isInstanceOf(WafValidationException.class);
    }

    @Test
    void challengeAndCaptchaTokenFlow() {
        CompiledWebAcl acl = compile(acl("Allow", rule("cap", 1, byteMatch(URI, "/login", "STARTS_WITH"),
                "{\"Captcha\":{}}")));
        long now = 1_700_000_000_000L;
        WafDecision first = acl.evaluate(WafRequest.get("/login", "127.0.0.1", "Accept", "text/html"), now);
        HttpVerdict.Respond page = (HttpVerdict.Respond) first.verdict();
        assertThat(page.status()).isEqualTo(405);
        assertThat(page.fields()).containsSequence("x-amzn-waf-action", "captcha");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        String nonce = html.replaceAll("(?s).*const nonce='([^']+)'.*", "$1");
        int work = 0;
        while (!TokenService.verify(nonce, String.valueOf(work), now / 1000)) {
            work++;
        }
        WafDecision verified = acl.evaluate(WafRequest.of("POST", TokenService.VERIFY_PATH, "127.0.0.1",
                ("kind=captcha&nonce=" + nonce + "&work=" + work).getBytes(StandardCharsets.US_ASCII)), now);
        HttpVerdict.Respond cookie = (HttpVerdict.Respond) verified.verdict();
        assertThat(cookie.status()).isEqualTo(200);
        String setCookie = cookie.fields().get(cookie.fields().indexOf("Set-Cookie") + 1);
        String token = setCookie.substring(0, setCookie.indexOf(';'));
        WafDecision passed = acl.evaluate(WafRequest.get("/login", "127.0.0.1", "Cookie", token), now + 1000);
        assertThat(passed.action()).isEqualTo("ALLOW");
        assertThat(passed.labels()).contains("awswaf:managed:token:accepted");
        assertThat(passed.record().nonTerminatingMatchingRules()).extracting(InspectionRecord.RuleMatch::action)
                .containsExactly("CAPTCHA");
        // expired after the immunity time (300 s)
        assertThat(acl.evaluate(WafRequest.get("/login", "127.0.0.1", "Cookie", token), now + 301_000).action())
                .isEqualTo("CAPTCHA");
        // forged tokens are rejected
        assertThat(acl.evaluate(WafRequest.get("/login", "127.0.0.1", "Cookie", "aws-waf-token=v1.1.1.abc"), now)
                .action()).isEqualTo("CAPTCHA");
    }

    @Test
    void challengeWithoutHtmlIsEmpty202() {
        CompiledWebAcl acl = compile(acl("Allow", rule("ch", 1, byteMatch(URI, "/", "STARTS_WITH"), "{\"Challenge\":{}}")));
        HttpVerdict.Respond r = (HttpVerdict.Respond) get(acl, "/api", "Accept", "application/json").verdict();
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> compile(acl("Allow", rule("rate", 1, "{\"RateBasedStatement\":{\"Limit\":5,"
                + "\"AggregateKeyType\":\"IP\"}}", "{\"Block\":{}}"))))
                .isInstanceOfSatisfying(WafValidationException.class, e -> assertThat(e.field()).isEqualTo("RATE_BASED_STATEMENT"));
        assertThatThrownBy(() -> compile(acl("Allow", rule("rate", 1, "{\"RateBasedStatement\":{\"Limit\":100,"
                + "\"EvaluationWindowSec\":30,\"AggregateKeyType\":\"IP\"}}", "{\"Block\":{}}"))))
                .isInstanceOf(WafValidationException.class);
        assertThatThrownBy(() -> compile(acl("Allow", rule("nested", 1, "{\"NotStatement\":{\"Statement\":"
                + "{\"RateBasedStatement\":{\"Limit\":100,\"AggregateKeyType\":\"IP\"}}}}", "{\"Block\":{}}"))))
                .isInstanceOf(WafValidationException.class);
        String eleven = WafFixtures.byteMatch(URI, "x", "CONTAINS", "NONE", "LOWERCASE", "URL_DECODE", "TRIM", "TRIM_LEFT",
                "TRIM_RIGHT", "REMOVE_NULLS", "REPLACE_NULLS", "CMD_LINE", "HEX_DECODE", "MD5");
        assertThatThrownBy(() -> compile(acl("Allow", rule("t", 1, eleven, "{\"Block\":{}}"))))
                .isInstanceOfSatisfying(WafValidationException.class, e -> assertThat(e.field()).isEqualTo("TEXT_TRANSFORMATION"));
        String r1 = rule("same", 1, byteMatch(URI, "x", "CONTAINS"), "{\"Block\":{}}");
        assertThatThrownBy(() -> compile(acl("Allow", r1 + "," + r1.replace("1,", "2,"))))
                .isInstanceOf(WafValidationException.class);
        assertThatThrownBy(() -> compile(acl("Allow", rule("w", 1, byteMatch(URI, "a b", "CONTAINS_WORD"),
                "{\"Block\":{}}")))).isInstanceOf(WafValidationException.class);
        assertThatThrownBy(() -> compile(acl("Allow", rule("b", 1, byteMatch(URI, "x", "CONTAINS"),
                "{\"Block\":{\"CustomResponse\":{\"ResponseCode\":403,\"CustomResponseBodyKey\":\"missing\"}}}"))))
                .isInstanceOfSatisfying(WafValidationException.class, e -> assertThat(e.field()).isEqualTo("CUSTOM_RESPONSE_BODY"));
    }

    @Test
    void capacityAsAwsCountsIt() {
        WebAclCompiler compiler = new WebAclCompiler(ReferenceResolver.NONE, ManagedRuleGroups.aws());
        assertThat(compiler.capacity(json("[{\"Statement\":" + byteMatch(URI, "x", "EXACTLY") + "}]"))).isEqualTo(2 + 10);
        assertThat(compiler.capacity(json("[{\"Statement\":" + byteMatch("{\"AllQueryArguments\":{}}", "x", "CONTAINS",
                "URL_DECODE", "LOWERCASE") + "}]"))).isEqualTo(10 + 10 + 20);
        assertThat(compiler.capacity(json("[{\"Statement\":{\"SqliMatchStatement\":{\"FieldToMatch\":{\"JsonBody\":{}},"
                + "\"TextTransformations\":[{\"Priority\":0,\"Type\":\"NONE\"}],\"SensitivityLevel\":\"HIGH\"}}}]")))
                .isEqualTo(60 + 10);
        assertThat(compiler.capacity(json("[{\"Statement\":{\"RateBasedStatement\":{\"Limit\":100,\"AggregateKeyType\":\"IP\"}}},"
                + "{\"Statement\":{\"GeoMatchStatement\":{\"CountryCodes\":[\"US\"]}}}]"))).isEqualTo(3);
    }
}
