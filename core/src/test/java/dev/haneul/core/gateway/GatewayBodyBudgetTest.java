package dev.haneul.core.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many clients holding large request bodies open cannot make the gateway buffer them all: 50
 * connections each send 15 MiB of a body they never finish. Only what fits the shared budget is
 * buffered; the others are answered 503 at once and their bytes are dropped as they arrive. The
 * memory the gateway's buffers take stays within the budget, and it all comes back when the
 * clients go.
 */
class GatewayBodyBudgetTest {

    private static final Logger log = LoggerFactory.getLogger(GatewayBodyBudgetTest.class);
    private static final int CONNECTIONS = 50;
    private static final int BODY_BYTES = 15 * 1024 * 1024;
    private static final long BUDGET = GatewayServer.DEFAULT_BODY_BUDGET_BYTES;

    @Test
    void manyLargeBodiesHeldOpenStayWithinTheBudget() throws Exception {
        try (EventLoopRuntime runtime = EventLoopRuntime.create();
             GatewayServer server = shop(runtime)) {
            ByteBufAllocatorMetric buffers = ((ByteBufAllocatorMetricProvider) runtime.allocator()).metric();
            long heapBefore = heapAfterGc();
            int port = server.localAddress().getPort();
            List<Socket> sockets = new ArrayList<>();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    sockets.add(socket);
                    sent.add(senders.submit(() -> sendAllButTheLastByte(socket, port)));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            }
            long heapDuring = heapAfterGc();
            long buffered = buffers.usedDirectMemory() + buffers.usedHeapMemory();
            int refused = 0;
            for (Socket socket : sockets) {
                refused += answered503(socket) ? 1 : 0;
            }
            log.info("gateway - {} connections x {} MiB held open: {} answered 503, {} MiB reserved, {} MiB in Netty's"
                            + " buffers, heap +{} MiB", CONNECTIONS, BODY_BYTES >> 20, refused,
                    server.bodyBytesInUse() >> 20, buffered >> 20, (heapDuring - heapBefore) >> 20);

            assertThat(server.bodyBytesInUse()).isLessThanOrEqualTo(BUDGET);
            assertThat(refused).as("those that did not fit").isGreaterThanOrEqualTo(CONNECTIONS - (int) (BUDGET / (BODY_BYTES + 1)));
            assertThat(buffered).as("Netty's buffers").isLessThanOrEqualTo(BUDGET + 32L * 1024 * 1024);
            assertThat(heapDuring - heapBefore).as("heap growth").isLessThan(128L * 1024 * 1024);

            for (Socket socket : sockets) {
                socket.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.bodyBytesInUse() == 0);
            RawHttpClient.Answer after = new RawHttpClient(port).postForm("shop", "Action=Ping&Version=2024-01-01");
            assertThat(after.status()).as("the gateway still serves").isEqualTo(200);
        }
    }

    /**
     * Bodies of unknown length (chunked) reserve what has arrived, not the largest body each: 20
     * of them held open at 1 MiB fit together (reserving 16 MiB each, only four did), and one that
     * grows past what is left of the budget is answered 503 part way.
     */
    @Test
    void chunkedBodiesReserveWhatHasArrived() throws Exception {
        int open = 20;
        int each = 1024 * 1024;
        try (EventLoopRuntime runtime = EventLoopRuntime.create();
             GatewayServer server = shop(runtime)) {
            int port = server.localAddress().getPort();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < open; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    sockets.add(socket);
                    sendChunked(socket, port, each);
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> server.bodyBytesInUse() == (long) open * each);
                for (Socket socket : sockets) {
                    assertThat(answered503(socket)).as("a body that fits is not refused").isFalse();
                }
                // Three more of 15 MiB (under the 16 MiB limit): the third no longer fits part way.
                List<Socket> large = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    sockets.add(socket);
                    large.add(socket);
                    sendChunked(socket, port, 15 * each);
                }
                assertThat(answered503(large.get(0))).isFalse();
                assertThat(answered503(large.get(1))).isFalse();
                assertThat(answered503(large.get(2))).as("the body that outgrew the budget").isTrue();
                assertThat(server.bodyBytesInUse()).isLessThanOrEqualTo(BUDGET);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.bodyBytesInUse() == 0);
        }
    }

    /** A gateway with the default body budget in front of a query service. */
    private static GatewayServer shop(EventLoopRuntime runtime) throws Exception {
        return GatewayServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .runtime(runtime)
                .dispatcher(new ApiDispatcher(new ServiceRegistry(List.of(GatewayGuardTest.provider("shop",
                        GatewayGuardTest.SHOP))), new SigV4Signing(Map.of(), Clock.systemUTC(), false),
                        "000000000000", "us-east-1", "test"))
                .bind();
    }

    /** The head of a chunked form POST and {@code bytes} of body in 64 KiB chunks, never the last chunk. */
    private static void sendChunked(Socket socket, int port, int bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(ISO_8859_1));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(ISO_8859_1);
        byte[] end = "\r\n".getBytes(ISO_8859_1);
        try {
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(size);
                out.write(chunk);
                out.write(end);
            }
            out.flush();
        } catch (IOException e) {
            // The server stopped reading (refused and closed): what it answered is read next.
        }
    }

    /** A form POST announcing one byte more than it sends, so the request is never complete. */
    private static Void sendAllButTheLastByte(Socket socket, int port) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/shop/aws4_request,"
                + " SignedHeaders=host, Signature=" + "0".repeat(64) + "\r\nX-Amz-Date: 20260101T000000Z\r\n"
                + "Content-Length: " + (BODY_BYTES + 1) + "\r\n\r\n").getBytes(ISO_8859_1));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        for (int sent = 0; sent < BODY_BYTES; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, BODY_BYTES - sent));
        }
        out.flush();
        return null;
    }

    private static boolean answered503(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        byte[] status = new byte[12];
        try {
            int read = in.readNBytes(status, 0, status.length);
            return read == status.length && new String(status, ISO_8859_1).equals("HTTP/1.1 503");
        } catch (SocketTimeoutException e) {
            return false; // still being received: it fitted
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
