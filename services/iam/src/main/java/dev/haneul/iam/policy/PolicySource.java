package dev.haneul.iam.policy;

import org.jspecify.annotations.Nullable;

import static java.util.Objects.requireNonNull;

/**
 * Where a policy came from, as the simulate APIs report it ({@code SourcePolicyId},
 * {@code SourcePolicyType}) and as denial messages name it ({@code arn}, for managed policies).
 *
 * @param id the policy's name, or a position such as {@code PolicyInputList.1}
 * @param type who holds it
 * @param arn the managed policy's ARN, or {@code null} (inline and ad-hoc policies)
 */
public record PolicySource(String id, Type type, @Nullable String arn) {

    /** The simulate APIs' {@code PolicySourceType}. */
    public enum Type {
        USER("user"), GROUP("group"), ROLE("role"), AWS_MANAGED("aws-managed"), USER_MANAGED("user-managed"),
        RESOURCE("resource"), NONE("none");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public PolicySource {
        requireNonNull(id, "id");
        requireNonNull(type, "type");
    }

    public static PolicySource of(String id, Type type) {
        return new PolicySource(id, type, null);
    }

    public static PolicySource managed(String arn, Type type) {
        return new PolicySource(arn.substring(arn.lastIndexOf('/') + 1), type, arn);
    }
}
