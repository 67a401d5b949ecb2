package dev.haneul.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends {@code PING} over a plain socket and reads the one-line answer: the readiness probe of
 * {@link RedisServer}, no client library needed. A server with {@code requirepass} answers
 * {@code -NOAUTH ...}, which still proves it serves; one loading its dataset answers
 * {@code -LOADING ...}, which does not.
 */
final class RedisPing {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 512;

    private RedisPing() {
    }

    /** The first line of the answer to {@code PING}, without the CRLF: {@code +PONG}, {@code -NOAUTH ...}. */
    static String ping(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(PING);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n' && line.size() < MAX_LINE) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b == -1 && line.size() == 0) {
                throw new IOException("%s:%d closed the connection without answering PING".formatted(host, port));
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a {@code PING} answer means the server is up and serving. */
    static boolean isServing(String answer) {
        return answer.equals("+PONG") || answer.startsWith("-NOAUTH");
    }
}
