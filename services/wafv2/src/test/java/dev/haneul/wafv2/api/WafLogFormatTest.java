package dev.haneul.wafv2.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.wafv2.engine.InspectionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log lines in AWS's WAF log format, with redacted fields and logging filters. */
class WafLogFormatTest {

    private static final String ACL = "arn:aws:wafv2:us-east-1:000000000000:regional/webacl/site/1234";

    private static InspectionRecord record(String action, List<String> labels, List<InspectionRecord.RuleMatch> counted) {
        InspectionRecord.HttpRequest http = new InspectionRecord.HttpRequest("203.0.113.9", "-",
                List.of(new InspectionRecord.Header("Host", "shop.example"),
                        new InspectionRecord.Header("Authorization", "Bearer secret")),
                "/login", "user=alice", "HTTP/1.1", "POST", "1-abc", "shop.example");
        return new InspectionRecord(1_700_000_000_123L, ACL, action.equals("BLOCK") ? "sqli" : "Default_Action",
                action.equals("BLOCK") ? "REGULAR" : "Default_Action", action,
                List.of(new InspectionRecord.MatchDetail("SQL_INJECTION", "QUERY_STRING", List.of("1", "OR"), "HIGH")),
                "ALB", "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/shop/1", http, List.of(),
                List.of(), counted, List.of(), action.equals("BLOCK") ? 403 : 0, labels, List.of("sqli"), null, null,
                null, null);
    }

    private static JsonNode config(String json) throws Exception {
        return WafJson.MAPPER.readTree(json);
    }

    @Test
    void aLineHasAwsFieldsInAwsOrderWithRedactedFieldsReplaced() throws Exception {
        JsonNode config = config("""
                {"ResourceArn": "x", "LogDestinationConfigs": ["arn:aws:s3:::aws-waf-logs-x"],
                 "RedactedFields": [{"SingleHeader": {"Name": "authorization"}}, {"QueryString": {}}]}""");
        JsonNode line = WafJson.MAPPER.readTree(WafLogFormat.line(config, record("BLOCK", List.of("awswaf:a:b"), List.of())));
        assertThat(line.fieldNames()).toIterable().startsWith("timestamp", "formatVersion", "webaclId", "terminatingRuleId",
                "terminatingRuleType", "action", "terminatingRuleMatchDetails", "httpSourceName", "httpSourceId");
        assertThat(line.path("timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(line.path("webaclId").asText()).isEqualTo(ACL);
        assertThat(line.path("action").asText()).isEqualTo("BLOCK");
        assertThat(line.path("responseCodeSent").asInt()).isEqualTo(403);
        assertThat(line.path("terminatingRuleMatchDetails").get(0).path("sensitivityLevel").asText()).isEqualTo("HIGH");
        JsonNode http = line.path("httpRequest");
        assertThat(http.path("headers").get(0).path("value").asText()).isEqualTo("shop.example");
        assertThat(http.path("headers").get(1).path("value").asText()).isEqualTo("REDACTED");
        assertThat(http.path("args").asText()).isEqualTo("REDACTED");
        assertThat(http.path("uri").asText()).isEqualTo("/login");
        assertThat(line.path("labels").get(0).path("name").asText()).isEqualTo("awswaf:a:b");
        assertThat(line.path("requestHeadersInserted").isNull()).isTrue();
    }

    @Test
    void filtersKeepOrDropByActionAndLabelTheFirstMatchingFilterDecides() throws Exception {
        JsonNode keepBlocks = config("""
                {"LoggingFilter": {"DefaultBehavior": "DROP", "Filters": [
                  {"Behavior": "KEEP", "Requirement": "MEETS_ANY", "Conditions": [
                    {"ActionCondition": {"Action": "BLOCK"}}, {"LabelNameCondition": {"LabelName": "awswaf:x:keep"}}]},
                  {"Behavior": "DROP", "Requirement": "MEETS_ALL", "Conditions": [{"ActionCondition": {"Action": "BLOCK"}}]}]}}""");
        assertThat(WafLogFormat.keep(keepBlocks, record("BLOCK", List.of(), List.of()))).isTrue();
        assertThat(WafLogFormat.keep(keepBlocks, record("ALLOW", List.of(), List.of()))).isFalse();
        assertThat(WafLogFormat.keep(keepBlocks, record("ALLOW", List.of("awswaf:x:keep"), List.of()))).isTrue();

        JsonNode dropCounted = config("""
                {"LoggingFilter": {"DefaultBehavior": "KEEP", "Filters": [
                  {"Behavior": "DROP", "Requirement": "MEETS_ALL", "Conditions": [{"ActionCondition": {"Action": "COUNT"}}]}]}}""");
        InspectionRecord.RuleMatch counted = new InspectionRecord.RuleMatch("watch", "COUNT", List.of(), null);
        assertThat(WafLogFormat.keep(dropCounted, record("ALLOW", List.of(), List.of(counted)))).isFalse();
        assertThat(WafLogFormat.keep(dropCounted, record("ALLOW", List.of(), List.of()))).isTrue();
        assertThat(WafLogFormat.keep(config("{}"), record("ALLOW", List.of(), List.of()))).isTrue();
    }
}
