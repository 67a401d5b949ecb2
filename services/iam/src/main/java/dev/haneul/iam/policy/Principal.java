package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The caller of a request, already resolved by whoever authenticated it.
 *
 * @param kind what it is
 * @param arn the ARN AWS names in messages ({@code arn:aws:sts::…:assumed-role/role/session} for a
 *     role session)
 * @param accountId the account the principal belongs to
 * @param identityArn the IAM entity behind a session (the role, or the user who federated); the
 *     user's own ARN for an IAM user; {@code arn} otherwise. It is {@code aws:PrincipalArn}.
 * @param userId the value of {@code aws:userid} ({@code AIDA…} for a user,
 *     {@code AROA…:session} for a role session, the account id for root)
 * @param userName the IAM user name ({@code aws:username}), or {@code null} for anyone else
 * @param tags the principal's tags ({@code aws:PrincipalTag/…}); for a session, role and session
 *     tags merged by the caller
 */
public record Principal(PrincipalKind kind, String arn, String accountId, String identityArn, String userId,
                        @Nullable String userName, Map<String, String> tags) {

    public Principal {
        requireNonNull(kind, "kind");
        requireNonNull(arn, "arn");
        requireNonNull(accountId, "accountId");
        requireNonNull(identityArn, "identityArn");
        requireNonNull(userId, "userId");
        tags = Map.copyOf(requireNonNull(tags, "tags"));
    }

    public static Principal root(String accountId) {
        return new Principal(PrincipalKind.ROOT, "arn:aws:iam::" + accountId + ":root", accountId,
                "arn:aws:iam::" + accountId + ":root", accountId, null, Map.of());
    }

    /** An IAM user; {@code path} is {@code /} or {@code /division/}. */
    public static Principal user(String accountId, String path, String name, String userId, Map<String, String> tags) {
        String arn = "arn:aws:iam::" + accountId + ":user" + path + name;
        return new Principal(PrincipalKind.IAM_USER, arn, accountId, arn, userId, name, tags);
    }

    /** A session of role {@code roleName} (on {@code rolePath}) named {@code sessionName}. */
    public static Principal roleSession(String accountId, String rolePath, String roleName, String roleId,
                                        String sessionName, Map<String, String> tags) {
        return new Principal(PrincipalKind.ASSUMED_ROLE,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName, accountId,
                "arn:aws:iam::" + accountId + ":role" + rolePath + roleName, roleId + ":" + sessionName, null, tags);
    }

    /** A {@code GetFederationToken} session named {@code name}, federated by {@code userArn}. */
    public static Principal federatedUser(String accountId, String name, String userArn, Map<String, String> tags) {
        return new Principal(PrincipalKind.FEDERATED_USER, "arn:aws:sts::" + accountId + ":federated-user/" + name,
                accountId, userArn, accountId + ":" + name, null, tags);
    }

    /** A service principal such as {@code ec2.amazonaws.com}, acting in {@code accountId}'s name. */
    public static Principal service(String servicePrincipal, String accountId) {
        return new Principal(PrincipalKind.SERVICE, servicePrincipal, accountId, servicePrincipal, servicePrincipal,
                null, Map.of());
    }

    public static Principal anonymous() {
        return new Principal(PrincipalKind.ANONYMOUS, "anonymous", "", "anonymous", "anonymous", null, Map.of());
    }

    /**
     * The principal an ARN names, as the simulate APIs read {@code CallerArn}: a user, a role
     * session, a federated user or the account root. Ids and tags are unknown here.
     */
    public static Principal fromArn(String arn) {
        Arn parsed = Arn.parse(arn);
        if (parsed == null) {
            throw new IllegalArgumentException("arn: " + arn + " (expected: an IAM user, role session, "
                    + "federated user or root ARN)");
        }
        String account = parsed.account();
        String resource = parsed.resource();
        if (parsed.service().equals("iam") && resource.equals("root")) {
            return root(account);
        }
        if (parsed.service().equals("iam") && resource.startsWith("user/")) {
            int slash = resource.lastIndexOf('/');
            return user(account, resource.substring(4, slash + 1), resource.substring(slash + 1), "AIDA" + account,
                    Map.of());
        }
        if (parsed.service().equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", 3);
            if (parts.length == 3) {
                return roleSession(account, "/", parts[1], "AROA" + account, parts[2], Map.of());
            }
        }
        if (parsed.service().equals("sts") && resource.startsWith("federated-user/")) {
            String name = resource.substring("federated-user/".length());
            return federatedUser(account, name, "arn:aws:iam::" + account + ":user/" + name, Map.of());
        }
        if (parsed.service().equals("iam") && resource.startsWith("role/")) {
            int slash = resource.lastIndexOf('/');
            String name = resource.substring(slash + 1);
            return roleSession(account, resource.substring(4, slash + 1), name, "AROA" + account, name, Map.of());
        }
        throw new IllegalArgumentException("arn: " + arn + " (expected: an IAM user, role session, federated "
                + "user or root ARN)");
    }
}
