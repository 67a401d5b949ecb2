package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListenerSocketsTest {

    private static EventLoopRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = EventLoopRuntime.builder().threads(2).build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** Records the loop each accepted connection is served on. */
    @ChannelHandler.Sharable
    private static final class LoopRecorder extends ChannelInboundHandlerAdapter {
        final Set<EventLoop> loops = ConcurrentHashMap.newKeySet();
        final Map<EventLoop, AtomicInteger> connections = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            loops.add(ctx.channel().eventLoop());
            connections.computeIfAbsent(ctx.channel().eventLoop(), loop -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            ctx.fireChannelActive();
        }
    }

    /** However the kernel spreads them, long-lived connections end up nearly even on the loops (18/14 at worst). */
    @Test
    void longConnectionsAreBalancedOverTheLoops() throws IOException {
        LoopRecorder recorder = new LoopRecorder();
        ListenerSockets sockets = ListenerSockets.bind(runtime, "127.0.0.1", 0, recorder);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                clients.add(new Socket("127.0.0.1", sockets.port()));
                int opened = i + 1;
                Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> recorder.total.get() == opened);
            }
            assertThat(recorder.connections.values()).extracting(AtomicInteger::get).allSatisfy(
                    count -> assertThat(count).isBetween(14, 18));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            sockets.close();
        }
    }

    /** Each loop accepts on its own socket (epoll) or is handed connections in turn (other transports). */
    @Test
    void connectionsAreServedOnEveryLoop() throws IOException {
        LoopRecorder recorder = new LoopRecorder();
        ListenerSockets sockets = ListenerSockets.bind(runtime, "127.0.0.1", 0, recorder);
        try {
            int expected = runtime.threads();
            for (int i = 0; i < 200 && recorder.loops.size() < expected; i++) {
                try (Socket client = new Socket("127.0.0.1", sockets.port())) {
                    client.getOutputStream().flush();
                }
            }
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> recorder.loops.size() == expected);
        } finally {
            sockets.close();
        }
    }

    @Test
    void aPortSomeoneListensOnIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> ListenerSockets.bind(runtime, "127.0.0.1", taken.getLocalPort(), new LoopRecorder()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aSecondListenerCannotJoinTheFirstOnesPort() throws IOException {
        ListenerSockets first = ListenerSockets.bind(runtime, "127.0.0.1", 0, new LoopRecorder());
        try {
            assertThatThrownBy(() -> ListenerSockets.bind(runtime, "127.0.0.1", first.port(), new LoopRecorder()))
                    .isInstanceOf(IOException.class);
        } finally {
            first.close();
        }
        ListenerSockets again = ListenerSockets.bind(runtime, "127.0.0.1", first.port(), new LoopRecorder());
        again.close();
    }

    @Test
    void closingStopsListening() throws IOException {
        ListenerSockets sockets = ListenerSockets.bind(runtime, "127.0.0.1", 0, new LoopRecorder());
        int port = sockets.port();
        sockets.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThat(port).isPositive();
    }
}
