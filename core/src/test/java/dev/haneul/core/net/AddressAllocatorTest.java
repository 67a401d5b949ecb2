package dev.haneul.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import dev.haneul.core.state.StateWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressAllocatorTest {

    @TempDir
    Path dir;

    @Test
    void eachResourceGetsABlockAndEachEndpointAnAddressOnTheResourcesPort() {
        AddressAllocator allocator = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES,
                dir.resolve("endpoints.json"));
        assertThat(allocator.allocate("rds/c1", "cluster", 3306)).isEqualTo(new Endpoint("127.10.0.1", 3306));
        assertThat(allocator.allocate("rds/c1", "reader", 3306)).isEqualTo(new Endpoint("127.10.0.2", 3306));
        assertThat(allocator.allocate("cache/g1", "primary", 6379)).isEqualTo(new Endpoint("127.10.1.1", 6379));
        assertThat(allocator.allocate("rds/c1", "cluster", 3306)).isEqualTo(new Endpoint("127.10.0.1", 3306));

        allocator.release("rds/c1", "cluster");
        assertThat(allocator.allocate("rds/c1", "custom", 3306)).isEqualTo(new Endpoint("127.10.0.1", 3306));
        allocator.release("rds/c1");
        assertThat(allocator.allocate("rds/c2", "cluster", 3307)).isEqualTo(new Endpoint("127.10.0.1", 3307));
    }

    @Test
    void aChangeThatCannotBeWrittenIsUndone() throws Exception {
        Path stateDir = dir.resolve("haneul");
        Path file = stateDir.resolve("endpoints.json");
        AddressAllocator allocator = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES, file);
        allocator.allocate("rds/c1", "cluster", 3306);
        Path aside = dir.resolve("aside");
        Files.move(stateDir, aside);
        Files.writeString(stateDir, "a file where the directory was"); // fails for root too

        assertThatThrownBy(() -> allocator.allocate("rds/c2", "cluster", 3306)).isInstanceOf(StateWriteException.class);
        assertThatThrownBy(() -> allocator.allocate("rds/c1", "reader", 3306)).isInstanceOf(StateWriteException.class);
        assertThatThrownBy(() -> allocator.changePort("rds/c1", 13306)).isInstanceOf(StateWriteException.class);
        assertThatThrownBy(() -> allocator.release("rds/c1")).isInstanceOf(StateWriteException.class);
        assertThat(allocator.endpoints("rds/c1")).containsExactly(Map.entry("cluster", new Endpoint("127.10.0.1", 3306)));
        assertThat(allocator.endpoints("rds/c2")).isEmpty();

        Files.delete(stateDir);
        Files.move(aside, stateDir);
        assertThat(allocator.allocate("rds/c2", "cluster", 3306)).isEqualTo(new Endpoint("127.10.1.1", 3306));
        AddressAllocator reloaded = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES, file);
        assertThat(reloaded.endpoints("rds/c1")).hasSize(1);
        assertThat(reloaded.find("rds/c2", "cluster")).contains(new Endpoint("127.10.1.1", 3306));
    }

    @Test
    void allocationsSurviveARestart() {
        Path file = dir.resolve("endpoints.json");
        AddressAllocator first = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES, file);
        first.allocate("rds/c1", "cluster", 3306);
        first.allocate("rds/c1", "reader", 3306);
        first.changePort("rds/c1", 13306);

        AddressAllocator second = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES, file);
        assertThat(second.find("rds/c1", "reader")).contains(new Endpoint("127.10.0.2", 13306));
        assertThat(second.endpoints("rds/c1")).hasSize(2);
    }

    @Test
    void portsModeGivesEveryEndpointItsOwnPortOnLocalhost() throws Exception {
        AddressAllocator allocator = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.PORTS,
                dir.resolve("endpoints.json"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Endpoint cluster = allocator.allocate("rds/c1", "cluster", taken.getLocalPort());
            Endpoint reader = allocator.allocate("rds/c1", "reader", taken.getLocalPort());
            assertThat(cluster.host()).isEqualTo("127.0.0.1");
            assertThat(cluster.port()).isNotEqualTo(taken.getLocalPort());
            assertThat(reader.port()).isNotEqualTo(cluster.port());
        }
    }

    @Test
    void rangesAreValidatedAndExhaustionIsReported() {
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/16")).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> AddressRange.parse("127.10.0.0/30")).hasMessageContaining("prefixLength");
        assertThatThrownBy(() -> AddressRange.parse("127.10.0.1/16")).hasMessageContaining("aligned");
        AddressAllocator allocator = new AddressAllocator(AddressRange.parse("127.10.0.0/24"), EndpointMode.ADDRESSES,
                dir.resolve("endpoints.json"));
        allocator.allocate("a", "x", 1);
        assertThatThrownBy(() -> allocator.allocate("b", "x", 1)).hasMessageContaining("no free /24 block");
    }

    @Test
    void allocationsOfAnotherModeAreNotReused() {
        Path file = dir.resolve("endpoints.json");
        new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES, file).allocate("r", "e", 3306);
        AddressAllocator ports = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.PORTS, file);
        assertThat(ports.find("r", "e")).isEmpty();
    }
}
