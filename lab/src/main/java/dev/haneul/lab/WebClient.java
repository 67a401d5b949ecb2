package dev.haneul.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}), from a
 * chosen local address. Why not {@code java.net.http.HttpClient}: a lab simulates a thousand users,
 * each from its own source address and with its own cookies, and one {@code HttpClient} per user
 * would cost a selector thread each.
 */
final class WebClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int READ_TIMEOUT_MILLIS = 5000;

    private WebClient() {}

    /** An answer; status 0 when there was none (refused, reset, timed out), with the reason. */
    record Response(int status, Map<String, String> setCookies, String instance, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    /**
     * @param from the local address to connect from, or {@code null} for the system's choice
     * @param cookies sent as {@code Cookie}; cookies the answer sets are put back into it
     */
    static Response send(@Nullable InetAddress from, String host, int port, String method, String path,
                         Map<String, String> cookies, @Nullable String formBody) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\nConnection: close\r\n");
            if (!cookies.isEmpty()) {
                request.append("Cookie: ");
                cookies.forEach((k, v) -> request.append(k).append('=').append(v).append("; "));
                request.setLength(request.length() - 2);
                request.append("\r\n");
            }
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            if (formBody != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream(), cookies);
        } catch (IOException e) {
            return new Response(0, Map.of(), "-", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Response parse(InputStream in, Map<String, String> cookies) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head (" + text.length() + " bytes)");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> set = new LinkedHashMap<>();
        String instance = "-";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("set-cookie")) {
                String[] kv = value.split(";", 2)[0].split("=", 2);
                if (kv.length == 2) {
                    set.put(kv[0], kv[1]);
                    cookies.put(kv[0], kv[1]);
                }
            } else if (name.equals("x-instance")) {
                instance = value;
            }
        }
        return new Response(status, set, instance, text.substring(end + 4));
    }
}
