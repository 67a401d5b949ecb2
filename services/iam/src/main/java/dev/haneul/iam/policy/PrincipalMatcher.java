package dev.haneul.iam.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource policy's {@code Principal} element, compiled, answering how strongly it names the
 * caller. The strength matters within one account (IAM user guide, "Policy evaluation logic"):
 * <ul>
 *   <li>{@link Grant#DIRECT}: the caller's own ARN (IAM user, role session, federated user), or
 *       {@code *}. Such an allow stands alone: no identity policy, boundary or session policy is
 *       needed.</li>
 *   <li>{@link Grant#ENTITY}: the IAM entity behind a session (the role, or the user who
 *       federated). The allow replaces the identity policy's, but a boundary or session policy
 *       still limits it.</li>
 *   <li>{@link Grant#ACCOUNT}: the caller's account ({@code 123456789012} or its {@code :root}
 *       ARN). The account delegates to its own IAM policies, so within the account the allow adds
 *       nothing; across accounts it is the resource side's consent.</li>
 * </ul>
 */
final class PrincipalMatcher {

    enum Grant { NONE, ACCOUNT, ENTITY, DIRECT }

    private final boolean anyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> others = new HashSet<>();

    PrincipalMatcher(PolicyDocument.PrincipalElement element) {
        boolean wildcard = element.anyone();
        for (Map.Entry<String, List<String>> entry : element.byType().entrySet()) {
            for (String value : entry.getValue()) {
                switch (entry.getKey()) {
                    case "AWS" -> {
                        if (value.equals("*")) {
                            wildcard = true;
                        } else if (value.chars().allMatch(Character::isDigit)) {
                            accounts.add(value);
                        } else if (value.startsWith("arn:") && value.endsWith(":root")) {
                            Arn arn = Arn.parse(value);
                            accounts.add(arn == null ? value : arn.account());
                        } else {
                            arns.add(value);
                        }
                    }
                    case "Service" -> services.add(value);
                    default -> others.add(value);
                }
            }
        }
        this.anyone = wildcard;
    }

    Grant grantFor(Principal principal) {
        if (anyone) {
            return Grant.DIRECT;
        }
        PrincipalKind kind = principal.kind();
        if (kind == PrincipalKind.SERVICE) {
            return services.contains(principal.arn()) ? Grant.DIRECT : Grant.NONE;
        }
        if (kind == PrincipalKind.ANONYMOUS) {
            return Grant.NONE;
        }
        if (arns.contains(principal.arn()) || others.contains(principal.arn())) {
            return Grant.DIRECT;
        }
        if (kind.isSession() && arns.contains(principal.identityArn())) {
            return Grant.ENTITY;
        }
        if (accounts.contains(principal.accountId())) {
            return kind == PrincipalKind.ROOT ? Grant.DIRECT : Grant.ACCOUNT;
        }
        return Grant.NONE;
    }
}
