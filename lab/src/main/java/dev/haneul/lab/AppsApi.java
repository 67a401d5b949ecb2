package dev.haneul.lab;

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

/**
 * The server's {@code /_haneul/api/apps} API: app instances the server runs and supervises. Every
 * call carries the server's token, from {@code server.token} in its data dir.
 */
final class AppsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String token;

    AppsApi(HttpClient http, URI endpoint, Path dataDir) throws IOException {
        this.http = http;
        this.base = endpoint.resolve("/_haneul/api/apps/");
        Path file = dataDir.resolve("server.token");
        try {
            this.token = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IOException("cannot read the server's token " + file + " (" + e.getMessage()
                    + "); run the lab as the user who started Haneul", e);
        }
    }

    /**
     * Registers and starts an app of the server's catalogue ({@code kind}, such as
     * {@code session-app}); returns once it answers its health check.
     */
    JsonNode put(String name, String kind, int port, Map<String, String> parameters)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("port", port);
        body.put("parameters", parameters);
        return call("PUT", name, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }

    /** SIGKILL, as a crashed server; it stays down. */
    JsonNode kill(String name) throws IOException, InterruptedException {
        return call("POST", name + "/kill", HttpRequest.BodyPublishers.noBody());
    }

    void delete(String name) throws IOException, InterruptedException {
        call("DELETE", name, HttpRequest.BodyPublishers.noBody());
    }

    List<String> names() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        call("GET", "", HttpRequest.BodyPublishers.noBody()).forEach(app -> names.add(app.path("name").asText()));
        return names;
    }

    private JsonNode call(String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .header("X-Haneul-Token", token).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " /_haneul/api/apps/" + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
