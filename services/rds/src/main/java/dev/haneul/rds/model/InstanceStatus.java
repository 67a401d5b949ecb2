package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;
import java.util.EnumSet;

/** The statuses of a DB instance Haneul passes through, and the moves between them. */
public enum InstanceStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    REBOOTING("rebooting"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    STARTING("starting"),
    FAILED("failed"),
    DELETING("deleting");

    /**
     * The lifecycle. Any instance can be deleted; {@code failed} is reachable from every status
     * an engine can fail in, and left by a reboot (Haneul's repair); a failover or a repair takes
     * a serving instance through {@code rebooting}.
     */
    public static final StatusMachine<InstanceStatus> LIFECYCLE = StatusMachine.builder(InstanceStatus.class,
                    InstanceStatus::wire)
            .allow(CREATING, AVAILABLE, FAILED)
            .allow(AVAILABLE, REBOOTING, STOPPING, FAILED)
            .allow(REBOOTING, AVAILABLE, FAILED)
            .allow(STOPPING, STOPPED)
            .allow(STOPPED, STARTING)
            .allow(STARTING, AVAILABLE, FAILED)
            .allow(FAILED, REBOOTING, AVAILABLE)
            .allowFromAll(EnumSet.complementOf(EnumSet.of(DELETING)), STOPPED)
            .allowFromAll(EnumSet.complementOf(EnumSet.of(DELETING)), FAILED)
            .allowFromAll(EnumSet.allOf(InstanceStatus.class), DELETING)
            .build();

    private final String wire;

    InstanceStatus(String wire) {
        this.wire = wire;
    }

    /** As the API spells it, and as state files store it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The API's spelling, so messages that name a status read as AWS's do. */
    @Override
    public String toString() {
        return wire;
    }

    @JsonCreator
    public static InstanceStatus of(String wire) {
        return LIFECYCLE.parse(wire).orElseThrow(() -> new IllegalArgumentException("instance status: " + wire));
    }
}
