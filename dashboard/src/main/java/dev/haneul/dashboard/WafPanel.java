package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAF part of a snapshot: per web ACL (regional, in the default account and region) the load
 * balancers it guards, its allowed / blocked / counted / CAPTCHA / Challenge requests per second,
 * and the latest requests it blocked (or answered with CAPTCHA or Challenge) with the rule that
 * did it.
 *
 * <p>As the console does: the web ACLs and their rules from {@code ListWebACLs}/{@code GetWebACL}
 * and {@code ListResourcesForWebACL}, the blocked requests from {@code GetSampledRequests} for each
 * rule's metric name; the rates from the provider's report (the totals AWS publishes as CloudWatch
 * metrics, which Haneul does not emulate), turned into rates by {@link Rates}.
 */
final class WafPanel {

    private static final Logger log = LoggerFactory.getLogger(WafPanel.class);
    /** Latest blocked requests shown per web ACL. */
    static final int LATEST = 10;
    private static final Duration WINDOW = Duration.ofHours(3);

    private final AwsOperations aws;
    private final Rates rates;

    WafPanel(AwsOperations aws, Rates rates) {
        this.aws = requireNonNull(aws, "aws");
        this.rates = requireNonNull(rates, "rates");
    }

    /**
     * The web ACLs as {@code principal} may read them (the account's root when {@code null}), each
     * as a JSON-ready map; a failing call is added to {@code errors}, a denied one also to
     * {@code denied} under {@code "wafv2 OPERATION"}.
     */
    List<Object> take(@Nullable String principal, List<String> errors, Map<String, String> denied) {
        if (!aws.has("wafv2")) {
            return List.of();
        }
        Map<String, List<Object>> totals = new HashMap<>();
        aws.report("wafv2").ifPresent(report -> rows(report, totals));
        List<Object> out = new ArrayList<>();
        try {
            for (Map<String, Object> summary : Trees.maps(aws.read("wafv2", "ListWebACLs", Map.of("Scope", "REGIONAL"),
                    principal), "WebACLs")) {
                out.add(webAcl(summary, totals, principal));
            }
        } catch (AwsServiceException e) {
            errors.add("wafv2: " + e.code() + ": " + e.getMessage());
            ArchitectureSnapshot.noteDenial(denied, "wafv2 ListWebACLs", e);
        } catch (RuntimeException e) {
            log.warn("dashboard - the WAF panel failed", e);
            errors.add("wafv2: InternalFailure: see the Haneul log");
        }
        return out;
    }

    private Map<String, Object> webAcl(Map<String, Object> summary, Map<String, List<Object>> totals,
                                       @Nullable String principal) {
        String arn = Trees.string(summary, "ARN");
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("name", Trees.string(summary, "Name"));
        acl.put("arn", arn);
        acl.put("resources", list(aws.read("wafv2", "ListResourcesForWebACL",
                Map.of("WebACLArn", arn, "ResourceType", "APPLICATION_LOAD_BALANCER"), principal), "ResourceArns"));
        Map<String, Object> webAcl = Trees.map(aws.read("wafv2", "GetWebACL", Map.of("Name", Trees.string(summary, "Name"),
                "Id", Trees.string(summary, "Id"), "Scope", "REGIONAL"), principal), "WebACL");
        acl.put("defaultAction", Trees.map(webAcl, "DefaultAction").containsKey("Block") ? "BLOCK" : "ALLOW");
        List<Object> row = totals.getOrDefault(arn, List.of());
        Map<String, Object> perSecond = new LinkedHashMap<>();
        Map<String, Object> total = new LinkedHashMap<>();
        String[] names = {"allowed", "blocked", "counted", "captcha", "challenge"};
        for (int i = 0; i < names.length; i++) {
            long value = i < row.size() && row.get(i) instanceof Number n ? n.longValue() : 0;
            total.put(names[i], value);
            perSecond.put(names[i], rates.perSecond("wafv2|" + arn + "|" + names[i], value));
        }
        acl.put("total", total);
        acl.put("perSecond", perSecond);
        List<Object> rules = new ArrayList<>();
        List<Map<String, Object>> blocked = new ArrayList<>();
        Instant now = Instant.now();
        for (Map<String, Object> rule : Trees.maps(webAcl, "Rules")) {
            String name = Trees.string(rule, "Name");
            String metric = Trees.string(Trees.map(rule, "VisibilityConfig"), "MetricName");
            rules.add(Map.of("name", name, "priority", rule.getOrDefault("Priority", 0)));
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("WebAclArn", arn);
            input.put("RuleMetricName", metric);
            input.put("Scope", "REGIONAL");
            input.put("TimeWindow", Map.of("StartTime", now.minus(WINDOW), "EndTime", now));
            input.put("MaxItems", (long) LATEST * 5);
            for (Map<String, Object> sample : Trees.maps(aws.read("wafv2", "GetSampledRequests", input, principal),
                    "SampledRequests")) {
                String action = Trees.string(sample, "Action");
                if (action.equals("ALLOW") || action.equals("COUNT")) {
                    continue;
                }
                Map<String, Object> request = Trees.map(sample, "Request");
                String inner = Trees.string(sample, "RuleNameWithinRuleGroup");
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("time", Trees.string(sample, "Timestamp"));
                b.put("action", action);
                b.put("rule", inner.isEmpty() ? name : name + " › " + inner);
                b.put("client", Trees.string(request, "ClientIP"));
                b.put("country", Trees.string(request, "Country"));
                b.put("method", Trees.string(request, "Method"));
                b.put("uri", Trees.string(request, "URI"));
                blocked.add(b);
            }
        }
        blocked.sort(Comparator.comparing((Map<String, Object> b) -> String.valueOf(b.get("time"))).reversed());
        acl.put("rules", rules);
        acl.put("latestBlocked", new ArrayList<Object>(blocked.subList(0, Math.min(LATEST, blocked.size()))));
        return acl;
    }

    private static void rows(ServiceReport report, Map<String, List<Object>> totals) {
        int arnColumn = report.columns().indexOf("ARN");
        if (arnColumn < 0) {
            return;
        }
        for (List<Object> row : report.rows()) {
            totals.put(String.valueOf(row.get(arnColumn)), row.subList(arnColumn + 1, row.size()));
        }
    }

    private static List<Object> list(Map<String, Object> tree, String member) {
        return tree.get(member) instanceof List<?> l ? new ArrayList<>(l.stream().map(ArchitectureSnapshot::plain).toList())
                : List.of();
    }
}
