package dev.haneul.iam.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One statement ready to evaluate: lower-cased action globs, per-component resource patterns, the
 * principal matcher of a resource policy, compiled conditions. Matching runs in that order,
 * cheapest first.
 */
final class CompiledStatement {

    private final PolicyDocument.Statement statement;
    private final int index;
    /** Action names without wildcards, lower case: one hash lookup. */
    private final Set<String> exactActions;
    private final WildcardPattern[] wildcardActions;
    /** Lower-case service prefixes the actions name, or {@code null} when they may name any service. */
    private final @Nullable Set<String> services;
    private final ArnPattern @Nullable [] resources;
    private final @Nullable PrincipalMatcher principal;
    private final CompiledCondition[] conditions;

    CompiledStatement(PolicyDocument.Statement statement, int index, boolean variables) {
        this.statement = statement;
        this.index = index;
        Set<String> exact = new HashSet<>();
        List<WildcardPattern> wildcards = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        boolean anyService = statement.notAction();
        for (String action : statement.actions()) {
            String lower = action.toLowerCase(Locale.ROOT);
            WildcardPattern pattern = WildcardPattern.glob(lower);
            if (pattern.isExact()) {
                exact.add(lower);
            } else {
                wildcards.add(pattern);
            }
            int colon = lower.indexOf(':');
            String prefix = colon < 0 ? "*" : lower.substring(0, colon);
            if (prefix.indexOf('*') >= 0 || prefix.indexOf('?') >= 0) {
                anyService = true;
            }
            prefixes.add(prefix);
        }
        this.exactActions = Set.copyOf(exact);
        this.wildcardActions = wildcards.toArray(WildcardPattern[]::new);
        this.services = anyService ? null : Set.copyOf(prefixes);
        this.resources = statement.resources() == null ? null
                : statement.resources().stream().map(r -> ArnPattern.compile(r, variables)).toArray(ArnPattern[]::new);
        this.principal = statement.principal() == null ? null : new PrincipalMatcher(statement.principal());
        this.conditions = statement.conditions().stream()
                .map(c -> new CompiledCondition(c, variables)).toArray(CompiledCondition[]::new);
    }

    PolicyDocument.Statement statement() {
        return statement;
    }

    int index() {
        return index;
    }

    Effect effect() {
        return statement.effect();
    }

    CompiledCondition[] conditions() {
        return conditions;
    }

    /** Whether {@code Action}/{@code NotAction} and {@code Resource}/{@code NotResource} cover the request. */
    boolean covers(RequestContext request) {
        return matchesAction(request.actionLowerCase()) && matchesResource(request);
    }

    /** The lower-case service prefixes this statement can apply to, or {@code null} for any service. */
    @Nullable Set<String> services() {
        return services;
    }

    private boolean matchesAction(String action) {
        boolean any = exactActions.contains(action);
        for (int i = 0; !any && i < wildcardActions.length; i++) {
            any = wildcardActions[i].matches(action);
        }
        return any != statement.notAction();
    }

    private boolean matchesResource(RequestContext request) {
        if (resources == null) {
            return true;
        }
        boolean any = false;
        for (ArnPattern pattern : resources) {
            if (pattern.matches(request.resource(), request.resourceArn(), request)) {
                any = true;
                break;
            }
        }
        return any != statement.notResource();
    }

    /**
     * How this resource-policy statement names {@code caller}. {@code NotPrincipal} names everyone
     * it does not list; and, as the user guide warns, a {@code Deny} with {@code NotPrincipal}
     * always applies to a caller that has a permissions boundary.
     */
    PrincipalMatcher.Grant grantFor(Principal caller, boolean callerHasBoundary) {
        if (principal == null) {
            return PrincipalMatcher.Grant.DIRECT;
        }
        PrincipalMatcher.Grant grant = principal.grantFor(caller);
        if (!statement.notPrincipal()) {
            return grant;
        }
        if (statement.effect() == Effect.DENY && callerHasBoundary) {
            return PrincipalMatcher.Grant.DIRECT;
        }
        return grant == PrincipalMatcher.Grant.NONE ? PrincipalMatcher.Grant.DIRECT : PrincipalMatcher.Grant.NONE;
    }

    boolean conditionsHold(RequestContext request, Consumer<String> missingKeys) {
        for (CompiledCondition condition : conditions) {
            if (!condition.holds(request, missingKeys)) {
                return false;
            }
        }
        return true;
    }
}
