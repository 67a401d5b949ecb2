package dev.haneul.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The executable jar as the demo runs it: {@code java -jar board.jar}, configured by environment
 * variables alone, logging one line per page, stopping on SIGTERM.
 */
@ExtendWith(Backends.Extension.class)
class BoardJarIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void theJarRunsFromEnvironmentVariables(Backends backends) throws Exception {
        Path jar = Path.of(System.getProperty("board.jar", "target/board.jar"));
        assertThat(jar).as("run through Maven's verify, after package").exists();
        Path log = Files.createTempFile(Path.of("target"), "board-jar-", ".log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(backends.boardSettings());
        env.put("BOARD_INSTANCE_NAME", "jar-1");
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", Integer.toString(port));
        Process board = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            Browser browser = new Browser();
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> browser.get(base, "/health").status() == 200);

            Browser.Page posts = browser.login(base, "alice");
            assertThat(posts.body()).contains("Served by <strong class=\"instance\">jar-1</strong>",
                    "Read from <strong class=\"db\">db-reader</strong>");

            String output = Files.readString(log);
            assertThat(output).contains("Writes through 127.0.0.1:" + backends.writer().port(),
                    "reads through 127.0.0.1:" + backends.reader().port(), "jar-1 - POST /login 302",
                    "jar-1 - GET / 200").doesNotContain("ERROR");
            assertThat(output.lines().filter(line -> line.contains("/health"))).as("health checks stay quiet").isEmpty();
        } finally {
            board.destroy();
            assertThat(board.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
