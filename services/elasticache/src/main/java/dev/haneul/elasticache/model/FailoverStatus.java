package dev.haneul.elasticache.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.haneul.core.resource.StatusMachine;

/**
 * A replication group's {@code AutomaticFailover}: {@code enabling} and {@code disabling} while a
 * change is applied (the group's pending value is then the target).
 */
public enum FailoverStatus {
    ENABLED("enabled"),
    DISABLED("disabled"),
    ENABLING("enabling"),
    DISABLING("disabling");

    /** The lifecycle; a move it does not list is a bug in Haneul. */
    public static final StatusMachine<FailoverStatus> LIFECYCLE = StatusMachine.builder(FailoverStatus.class,
                    FailoverStatus::wire)
            .allow(DISABLED, ENABLING)
            .allow(ENABLING, ENABLED)
            .allow(ENABLED, DISABLING)
            .allow(DISABLING, DISABLED)
            .build();

    private final String wire;

    FailoverStatus(String wire) {
        this.wire = wire;
    }

    /** As the API and the state files spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static FailoverStatus of(String wire) {
        return LIFECYCLE.parse(wire).orElseThrow(() -> new IllegalArgumentException("automatic failover: " + wire));
    }

    /** Whether the engines fail over on their own (it is on, or being turned on). */
    public boolean on() {
        return this == ENABLED || this == ENABLING;
    }

    /** Whether a change is being applied. */
    public boolean pending() {
        return this == ENABLING || this == DISABLING;
    }

    /** Where a pending change ends. */
    public FailoverStatus settled() {
        return switch (this) {
            case ENABLING -> ENABLED;
            case DISABLING -> DISABLED;
            default -> this;
        };
    }

    /** The status after the caller asked for automatic failover {@code wanted}. */
    public FailoverStatus toward(boolean wanted) {
        FailoverStatus target = wanted == settled().on() ? this : wanted ? ENABLING : DISABLING;
        return LIFECYCLE.move(this, target);
    }
}
