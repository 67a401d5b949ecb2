package dev.haneul.core.engine;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the first packet a MySQL-protocol server sends on a new connection, without a driver:
 * the readiness probe of {@link MariaDbServer}.
 *
 * <p>A packet is a 3-byte little-endian payload length, a sequence byte, then the payload. The
 * greeting (Protocol::HandshakeV10) starts with the protocol version {@code 0x0a} followed by the
 * NUL-terminated server version. A server that refuses the connection (host blocked, too many
 * connections) sends an error packet instead: {@code 0xff}, a 2-byte error code, a message.
 *
 * <p>Trap: mariadbd accepts TCP connections into its backlog before it is ready and only greets
 * them once it is, so the read timeout, not the connect, is what bounds a probe.
 */
final class MySqlGreeting {

    private static final int PROTOCOL_V10 = 0x0a;
    private static final int ERROR_PACKET = 0xff;
    private static final int MAX_GREETING = 1024;

    private MySqlGreeting() {
    }

    /**
     * Connects, reads the greeting and closes.
     *
     * @return the server version from the greeting, such as {@code 11.4.5-MariaDB}
     * @throws IOException when nothing answers in time, or the answer is not a v10 greeting
     */
    static String read(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            in.readUnsignedByte(); // sequence id
            if (length < 1 || length > MAX_GREETING) {
                throw new IOException("%s:%d sent a %d-byte first packet (expected: a greeting)".formatted(host, port, length));
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            int kind = payload[0] & 0xff;
            if (kind == ERROR_PACKET && length >= 3) {
                int code = (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
                String message = new String(payload, 3, length - 3, StandardCharsets.UTF_8);
                throw new IOException("%s:%d refused the connection: error %d %s".formatted(host, port, code, message));
            }
            if (kind != PROTOCOL_V10) {
                throw new IOException("%s:%d sent protocol %d (expected: 10)".formatted(host, port, kind));
            }
            int end = 1;
            while (end < length && payload[end] != 0) {
                end++;
            }
            return new String(payload, 1, end - 1, StandardCharsets.UTF_8);
        } catch (EOFException e) {
            throw new IOException("%s:%d closed the connection before greeting".formatted(host, port), e);
        }
    }
}
