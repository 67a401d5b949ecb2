package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds web ACL JSON for tests. */
final class WafFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/test-acl/1111";

    private WafFixtures() {
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A web ACL with these rules (a JSON array's content) and default action ({@code Allow} or {@code Block}). */
    static JsonNode acl(String defaultAction, String rules) {
        return json("""
                {"Name":"test-acl","Id":"1111","ARN":"%s","DefaultAction":{"%s":{}},
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"test-acl"},
                 "CustomResponseBodies":{"denied":{"ContentType":"APPLICATION_JSON","Content":"{\\"error\\":\\"denied\\"}"}},
                 "Rules":[%s]}""".formatted(ARN, defaultAction, rules));
    }

    /** A rule with a statement and an action, e.g. {@code rule("r", 1, "{...statement...}", "{\"Block\":{}}")}. */
    static String rule(String name, int priority, String statement, String action) {
        return """
                {"Name":"%s","Priority":%d,"Statement":%s,"Action":%s,
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"%s"}}"""
                .formatted(name, priority, statement, action, name);
    }

    static String byteMatch(String field, String search, String position, String... transforms) {
        return "{\"ByteMatchStatement\":{\"SearchString\":\"" + b64(search) + "\",\"FieldToMatch\":" + field
                + ",\"PositionalConstraint\":\"" + position + "\",\"TextTransformations\":" + transforms(transforms) + "}}";
    }

    static String transforms(String... types) {
        StringBuilder sb = new StringBuilder("[");
        if (types.length == 0) {
            types = new String[] {"NONE"};
        }
        for (int i = 0; i < types.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"Priority\":").append(i).append(",\"Type\":\"").append(types[i]).append("\"}");
        }
        return sb.append(']').toString();
    }

    static CompiledWebAcl compile(JsonNode acl) {
        return new WebAclCompiler(ReferenceResolver.NONE, ManagedRuleGroups.aws()).compile(acl);
    }

    static WafDecision get(CompiledWebAcl acl, String target, String... headers) {
        return acl.evaluate(WafRequest.get(target, "127.0.0.1", headers), System.currentTimeMillis());
    }
}
