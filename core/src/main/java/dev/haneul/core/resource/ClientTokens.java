package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency tokens ({@code ClientToken}, {@code ClientRequestToken}, {@code CallerReference}):
 * a retried create with the same token and the same parameters returns the resource the first
 * call made instead of making another; the same token with other parameters is the caller's
 * mistake (EC2's {@code IdempotentParameterMismatch}, CloudFront's
 * {@code DistributionAlreadyExists}…).
 *
 * <p>Stateless helpers over a map the service's state holds (so tokens survive a restart, as a
 * client's retry may straddle one). Entries expire after {@link #DEFAULT_TTL}, as EC2's do.
 */
public final class ClientTokens {

    /** How long a token is remembered. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private ClientTokens() {}

    /**
     * What one token was used for.
     *
     * @param fingerprint a digest of the request's other parameters, such as {@link #fingerprint}
     * @param resourceId what the first call created
     */
    public record Entry(String fingerprint, String resourceId, Instant at) {
        public Entry {
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(resourceId, "resourceId");
            requireNonNull(at, "at");
        }
    }

    /**
     * The resource an earlier call with {@code token} created, when its parameters match; empty
     * when the token is new (or expired).
     *
     * @throws AwsServiceException {@code mismatch}'s, when the token was used with other parameters
     */
    public static Optional<String> replay(Map<String, Entry> tokens, String token, String fingerprint, Instant now,
                                          Supplier<AwsServiceException> mismatch) {
        Entry entry = tokens.get(token);
        if (entry == null || entry.at().plus(DEFAULT_TTL).isBefore(now)) {
            return Optional.empty();
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            throw mismatch.get();
        }
        return Optional.of(entry.resourceId());
    }

    /** {@code tokens} with {@code token} remembered and expired entries dropped. */
    public static Map<String, Entry> remember(Map<String, Entry> tokens, String token, Entry entry, Instant now) {
        Map<String, Entry> out = new LinkedHashMap<>();
        tokens.forEach((t, e) -> {
            if (!e.at().plus(DEFAULT_TTL).isBefore(now)) {
                out.put(t, e);
            }
        });
        out.put(requireNonNull(token, "token"), requireNonNull(entry, "entry"));
        return out;
    }

    /** A stable digest of a request's parameters: SHA-256 of their value tree's text form. */
    public static String fingerprint(Object parameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(parameters).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
