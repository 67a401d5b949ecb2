package dev.haneul.elasticache.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;

/**
 * The {@code Status} of a replication group and the moves between them. {@code create-failed} is
 * the only failure status a replication group has: a group that could not be created, or not
 * brought back after a Haneul restart, stays there until it is deleted (or comes back at the
 * next start).
 */
public enum GroupStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    MODIFYING("modifying"),
    DELETING("deleting"),
    CREATE_FAILED("create-failed");

    /** The lifecycle; a move it does not list is a bug in Haneul. */
    public static final StatusMachine<GroupStatus> LIFECYCLE = StatusMachine.builder(GroupStatus.class, GroupStatus::wire)
            .allow(CREATING, AVAILABLE, CREATE_FAILED)
            .allow(AVAILABLE, MODIFYING, DELETING, CREATE_FAILED)
            .allow(MODIFYING, AVAILABLE, CREATE_FAILED)
            .allow(CREATE_FAILED, AVAILABLE, DELETING)
            .allow(DELETING, CREATE_FAILED)
            .build();

    private final String wire;

    GroupStatus(String wire) {
        this.wire = wire;
    }

    /** As the API and the state files spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static GroupStatus of(String wire) {
        return LIFECYCLE.parse(wire).orElseThrow(() -> new IllegalArgumentException("replication group status: " + wire));
    }
}
