package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;

/** The statuses of a custom cluster endpoint, and the moves between them. */
public enum EndpointStatus {
    CREATING,
    AVAILABLE,
    MODIFYING,
    DELETING;

    /** The lifecycle: a change passes through {@code modifying}; only a settled endpoint is deleted. */
    public static final StatusMachine<EndpointStatus> LIFECYCLE = StatusMachine.builder(EndpointStatus.class,
                    EndpointStatus::wire)
            .allow(CREATING, AVAILABLE)
            .allow(AVAILABLE, MODIFYING, DELETING)
            .allow(MODIFYING, AVAILABLE, DELETING)
            .build();

    /** As the API spells it, and as state files store it. */
    @JsonValue
    public String wire() {
        return Statuses.wire(this);
    }
}
