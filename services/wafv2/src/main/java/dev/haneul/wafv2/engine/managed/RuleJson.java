package dev.haneul.wafv2.engine.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds AWS rule JSON for the managed groups: the same form a customer writes, compiled the same way. */
final class RuleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleJson() {
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    /** A rule: name, priority, statement, Block (or Count) action, label name. */
    static ObjectNode rule(String name, int priority, JsonNode statement, String action, String label) {
        ObjectNode rule = obj();
        rule.put("Name", name);
        rule.put("Priority", priority);
        rule.set("Statement", statement);
        rule.set("Action", obj().set(action, obj()));
        rule.putArray("RuleLabels").add(obj().put("Name", label));
        rule.set("VisibilityConfig", obj().put("SampledRequestsEnabled", true).put("CloudWatchMetricsEnabled", true)
                .put("MetricName", name));
        return rule;
    }

    static ArrayNode transforms(String... types) {
        ArrayNode list = MAPPER.createArrayNode();
        for (int i = 0; i < types.length; i++) {
            list.add(obj().put("Priority", i).put("Type", types[i]));
        }
        return list;
    }

    static ObjectNode field(String type) {
        return obj().set(type, obj());
    }

    static ObjectNode singleHeader(String name) {
        return obj().set("SingleHeader", obj().put("Name", name));
    }

    static ObjectNode body() {
        return obj().set("Body", obj().put("OversizeHandling", "CONTINUE"));
    }

    /** All headers, keys and values, within the inspection limits. */
    static ObjectNode allHeaders() {
        ObjectNode h = obj();
        h.set("MatchPattern", obj().set("All", obj()));
        h.put("MatchScope", "ALL");
        h.put("OversizeHandling", "CONTINUE");
        return obj().set("Headers", h);
    }

    /** All cookies, keys and values. */
    static ObjectNode allCookies() {
        ObjectNode c = obj();
        c.set("MatchPattern", obj().set("All", obj()));
        c.put("MatchScope", "ALL");
        c.put("OversizeHandling", "CONTINUE");
        return obj().set("Cookies", c);
    }

    static ObjectNode regex(JsonNode field, String regex, String... transforms) {
        ObjectNode s = obj();
        s.put("RegexString", regex);
        s.set("FieldToMatch", field);
        s.set("TextTransformations", transforms(transforms));
        return obj().set("RegexMatchStatement", s);
    }

    static ObjectNode byteMatch(JsonNode field, String search, String position, String... transforms) {
        ObjectNode s = obj();
        s.put("SearchString", Base64.getEncoder().encodeToString(search.getBytes(StandardCharsets.ISO_8859_1)));
        s.set("FieldToMatch", field);
        s.put("PositionalConstraint", position);
        s.set("TextTransformations", transforms(transforms));
        return obj().set("ByteMatchStatement", s);
    }

    static ObjectNode size(JsonNode field, String op, long size) {
        ObjectNode s = obj();
        s.set("FieldToMatch", field);
        s.put("ComparisonOperator", op);
        s.put("Size", size);
        s.set("TextTransformations", transforms("NONE"));
        return obj().set("SizeConstraintStatement", s);
    }

    static ObjectNode sqli(JsonNode field, String sensitivity, String... transforms) {
        ObjectNode s = obj();
        s.set("FieldToMatch", field);
        s.set("TextTransformations", transforms(transforms));
        s.put("SensitivityLevel", sensitivity);
        return obj().set("SqliMatchStatement", s);
    }

    static ObjectNode xss(JsonNode field, String... transforms) {
        ObjectNode s = obj();
        s.set("FieldToMatch", field);
        s.set("TextTransformations", transforms(transforms));
        return obj().set("XssMatchStatement", s);
    }

    static ObjectNode not(JsonNode statement) {
        return obj().set("NotStatement", obj().set("Statement", statement));
    }

    static ObjectNode ipSet(String arn) {
        return obj().set("IPSetReferenceStatement", obj().put("ARN", arn));
    }

    static ArrayNode array(JsonNode... rules) {
        ArrayNode list = MAPPER.createArrayNode();
        for (JsonNode r : rules) {
            list.add(r);
        }
        return list;
    }
}
