package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;
import java.util.EnumSet;

/** The statuses of a DB instance Haneul passes through, and the moves between them. */
public enum InstanceStatus {
    CREATING,
    AVAILABLE,
    REBOOTING,
    STOPPING,
    STOPPED,
    STARTING,
    FAILED,
    DELETING;

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

    /** As the API spells it, and as state files store it. */
    @JsonValue
    public String wire() {
        return Statuses.wire(this);
    }
}
