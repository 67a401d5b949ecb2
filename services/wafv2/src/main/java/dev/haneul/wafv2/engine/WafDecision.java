package dev.haneul.wafv2.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.http.HttpVerdict;
import java.util.List;

/**
 * The web ACL's verdict on one request: what the load balancer does ({@link #verdict()}: continue
 * with the {@code x-amzn-waf-*} fields inserted, or the block/CAPTCHA/Challenge response) and the
 * record the listener gets.
 */
public record WafDecision(HttpVerdict verdict, InspectionRecord record) {

    public WafDecision {
        requireNonNull(verdict, "verdict");
        requireNonNull(record, "record");
    }

    /** {@code ALLOW}, {@code BLOCK}, {@code CAPTCHA} or {@code CHALLENGE}. */
    public String action() {
        return record.action();
    }

    /** The terminating rule's name, or {@code Default_Action}. */
    public String terminatingRuleId() {
        return record.terminatingRuleId();
    }

    public List<String> labels() {
        return record.labels();
    }

    /** Whether the request was answered here (not sent to a target). */
    public boolean answered() {
        return verdict instanceof HttpVerdict.Respond;
    }
}
