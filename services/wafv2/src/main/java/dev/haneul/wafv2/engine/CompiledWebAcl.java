package dev.haneul.wafv2.engine;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpVerdict;
import dev.haneul.core.http.InspectedRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A web ACL compiled by {@link WebAclCompiler}, ready to judge requests: immutable (its rate-based
 * counters aside, which are lock-free) and thread-safe; {@link #inspect} runs on the load
 * balancer's event loop and never blocks.
 *
 * <p>One compiled web ACL serves every load balancer it is associated with: {@link #bind} gives
 * each its own view (source id for the log, listener) sharing the rules and the rate counters.
 */
public final class CompiledWebAcl implements HttpInterceptor {

    private final WebAclProgram program;
    private final String httpSourceId;
    private final InspectionListener listener;

    CompiledWebAcl(WebAclProgram program, String httpSourceId, InspectionListener listener) {
        this.program = program;
        this.httpSourceId = httpSourceId;
        this.listener = listener;
    }

    /** The web ACL's ARN. */
    public String arn() {
        return program.arn();
    }

    /** Its WCUs (the web ACL's {@code Capacity}). */
    public long capacity() {
        return program.capacity();
    }

    /** Its label namespace, {@code awswaf:<account>:webacl:<name>:}. */
    public String labelNamespace() {
        return program.namespace();
    }

    /**
     * This web ACL as associated with one resource: records name it as their {@code httpSourceId}
     * and go to {@code newListener}. Rules and rate counters are shared with this instance.
     */
    public CompiledWebAcl bind(String newHttpSourceId, InspectionListener newListener) {
        return new CompiledWebAcl(program, newHttpSourceId, newListener);
    }

    /** The resource this view is bound to (empty when unbound). */
    public String httpSourceId() {
        return httpSourceId;
    }

    @Override
    public Inspection inspection(HttpHead head) {
        return program.inspectsBody() ? Inspection.HEAD_AND_BODY_PREFIX : Inspection.HEAD;
    }

    @Override
    public HttpVerdict inspect(InspectedRequest request) {
        WafDecision decision = evaluate(InspectedRequests.toWafRequest(request), System.currentTimeMillis());
        try {
            listener.inspected(decision.record());
        } catch (RuntimeException e) {
            // A listener's failure must not change the verdict.
        }
        return decision.verdict();
    }

    /** Judges one request at {@code nowMillis}, without telling the listener (tests, the benchmark). */
    public WafDecision evaluate(WafRequest request, long nowMillis) {
        return program.evaluate(request, nowMillis, httpSourceId);
    }

    /**
     * GetRateBasedStatementManagedKeys: the addresses the rate-based rule {@code ruleName} (inside
     * the rule group rule {@code ruleGroupRuleName}, when not null) currently limits.
     */
    public RateBasedKeys rateBasedManagedKeys(@Nullable String ruleGroupRuleName, String ruleName) {
        return rateBasedManagedKeys(ruleGroupRuleName, ruleName, System.currentTimeMillis());
    }

    RateBasedKeys rateBasedManagedKeys(@Nullable String ruleGroupRuleName, String ruleName, long nowMillis) {
        RateBasedStatement statement = program.rateBased(ruleGroupRuleName, ruleName);
        if (statement == null || !(statement.aggregateKeyType().equals("IP")
                || statement.aggregateKeyType().equals("FORWARDED_IP"))) {
            return RateBasedKeys.EMPTY;
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (String key : statement.limitedKeys(nowMillis)) {
            byte[] address = IpAddresses.parse(key);
            if (address != null) {
                (address.length == 4 ? v4 : v6).add(key + (address.length == 4 ? "/32" : "/128"));
            }
        }
        return new RateBasedKeys(v4, v6);
    }

    @Override
    public String toString() {
        return "CompiledWebAcl[" + program.arn() + "]";
    }
}
