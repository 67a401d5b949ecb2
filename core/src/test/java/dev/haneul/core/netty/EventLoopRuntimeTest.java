package dev.haneul.core.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(LeakDetectionExtension.class)
class EventLoopRuntimeTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void prefersEpollOnLinux() {
        assertThat(Transport.best()).isEqualTo(Transport.EPOLL);
        try (EventLoopRuntime runtime = EventLoopRuntime.create()) {
            assertThat(runtime.transport()).isEqualTo(Transport.EPOLL);
            assertThat(runtime.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(runtime.allocator()).isSameAs(PooledByteBufAllocator.DEFAULT);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theTransportPropertyPicksIoUringOnlyWhenAskedFor() {
        String before = System.getProperty(Transport.PROPERTY);
        try {
            System.clearProperty(Transport.PROPERTY);
            assertThat(Transport.configured()).isEqualTo(Transport.EPOLL);
            System.setProperty(Transport.PROPERTY, "io_uring");
            assertThat(Transport.configured()).isEqualTo(Transport.IO_URING.isAvailable() ? Transport.IO_URING
                    : Transport.EPOLL);
            System.setProperty(Transport.PROPERTY, "nio");
            assertThat(Transport.configured()).isEqualTo(Transport.NIO);
            System.setProperty(Transport.PROPERTY, "carrier-pigeon");
            assertThat(Transport.configured()).as("unknown: the best one, with a warning").isEqualTo(Transport.EPOLL);
        } finally {
            if (before == null) {
                System.clearProperty(Transport.PROPERTY);
            } else {
                System.setProperty(Transport.PROPERTY, before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serverAndClientBootstrapsTalkOverLoopback(Transport transport) throws Exception {
        Assumptions.assumeTrue(transport.isAvailable(),
                transport + " does not load on this machine (epoll and io_uring are Linux only)");
        try (EventLoopRuntime runtime = EventLoopRuntime.builder().transport(transport).threads(2).build()) {
            Channel server = runtime.serverBootstrap()
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            assertThat(server.config().getOption(ChannelOption.SO_REUSEADDR)).isTrue();
            try (Socket socket = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            } finally {
                server.close().sync();
            }
        }
    }

    @Test
    void clientChannelsLandOnTheGivenLoopWithNoDelay() throws Exception {
        try (EventLoopRuntime runtime = EventLoopRuntime.builder().threads(2).build();
             ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EventLoop loop = runtime.group().next();
            Channel channel = runtime.bootstrap(loop)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(listener.getLocalSocketAddress()).sync().channel();
            try (Socket ignored = listener.accept()) {
                assertThat(channel.eventLoop()).isSameAs(loop);
                assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
                assertThat(channel).isInstanceOf(runtime.transport().socketChannelType());
            } finally {
                channel.close().sync();
            }
        }
    }

    @Test
    void rejectsALoopOfAnotherRuntime() {
        try (EventLoopRuntime runtime = EventLoopRuntime.builder().threads(1).build();
             EventLoopRuntime other = EventLoopRuntime.builder().threads(1).build()) {
            assertThatThrownBy(() -> runtime.bootstrap(other.group().next()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("eventLoop: ");
        }
    }

    @Test
    void closeFromItsOwnLoopIsRefusedAndFromOutsideStopsTheThreads() throws Exception {
        EventLoopRuntime runtime = EventLoopRuntime.builder().threads(1).threadNamePrefix("rt-test").build();
        CompletableFuture<Throwable> fromLoop = new CompletableFuture<>();
        runtime.group().execute(() -> {
            assertThat(Thread.currentThread().getName()).startsWith("rt-test-");
            assertThat(runtime.inEventLoop()).isTrue();
            try {
                runtime.close();
                fromLoop.complete(null);
            } catch (IllegalStateException e) {
                fromLoop.complete(e);
            }
        });
        assertThat(fromLoop.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("own I/O thread");
        assertThat(runtime.inEventLoop()).isFalse();

        runtime.close();

        assertThat(runtime.isShutdown()).isTrue();
        assertThat(runtime.group().isTerminated()).isTrue();
    }

    @Test
    void argumentMessagesNameTheField() {
        EventLoopRuntimeBuilder builder = EventLoopRuntime.builder();
        assertThatThrownBy(() -> builder.threads(0)).hasMessage("threads: 0 (expected: > 0)");
        assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ZERO)).hasMessage("shutdownTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> builder.shutdownQuietPeriod(Duration.ofSeconds(-1)))
                .hasMessage("shutdownQuietPeriod: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> builder.threadNamePrefix(" ")).hasMessage("threadNamePrefix: ' ' (expected: not blank)");
        assertThatThrownBy(() -> builder.shutdownQuietPeriod(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("shutdownQuietPeriod: PT10S (expected: <= shutdownTimeout");
    }
}
