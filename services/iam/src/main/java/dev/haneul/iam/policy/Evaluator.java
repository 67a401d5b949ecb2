package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The decision engine shared by enforcement and the simulate APIs: AWS's policy evaluation logic
 * for one account (IAM user guide, "Policy evaluation logic"), plus the cross-account rule that
 * both sides must allow.
 *
 * <ol>
 *   <li>Every applicable statement of every policy type is matched: identity policies, the
 *       resource policy (whose {@code Principal} must name the caller), the permissions boundary,
 *       the session policies. Any {@code Deny} that applies is final: explicit deny.</li>
 *   <li>Within the resource's account, a resource-policy allow that names the caller itself (user,
 *       role session or federated user ARN, or {@code *}) is enough; one that names the role or the
 *       user behind a session stands in for the identity allow but stays under the boundary and
 *       session policies; one that names the account adds nothing.</li>
 *   <li>Otherwise an identity policy must allow (the root user needs none), the boundary (if any)
 *       must allow, and a session principal's session policies (if any were passed) must allow; a
 *       federated user without session policies has no permissions.</li>
 *   <li>Across accounts the resource policy must also allow (any way of naming the caller).</li>
 * </ol>
 * The first policy type that failed names the denial's reason, which {@link DenialMessage} turns
 * into AWS's message. Every decision is written to the {@link DecisionLog}.
 */
public final class Evaluator {

    private static final PolicyCategory[] DENY_ORDER = {PolicyCategory.IDENTITY, PolicyCategory.RESOURCE,
        PolicyCategory.PERMISSIONS_BOUNDARY, PolicyCategory.SESSION};

    private final ResourcePolicyProvider resourcePolicies;
    private final DecisionLog log;
    private final Clock clock;

    public Evaluator() {
        this(ResourcePolicyProvider.none(), DecisionLog.disabled(), Clock.systemUTC());
    }

    public Evaluator(ResourcePolicyProvider resourcePolicies, DecisionLog log, Clock clock) {
        this.resourcePolicies = requireNonNull(resourcePolicies, "resourcePolicies");
        this.log = requireNonNull(log, "log");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Decides {@code request} under {@code policies}. */
    public Decision evaluate(PolicySet policies, RequestContext request) {
        Decision decision = decide(policies, request);
        if (log.enabled()) {
            log.record(new DecisionRecord(clock.instant(), request.principal().arn(), request.action(),
                    request.resource(), decision.decision(), decision.decidingStatement(), decision.reason()));
        }
        return decision;
    }

    /** Decides {@code request} as {@link #evaluate} does, without recording it in the decision log. */
    public Decision evaluateUnrecorded(PolicySet policies, RequestContext request) {
        return decide(policies, request);
    }

    /**
     * Decides the request once per resource, as AWS does for an action that touches several: any
     * explicit deny wins, then any implicit deny, else allowed. Returns the deciding decision.
     */
    public Decision evaluateAll(PolicySet policies, RequestContext request, List<String> resources) {
        Decision worst = null;
        for (String resource : resources) {
            Decision decision = evaluate(policies, request.withResource(resource, null));
            if (worst == null || severity(decision) > severity(worst)) {
                worst = decision;
            }
            if (decision.decision() == EvalDecision.EXPLICIT_DENY) {
                break;
            }
        }
        return worst != null ? worst : evaluate(policies, request);
    }

    private static int severity(Decision decision) {
        return switch (decision.decision()) {
            case ALLOWED -> 0;
            case IMPLICIT_DENY -> 1;
            case EXPLICIT_DENY -> 2;
        };
    }

    private Decision decide(PolicySet policies, RequestContext request) {
        Principal principal = request.principal();
        PrincipalKind kind = principal.kind();
        boolean entity = kind == PrincipalKind.IAM_USER || kind.isSession();
        CompiledPolicy boundary = entity ? policies.permissionsBoundary() : null;
        boolean sessionPoliciesPassed = kind.isSession() && !policies.sessionPolicies().isEmpty();
        CompiledPolicy resourcePolicy = policies.resourcePolicy() != null ? policies.resourcePolicy()
                : request.resource().equals("*") ? null : resourcePolicies.policyFor(request.resource());

        Scan scan = new Scan();
        if (entity) {
            for (CompiledPolicy policy : policies.identityPolicies()) {
                scan.policy(policy, PolicyCategory.IDENTITY, request, null);
            }
        }
        if (resourcePolicy != null) {
            scan.policy(resourcePolicy, PolicyCategory.RESOURCE, request, boundary != null ? Boolean.TRUE : Boolean.FALSE);
        }
        if (boundary != null) {
            scan.policy(boundary, PolicyCategory.PERMISSIONS_BOUNDARY, request, null);
        }
        if (sessionPoliciesPassed) {
            for (CompiledPolicy policy : policies.sessionPolicies()) {
                scan.policy(policy, PolicyCategory.SESSION, request, null);
            }
        }
        Boolean boundaryAllows = boundary == null ? null
                : !scan.allows(PolicyCategory.PERMISSIONS_BOUNDARY).isEmpty()
                && scan.denies(PolicyCategory.PERMISSIONS_BOUNDARY).isEmpty();

        List<MatchedStatement> denies = new ArrayList<>();
        PolicyCategory firstDeny = null;
        for (PolicyCategory category : DENY_ORDER) {
            if (!scan.denies(category).isEmpty()) {
                firstDeny = firstDeny == null ? category : firstDeny;
                denies.addAll(scan.denies(category));
            }
        }
        if (firstDeny != null) {
            return scan.decision(EvalDecision.EXPLICIT_DENY, DenialReason.explicitDeny(firstDeny), denies,
                    boundaryAllows);
        }

        boolean sameAccount = request.resourceAccount().equals(principal.accountId());
        PrincipalMatcher.Grant grant = scan.resourceGrant;
        if (sameAccount && grant == PrincipalMatcher.Grant.DIRECT) {
            return scan.decision(EvalDecision.ALLOWED, null, scan.allows(PolicyCategory.RESOURCE), boundaryAllows);
        }
        if (!entity && kind != PrincipalKind.ROOT) {
            return implicit(scan, PolicyCategory.RESOURCE, boundaryAllows);
        }
        boolean identityAllows = kind == PrincipalKind.ROOT || !scan.allows(PolicyCategory.IDENTITY).isEmpty()
                || (sameAccount && grant == PrincipalMatcher.Grant.ENTITY);
        if (!identityAllows) {
            return implicit(scan, PolicyCategory.IDENTITY, boundaryAllows);
        }
        if (boundary != null && !Boolean.TRUE.equals(boundaryAllows)) {
            return implicit(scan, PolicyCategory.PERMISSIONS_BOUNDARY, boundaryAllows);
        }
        if (sessionPoliciesPassed ? scan.allows(PolicyCategory.SESSION).isEmpty()
                : kind == PrincipalKind.FEDERATED_USER) {
            return implicit(scan, PolicyCategory.SESSION, boundaryAllows);
        }
        if (!sameAccount && grant == PrincipalMatcher.Grant.NONE) {
            return implicit(scan, PolicyCategory.RESOURCE, boundaryAllows);
        }
        List<MatchedStatement> allows = new ArrayList<>();
        for (PolicyCategory category : DENY_ORDER) {
            allows.addAll(scan.allows(category));
        }
        return scan.decision(EvalDecision.ALLOWED, null, allows, boundaryAllows);
    }

    private static Decision implicit(Scan scan, PolicyCategory missing, @Nullable Boolean boundaryAllows) {
        return scan.decision(EvalDecision.IMPLICIT_DENY, DenialReason.noAllow(missing), List.of(), boundaryAllows);
    }

    /** The statements that applied, per policy type; allocation only for what matched. */
    private static final class Scan implements Consumer<String> {
        @SuppressWarnings("unchecked")
        private final @Nullable List<MatchedStatement>[] allows = new List[PolicyCategory.values().length];
        @SuppressWarnings("unchecked")
        private final @Nullable List<MatchedStatement>[] denies = new List[PolicyCategory.values().length];
        private PrincipalMatcher.Grant resourceGrant = PrincipalMatcher.Grant.NONE;
        private @Nullable Set<String> missing;

        /** {@code callerHasBoundary} is non-null for a resource policy, whose principal must match. */
        void policy(CompiledPolicy policy, PolicyCategory category, RequestContext request,
                    @Nullable Boolean callerHasBoundary) {
            for (CompiledStatement statement : policy.candidates(request.servicePrefix())) {
                if (!statement.covers(request)) {
                    continue;
                }
                PrincipalMatcher.Grant grant = PrincipalMatcher.Grant.DIRECT;
                if (callerHasBoundary != null) {
                    grant = statement.grantFor(request.principal(), callerHasBoundary);
                    if (grant == PrincipalMatcher.Grant.NONE) {
                        continue;
                    }
                }
                if (!statement.conditionsHold(request, this)) {
                    continue;
                }
                @Nullable List<MatchedStatement>[] target = statement.effect() == Effect.DENY ? denies : allows;
                int slot = category.ordinal();
                List<MatchedStatement> list = target[slot];
                if (list == null) {
                    list = new ArrayList<>(2);
                    target[slot] = list;
                }
                list.add(MatchedStatement.of(policy, category, statement));
                if (callerHasBoundary != null && statement.effect() == Effect.ALLOW
                        && grant.compareTo(resourceGrant) > 0) {
                    resourceGrant = grant;
                }
            }
        }

        List<MatchedStatement> allows(PolicyCategory category) {
            List<MatchedStatement> list = allows[category.ordinal()];
            return list == null ? List.of() : list;
        }

        List<MatchedStatement> denies(PolicyCategory category) {
            List<MatchedStatement> list = denies[category.ordinal()];
            return list == null ? List.of() : list;
        }

        /** A condition key a relevant statement read and the request lacked. */
        @Override
        public void accept(String key) {
            if (missing == null) {
                missing = new HashSet<>();
            }
            missing.add(key);
        }

        Decision decision(EvalDecision decision, @Nullable DenialReason reason, List<MatchedStatement> statements,
                          @Nullable Boolean boundaryAllows) {
            return new Decision(decision, reason, statements, boundaryAllows, missing == null ? Set.of() : missing);
        }
    }
}
