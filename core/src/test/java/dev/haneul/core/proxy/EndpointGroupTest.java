package dev.haneul.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real listening sockets: an address per endpoint, and the move of the whole group when its port is taken. */
class EndpointGroupTest {

    @TempDir
    Path tmp;

    private final EventLoopRuntime runtime = EventLoopRuntime.create();

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void everyEndpointListensOnItsOwnAddressOnTheGroupPortAndRelays() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.ADDRESSES);
        int port = freePort();
        try (EchoServer echo = new EchoServer("127.0.0.1");
             EndpointGroup group = new EndpointGroup("test/g1", runtime, addresses, "test/g1", "primary", p -> { })) {
            BackendSelector toEcho = (client, local, stats) -> Optional.of(echo.address());
            Endpoint primary = group.open("primary", toEcho, port);
            Endpoint reader = group.open("reader", toEcho, port);
            assertThat(primary.port()).isEqualTo(port);
            assertThat(reader.port()).isEqualTo(port);
            assertThat(primary.host()).isNotEqualTo(reader.host());
            assertThat(group.open("primary", toEcho, port)).isEqualTo(primary);
            assertThat(group.endpoints()).containsOnlyKeys("primary", "reader");
            assertThat(echoThrough(primary)).isEqualTo("ping");

            group.close("reader");
            assertThat(group.isOpen("reader")).isFalse();
            assertThat(addresses.find("test/g1", "reader")).isEmpty();
            assertThat(addresses.find("test/g1", "primary")).contains(primary);
        }
    }

    @Test
    void aPortTakenOnEveryAddressMovesTheWholeGroupAndTellsTheOwner() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.ADDRESSES);
        AtomicInteger moved = new AtomicInteger();
        try (EchoServer echo = new EchoServer("127.0.0.1");
             EndpointGroup group = new EndpointGroup("test/g2", runtime, addresses, "test/g2", "primary", moved::set)) {
            BackendSelector toEcho = (client, local, stats) -> Optional.of(echo.address());
            Endpoint primary = group.open("primary", toEcho, freePort());
            try (ServerSocket squatter = new ServerSocket()) {
                // Something takes the group's port on every address: the next endpoint cannot bind there.
                squatter.setReuseAddress(false);
                squatter.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), freePort()));
                int taken = squatter.getLocalPort();
                addresses.changePort("test/g2", taken);
                Endpoint reader = group.open("reader", toEcho, taken);
                assertThat(reader.port()).isNotEqualTo(taken).isEqualTo(moved.get());
                Endpoint rebound = group.endpoint("primary").orElseThrow();
                assertThat(rebound.port()).isEqualTo(reader.port());
                assertThat(rebound.host()).isEqualTo(primary.host());
                assertThat(echoThrough(rebound)).isEqualTo("ping");
                assertThat(addresses.endpoints("test/g2").values()).extracting(Endpoint::port)
                        .containsOnly(reader.port());
            }
        }
    }

    @Test
    void portsModeGivesEachEndpointItsOwnPortOn127001() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.PORTS);
        try (EndpointGroup group = new EndpointGroup("test/g3", runtime, addresses, "test/g3", "primary", p -> { })) {
            BackendSelector none = (client, local, stats) -> Optional.empty();
            Endpoint primary = group.open("primary", none, freePort());
            Endpoint reader = group.open("reader", none, primary.port());
            assertThat(List.of(primary.host(), reader.host())).containsOnly("127.0.0.1");
            assertThat(reader.port()).isNotEqualTo(primary.port());
        }
    }

    @Test
    void droppingConnectionsToABackendClosesThemOnEveryEndpoint() throws Exception {
        AddressAllocator addresses = allocator(EndpointMode.ADDRESSES);
        try (EchoServer echo = new EchoServer("127.0.0.1");
             EndpointGroup group = new EndpointGroup("test/g4", runtime, addresses, "test/g4", "primary", p -> { })) {
            BackendSelector toEcho = (client, local, stats) -> Optional.of(echo.address());
            Endpoint primary = group.open("primary", toEcho, freePort());
            try (Socket client = new Socket(primary.host(), primary.port())) {
                client.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
                assertThat(client.getInputStream().read()).isEqualTo('x');
                assertThat(group.dropConnectionsTo(echo.address())).isEqualTo(1);
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    private static String echoThrough(Endpoint endpoint) throws Exception {
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.US_ASCII);
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
