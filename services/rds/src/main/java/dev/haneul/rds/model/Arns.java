package dev.haneul.rds.model;

import dev.haneul.core.state.Scope;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RDS resource ARNs: {@code arn:aws:rds:<region>:<account>:<type>:<id>}. */
public final class Arns {

    public static final String CLUSTER = "cluster";
    public static final String INSTANCE = "db";
    public static final String CLUSTER_ENDPOINT = "cluster-endpoint";

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:rds:([a-z0-9-]+):(\\d{12}):([a-z-]+):(.+)");

    /** A parsed ARN. */
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
        return "arn:aws:rds:" + scope.region() + ":" + scope.accountId() + ":" + type + ":" + id;
    }

    /** The parts of an RDS ARN; empty when {@code arn} is not one. */
    public static Optional<Parsed> parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(new Scope(m.group(2), m.group(1)), m.group(3), m.group(4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
