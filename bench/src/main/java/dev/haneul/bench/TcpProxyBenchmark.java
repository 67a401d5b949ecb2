package dev.haneul.bench;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trips through {@link TcpProxy} to an echo backend over real loopback sockets, against the
 * same round trips straight to the backend ({@code path=direct}, the baseline). Each operation
 * writes {@code payloadSize} bytes and reads them back on one blocking client socket per JMH
 * thread: small payloads measure the latency the proxy adds, large ones its throughput (bytes per
 * second = ops/s x payloadSize). The proxy and the backend run on separate runtimes of
 * {@code proxyThreads} and one I/O thread.
 *
 * <p>Run (from the repository root; 2-core machines are noisy, compare only within one run):
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main TcpProxyBenchmark
 * # e.g. one size, four client threads:  ... org.openjdk.jmh.Main TcpProxyBenchmark -p payloadSize=16384 -t 4
 * </pre>
 */
@State(Scope.Benchmark)
public class TcpProxyBenchmark extends AbstractBenchmark {

    @Param({"direct", "proxy"})
    public String path;

    @Param({"64", "16384", "1048576"})
    public int payloadSize;

    @Param({"1"})
    public int proxyThreads;

    private EventLoopRuntime backendRuntime;
    private @Nullable EventLoopRuntime proxyRuntime; // only for the proxy path
    private EchoBackend backend;
    private @Nullable TcpProxy proxy;
    private InetSocketAddress target;

    @Setup(Level.Trial)
    public void start() throws Exception {
        backendRuntime = EventLoopRuntime.builder().threads(1).threadNamePrefix("bench-backend").build();
        backend = new EchoBackend(backendRuntime, new InetSocketAddress("127.0.0.1", 0));
        if (path.equals("proxy")) {
            proxyRuntime = EventLoopRuntime.builder().threads(proxyThreads).threadNamePrefix("bench-proxy").build();
            proxy = TcpProxy.builder(proxyRuntime).name("bench/proxy").bindAddress("127.0.0.1", 0)
                    .backendSelector(BackendSelector.fixed(backend.address())).start();
            target = proxy.localAddress();
        } else if (path.equals("direct")) {
            target = backend.address();
        } else {
            throw new IllegalArgumentException("path: " + path + " (expected: direct or proxy)");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (proxyRuntime != null) {
            proxyRuntime.close();
        }
        backend.close();
        backendRuntime.close();
    }

    /** One client connection per JMH thread, with its precomputed payload. */
    @State(Scope.Thread)
    public static class Client {
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private byte[] payload;
        private byte[] received;

        @Setup(Level.Trial)
        public void connect(TcpProxyBenchmark benchmark) throws IOException {
            payload = new byte[benchmark.payloadSize];
            new SplittableRandom(benchmark.payloadSize).nextBytes(payload);
            received = new byte[benchmark.payloadSize];
            socket = new Socket(benchmark.target.getAddress(), benchmark.target.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        @TearDown(Level.Trial)
        public void disconnect() throws IOException {
            socket.close();
        }
    }

    @Benchmark
    public byte[] roundTrip(Client client) throws IOException {
        client.out.write(client.payload);
        int n = client.in.readNBytes(client.received, 0, client.received.length);
        if (n != client.received.length) {
            throw new IOException("EOF after " + n + " of " + client.received.length + " bytes");
        }
        return client.received;
    }
}
