package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;
import java.util.EnumSet;

/** The statuses of a DB cluster Haneul passes through, and the moves between them. */
public enum ClusterStatus {
    CREATING,
    AVAILABLE,
    MODIFYING,
    RESETTING_MASTER_CREDENTIALS,
    FAILING_OVER,
    STOPPING,
    STOPPED,
    STARTING,
    DELETING;

    /**
     * The lifecycle. A cluster in any status can be deleted (the API checks the rest), and any
     * status but {@code stopped} settles to {@code available} when Haneul comes back after a
     * restart in the middle of an operation; a failover starts from whatever the cluster was
     * doing when its writer's engine died.
     */
    public static final StatusMachine<ClusterStatus> LIFECYCLE = StatusMachine.builder(ClusterStatus.class,
                    ClusterStatus::wire)
            .allow(CREATING, AVAILABLE)
            .allow(AVAILABLE, MODIFYING, RESETTING_MASTER_CREDENTIALS, FAILING_OVER, STOPPING)
            .allow(MODIFYING, AVAILABLE)
            .allow(RESETTING_MASTER_CREDENTIALS, AVAILABLE)
            .allow(FAILING_OVER, AVAILABLE)
            .allow(STOPPING, STOPPED)
            .allow(STOPPED, STARTING)
            .allow(STARTING, AVAILABLE)
            .allowFromAll(EnumSet.complementOf(EnumSet.of(STOPPED, DELETING)), FAILING_OVER)
            .allowFromAll(EnumSet.complementOf(EnumSet.of(DELETING)), AVAILABLE)
            .allowFromAll(EnumSet.allOf(ClusterStatus.class), DELETING)
            .allowFromAll(EnumSet.of(STOPPING, STOPPED), STOPPED)
            .build();

    /** As the API spells it, and as state files store it. */
    @JsonValue
    public String wire() {
        return Statuses.wire(this);
    }
}
