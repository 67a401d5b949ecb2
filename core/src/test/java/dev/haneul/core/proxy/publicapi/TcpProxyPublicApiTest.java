package dev.haneul.core.proxy.publicapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.LeakDetectionExtension;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.TcpProxy;
import dev.haneul.core.proxy.TcpProxyStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compiles only against the public surface, from another package, the way the RDS and ElastiCache
 * data planes will use it: if this stops compiling, their code does too.
 */
@ExtendWith(LeakDetectionExtension.class)
class TcpProxyPublicApiTest {

    @Test
    void anEndpointAsAServiceWouldRunIt() throws Exception {
        List<InetSocketAddress> replicas = List.of(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2));
        BackendSelector leastConnections = (client, local, stats) -> replicas.stream()
                .min(Comparator.comparingInt(stats::currentConnections));

        try (EventLoopRuntime runtime = EventLoopRuntime.builder().threads(1).build();
             TcpProxy reader = TcpProxy.builder(runtime)
                     .name("rds/cluster-1/reader")
                     .bindAddress("127.0.0.1", 0)
                     .backendSelector(leastConnections)
                     .connectTimeout(Duration.ofSeconds(2))
                     .idleTimeout(Duration.ofHours(8))
                     .start()) {
            TcpProxyStats stats = reader.stats();
            Map<InetSocketAddress, Integer> byBackend = stats.currentConnectionsByBackend();

            assertThat(reader.name()).isEqualTo("rds/cluster-1/reader");
            assertThat(reader.localAddress().getPort()).isPositive();
            assertThat(reader.isOpen()).isTrue();
            assertThat(byBackend).isEmpty();
            assertThat(stats.totalConnections() + stats.currentConnections() + stats.refusedConnections()
                    + stats.failedConnects() + stats.bytesIn() + stats.bytesOut()).isZero();
            assertThat(reader.closeConnectionsTo(replicas.get(0))).isZero();
        }
    }
}
