package dev.haneul.core.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.haneul.core.auth.SigV4Signer;
import dev.haneul.core.auth.SignableRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket, so a test can send what {@code java.net.http} will
 * not (any Host, raw non-UTF-8 bytes, any method), and read the whole answer ({@code Connection:
 * close}). Public for the end-to-end tests of the local surfaces.
 */
public final class RawHttpClient {

    /** One answer: the status and everything after the status line. */
    public record Answer(int status, String text) {
        public String body() {
            int blank = text.indexOf("\r\n\r\n");
            return blank < 0 ? "" : text.substring(blank + 4);
        }

        public String header(String name) {
            for (String line : text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final int port;

    public RawHttpClient(int port) {
        this.port = port;
    }

    /** Sends {@code method target} with {@code headers} (Host included by the caller) and {@code body}. */
    public Answer send(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, target, headers, body.length));
            out.write(body);
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }

    /** Sends a request signed as an AWS SDK would (verification is the server's business). */
    public Answer sendSigned(String method, String target, String service, String region, List<Map.Entry<String, String>> headers,
                      byte[] body) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry("Host", "127.0.0.1:" + port));
        all.addAll(headers);
        SignableRequest signed = SigV4Signer.sign(SignableRequest.of(method, target, all, body), "test", "test", region,
                service, Instant.now());
        return send(method, target, signed.headers(), body);
    }

    /** A form POST of {@code form} to the query protocol, signed for {@code service}. */
    public Answer postForm(String service, String form) throws IOException {
        return sendSigned("POST", "/", service, "us-east-1",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")), form.getBytes(UTF_8));
    }

    static byte[] head(String method, String target, List<Map.Entry<String, String>> headers, long contentLength) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(ISO_8859_1));
        boolean hasLength = false;
        for (Map.Entry<String, String> header : headers) {
            hasLength |= header.getKey().equalsIgnoreCase("Content-Length");
            head.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(ISO_8859_1));
        }
        if (!hasLength && contentLength > 0) {
            head.writeBytes(("Content-Length: " + contentLength + "\r\n").getBytes(ISO_8859_1));
        }
        head.writeBytes("Connection: close\r\n\r\n".getBytes(ISO_8859_1));
        return head.toByteArray();
    }
}
