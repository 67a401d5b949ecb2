package dev.haneul.core.proxy;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, in a temporary directory, no
 * persistence. The binary is the one on the PATH or in /usr/bin, else the Linux build inside the
 * {@code embedded-redis} artifact that core already depends on.
 */
final class RedisServer implements AutoCloseable {

    private static final String BUNDLED = "/redis-server-6.2.6-v5-linux-amd64";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final InetSocketAddress address;

    RedisServer(Path workDir) throws IOException {
        Path binary = binary(workDir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        address = new InetSocketAddress("127.0.0.1", port);
        process = new ProcessBuilder(List.of(binary.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no", "--dir", workDir.toString(), "--logfile", "redis.log"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.out").toFile())
                .start();
        await("redis-server on " + address).atMost(READY_TIMEOUT).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(workDir.resolve("redis.out")));
            }
            return ping();
        });
    }

    InetSocketAddress address() {
        return address;
    }

    private boolean ping() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

    private static Path binary(Path workDir) throws IOException {
        Optional<Path> installed = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> Arrays.stream(path.split(File.pathSeparator)))
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Optional.of(Path.of("/usr/bin/redis-server")).filter(Files::isExecutable));
        if (installed.isPresent()) {
            return installed.get();
        }
        Path extracted = workDir.resolve("redis-server");
        try (InputStream in = RedisServer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no " + BUNDLED + " on the class path");
            }
            Files.copy(in, extracted, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!extracted.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + extracted + " executable");
        }
        return extracted;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
