package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

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
        String status,
        String resourceId,
        long sequence,
        List<Tag> tags) {

    public CustomEndpoint {
        requireNonNull(identifier, "identifier");
        requireNonNull(clusterIdentifier, "clusterIdentifier");
        requireNonNull(type, "type");
        requireNonNull(status, "status");
        staticMembers = List.copyOf(staticMembers == null ? List.of() : staticMembers);
        excludedMembers = List.copyOf(excludedMembers == null ? List.of() : excludedMembers);
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    public CustomEndpoint withStatus(String newStatus) {
        return new CustomEndpoint(identifier, clusterIdentifier, type, staticMembers, excludedMembers, newStatus,
                resourceId, sequence, tags);
    }

    public CustomEndpoint withMembers(String newType, List<String> newStatic, List<String> newExcluded) {
        return new CustomEndpoint(identifier, clusterIdentifier, newType, newStatic, newExcluded, status, resourceId,
                sequence, tags);
    }

    public CustomEndpoint withTags(List<Tag> newTags) {
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
