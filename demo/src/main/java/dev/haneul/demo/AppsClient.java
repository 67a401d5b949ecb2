package dev.haneul.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A client of Haneul's apps API ({@code /_haneul/api/apps}), which runs the user's application
 * processes: register and start one ({@link #put}), start, stop, kill (SIGKILL, as a crash: it
 * stays down until started), list and remove. Starting waits on the server until the app answers
 * its health check, so those calls may take a minute.
 *
 * <p>Every call carries the server's token ({@value #TOKEN_HEADER}), read from {@value #TOKEN_FILE}
 * in the data dir that the server's health document names: only the user who runs the server can
 * read it.
 */
public final class AppsClient {

    /** How long a start may take: the server waits up to two minutes for a Spring Boot app. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The header the server's token goes in. */
    static final String TOKEN_HEADER = "X-Haneul-Token";
    /** The token's file in the server's data dir. */
    static final String TOKEN_FILE = "server.token";

    private final URI haneul;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile @Nullable String token;

    /** @param haneul the server's URL, such as {@code http://127.0.0.1:4566} */
    public AppsClient(URI haneul) {
        this.haneul = requireNonNull(haneul, "haneul");
        this.base = haneul.resolve("/_haneul/api/apps");
    }

    /** The server's token, read once from the data dir its health document names. */
    private String token() throws IOException, InterruptedException {
        String known = token;
        if (known == null) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(haneul.resolve("/_haneul/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Path file = Path.of(JSON.readTree(health.body()).path("dataDir").asText()).resolve(TOKEN_FILE);
            try {
                known = Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IOException("cannot read the server's token " + file + " (" + e.getMessage()
                        + "); run this as the user who started Haneul", e);
            }
            token = known;
        }
        return known;
    }

    /**
     * One app instance, as the server's catalogue launches it.
     *
     * @param kind the catalogue's kind, such as {@code board}
     * @param port the HTTP port it serves on 127.0.0.1
     * @param parameters the kind's parameters (the server checks each)
     */
    public record AppDefinition(String kind, int port, Map<String, String> parameters) {
        public AppDefinition {
            requireNonNull(kind, "kind");
            parameters = Map.copyOf(parameters);
        }
    }

    public List<AppStatus> list() throws IOException, InterruptedException {
        JsonNode apps = send("GET", "", null, Duration.ofSeconds(10));
        List<AppStatus> out = new ArrayList<>();
        for (JsonNode app : apps) {
            out.add(JSON.treeToValue(app, AppStatus.class));
        }
        return out;
    }

    public Optional<AppStatus> get(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("GET", "/" + name, null, Duration.ofSeconds(10));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(JSON.treeToValue(answer(response, "GET", name), AppStatus.class));
    }

    /** Registers {@code name} (replacing a different definition) and starts it; returns once it is healthy. */
    public AppStatus put(String name, AppDefinition definition) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", definition.kind());
        body.put("port", definition.port());
        body.put("parameters", new TreeMap<>(definition.parameters()));
        return status(send("PUT", "/" + name, JSON.writeValueAsString(body), START_TIMEOUT));
    }

    /** Starts a registered app; returns once it is healthy (at once when it runs already). */
    public AppStatus start(String name) throws IOException, InterruptedException {
        return status(send("POST", "/" + name + "/start", "", START_TIMEOUT));
    }

    /** Stops an app cleanly; it stays stopped until started. */
    public AppStatus stop(String name) throws IOException, InterruptedException {
        return status(send("POST", "/" + name + "/stop", "", Duration.ofMinutes(1)));
    }

    /** Kills an app with SIGKILL, as a crash; it stays down until started. */
    public AppStatus kill(String name) throws IOException, InterruptedException {
        return status(send("POST", "/" + name + "/kill", "", Duration.ofSeconds(30)));
    }

    /** Stops and forgets an app; nothing happens when there is none. */
    public void remove(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("DELETE", "/" + name, null, Duration.ofMinutes(1));
        if (response.statusCode() != 404) {
            answer(response, "DELETE", name);
        }
    }

    private static AppStatus status(JsonNode node) throws IOException {
        return JSON.treeToValue(node, AppStatus.class);
    }

    private JsonNode send(String method, String path, @Nullable String body, Duration timeout)
            throws IOException, InterruptedException {
        return answer(exchange(method, path, body, timeout), method, path);
    }

    private HttpResponse<String> exchange(String method, String path, @Nullable String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json").header(TOKEN_HEADER, token());
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode answer(HttpResponse<String> response, String method, String what) throws IOException {
        String text = response.body();
        JsonNode node = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("apps API " + method + " " + what + ": HTTP " + response.statusCode() + ": "
                    + node.path("message").asText(text));
        }
        return node;
    }
}
