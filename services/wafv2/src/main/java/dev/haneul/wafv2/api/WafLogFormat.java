package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.wafv2.engine.InspectionRecord;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One inspected request as a line of AWS's WAF log (formatVersion 1; field names and order as in
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html), with a logging
 * configuration's {@code RedactedFields} replaced by {@code REDACTED} and its {@code LoggingFilter}
 * deciding whether the line is written at all.
 */
final class WafLogFormat {

    static final String REDACTED = "REDACTED";

    private WafLogFormat() {}

    /** Whether the configuration's filter keeps {@code record} (no filter keeps everything). */
    static boolean keep(JsonNode configuration, InspectionRecord record) {
        JsonNode filter = configuration.path("LoggingFilter");
        if (filter.isMissingNode()) {
            return true;
        }
        for (JsonNode f : filter.path("Filters")) {
            boolean all = "MEETS_ALL".equals(f.path("Requirement").asText());
            boolean matched = all;
            for (JsonNode condition : f.path("Conditions")) {
                boolean hit = matches(condition, record);
                matched = all ? matched && hit : matched || hit;
            }
            if (matched) {
                return "KEEP".equals(f.path("Behavior").asText());
            }
        }
        return !"DROP".equals(filter.path("DefaultBehavior").asText());
    }

    private static boolean matches(JsonNode condition, InspectionRecord record) {
        if (condition.has("ActionCondition")) {
            String action = condition.path("ActionCondition").path("Action").asText();
            return switch (action) {
                case "COUNT" -> record.nonTerminatingMatchingRules().stream().anyMatch(r -> "COUNT".equals(r.action()));
                case "EXCLUDED_AS_COUNT" -> record.ruleGroupList().stream().anyMatch(g -> !g.excludedRules().isEmpty());
                default -> action.equals(record.action());
            };
        }
        if (condition.has("LabelNameCondition")) {
            return record.labels().contains(condition.path("LabelNameCondition").path("LabelName").asText());
        }
        return false;
    }

    /** The log line (one JSON object, no newline). */
    static String line(JsonNode configuration, InspectionRecord record) {
        JsonNode redacted = configuration.path("RedactedFields");
        ObjectNode out = WafJson.MAPPER.createObjectNode();
        out.put("timestamp", record.timeMillis());
        out.put("formatVersion", 1);
        out.put("webaclId", record.webAclArn());
        out.put("terminatingRuleId", record.terminatingRuleId());
        out.put("terminatingRuleType", record.terminatingRuleType());
        out.put("action", record.action());
        out.set("terminatingRuleMatchDetails", details(record.terminatingRuleMatchDetails()));
        out.put("httpSourceName", record.httpSourceName());
        out.put("httpSourceId", record.httpSourceId());
        ArrayNode groups = out.putArray("ruleGroupList");
        for (InspectionRecord.RuleGroupEntry group : record.ruleGroupList()) {
            ObjectNode g = groups.addObject();
            g.put("ruleGroupId", group.ruleGroupId());
            if (group.terminatingRule() == null) {
                g.putNull("terminatingRule");
            } else {
                g.set("terminatingRule", rule(group.terminatingRule()));
            }
            ArrayNode non = g.putArray("nonTerminatingMatchingRules");
            group.nonTerminatingMatchingRules().forEach(r -> non.add(rule(r)));
            if (group.excludedRules().isEmpty()) {
                g.putNull("excludedRules");
            } else {
                ArrayNode excluded = g.putArray("excludedRules");
                group.excludedRules().forEach(r -> excluded.addObject().put("exclusionType", "EXCLUDED_AS_COUNT")
                        .put("ruleId", r.ruleId()));
            }
        }
        ArrayNode rates = out.putArray("rateBasedRuleList");
        for (InspectionRecord.RateBasedEntry rate : record.rateBasedRuleList()) {
            ObjectNode r = rates.addObject();
            r.put("rateBasedRuleId", rate.rateBasedRuleId());
            r.put("rateBasedRuleName", rate.rateBasedRuleName());
            r.put("limitKey", rate.limitKey());
            r.put("maxRateAllowed", rate.maxRateAllowed());
            r.put("evaluationWindowSec", String.valueOf(rate.evaluationWindowSec()));
            if (!rate.customValues().isEmpty()) {
                ArrayNode values = r.putArray("customValues");
                rate.customValues().forEach(v -> values.addObject().put("key", v.name()).put("value", v.value()));
            }
        }
        ArrayNode non = out.putArray("nonTerminatingMatchingRules");
        record.nonTerminatingMatchingRules().forEach(r -> non.add(rule(r)));
        if (record.requestHeadersInserted().isEmpty()) {
            out.putNull("requestHeadersInserted");
        } else {
            ArrayNode inserted = out.putArray("requestHeadersInserted");
            record.requestHeadersInserted().forEach(h -> inserted.addObject().put("name", h.name()).put("value", h.value()));
        }
        if (record.responseCodeSent() == 0) {
            out.putNull("responseCodeSent");
        } else {
            out.put("responseCodeSent", record.responseCodeSent());
        }
        out.set("httpRequest", httpRequest(record.httpRequest(), redacted));
        if (!record.labels().isEmpty()) {
            ArrayNode labels = out.putArray("labels");
            record.labels().forEach(l -> labels.addObject().put("name", l));
        }
        token(out, "captchaResponse", record.captchaResponse());
        token(out, "challengeResponse", record.challengeResponse());
        return out.toString();
    }

    private static ObjectNode httpRequest(InspectionRecord.HttpRequest http, JsonNode redacted) {
        ObjectNode out = WafJson.MAPPER.createObjectNode();
        out.put("clientIp", http.clientIp());
        out.put("country", http.country());
        ArrayNode headers = out.putArray("headers");
        for (InspectionRecord.Header header : http.headers()) {
            headers.addObject().put("name", header.name())
                    .put("value", redactsHeader(redacted, header.name()) ? REDACTED : header.value());
        }
        out.put("uri", redacts(redacted, "UriPath") ? REDACTED : http.uri());
        out.put("args", redacts(redacted, "QueryString") ? REDACTED : http.args());
        out.put("httpVersion", http.httpVersion());
        out.put("httpMethod", redacts(redacted, "Method") ? REDACTED : http.httpMethod());
        out.put("requestId", http.requestId());
        if (!http.host().isEmpty()) {
            out.put("host", http.host());
        }
        return out;
    }

    private static boolean redacts(JsonNode redacted, String field) {
        for (JsonNode f : redacted) {
            if (f.has(field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean redactsHeader(JsonNode redacted, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (JsonNode f : redacted) {
            if (f.path("SingleHeader").path("Name").asText("\n").toLowerCase(Locale.ROOT).equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode rule(InspectionRecord.RuleMatch match) {
        ObjectNode r = WafJson.MAPPER.createObjectNode();
        r.put("ruleId", match.ruleId());
        r.put("action", match.action());
        if (match.overriddenAction() != null) {
            r.put("overriddenAction", match.overriddenAction());
        }
        r.set("ruleMatchDetails", details(match.ruleMatchDetails()));
        return r;
    }

    private static ArrayNode details(List<InspectionRecord.MatchDetail> details) {
        ArrayNode out = WafJson.MAPPER.createArrayNode();
        for (InspectionRecord.MatchDetail detail : details) {
            ObjectNode d = out.addObject();
            d.put("conditionType", detail.conditionType());
            if (detail.sensitivityLevel() != null) {
                d.put("sensitivityLevel", detail.sensitivityLevel());
            }
            d.put("location", detail.location());
            ArrayNode data = d.putArray("matchedData");
            detail.matchedData().forEach(data::add);
        }
        return out;
    }

    private static void token(ObjectNode out, String name, InspectionRecord.@Nullable TokenResponse token) {
        if (token == null) {
            return;
        }
        ObjectNode t = out.putObject(name);
        t.put("responseCode", token.responseCode());
        t.put("solveTimestamp", token.solveTimestamp());
        if (token.failureReason() != null) {
            t.put("failureReason", token.failureReason());
        }
    }
}
