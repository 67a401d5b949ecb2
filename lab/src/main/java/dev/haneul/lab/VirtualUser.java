package dev.haneul.lab;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One simulated user: a name, a cookie jar and a source address, talking to one listener. */
final class VirtualUser {

    final String name;
    private final @Nullable InetAddress from;
    private final String host;
    private final int port;
    private final Map<String, String> cookies = new HashMap<>();

    VirtualUser(String name, @Nullable InetAddress from, String host, int port) {
        this.name = name;
        this.from = from;
        this.host = host;
        this.port = port;
    }

    /** Logs in (the password is the user name); the session cookie lands in the jar. */
    WebClient.Response login() {
        return WebClient.send(from, host, port, "POST", "/login", cookies, "username=" + name + "&password=" + name);
    }

    /** {@code GET /api/me}: 200 while logged in, 401 once the session is gone. */
    WebClient.Response me() {
        return WebClient.send(from, host, port, "GET", "/api/me", cookies, null);
    }

    WebClient.Response get(String path) {
        return WebClient.send(from, host, port, "GET", path, cookies, null);
    }
}
