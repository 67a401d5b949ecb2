package dev.haneul.rds.model;

import dev.haneul.core.resource.Arn;
import dev.haneul.core.state.Scope;
import java.util.Optional;

/**
 * RDS resource ARNs, {@code arn:aws:rds:<region>:<account>:<type>:<id>}, built and parsed by
 * the kit's {@link Arn}; this class only names RDS's resource types.
 */
public final class Arns {

    public static final String SERVICE = "rds";
    public static final String CLUSTER = "cluster";
    public static final String INSTANCE = "db";
    public static final String CLUSTER_ENDPOINT = "cluster-endpoint";

    /** A parsed RDS ARN: the account and region it names, its resource type and identifier. */
    public record Parsed(Scope scope, String type, String id) {}

    private Arns() {}

    public static String cluster(Scope scope, String id) {
        return of(scope, CLUSTER, id);
    }

    public static String instance(Scope scope, String id) {
        return of(scope, INSTANCE, id);
    }

    public static String clusterEndpoint(Scope scope, String id) {
        return of(scope, CLUSTER_ENDPOINT, id);
    }

    public static String of(Scope scope, String type, String id) {
        return Arn.of(SERVICE, scope, type, ':', id).toString();
    }

    /** The parts of an RDS ARN; empty when {@code arn} is not one (or names no valid account and region). */
    public static Optional<Parsed> parse(String arn) {
        return Arn.parse(arn)
                .filter(a -> a.partition().startsWith(Arn.AWS) && a.service().equals(SERVICE))
                .filter(a -> a.resource().startsWith(a.resourceType() + ":") && !a.resourceType().isEmpty()
                        && !a.resourceId().isEmpty())
                .flatMap(a -> {
                    try {
                        return Optional.of(new Parsed(new Scope(a.account(), a.region()), a.resourceType(),
                                a.resourceId()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }
}
