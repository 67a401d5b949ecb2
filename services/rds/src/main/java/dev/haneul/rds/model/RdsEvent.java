package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** One entry of DescribeEvents: something that happened to a cluster or an instance. */
public record RdsEvent(String sourceIdentifier, String sourceType, String message, List<String> categories,
                       Instant date, String sourceArn) {

    /** {@code SourceType} of a DB instance. */
    public static final String DB_INSTANCE = "db-instance";
    /** {@code SourceType} of a DB cluster. */
    public static final String DB_CLUSTER = "db-cluster";

    public RdsEvent {
        requireNonNull(sourceIdentifier, "sourceIdentifier");
        requireNonNull(sourceType, "sourceType");
        requireNonNull(message, "message");
        requireNonNull(date, "date");
        categories = List.copyOf(categories == null ? List.of() : categories);
    }
}
