package dev.haneul.iam.auth;

import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.PrincipalKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The owner of an access key, resolved.
 *
 * @param principal who it is, for policies and messages
 * @param secret the secret access key the request must be signed with
 * @param active whether the key may be used (an IAM user's key can be made Inactive)
 * @param sessionToken the token temporary credentials must carry, or {@code null} for long-term keys
 * @param expiration when temporary credentials stop working, or {@code null}
 * @param userName the IAM user (for an IAM user's key or its GetSessionToken session), or {@code null}
 * @param roleName the role of a role session, or {@code null}
 * @param sessionKey the access key id of the STS session, or {@code null} for long-term keys
 */
public record Caller(Principal principal, String secret, boolean active, @Nullable String sessionToken,
                     @Nullable Instant expiration, @Nullable String userName, @Nullable String roleName,
                     @Nullable String sessionKey) {

    /** The caller of a request without any authentication (S3 only): what resource policies grant everyone. */
    public static Caller anonymousCaller() {
        return new Caller(Principal.anonymous(), "", true, null, null, null, null, null);
    }

    public boolean anonymous() {
        return principal.kind() == PrincipalKind.ANONYMOUS;
    }

    public boolean root() {
        return principal.kind() == PrincipalKind.ROOT;
    }

    public boolean temporary() {
        return sessionToken != null;
    }
}
