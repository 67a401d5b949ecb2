package dev.haneul.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's {@code /_haneul/api/apps} API: app instances the server runs and supervises. */
final class AppsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;

    AppsApi(HttpClient http, URI endpoint) {
        this.http = http;
        this.base = endpoint.resolve("/_haneul/api/apps/");
    }

    /** Registers and starts an app; returns once it answers its health check. */
    JsonNode put(String name, String jar, List<String> jvmOptions, Map<String, String> environment, int port,
                 String healthPath) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jar", jar);
        body.put("jvmOptions", jvmOptions);
        body.put("environment", environment);
        body.put("port", port);
        body.put("healthPath", healthPath);
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
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " /_haneul/api/apps/" + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
