package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a resource, as the {@code DescribeEvents} operations of RDS and
 * ElastiCache list it.
 *
 * @param sourceType the service's spelling, such as {@code db-cluster} or {@code replication-group}
 * @param categories RDS's event categories; empty for services without them
 * @param sourceArn the resource's ARN, where the service reports it
 */
public record ResourceEvent(String sourceIdentifier, String sourceType, String message, List<String> categories,
                            Instant date, @Nullable String sourceArn) {

    public ResourceEvent {
        requireNonNull(sourceIdentifier, "sourceIdentifier");
        requireNonNull(sourceType, "sourceType");
        requireNonNull(message, "message");
        requireNonNull(date, "date");
        categories = List.copyOf(categories == null ? List.of() : categories);
    }
}
