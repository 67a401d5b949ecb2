package dev.haneul.rds.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real listening sockets: addresses per endpoint, and the move to a free port when the cluster's is taken. */
class ClusterEndpointsTest {

    @TempDir
    Path tmp;

    private final EventLoopRuntime runtime = EventLoopRuntime.create();

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void everyEndpointListensOnItsOwnAddressOnTheClusterPort() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.ADDRESSES);
        int port = freePort();
        try (ClusterEndpoints endpoints = new ClusterEndpoints("rds/c1", runtime, addresses, "rds/c1", p -> { })) {
            Endpoint cluster = endpoints.openCluster(port);
            Endpoint reader = endpoints.openReader(port);
            Endpoint instance = endpoints.openInstance("db-1", port);
            assertThat(cluster.port()).isEqualTo(port);
            assertThat(reader.port()).isEqualTo(port);
            assertThat(instance.port()).isEqualTo(port);
            assertThat(List.of(cluster.host(), reader.host(), instance.host())).doesNotHaveDuplicates();
            assertThat(endpoints.endpoints()).containsKeys("cluster", "reader", "instance/db-1");
            try (Socket socket = new Socket(cluster.host(), cluster.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
            endpoints.close("instance/db-1");
            assertThat(addresses.find("rds/c1", "instance/db-1")).isEmpty();
        }
    }

    @Test
    void aPortTakenOnEveryAddressMovesTheWholeCluster() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.ADDRESSES);
        AtomicInteger moved = new AtomicInteger();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int taken = squatter.getLocalPort();
            try (ClusterEndpoints endpoints = new ClusterEndpoints("rds/c1", runtime, addresses, "rds/c1", moved::set)) {
                Endpoint cluster = endpoints.openCluster(taken);
                Endpoint reader = endpoints.openReader(cluster.port());
                assertThat(cluster.port()).isNotEqualTo(taken).isEqualTo(moved.get()).isEqualTo(reader.port());
                assertThat(addresses.find("rds/c1", "cluster")).contains(cluster);
            }
        }
    }

    @Test
    void portsModeGivesEachEndpointAPortOn127001() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.PORTS);
        try (ClusterEndpoints endpoints = new ClusterEndpoints("rds/c1", runtime, addresses, "rds/c1", p -> { })) {
            Endpoint cluster = endpoints.openCluster(freePort());
            Endpoint reader = endpoints.openReader(cluster.port());
            assertThat(cluster.host()).isEqualTo("127.0.0.1");
            assertThat(reader.host()).isEqualTo("127.0.0.1");
            assertThat(reader.port()).isNotEqualTo(cluster.port());
        }
    }

    private AddressAllocator allocator(EndpointMode mode) {
        int second = 20 + ThreadLocalRandom.current().nextInt(230);
        return new AddressAllocator(AddressRange.parse("127." + second + ".0.0/16"), mode, tmp.resolve("endpoints.json"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
