package dev.haneul.rds.endpoint;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoints of one cluster route by, at one moment: its instances in creation order, the
 * engine address of each, whether each may take new connections, and which one is the writer.
 * Immutable; the control plane publishes a new one whenever anything changes.
 *
 * @param writer the writer's identifier, or {@code ""} when the cluster has none
 * @param members every instance of the cluster, by identifier, in creation order
 */
public record Topology(String writer, Map<String, Member> members) {

    /** A topology with no instance: every endpoint refuses connections. */
    public static final Topology EMPTY = new Topology("", Map.of());

    /**
     * One DB instance as the endpoints see it.
     *
     * @param backend where its engine listens ({@code 127.0.0.1:port}); {@code null} before it
     *     first started
     * @param available whether it may take new connections: its engine is up and it is neither
     *     being created, rebooted, failed over nor deleted
     */
    public record Member(String id, @Nullable InetSocketAddress backend, boolean available) {

        public Member {
            requireNonNull(id, "id");
        }

        boolean routable() {
            return available && backend != null;
        }
    }

    public Topology {
        requireNonNull(writer, "writer");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public boolean isWriter(String id) {
        return writer.equals(id);
    }

    /** The writer, if it is available. */
    public Optional<Member> availableWriter() {
        Member member = members.get(writer);
        return member != null && member.routable() ? Optional.of(member) : Optional.empty();
    }

    /** The available instances that are not the writer, in creation order. */
    public List<Member> availableReaders() {
        return members.values().stream().filter(m -> m.routable() && !isWriter(m.id())).toList();
    }

    /** The instance {@code id}, if it is available. */
    public Optional<Member> available(String id) {
        Member member = members.get(id);
        return member != null && member.routable() ? Optional.of(member) : Optional.empty();
    }
}
