package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;

/** The statuses of a custom cluster endpoint, and the moves between them. */
public enum EndpointStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    MODIFYING("modifying"),
    DELETING("deleting");

    /** The lifecycle: a change passes through {@code modifying}; only a settled endpoint is deleted. */
    public static final StatusMachine<EndpointStatus> LIFECYCLE = StatusMachine.builder(EndpointStatus.class,
                    EndpointStatus::wire)
            .allow(CREATING, AVAILABLE)
            .allow(AVAILABLE, MODIFYING, DELETING)
            .allow(MODIFYING, AVAILABLE, DELETING)
            .build();

    private final String wire;

    EndpointStatus(String wire) {
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
    public static EndpointStatus of(String wire) {
        return LIFECYCLE.parse(wire).orElseThrow(() -> new IllegalArgumentException("endpoint status: " + wire));
    }
}
