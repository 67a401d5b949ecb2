package dev.haneul.elasticache.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints' choices against stand-in backends that greet every connection with their name:
 * the primary follows updates and drops connections to an old primary, the reader round-robins
 * over replicas and falls back to the primary, a node endpoint reaches its node.
 */
class CacheEndpointsTest {

    private EventLoopRuntime runtime;
    private CacheEndpoints endpoints;
    private final List<Backend> backends = new ArrayList<>();
    private Endpoint primary;
    private Endpoint reader;
    private Endpoint nodeB;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws IOException {
        runtime = EventLoopRuntime.create();
        AddressAllocator addresses = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.PORTS,
                tmp.resolve("endpoints.json"));
        endpoints = new CacheEndpoints(runtime, addresses, "elasticache/test", "elasticache/test",
                CacheEndpoints.PRIMARY, port -> { });
        primary = endpoints.openPrimary(freePort());
        reader = endpoints.openReader(freePort());
        nodeB = endpoints.openNode("b", freePort());
        for (String name : List.of("A", "B", "C")) {
            backends.add(new Backend(name));
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        endpoints.close();
        for (Backend backend : backends) {
            backend.close();
        }
        runtime.close();
    }

    @Test
    void primaryReaderAndNodeEndpointsReachTheirEngines() throws IOException {
        endpoints.update(backends(0, 1, 2));
        assertThat(greeting(primary)).isEqualTo("A");
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reads.add(greeting(reader));
        }
        assertThat(reads).containsExactlyInAnyOrder("B", "C", "B", "C");
        assertThat(greeting(nodeB)).isEqualTo("B");
    }

    @Test
    void theReaderFallsBackToThePrimaryWithoutReplicas() throws IOException {
        endpoints.update(backends(0));
        assertThat(greeting(reader)).isEqualTo("A");
    }

    @Test
    void aNewPrimaryClosesTheConnectionsToTheOldOne() throws IOException {
        endpoints.update(backends(0, 1, 2));
        try (Socket held = connect(primary)) {
            assertThat(readLine(held.getInputStream())).isEqualTo("A");
            endpoints.update(backends(1, 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> held.getInputStream().read() == -1);
        }
        assertThat(greeting(primary)).isEqualTo("B");
        assertThat(greeting(reader)).isEqualTo("C");
    }

    /** The first index is the primary, the rest replicas; every backend is a node named after it. */
    private CacheEndpoints.Backends backends(int primaryIndex, int... replicas) {
        List<InetSocketAddress> replicaAddresses = new ArrayList<>();
        for (int replica : replicas) {
            replicaAddresses.add(backends.get(replica).address());
        }
        return new CacheEndpoints.Backends(Optional.of(backends.get(primaryIndex).address()), replicaAddresses,
                Map.of("a", backends.get(0).address(), "b", backends.get(1).address(), "c", backends.get(2).address()));
    }

    private static String greeting(Endpoint endpoint) throws IOException {
        try (Socket socket = connect(endpoint)) {
            return readLine(socket.getInputStream());
        }
    }

    private static Socket connect(Endpoint endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(endpoint.socketAddress(), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Accepts connections, writes its name and a newline, and keeps them open until the peer closes. */
    private static final class Backend implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new ArrayList<>();

        Backend(String name) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        synchronized (accepted) {
                            accepted.add(socket);
                        }
                        socket.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }
}
