package dev.haneul.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.netty.LeakDetectionExtension;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The refusal paths of {@link ConnectHandler}, without sockets: none of them may read from the client. */
@ExtendWith(LeakDetectionExtension.class)
class ConnectHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress ENDPOINT = new InetSocketAddress("127.10.0.2", 3306);

    /** Never connects anything: every case here refuses before a connect. */
    private static final Bootstrap NO_BOOTSTRAP = new Bootstrap();

    private final ConnectionTracker tracker = new ConnectionTracker();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("empty", (BackendSelector) (client, local, stats) -> Optional.empty()),
                Arguments.of("null", (BackendSelector) (client, local, stats) -> null),
                Arguments.of("throws", (BackendSelector) (client, local, stats) -> {
                    throw new IllegalStateException("selector bug (expected by the test)");
                }),
                Arguments.of("unresolved", (BackendSelector) (client, local, stats) ->
                        Optional.of(InetSocketAddress.createUnresolved("db.internal", 3306))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedClientIsClosedUnread(String name, BackendSelector selector) {
        ReadCounter reads = new ReadCounter();
        ClientChannel client = new ClientChannel(reads, new ConnectHandler(settings(selector)));

        assertThat(client.isOpen()).isFalse();
        assertThat(reads.count).isZero();
        assertThat(tracker.refusedConnections()).isEqualTo(1);
        assertThat(tracker.totalConnections()).isEqualTo(1);
        assertThat(tracker.currentConnections()).isZero();
        assertThat(client.finish()).isFalse();
    }

    @Test
    void selectorSeesTheClientTheEndpointAndTheStats() {
        List<Object> seen = new ArrayList<>();
        BackendSelector selector = (client, local, stats) -> {
            seen.addAll(List.of(client, local, stats.currentConnections()));
            return Optional.empty();
        };

        new ClientChannel(new ConnectHandler(settings(selector))).finish();

        assertThat(seen).containsExactly(CLIENT, ENDPOINT, 1L);
    }

    @Test
    void aClosingProxyClosesNewClientsBeforeSelecting() {
        tracker.close();
        List<InetSocketAddress> selected = new ArrayList<>();
        BackendSelector selector = (client, local, stats) -> {
            selected.add(client);
            return Optional.of(ENDPOINT);
        };

        ClientChannel client = new ClientChannel(new ConnectHandler(settings(selector)));

        assertThat(client.isOpen()).isFalse();
        assertThat(selected).isEmpty();
    }

    private ProxySettings settings(BackendSelector selector) {
        return new ProxySettings("test/connect", selector, tracker, NO_BOOTSTRAP, null);
    }

    /** An embedded channel with the socket addresses and the AUTO_READ setting of an accepted proxy client. */
    private static final class ClientChannel extends EmbeddedChannel {
        ClientChannel(ChannelHandler... handlers) {
            super(false, false, handlers);
            config().setAutoRead(false);
            try {
                register();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return CLIENT;
        }

        @Override
        protected SocketAddress localAddress0() {
            return ENDPOINT;
        }
    }
}
