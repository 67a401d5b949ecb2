package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.Scope;
import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}.
 *
 * <p>The resource part keeps its own shape, which differs per service
 * ({@code cluster:board-db} in RDS, {@code loadbalancer/app/web/0123…} in ELBv2,
 * {@code bucket/key} in S3). {@link #resourceType()} and {@link #resourceId()} split it at the
 * first {@code :} or {@code /}, whichever comes first, which is how every service Haneul emulates
 * forms its resource types.
 *
 * @param region empty for global services (IAM, S3 buckets)
 * @param account empty where the service leaves it out (S3 buckets)
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** The partition of every ARN Haneul makes. */
    public static final String AWS = "aws";

    public Arn {
        requireNonNull(partition, "partition");
        requireNonNull(service, "service");
        requireNonNull(region, "region");
        requireNonNull(account, "account");
        requireNonNull(resource, "resource");
        if (partition.isEmpty() || service.isEmpty() || resource.isEmpty()) {
            throw new IllegalArgumentException("arn:" + partition + ":" + service + ":" + region + ":" + account
                    + ":" + resource + " (expected: partition, service and resource not empty)");
        }
    }

    /** The ARN of {@code resource} of {@code service} in {@code scope}'s account and region. */
    public static Arn of(String service, Scope scope, String resource) {
        return new Arn(AWS, service, scope.region(), scope.accountId(), resource);
    }

    /**
     * The ARN of a resource of a type whose ARNs read {@code type + separator + id}, such as
     * {@code cluster:board-db} ({@code ':'}) or {@code targetgroup/web/0123} ({@code '/'}).
     */
    public static Arn of(String service, Scope scope, String type, char separator, String id) {
        return of(service, scope, type + separator + id);
    }

    /** Parses {@code text}; empty when it is not an ARN (six colon-separated parts, {@code arn} first). */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** Whether this ARN lives in {@code scope} (its account and region). */
    public boolean isIn(Scope scope) {
        return account.equals(scope.accountId()) && region.equals(scope.region());
    }

    /** The resource type: the resource part up to the first {@code :} or {@code /}; empty when there is none. */
    public String resourceType() {
        int cut = separatorIndex();
        return cut < 0 ? "" : resource.substring(0, cut);
    }

    /** The resource part after its type and separator (all of it when it has no type). */
    public String resourceId() {
        int cut = separatorIndex();
        return cut < 0 ? resource : resource.substring(cut + 1);
    }

    private int separatorIndex() {
        int colon = resource.indexOf(':');
        int slash = resource.indexOf('/');
        if (colon < 0) {
            return slash;
        }
        return slash < 0 ? colon : Math.min(colon, slash);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
