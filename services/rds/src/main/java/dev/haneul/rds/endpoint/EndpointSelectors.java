package dev.haneul.rds.endpoint;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.proxy.BackendSelector;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The choice each kind of Aurora endpoint makes for a new connection. Each reads the latest
 * {@link Topology} (and {@link CustomMembership}) when the connection arrives, so a change
 * applies to the next connection and never to one already open.
 *
 * <ul>
 *   <li>cluster: the writer; none (refused) while there is no available writer, as during a
 *       failover;</li>
 *   <li>reader: round robin over the available readers; the writer when there is none, as
 *       Aurora's reader endpoint does in a one-instance cluster;</li>
 *   <li>custom: round robin over the members eligible now; none (refused) when no member is;</li>
 *   <li>instance: that instance while it is available.</li>
 * </ul>
 * Aurora's DNS picks at random; a round robin spreads as evenly and is reproducible.
 */
public final class EndpointSelectors {

    private EndpointSelectors() {}

    public static BackendSelector cluster(Supplier<Topology> topology) {
        requireNonNull(topology, "topology");
        return (client, local, stats) -> topology.get().availableWriter().map(Topology.Member::backend);
    }

    public static BackendSelector reader(Supplier<Topology> topology) {
        requireNonNull(topology, "topology");
        AtomicLong next = new AtomicLong();
        return (client, local, stats) -> {
            Topology current = topology.get();
            List<Topology.Member> readers = current.availableReaders();
            if (readers.isEmpty()) {
                return current.availableWriter().map(Topology.Member::backend);
            }
            return Optional.ofNullable(pick(readers, next));
        };
    }

    public static BackendSelector custom(Supplier<Topology> topology, Supplier<CustomMembership> membership) {
        requireNonNull(topology, "topology");
        requireNonNull(membership, "membership");
        AtomicLong next = new AtomicLong();
        return (client, local, stats) -> {
            Topology current = topology.get();
            CustomMembership members = membership.get();
            List<Topology.Member> eligible = current.members().values().stream()
                    .filter(m -> members.eligible(current, m))
                    .toList();
            return eligible.isEmpty() ? Optional.empty() : Optional.ofNullable(pick(eligible, next));
        };
    }

    public static BackendSelector instance(Supplier<Topology> topology, String id) {
        requireNonNull(topology, "topology");
        requireNonNull(id, "id");
        return (client, local, stats) -> topology.get().available(id).map(Topology.Member::backend);
    }

    private static @Nullable InetSocketAddress pick(List<Topology.Member> members, AtomicLong next) {
        return members.get((int) Math.floorMod(next.getAndIncrement(), (long) members.size())).backend();
    }
}
