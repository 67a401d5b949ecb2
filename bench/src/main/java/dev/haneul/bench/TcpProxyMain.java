package dev.haneul.bench;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.EventLoopRuntimeBuilder;
import dev.haneul.core.netty.Transport;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.TcpProxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link TcpProxy} standalone until SIGTERM/SIGINT, so that the shared peer scripts can
 * measure it as a third contender next to HAProxy and a direct connection.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.haneul.bench.TcpProxyMain \
 *     --listen 127.0.0.1:0 --backend 127.0.0.1:26379 [--port-file FILE] [--threads N] [--transport epoll|nio]
 * </pre>
 *
 * With {@code --listen HOST:0} the proxy picks a free port; {@code --port-file} receives it once
 * the proxy listens, which is how {@code bench/tcp-proxy-peers.sh} learns it. On exit it prints
 * the proxy's counters.
 */
public final class TcpProxyMain {

    private static final Logger logger = LoggerFactory.getLogger(TcpProxyMain.class);
    private static final String USAGE = "usage: TcpProxyMain --listen HOST:PORT --backend HOST:PORT "
            + "[--port-file FILE] [--threads N] [--transport epoll|nio] [--name NAME]";

    private TcpProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress listen = null;
        InetSocketAddress backend = null;
        Path portFile = null;
        String name = "bench/tcp-proxy";
        EventLoopRuntimeBuilder runtimeBuilder = EventLoopRuntime.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw usage(option + ": missing value");
            }
            String value = args[++i];
            switch (option) {
                case "--listen" -> listen = hostPort(option, value);
                case "--backend" -> backend = hostPort(option, value);
                case "--port-file" -> portFile = Path.of(value);
                case "--threads" -> runtimeBuilder.threads(Integer.parseInt(value));
                case "--transport" -> runtimeBuilder.transport(Transport.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--name" -> name = value;
                default -> throw usage(option + ": unknown option");
            }
        }
        if (listen == null || backend == null) {
            throw usage("--listen and --backend are required");
        }

        EventLoopRuntime runtime = runtimeBuilder.build();
        TcpProxy proxy = TcpProxy.builder(runtime).name(name).bindAddress(listen)
                .backendSelector(BackendSelector.fixed(backend)).start();
        logger.info("{} - {} -> {} on {}", name, proxy.localAddress(), backend, runtime);
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, proxy.localAddress().getPort() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            logger.info("{} - stopping: {}", proxy.name(), proxy.stats());
            proxy.close();
            runtime.close();
            stopped.countDown();
        }, "tcp-proxy-main-shutdown"));
        stopped.await();
    }

    private static InetSocketAddress hostPort(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw usage(option + ": " + value + " (expected: HOST:PORT)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\n" + USAGE);
    }
}
