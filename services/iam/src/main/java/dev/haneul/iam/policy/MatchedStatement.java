package dev.haneul.iam.policy;

import org.jspecify.annotations.Nullable;

/**
 * A statement that took part in a decision: which policy, in which role, its index and Sid, and
 * where it sits in the document (the simulate APIs' {@code MatchedStatements}).
 */
public record MatchedStatement(PolicySource source, PolicyCategory category, int index, @Nullable String sid, Effect effect,
                               SourcePosition start, SourcePosition end) {

    static MatchedStatement of(CompiledPolicy policy, PolicyCategory category, CompiledStatement statement) {
        PolicyDocument.Statement s = statement.statement();
        return new MatchedStatement(policy.source(), category, statement.index(), s.sid(), s.effect(), s.start(),
                s.end());
    }

    /** {@code policy-id} then the Sid or, without one, the statement's index. */
    @Override
    public String toString() {
        return source.id() + (sid != null ? "/" + sid : "#" + index);
    }
}
