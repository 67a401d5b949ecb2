package dev.haneul.core.proxy;

import static dev.haneul.core.proxy.Payloads.MiB;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.LeakDetectionExtension;
import dev.haneul.core.netty.Transport;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy over real loopback sockets, against a plain blocking echo backend. */
@ExtendWith(LeakDetectionExtension.class)
class TcpProxyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** What "promptly" means for a refused or failed client. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);
    /** A writer whose count does not move for this long is blocked by backpressure. */
    private static final Duration STALL = Duration.ofMillis(500);
    /** Ceiling for the proxy's pooled memory in use while large payloads pass: a few chunks, not the payload. */
    private static final long MEMORY_CEILING = 4 * MiB;

    /** The proxy's own allocator, so its memory in use can be read apart from anything else. */
    private static final PooledByteBufAllocator allocator = new PooledByteBufAllocator(true);
    private static EventLoopRuntime runtime;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void startRuntime() {
        runtime = EventLoopRuntime.builder().threads(2).threadNamePrefix("proxy-test").allocator(allocator).build();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @AfterEach
    void closeResources() throws Exception {
        threads.shutdownNow();
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void relaysBothWaysOnItsOwnLoopbackAddressAndCounts() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = proxy("127.10.0.2", BackendSelector.fixed(echo.address()));
        assertThat(proxy.localAddress().getHostString()).isEqualTo("127.10.0.2");
        assertThat(proxy.localAddress().getPort()).isPositive();

        Socket client = connect(proxy);
        client.getOutputStream().write("hello".getBytes(US_ASCII));
        assertThat(new String(client.getInputStream().readNBytes(5), US_ASCII)).isEqualTo("hello");

        TcpProxyStats stats = proxy.stats();
        assertThat(stats.currentConnections()).isEqualTo(1);
        assertThat(stats.totalConnections()).isEqualTo(1);
        assertThat(stats.currentConnections(echo.address())).isEqualTo(1);
        assertThat(stats.currentConnectionsByBackend()).isEqualTo(Map.of(echo.address(), 1));
        assertThat(stats.bytesIn()).isEqualTo(5);
        assertThat(stats.bytesOut()).isEqualTo(5);
        assertThat(stats.backendStats()).isEqualTo(Map.of(echo.address(), new TcpProxyStats.BackendStats(1, 1, 5, 5)));

        client.close();
        await().atMost(DEADLINE).until(() -> stats.currentConnections() == 0 && echo.open() == 0);
        assertThat(stats.currentConnectionsByBackend()).isEmpty();
        assertThat(stats.backendStats()).as("totals outlive the connection")
                .isEqualTo(Map.of(echo.address(), new TcpProxyStats.BackendStats(0, 1, 5, 5)));
        assertThat(stats.currentConnections(echo.address())).isZero();
        assertThat(stats.totalConnections()).isEqualTo(1);
    }

    @Test
    void streams64MiBBothWaysWithoutHoldingIt() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed(echo.address()));
        long size = 64 * MiB;
        try (Socket client = connect(proxy); MemorySampler memory = new MemorySampler()) {
            Future<String> sent = threads.submit(() ->
                    Payloads.write(client.getOutputStream(), size, 1, new AtomicLong()));
            String received = Payloads.read(client.getInputStream(), size);

            assertThat(received).isEqualTo(sent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertThat(memory.max()).as("proxy memory in use").isLessThan(MEMORY_CEILING);
        }
        assertThat(proxy.stats().bytesIn()).isEqualTo(size);
        await().atMost(DEADLINE).until(() -> proxy.stats().bytesOut() == size);
    }

    @Test
    void stopsReadingTheClientWhileTheBackendDoesNotRead() throws Exception {
        ServerSocket sink = listener("127.0.0.1");
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed((InetSocketAddress) sink.getLocalSocketAddress()));
        long size = 128 * MiB;
        AtomicLong written = new AtomicLong();
        try (Socket client = connect(proxy); MemorySampler memory = new MemorySampler()) {
            Future<String> sent = threads.submit(() -> Payloads.write(client.getOutputStream(), size, 2, written));
            try (Socket backend = sink.accept()) {
                awaitStalled(written::get);

                assertThat(written.get()).as("bytes the client got rid of").isLessThan(size);
                assertThat(proxy.stats().bytesIn()).isLessThan(size);
                assertThat(memory.max()).as("proxy memory in use").isLessThan(MEMORY_CEILING);

                String received = Payloads.read(backend.getInputStream(), size);
                assertThat(received).isEqualTo(sent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(memory.max()).as("proxy memory in use").isLessThan(MEMORY_CEILING);
        }
    }

    @Test
    void handlesManyConcurrentConnections() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed(echo.address()));
        int clients = 200;
        int size = 256 * 1024;
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long seed = i;
            results.add(threads.submit(() -> {
                try (Socket client = connect(proxy)) {
                    Future<String> sent = threads.submit(() ->
                            Payloads.write(client.getOutputStream(), size, seed, new AtomicLong()));
                    return Payloads.read(client.getInputStream(), size).equals(sent.get());
                }
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        TcpProxyStats stats = proxy.stats();
        assertThat(stats.totalConnections()).isEqualTo(clients);
        assertThat(stats.bytesIn()).isEqualTo((long) clients * size);
        await().atMost(DEADLINE).until(() -> stats.currentConnections() == 0);
        assertThat(stats.bytesOut()).isEqualTo((long) clients * size);
        assertThat(echo.accepted()).isEqualTo(clients);
    }

    @Test
    void clientHalfCloseStillDeliversTheWholeAnswer() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed(echo.address()));
        Socket client = connect(proxy);
        long size = 4 * MiB;
        // Everything is written before anything is read: it all sits in socket buffers and the proxy.
        Future<String> sent = threads.submit(() -> {
            String digest = Payloads.write(client.getOutputStream(), size, 3, new AtomicLong());
            client.shutdownOutput();
            return digest;
        });

        assertThat(Payloads.read(client.getInputStream(), size)).isEqualTo(sent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertThat(client.getInputStream().read()).as("the echo server's FIN, relayed").isEqualTo(-1);
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0 && echo.open() == 0);
        client.close();
    }

    @Test
    void backendHalfCloseKeepsTheClientsDirectionOpen() throws Exception {
        ServerSocket backendListener = listener("127.0.0.1");
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed((InetSocketAddress) backendListener.getLocalSocketAddress()));
        CompletableFuture<String> receivedByBackend = new CompletableFuture<>();
        threads.execute(() -> {
            try (Socket backend = backendListener.accept()) {
                backend.getOutputStream().write("greeting".getBytes(US_ASCII));
                backend.shutdownOutput();
                receivedByBackend.complete(new String(backend.getInputStream().readAllBytes(), US_ASCII));
            } catch (IOException e) {
                receivedByBackend.completeExceptionally(e);
            }
        });

        Socket client = connect(proxy);
        InputStream in = client.getInputStream();
        assertThat(new String(in.readNBytes(8), US_ASCII)).isEqualTo("greeting");
        assertThat(in.read()).as("the backend's FIN, relayed").isEqualTo(-1);
        client.getOutputStream().write("still here".getBytes(US_ASCII));
        client.shutdownOutput();

        assertThat(receivedByBackend.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("still here");
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0);
        client.close();
    }

    @Test
    void keepsWhatTheClientSendsAndHalfClosesBeforeTheBackendIsConnected() throws Exception {
        EchoServer echo = echo();
        CountDownLatch clientDone = new CountDownLatch(1);
        // Holding the event loop in the selector (never do this for real) lets the client's bytes
        // and FIN arrive before the backend connect starts: epoll then reports the FIN and Netty
        // reads the stream to its end although no read was asked for.
        TcpProxy proxy = proxy("127.0.0.1", (client, local, stats) -> {
            awaitQuietly(clientDone);
            return Optional.of(echo.address());
        });
        Socket client = connect(proxy);
        client.getOutputStream().write("sent before the backend exists".getBytes(US_ASCII));
        client.shutdownOutput();
        clientDone.countDown();

        assertThat(new String(client.getInputStream().readAllBytes(), US_ASCII)).isEqualTo("sent before the backend exists");
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0 && echo.open() == 0);
    }

    @Test
    void deliversEverythingAndTheFinToASlowBackend() throws Exception {
        // A backend with a tiny receive buffer, and a client whose bytes and FIN all arrive while
        // the selector holds the loop: bytes may be queued towards the backend when the FIN comes,
        // and shutting its output down before they drain would drop them.
        ServerSocket slowBackend = register(new ServerSocket());
        slowBackend.setReceiveBufferSize(4096);
        slowBackend.bind(new InetSocketAddress("127.0.0.1", 0));
        CountDownLatch clientDone = new CountDownLatch(1);
        TcpProxy proxy = proxy("127.0.0.1", (client, local, stats) -> {
            awaitQuietly(clientDone);
            return Optional.of((InetSocketAddress) slowBackend.getLocalSocketAddress());
        });
        long size = 256 * 1024;
        Future<String> receivedByBackend = threads.submit(() -> {
            try (Socket backend = slowBackend.accept()) {
                String digest = Payloads.read(backend.getInputStream(), size);
                return backend.getInputStream().read() == -1 ? digest : "no FIN";
            }
        });
        Socket client = connect(proxy);
        client.setSendBufferSize(4 * MiB);
        String sent = Payloads.write(client.getOutputStream(), size, 5, new AtomicLong());
        client.shutdownOutput();
        clientDone.countDown();

        assertThat(receivedByBackend.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent);
        assertThat(client.getInputStream().read()).as("backend closed, FIN relayed").isEqualTo(-1);
    }

    @Test
    void closesTheClientPromptlyWhenTheBackendRefuses() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed(nobody));

        for (int i = 1; i <= 3; i++) {
            try (Socket client = connect(proxy)) {
                assertClosedPromptly(client);
            }
            int attempts = i;
            await().atMost(DEADLINE).until(() -> proxy.stats().failedConnects() == attempts);
        }
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0);
        assertThat(proxy.stats().currentConnectionsByBackend()).isEmpty();
    }

    @Test
    void closesTheClientWhenTheSelectorRefusesFailsOrReturnsNull() throws Exception {
        EchoServer echo = echo();
        AtomicReference<BackendSelector> behaviour = new AtomicReference<>((client, local, stats) -> Optional.empty());
        TcpProxy proxy = proxy("127.0.0.1", (client, local, stats) -> behaviour.get().select(client, local, stats));

        try (Socket client = connect(proxy)) {
            assertClosedPromptly(client);
        }
        behaviour.set((client, local, stats) -> {
            throw new IllegalStateException("selector bug (expected by the test)");
        });
        try (Socket client = connect(proxy)) {
            assertClosedPromptly(client);
        }
        behaviour.set((client, local, stats) -> null);
        try (Socket client = connect(proxy)) {
            assertClosedPromptly(client);
        }
        behaviour.set((client, local, stats) -> Optional.of(InetSocketAddress.createUnresolved("localhost", 1)));
        try (Socket client = connect(proxy)) {
            assertClosedPromptly(client);
        }

        assertThat(proxy.stats().refusedConnections()).isEqualTo(4);
        assertThat(echo.accepted()).isZero();
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0);
    }

    @Test
    void selectorSeesTheClientAndPerBackendCountsForLeastConnections() throws Exception {
        EchoServer a = echo();
        EchoServer b = echo();
        List<InetSocketAddress> clientsSeen = new ArrayList<>();
        TcpProxy proxy = proxy("127.0.0.1", (client, local, stats) -> {
            synchronized (clientsSeen) {
                clientsSeen.add(client);
            }
            return List.of(a.address(), b.address()).stream().min(Comparator.comparingInt(stats::currentConnections));
        });

        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket client = connect(proxy);
            assertEchoes(client, "ping" + i);
            clients.add(client);
        }

        assertThat(proxy.stats().currentConnectionsByBackend()).isEqualTo(Map.of(a.address(), 2, b.address(), 2));
        assertThat(clientsSeen).extracting(InetSocketAddress::getPort)
                .containsExactlyElementsOf(clients.stream().map(Socket::getLocalPort).toList());
    }

    @Test
    void closeConnectionsToDropsOnlyThatBackendsClients() throws Exception {
        EchoServer oldWriter = echo();
        EchoServer newWriter = echo();
        AtomicReference<InetSocketAddress> writer = new AtomicReference<>(oldWriter.address());
        TcpProxy proxy = proxy("127.0.0.1", (client, local, stats) -> Optional.of(writer.get()));
        List<Socket> toOld = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            toOld.add(connect(proxy));
            assertEchoes(toOld.get(i), "old" + i);
        }
        writer.set(newWriter.address());
        List<Socket> toNew = List.of(connect(proxy), connect(proxy));
        for (Socket client : toNew) {
            assertEchoes(client, "new");
        }

        assertThat(proxy.closeConnectionsTo(oldWriter.address())).isEqualTo(3);

        for (Socket client : toOld) {
            assertClosedPromptly(client);
        }
        assertThat(proxy.stats().currentConnectionsByBackend()).isEqualTo(Map.of(newWriter.address(), 2));
        await().atMost(DEADLINE).until(() -> oldWriter.open() == 0);
        for (Socket client : toNew) {
            assertEchoes(client, "after failover");
        }
        assertThat(proxy.closeConnectionsTo(oldWriter.address())).isZero();
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = register(TcpProxy.builder(runtime).name("test/idle").bindAddress("127.0.0.1", 0)
                .backendSelector(BackendSelector.fixed(echo.address()))
                .idleTimeout(Duration.ofMillis(300))
                .start());
        try (Socket client = connect(proxy)) {
            assertEchoes(client, "then silence");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0 && echo.open() == 0);
    }

    @Test
    void bindFailuresNameTheProxyAndTheAddress() throws Exception {
        TcpProxy first = proxy("127.0.0.1", BackendSelector.fixed(new InetSocketAddress("127.0.0.1", 9)));
        int port = first.localAddress().getPort();

        assertThatThrownBy(() -> TcpProxy.builder(runtime).name("rds/mycluster/reader").bindAddress("127.0.0.1", port)
                .backendSelector(BackendSelector.fixed(new InetSocketAddress("127.0.0.1", 9))).start())
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("rds/mycluster/reader - cannot listen on 127.0.0.1:" + port + ": ")
                .hasMessageContaining("in use")
                .hasCauseInstanceOf(IOException.class);

        // TEST-NET-1 (RFC 5737): never an address of this machine.
        assertThatThrownBy(() -> TcpProxy.builder(runtime).name("elasticache/g1/primary").bindAddress("192.0.2.1", 6379)
                .backendSelector(BackendSelector.fixed(new InetSocketAddress("127.0.0.1", 9))).start())
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("elasticache/g1/primary - cannot listen on 192.0.2.1:6379: ")
                .hasMessageContaining("assign");
    }

    @Test
    void closeUnbindsAndDropsEveryConnection() throws Exception {
        EchoServer echo = echo();
        TcpProxy proxy = proxy("127.0.0.1", BackendSelector.fixed(echo.address()));
        InetSocketAddress address = proxy.localAddress();
        Socket client = connect(proxy);
        assertEchoes(client, "before close");

        proxy.close();
        proxy.close();

        assertThat(proxy.isOpen()).isFalse();
        assertClosedPromptly(client);
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
        await().atMost(DEADLINE).until(() -> echo.open() == 0);
        TcpProxy again = proxy(address, BackendSelector.fixed(echo.address()));
        assertEchoes(connect(again), "bound again");
    }

    @Test
    void worksOnTheNioTransportToo() throws Exception {
        try (EventLoopRuntime nio = EventLoopRuntime.builder().transport(Transport.NIO).threads(1).build()) {
            EchoServer echo = echo();
            TcpProxy proxy = TcpProxy.builder(nio).name("test/nio").bindAddress("127.0.0.1", 0)
                    .backendSelector(BackendSelector.fixed(echo.address())).start();
            try (proxy; Socket client = connect(proxy)) {
                long size = 8 * MiB;
                Future<String> sent = threads.submit(() -> {
                    String digest = Payloads.write(client.getOutputStream(), size, 4, new AtomicLong());
                    client.shutdownOutput();
                    return digest;
                });
                assertThat(Payloads.read(client.getInputStream(), size)).isEqualTo(sent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
                assertThat(client.getInputStream().read()).isEqualTo(-1);
                await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0);
            }
        }
    }

    @Test
    void builderNamesTheBadArgument() {
        TcpProxyBuilder builder = TcpProxy.builder(runtime);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).hasMessage("connectTimeout: PT0S (expected: > 0 and <= PT596H31M23.647S)");
        assertThatThrownBy(() -> builder.idleTimeout(Duration.ofSeconds(-1))).hasMessage("idleTimeout: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> builder.name("")).hasMessage("name: '' (expected: not blank)");
        assertThatThrownBy(() -> builder.bindAddress("127.0.0.1", 65536)).hasMessage("port: 65536 (expected: 0-65535)");
        assertThatThrownBy(() -> builder.bindAddress(InetSocketAddress.createUnresolved("example.com", 1)))
                .hasMessage("bindAddress: example.com/<unresolved>:1 (expected: a resolved address)");
        assertThatThrownBy(() -> BackendSelector.fixed(InetSocketAddress.createUnresolved("db", 3306)))
                .hasMessageStartingWith("backend: ");
        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class).hasMessage("name: not set");
        assertThatThrownBy(() -> builder.name("x").start()).hasMessage("x - bindAddress: not set");
        assertThatThrownBy(() -> builder.bindAddress("127.0.0.1", 0).start()).hasMessage("x - backendSelector: not set");
    }

    // ---------- helpers ----------

    private EchoServer echo() throws IOException {
        return register(new EchoServer("127.0.0.1"));
    }

    private ServerSocket listener(String host) throws IOException {
        return register(new ServerSocket(0, 50, InetAddress.getByName(host)));
    }

    private TcpProxy proxy(String host, BackendSelector selector) throws BindException {
        return proxy(new InetSocketAddress(host, 0), selector);
    }

    private TcpProxy proxy(InetSocketAddress address, BackendSelector selector) throws BindException {
        return register(TcpProxy.builder(runtime).name("test/proxy").bindAddress(address).backendSelector(selector).start());
    }

    private Socket connect(TcpProxy proxy) throws IOException {
        Socket socket = register(new Socket(proxy.localAddress().getAddress(), proxy.localAddress().getPort()));
        socket.setSoTimeout((int) DEADLINE.toMillis());
        return socket;
    }

    private <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    private static void assertEchoes(Socket client, String text) throws IOException {
        byte[] bytes = text.getBytes(US_ASCII);
        client.getOutputStream().write(bytes);
        assertThat(new String(client.getInputStream().readNBytes(bytes.length), US_ASCII)).isEqualTo(text);
    }

    /** The proxy closed the client: EOF (FIN) or a reset, well within {@link #PROMPTLY}. */
    private static void assertClosedPromptly(Socket client) throws IOException {
        client.setSoTimeout((int) PROMPTLY.toMillis());
        try {
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset).hasMessageContaining("reset");
        }
    }

    /** For a selector that must hold the event loop until the test says so; never longer than {@link #PROMPTLY}. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitStalled(LongSupplier progress) {
        long[] last = {-1, System.nanoTime()};
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            long now = progress.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] >= STALL.toNanos();
        });
    }

    /** Samples the proxy allocator's memory in use until closed. */
    private final class MemorySampler implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private final Future<?> sampling;

        MemorySampler() {
            sampling = threads.submit(() -> {
                while (running) {
                    max.accumulateAndGet(allocator.pinnedDirectMemory() + allocator.pinnedHeapMemory(), Math::max);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            });
        }

        long max() {
            return max.get();
        }

        @Override
        public void close() throws Exception {
            running = false;
            sampling.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
