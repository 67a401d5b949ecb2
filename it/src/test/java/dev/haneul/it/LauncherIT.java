package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./haneul} launcher as a user runs it: start in the background, status, the AWS CLI,
 * stop; idempotence; a taken port; a server killed with SIGKILL and started again.
 */
class LauncherIT {

    private static final Path HOME = Path.of(System.getProperty("haneul.home", "..")).toAbsolutePath().normalize();

    private Path dataDir;
    private int port;

    @BeforeEach
    void freshDataDirAndPort() throws IOException {
        dataDir = Files.createTempDirectory("haneul-launcher-");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopAndClean() throws Exception {
        haneul("stop");
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void startStatusAwsStop() throws Exception {
        Run start = haneul("start", "-d");
        assertThat(start.exit).as(start.output).isZero();
        assertThat(start.output).contains("is up at http://127.0.0.1:" + port);

        Run identity = haneul("aws", "sts", "get-caller-identity");
        assertThat(identity.exit).as(identity.output).isZero();
        assertThat(identity.output).contains("arn:aws:iam::000000000000:root");

        Run status = haneul("status");
        assertThat(status.exit).isZero();
        assertThat(status.output).contains("is up at").contains(dataDir.toString()).contains("sts");

        Run apps = haneul("app", "list");
        assertThat(apps.exit).as("the CLI reads the token from the data dir: " + apps.output).isZero();
        assertThat(apps.output).contains("No apps.");

        Run dashboard = haneul("dashboard");
        assertThat(dashboard.exit).as(dashboard.output).isZero();
        Matcher login = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/_haneul/login\\?ticket=\\S+")
                .matcher(dashboard.output);
        assertThat(login.find()).as(dashboard.output).isTrue();
        assertThat(followOnce(login.group())).as("a session, once").startsWith("303 /_haneul/ haneul-session=")
                .contains("HttpOnly").contains("SameSite=Strict");
        assertThat(followOnce(login.group())).as("used up").startsWith("303 /_haneul/?login=failed");

        Run again = haneul("start", "-d");
        assertThat(again.exit).isZero();
        assertThat(again.output).contains("already running");

        Run stop = haneul("stop");
        assertThat(stop.exit).isZero();
        assertThat(stop.output).contains("Haneul stopped");
        assertThat(haneul("stop").exit).isZero();
        assertThat(haneul("status").exit).isEqualTo(3);
    }

    @Test
    void aTakenPortIsReportedAndStartFails() throws Exception {
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            Run start = haneul("start", "-d");
            assertThat(start.exit).isEqualTo(1);
            assertThat(start.output).contains("port " + port).contains("in use");
        }
    }

    @Test
    void aDataDirThatCannotBeWrittenIsRefusedInOneLine() throws Exception {
        // A real fault that stops root too: state/ is a regular file.
        Files.writeString(dataDir.resolve("state"), "not a directory");
        for (List<String> start : List.of(List.of("start", "-d"), List.of("start"))) {
            Run run = haneul(start.toArray(String[]::new));
            assertThat(run.exit).as(run.output).isEqualTo(1);
            assertThat(run.output.strip().lines()).as(run.output).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("haneul: cannot start: data dir " + dataDir)
                    .contains(dataDir.resolve("state") + " is not a directory")
                    .contains("HANEUL_DATA_DIR"));
        }
        Path nested = dataDir.resolve("state").resolve("deeper");
        Run under = run(Map.of("HANEUL_DATA_DIR", nested.toString()), "start", "-d");
        assertThat(under.exit).as(under.output).isEqualTo(1);
        assertThat(under.output.strip().lines()).as(under.output).singleElement()
                .satisfies(line -> assertThat(line).startsWith("haneul: cannot start: data dir " + nested));
    }

    @Test
    void aServerKilledWithSigkillCanBeStartedAgain() throws Exception {
        assertThat(haneul("start", "-d").exit).isZero();
        JsonNode info = new ObjectMapper().readTree(dataDir.resolve("server.json").toFile());
        ProcessHandle server = ProcessHandle.of(info.path("pid").asLong()).orElseThrow();
        new ProcessBuilder("kill", "-KILL", Long.toString(server.pid())).start().waitFor();
        server.onExit().get(30, TimeUnit.SECONDS);

        assertThat(haneul("status").exit).isEqualTo(3);
        Run restart = haneul("start", "-d");
        assertThat(restart.exit).as(restart.output).isZero();
        assertThat(haneul("aws", "sts", "get-caller-identity").exit).isZero();
    }

    @Test
    void helpIsAvailableForEveryCommandAndBadSettingsNameTheVariable() throws Exception {
        for (String command : List.of("start", "stop", "status", "demo", "dashboard", "app", "lab", "aws", "test")) {
            Run help = haneul(command, "--help");
            assertThat(help.exit).as(command).isZero();
            assertThat(help.output).contains("Usage: haneul " + command);
        }
        Run bad = run(Map.of("HANEUL_ENDPOINT_MODE", "sideways"), "status");
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.output).contains("HANEUL_ENDPOINT_MODE").contains("addresses | ports");
    }

    private record Run(int exit, String output) {}

    /** GET {@code url} without following its redirect: "status location set-cookie". */
    private static String followOnce(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        try {
            return connection.getResponseCode() + " " + connection.getHeaderField("Location") + " "
                    + connection.getHeaderField("Set-Cookie");
        } finally {
            connection.disconnect();
        }
    }

    private Run haneul(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(HOME.resolve("haneul").toString()), Stream.of(args)).toList())
                .directory(HOME.toFile()).redirectErrorStream(true);
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.putIfAbsent("HANEUL_DATA_DIR", dataDir.toString());
        env.put("HANEUL_PORT", Integer.toString(port));
        env.putIfAbsent("HANEUL_ADDRESS_RANGE", "127.19.0.0/16");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
