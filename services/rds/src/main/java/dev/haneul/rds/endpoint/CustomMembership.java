package dev.haneul.rds.endpoint;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * Which instances a custom endpoint may send a connection to, as Aurora defines it:
 * <ul>
 *   <li>a static list: exactly those instances; instances added later never join;</li>
 *   <li>an exclusion list, or no list: every instance of the cluster but the excluded ones,
 *       including instances added later;</li>
 *   <li>then by role: a {@code READER} endpoint only reaches instances that are currently
 *       readers, an {@code ANY} endpoint reaches the writer too. Lists are never changed by a role
 *       change: a statically listed instance that became the writer is skipped by a {@code READER}
 *       endpoint until it is a reader again.</li>
 * </ul>
 */
public record CustomMembership(Type type, Set<String> staticMembers, Set<String> excludedMembers) {

    /** The custom endpoint types ({@code CustomEndpointType}). */
    public enum Type { READER, ANY }

    public CustomMembership {
        requireNonNull(type, "type");
        staticMembers = Set.copyOf(staticMembers);
        excludedMembers = Set.copyOf(excludedMembers);
        if (!staticMembers.isEmpty() && !excludedMembers.isEmpty()) {
            throw new IllegalArgumentException("staticMembers: %s, excludedMembers: %s (expected: at most one list)"
                    .formatted(staticMembers, excludedMembers));
        }
    }

    public static CustomMembership of(String type, List<String> staticMembers, List<String> excludedMembers) {
        return new CustomMembership(Type.valueOf(type), Set.copyOf(staticMembers), Set.copyOf(excludedMembers));
    }

    /** Whether {@code id} belongs to the endpoint by the lists alone (ignoring its role and health). */
    public boolean lists(String id) {
        return staticMembers.isEmpty() ? !excludedMembers.contains(id) : staticMembers.contains(id);
    }

    /** Whether {@code member} may take a new connection of this endpoint now. */
    boolean eligible(Topology topology, Topology.Member member) {
        return member.routable() && lists(member.id()) && (type == Type.ANY || !topology.isWriter(member.id()));
    }
}
