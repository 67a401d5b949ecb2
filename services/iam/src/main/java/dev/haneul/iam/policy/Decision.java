package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one authorization question.
 *
 * @param decision allowed, explicit deny or implicit deny
 * @param reason why it was denied; {@code null} when allowed
 * @param matchedStatements for a deny, every deny statement that applied; for an allow, the
 *     allowing statements of each policy type that had to allow; empty for an implicit deny
 * @param allowedByPermissionsBoundary whether the boundary allowed the request, or {@code null}
 *     when there was none (the simulate APIs' {@code PermissionsBoundaryDecisionDetail})
 * @param missingContextValues condition keys a relevant statement read that the request lacked
 */
public record Decision(EvalDecision decision, @Nullable DenialReason reason, List<MatchedStatement> matchedStatements,
                       @Nullable Boolean allowedByPermissionsBoundary, Set<String> missingContextValues) {

    public Decision {
        requireNonNull(decision, "decision");
        matchedStatements = List.copyOf(matchedStatements);
        missingContextValues = Set.copyOf(missingContextValues);
    }

    public boolean allowed() {
        return decision == EvalDecision.ALLOWED;
    }

    /** The statement that settled it (the first deny, or the first allow), or {@code null}. */
    public @Nullable MatchedStatement decidingStatement() {
        return matchedStatements.isEmpty() ? null : matchedStatements.get(0);
    }
}
