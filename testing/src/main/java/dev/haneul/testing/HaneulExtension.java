package dev.haneul.testing;

import dev.haneul.core.config.AuthMode;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.server.HaneulServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Runs a real Haneul server, in this JVM, for a test class: a temporary data dir (deleted after),
 * a free gateway port, and an endpoint address range of its own so test classes never share an
 * address. Engine binaries come from the shared cache, as for users.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HaneulExtension haneul = new HaneulExtension();
 *
 * StsClient sts = haneul.client(StsClient.builder());
 * AwsCliResult result = haneul.awsCli().run("sts", "get-caller-identity");
 * }</pre>
 */
public final class HaneulExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    // Set by beforeAll; null until then.
    private @Nullable Path dataDir;
    private @Nullable HaneulConfig config;
    private @Nullable HaneulServer server;

    public HaneulExtension() {}

    /** Sets a {@code HANEUL_*} variable for the server (before it starts). */
    public HaneulExtension with(String variable, String value) {
        settings.put(variable, value);
        return this;
    }

    /**
     * The clock the server's providers read (default: the system clock); pass a clock the test
     * moves, such as {@code dev.haneul.core.testing.MutableClock}, to make time-driven behaviour
     * (health checks, stickiness, drains) happen on demand.
     */
    public HaneulExtension clock(Clock providerClock) {
        this.clock = Objects.requireNonNull(providerClock, "providerClock");
        return this;
    }

    public HaneulExtension auth(AuthMode mode) {
        return with("HANEUL_AUTH", mode.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("haneul-test-");
        dataDir = dir;
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("HANEUL_") && !k.equals("HANEUL_CACHE_DIR"));
        env.put("HANEUL_PORT", "0");
        env.put("HANEUL_DATA_DIR", dir.toString());
        env.put("HANEUL_ADDRESS_RANGE", TestRanges.random().toString());
        env.putAll(settings);
        HaneulConfig settled = HaneulConfig.fromEnvironment(env, Path.of(System.getProperty("user.home")));
        HaneulServer started = HaneulServer.start(settled, clock);
        server = started;
        config = settled.withPort(started.gatewayAddress().getPort());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    /** Stops the server and starts a new one on the same data dir and port (state must survive). */
    public void restart() throws IOException {
        server().close();
        server = HaneulServer.start(config(), clock);
    }

    public HaneulServer server() {
        return started(server);
    }

    public HaneulConfig config() {
        return started(config);
    }

    public Path dataDir() {
        return started(dataDir);
    }

    private static <T> T started(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("the server has not started (register the extension on a static field)");
        }
        return value;
    }

    /**
     * The server's control token ({@code server.token} in the data dir), which the apps API and the
     * dashboard's actions want in {@code X-Haneul-Token}.
     */
    public String controlToken() throws IOException {
        return Files.readString(dataDir().resolve("server.token")).trim();
    }

    /** The gateway URL, for {@code --endpoint-url} and {@code endpointOverride}. */
    public URI endpoint() {
        return server().endpoint();
    }

    /** An AWS SDK client of any service, pointed at this server with the test credentials. */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The AWS CLI, pointed at this server. */
    public AwsCli awsCli() {
        return new AwsCli(endpoint());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
