package dev.haneul.rds.model;

import java.util.Locale;

/**
 * How RDS spells the statuses of its enums ({@link ClusterStatus}, {@link InstanceStatus},
 * {@link EndpointStatus}): the constant's name in lower case with hyphens, such as
 * {@code failing-over} or {@code resetting-master-credentials}. State files store the same
 * spelling (Jackson reads and writes an enum by its {@code @JsonValue}).
 */
final class Statuses {

    private Statuses() {}

    static String wire(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
