package dev.haneul.rds.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.proxy.BackendSelector;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Which instance each kind of endpoint sends a new connection to, without sockets. */
class EndpointSelectorsTest {

    private final AtomicReference<Topology> topology = new AtomicReference<>(topology("w",
            member("w", true), member("r1", true), member("r2", true)));

    @Test
    void clusterEndpointGoesToTheWriterAndRefusesWithoutOne() {
        BackendSelector cluster = EndpointSelectors.cluster(topology::get);
        assertThat(pick(cluster, 5)).containsOnly("w");
        topology.set(topology("w", member("w", false), member("r1", true)));
        assertThat(select(cluster)).isEmpty();
    }

    @Test
    void readerEndpointRoundRobinsOverAvailableReadersOnly() {
        BackendSelector reader = EndpointSelectors.reader(topology::get);
        assertThat(pick(reader, 30)).containsOnly("r1", "r2")
                .satisfies(ids -> assertThat(ids.stream().filter("r1"::equals).count()).isEqualTo(15));
        topology.set(topology("w", member("w", true), member("r1", false), member("r2", true)));
        assertThat(pick(reader, 4)).containsOnly("r2");
    }

    @Test
    void readerEndpointFallsBackToTheWriterWhenThereIsNoReader() {
        topology.set(topology("w", member("w", true), member("r1", false)));
        assertThat(pick(EndpointSelectors.reader(topology::get), 3)).containsOnly("w");
    }

    @Test
    void staticReaderEndpointStaysOnItsMembersAndSkipsAMemberThatBecameWriter() {
        AtomicReference<CustomMembership> members = new AtomicReference<>(
                new CustomMembership(CustomMembership.Type.READER, Set.of("r1"), Set.of()));
        BackendSelector custom = EndpointSelectors.custom(topology::get, members::get);
        assertThat(pick(custom, 6)).containsOnly("r1");
        // A new instance does not join a static list.
        topology.set(topology("w", member("w", true), member("r1", true), member("r2", true), member("r3", true)));
        assertThat(pick(custom, 6)).containsOnly("r1");
        // After a failover to r1 the list is unchanged but r1 is no reader: nothing to reach.
        topology.set(topology("r1", member("w", true), member("r1", true), member("r2", true)));
        assertThat(select(custom)).isEmpty();
    }

    @Test
    void anyEndpointWithExclusionsIncludesTheWriterAndInstancesAddedLater() {
        AtomicReference<CustomMembership> members = new AtomicReference<>(
                new CustomMembership(CustomMembership.Type.ANY, Set.of(), Set.of("r2")));
        BackendSelector custom = EndpointSelectors.custom(topology::get, members::get);
        assertThat(pick(custom, 6)).containsOnly("w", "r1").contains("w", "r1");
        topology.set(topology("w", member("w", true), member("r1", true), member("r2", true), member("r3", true)));
        assertThat(pick(custom, 9)).containsOnly("w", "r1", "r3").contains("w", "r1", "r3");
    }

    @Test
    void customEndpointWithNoListTakesEveryEligibleInstance() {
        AtomicReference<CustomMembership> members = new AtomicReference<>(
                new CustomMembership(CustomMembership.Type.READER, Set.of(), Set.of()));
        assertThat(pick(EndpointSelectors.custom(topology::get, members::get), 6)).containsOnly("r1", "r2");
    }

    @Test
    void aNewMembershipAppliesToTheNextConnection() {
        AtomicReference<CustomMembership> members = new AtomicReference<>(
                new CustomMembership(CustomMembership.Type.READER, Set.of("r1"), Set.of()));
        BackendSelector custom = EndpointSelectors.custom(topology::get, members::get);
        assertThat(pick(custom, 2)).containsOnly("r1");
        members.set(new CustomMembership(CustomMembership.Type.READER, Set.of("r2"), Set.of()));
        assertThat(pick(custom, 2)).containsOnly("r2");
    }

    @Test
    void instanceEndpointFollowsItsInstanceOnly() {
        BackendSelector instance = EndpointSelectors.instance(topology::get, "r2");
        assertThat(pick(instance, 3)).containsOnly("r2");
        topology.set(topology("w", member("w", true), member("r1", true), member("r2", false)));
        assertThat(select(instance)).isEmpty();
    }

    @Test
    void aMembershipHoldsOneListAtMost() {
        Assertions.assertThatThrownBy(() ->
                        new CustomMembership(CustomMembership.Type.ANY, Set.of("a"), Set.of("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Topology.Member member(String id, boolean available) {
        return new Topology.Member(id, backendOf(id), available);
    }

    /** Each instance's backend port encodes its name, so a choice can be read back. */
    private static InetSocketAddress backendOf(String id) {
        return new InetSocketAddress("127.0.0.1", 40000 + ids().indexOf(id));
    }

    private static List<String> ids() {
        return List.of("w", "r1", "r2", "r3");
    }

    private static Topology topology(String writer, Topology.Member... members) {
        Map<String, Topology.Member> map = new LinkedHashMap<>();
        for (Topology.Member member : members) {
            map.put(member.id(), member);
        }
        return new Topology(writer, map);
    }

    private static Optional<InetSocketAddress> select(BackendSelector selector) {
        return selector.select(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2), null);
    }

    private static List<String> pick(BackendSelector selector, int connections) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            chosen.add(ids().get(select(selector).orElseThrow().getPort() - 40000));
        }
        return chosen;
    }
}
