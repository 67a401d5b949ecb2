package dev.haneul.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The smallest web app: answers every path, {@code /health} included, on {@code HELLO_PORT} with
 * {@code HELLO_GREETING from HELLO_NAME}.
 */
public final class HelloApp {

    private HelloApp() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("HELLO_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", exchange -> {
            byte[] body = (System.getenv().getOrDefault("HELLO_GREETING", "hello") + " from "
                    + System.getenv().getOrDefault("HELLO_NAME", "?")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
