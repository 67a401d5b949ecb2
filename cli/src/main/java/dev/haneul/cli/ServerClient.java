package dev.haneul.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.server.ServerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a running server of a data dir and reads its health over HTTP. */
final class ServerClient {


    private final HaneulConfig config;

    ServerClient(HaneulConfig config) {
        this.config = config;
    }

    /** The port of the data dir's server as it published it, else the configured one. */
    int port() {
        return info().map(i -> i.path("port").asInt(config.port())).orElse(config.port());
    }

    /** {@code server.json} of the data dir, if a server wrote one. */
    Optional<JsonNode> info() {
        Path file = config.dataDir().resolve(ServerInfo.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The health document of whatever answers on {@code port}, if anything does. Plain
     * {@link HttpURLConnection}: {@code java.net.http.HttpClient} costs a selector thread and TLS
     * set-up that a one-shot local call does not need (half a second of a CLI command).
     */
    Optional<JsonNode> health(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/_haneul/health")
                    .toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                if (connection.getResponseCode() != 200) {
                    return Optional.empty();
                }
                try (InputStream in = connection.getInputStream()) {
                    return Optional.of(Json.MAPPER.readTree(in));
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The health of this data dir's server, if it is up. */
    Optional<JsonNode> health() {
        return health(port()).filter(this::isOurs);
    }

    /** Whether a health document comes from the server of this data dir. */
    boolean isOurs(JsonNode health) {
        return Path.of(health.path("dataDir").asText("")).toAbsolutePath().normalize()
                .equals(config.dataDir().toAbsolutePath().normalize());
    }

    /**
     * Prepares JSON reading (Jackson's set-up costs some 150 ms in a fresh JVM), so that a command
     * can do it while it waits for something else, such as a server starting.
     */
    static void warmUp() {
        try {
            Json.MAPPER.readTree("{\"warm\":[1,\"up\"]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code json} as a tree (for the start-up cache's training run). */
    static JsonNode parse(String json) throws IOException {
        return Json.MAPPER.readTree(json);
    }

    /** Created on first use: commands that find no server never pay for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
