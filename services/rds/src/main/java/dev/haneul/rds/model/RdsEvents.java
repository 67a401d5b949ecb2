package dev.haneul.rds.model;

import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import java.time.Instant;
import java.util.List;

/** The kit's {@link ResourceEvent}s as RDS makes them: of a DB cluster or a DB instance, with one category. */
public final class RdsEvents {

    /** {@code SourceType} of a DB instance. */
    public static final String DB_INSTANCE = "db-instance";
    /** {@code SourceType} of a DB cluster. */
    public static final String DB_CLUSTER = "db-cluster";

    private RdsEvents() {}

    public static ResourceEvent cluster(Scope scope, String clusterId, String message, String category, Instant at) {
        return new ResourceEvent(clusterId, DB_CLUSTER, message, List.of(category), at, Arns.cluster(scope, clusterId));
    }

    public static ResourceEvent instance(Scope scope, String instanceId, String message, String category, Instant at) {
        return new ResourceEvent(instanceId, DB_INSTANCE, message, List.of(category), at,
                Arns.instance(scope, instanceId));
    }
}
