package dev.haneul.elasticache.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;

/**
 * The {@code CacheClusterStatus} of a cache cluster (stand-alone, or a member of a replication
 * group) and the moves between them. {@code restore-failed} is ElastiCache's status for a node it
 * could not restore from its data: Haneul's for one it could not bring back after a restart.
 */
public enum NodeStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    DELETING("deleting"),
    CREATE_FAILED("create-failed"),
    RESTORE_FAILED("restore-failed");

    /** The lifecycle; a move it does not list is a bug in Haneul. */
    public static final StatusMachine<NodeStatus> LIFECYCLE = StatusMachine.builder(NodeStatus.class, NodeStatus::wire)
            .allow(CREATING, AVAILABLE, CREATE_FAILED, RESTORE_FAILED, DELETING)
            .allow(AVAILABLE, DELETING, RESTORE_FAILED)
            .allow(DELETING, RESTORE_FAILED)
            .allow(CREATE_FAILED, AVAILABLE, DELETING, RESTORE_FAILED)
            .allow(RESTORE_FAILED, AVAILABLE, DELETING)
            .build();

    private final String wire;

    NodeStatus(String wire) {
        this.wire = wire;
    }

    /** As the API and the state files spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static NodeStatus of(String wire) {
        return LIFECYCLE.parse(wire).orElseThrow(() -> new IllegalArgumentException("cache cluster status: " + wire));
    }
}
