package dev.haneul.lab;

import java.time.Duration;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** ElastiCache replication groups as the labs use them, through the API. */
final class Caches {

    static final Duration AVAILABLE_TIMEOUT = Duration.ofSeconds(60);

    private Caches() {}

    static ReplicationGroup describe(LabContext context, String group) {
        return context.elasticache().describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups()
                .getFirst();
    }

    static ReplicationGroup awaitAvailable(LabContext context, String group) throws InterruptedException {
        Waits.until("replication group " + group + " to be available", AVAILABLE_TIMEOUT,
                () -> "available".equals(describe(context, group).status()));
        return describe(context, group);
    }
}
