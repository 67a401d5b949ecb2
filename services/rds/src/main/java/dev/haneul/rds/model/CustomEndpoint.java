package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom endpoint of a cluster. At most one of the lists is non-empty: a static list names the
 * members; an exclusion list (or neither list) means every instance of the cluster except those
 * named, including instances created later.
 *
 * @param identifier lowercase {@code DBClusterEndpointIdentifier}, unique in the account and region
 * @param type {@code READER} or {@code ANY}
 */
public record CustomEndpoint(
        String identifier,
        String clusterIdentifier,
        String type,
        List<String> staticMembers,
        List<String> excludedMembers,
        EndpointStatus status,
        String resourceId,
        long sequence,
        @JsonDeserialize(using = TagsJson.class) Map<String, String> tags) {

    public CustomEndpoint {
        requireNonNull(identifier, "identifier");
        requireNonNull(clusterIdentifier, "clusterIdentifier");
        requireNonNull(type, "type");
        requireNonNull(status, "status");
        staticMembers = List.copyOf(staticMembers == null ? List.of() : staticMembers);
        excludedMembers = List.copyOf(excludedMembers == null ? List.of() : excludedMembers);
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public CustomEndpoint withStatus(EndpointStatus newStatus) {
        return new CustomEndpoint(identifier, clusterIdentifier, type, staticMembers, excludedMembers, newStatus,
                resourceId, sequence, tags);
    }

    public CustomEndpoint withMembers(String newType, List<String> newStatic, List<String> newExcluded) {
        return new CustomEndpoint(identifier, clusterIdentifier, newType, newStatic, newExcluded, status, resourceId,
                sequence, tags);
    }

    public CustomEndpoint withTags(Map<String, String> newTags) {
        return new CustomEndpoint(identifier, clusterIdentifier, type, staticMembers, excludedMembers, status,
                resourceId, sequence, newTags);
    }

    /** Without {@code instance} in either list: what a deleted instance leaves. */
    public CustomEndpoint without(String instance) {
        return new CustomEndpoint(identifier, clusterIdentifier, type,
                staticMembers.stream().filter(m -> !m.equals(instance)).toList(),
                excludedMembers.stream().filter(m -> !m.equals(instance)).toList(),
                status, resourceId, sequence, tags);
    }
}
