package dev.haneul.lab.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * A minimal Redis client: RESP2 over a pool of plain sockets, for simple string, integer, error and
 * bulk string replies. A connection that fails is closed and never reused, so the first request after
 * a failover dials the endpoint again and reaches whatever is behind it now. Timeouts: connect 1 s,
 * reply 1 s.
 */
final class RespConnections {

    private static final int TIMEOUT_MILLIS = 1000;

    private final String host;
    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    RespConnections(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends one command; returns a bulk or simple string reply ({@code null} for a nil). */
    @Nullable String call(String... command) throws IOException {
        Connection connection = idle.poll();
        if (connection == null) {
            connection = new Connection(host, port);
        }
        try {
            String reply = connection.call(command);
            idle.add(connection);
            return reply;
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    private static final class Connection {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        @Nullable String call(String... command) throws IOException {
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            int type = in.read();
            String line = line();
            return switch (type) {
                case '+', ':' -> line;
                case '-' -> throw new IOException("Redis answered " + line);
                case '$' -> bulk(Integer.parseInt(line));
                case -1 -> throw new EOFException("Redis closed the connection");
                default -> throw new IOException("unexpected Redis reply type " + (char) type);
            };
        }

        private @Nullable String bulk(int length) throws IOException {
            if (length < 0) {
                return null;
            }
            byte[] bytes = in.readNBytes(length + 2);
            if (bytes.length < length + 2) {
                throw new EOFException("Redis closed the connection mid-reply");
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("Redis closed the connection mid-reply");
                }
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing to do
            }
        }
    }
}
