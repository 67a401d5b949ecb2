package dev.haneul.wafv2.api;

import dev.haneul.wafv2.engine.InspectionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests each web ACL judged since Haneul started, by terminating action, and those a rule
 * counted: what AWS's CloudWatch metrics {@code AllowedRequests}, {@code BlockedRequests},
 * {@code CountedRequests}, {@code CaptchaRequests} and {@code ChallengeRequests} add up, for the
 * provider's report (the dashboard turns the totals into rates). {@link #add} runs on the load
 * balancers' event loops: one map lookup and adder increments.
 */
final class WebAclCounters {

    /** The report's columns after the web ACL's name and ARN. */
    static final List<String> COLUMNS = List.of("ALLOWED", "BLOCKED", "COUNTED", "CAPTCHA", "CHALLENGE");

    private final Map<String, Totals> byAcl = new ConcurrentHashMap<>();

    private static final class Totals {
        final LongAdder allowed = new LongAdder();
        final LongAdder blocked = new LongAdder();
        final LongAdder counted = new LongAdder();
        final LongAdder captcha = new LongAdder();
        final LongAdder challenge = new LongAdder();
    }

    void add(InspectionRecord record) {
        Totals totals = byAcl.computeIfAbsent(record.webAclArn(), arn -> new Totals());
        switch (record.action()) {
            case "BLOCK" -> totals.blocked.increment();
            case "CAPTCHA" -> totals.captcha.increment();
            case "CHALLENGE" -> totals.challenge.increment();
            default -> totals.allowed.increment();
        }
        if (counted(record)) {
            totals.counted.increment();
        }
    }

    /** Whether a rule matched with Count (in the web ACL, or inside a rule group, excluded rules included). */
    private static boolean counted(InspectionRecord record) {
        if (record.nonTerminatingMatchingRules().stream().anyMatch(r -> r.action().equals("COUNT"))) {
            return true;
        }
        for (InspectionRecord.RuleGroupEntry group : record.ruleGroupList()) {
            if (!group.excludedRules().isEmpty()
                    || group.nonTerminatingMatchingRules().stream().anyMatch(r -> r.action().equals("COUNT"))) {
                return true;
            }
        }
        return false;
    }

    void forget(String webAclArn) {
        byAcl.remove(webAclArn);
    }

    /** One row per web ACL that judged a request, by ARN: the totals in {@link #COLUMNS}' order. */
    Map<String, List<Long>> totals() {
        Map<String, List<Long>> out = new TreeMap<>();
        byAcl.forEach((arn, t) -> {
            List<Long> row = new ArrayList<>(5);
            row.add(t.allowed.sum());
            row.add(t.blocked.sum());
            row.add(t.counted.sum());
            row.add(t.captcha.sum());
            row.add(t.challenge.sum());
            out.put(arn, row);
        });
        return out;
    }
}
