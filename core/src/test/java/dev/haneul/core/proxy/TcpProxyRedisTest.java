package dev.haneul.core.proxy;

import static dev.haneul.core.proxy.Payloads.MiB;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.LeakDetectionExtension;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server behind the proxy, spoken to in RESP over plain sockets. */
@ExtendWith(LeakDetectionExtension.class)
class TcpProxyRedisTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final PooledByteBufAllocator allocator = new PooledByteBufAllocator(true);
    private static EventLoopRuntime runtime;
    private static RedisServer redis;
    private static TcpProxy proxy;

    @BeforeAll
    static void start(@TempDir Path workDir) throws Exception {
        redis = new RedisServer(workDir);
        runtime = EventLoopRuntime.builder().threads(2).threadNamePrefix("redis-proxy-test").allocator(allocator).build();
        proxy = TcpProxy.builder(runtime).name("elasticache/test/primary").bindAddress("127.0.0.1", 0)
                .backendSelector(BackendSelector.fixed(redis.address())).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void setsAndGetsA64MiBValueWithoutHoldingIt() throws Exception {
        long size = 64 * MiB;
        long pinnedBefore = allocator.pinnedDirectMemory();
        try (Socket socket = connect(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + size + "\r\n").getBytes(US_ASCII));
            String written = Payloads.write(out, size, 7, new AtomicLong());
            out.write("\r\n".getBytes(US_ASCII));
            out.flush();
            assertThat(readLine(in)).isEqualTo("+OK");

            out.write("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(US_ASCII));
            out.flush();
            assertThat(readLine(in)).isEqualTo("$" + size);
            Future<String> read = threads.submit(() -> Payloads.read(in, size));
            long maxPinned = 0;
            while (!read.isDone()) {
                maxPinned = Math.max(maxPinned, allocator.pinnedDirectMemory() - pinnedBefore);
                Thread.onSpinWait();
            }
            assertThat(read.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(written);
            assertThat(readLine(in)).isEmpty();
            assertThat(maxPinned).as("proxy memory in use while the value streams").isLessThan(4L * MiB);
        }
        assertThat(proxy.stats().bytesIn()).isGreaterThan(size);
    }

    @Test
    void manyClientsPipelineCommands() throws Exception {
        int clients = 50;
        int commands = 2_000;
        List<Future<String>> lastReplies = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                String key = "counter:" + i;
                lastReplies.add(threads.submit(() -> {
                    try (Socket socket = connect()) {
                        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        out.write(("DEL " + key + "\r\n").getBytes(US_ASCII));
                        for (int n = 0; n < commands; n++) {
                            out.write(("INCR " + key + "\r\n").getBytes(US_ASCII));
                        }
                        out.flush();
                        readLine(in);
                        String last = null;
                        for (int n = 0; n < commands; n++) {
                            last = readLine(in);
                        }
                        return last;
                    }
                }));
            }
            for (Future<String> last : lastReplies) {
                assertThat(last.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(":" + commands);
            }
        }
        await().atMost(DEADLINE).until(() -> proxy.stats().currentConnections() == 0);
    }

    @Test
    void closeConnectionsToTheBackendMakesRedisClientsReconnect() throws Exception {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "PING")).isEqualTo("+PONG");

            assertThat(proxy.closeConnectionsTo(redis.address())).isEqualTo(1);

            assertThat(before.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket after = connect()) {
            assertThat(roundTrip(after, "PING")).isEqualTo("+PONG");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(proxy.localAddress().getAddress(), proxy.localAddress().getPort());
        socket.setSoTimeout((int) DEADLINE.toMillis());
        return socket;
    }

    private static String roundTrip(Socket socket, String inlineCommand) throws IOException {
        socket.getOutputStream().write((inlineCommand + "\r\n").getBytes(US_ASCII));
        return readLine(socket.getInputStream());
    }

    /** One CRLF-terminated RESP line, without the CRLF. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\r'; ) {
            if (c < 0) {
                throw new IOException("EOF after '" + line + "'");
            }
            line.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("CR without LF after '" + line + "'");
        }
        return line.toString();
    }
}
