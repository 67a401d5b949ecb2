package dev.haneul.iam.policy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One authorization decision as the decision log keeps it.
 *
 * @param deciding the statement that settled it, or {@code null} (an implicit deny has none)
 * @param reason why it was denied, or {@code null} when allowed
 */
public record DecisionRecord(Instant time, String principal, String action, String resource, EvalDecision decision,
                             @Nullable MatchedStatement deciding, @Nullable DenialReason reason) {
}
