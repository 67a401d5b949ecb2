package dev.haneul.iam.policy;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * One statement ready to evaluate: lower-cased action globs, per-component resource patterns, the
 * principal matcher of a resource policy, compiled conditions. Matching runs in that order,
 * cheapest first.
 */
final class CompiledStatement {

    private final PolicyDocument.Statement statement;
    private final int index;
    private final WildcardPattern[] actions;
    private final ArnPattern[] resources;
    private final PrincipalMatcher principal;
    private final CompiledCondition[] conditions;

    CompiledStatement(PolicyDocument.Statement statement, int index, boolean variables) {
        this.statement = statement;
        this.index = index;
        this.actions = statement.actions().stream()
                .map(a -> WildcardPattern.glob(a.toLowerCase(Locale.ROOT))).toArray(WildcardPattern[]::new);
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

    private boolean matchesAction(String action) {
        boolean any = false;
        for (WildcardPattern pattern : actions) {
            if (pattern.matches(action)) {
                any = true;
                break;
            }
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
