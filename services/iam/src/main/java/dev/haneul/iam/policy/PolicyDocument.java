package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated policy document: the language as written, before compilation. Lists keep the
 * policy's order; single values were widened to one-element lists.
 */
public record PolicyDocument(PolicyVersion version, @Nullable String id, List<Statement> statements) {

    public PolicyDocument {
        requireNonNull(version, "version");
        statements = List.copyOf(requireNonNull(statements, "statements"));
    }

    /**
     * One statement. {@code principal} is {@code null} in identity policies; {@code resources} is
     * {@code null} in trust policies.
     */
    public record Statement(@Nullable String sid, Effect effect, @Nullable PrincipalElement principal, boolean notPrincipal,
                            List<String> actions, boolean notAction, @Nullable List<String> resources, boolean notResource,
                            List<ConditionEntry> conditions, SourcePosition start, SourcePosition end) {
        public Statement {
            requireNonNull(effect, "effect");
            actions = List.copyOf(actions);
            resources = resources == null ? null : List.copyOf(resources);
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A {@code Principal} or {@code NotPrincipal}: {@code "*"} alone ({@code anyone}), or values per
     * type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}).
     */
    public record PrincipalElement(boolean anyone, Map<String, List<String>> byType) {
        public PrincipalElement {
            byType = Map.copyOf(byType);
        }
    }

    /** One key of one operator in a {@code Condition} block, e.g. {@code StringLike / s3:prefix / [home/*]}. */
    public record ConditionEntry(String operator, String key, List<String> values) {
        public ConditionEntry {
            values = List.copyOf(values);
        }
    }
}
