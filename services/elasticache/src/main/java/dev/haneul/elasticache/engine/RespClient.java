package dev.haneul.elasticache.engine;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A blocking RESP2 connection to one engine, for Haneul's own management commands ({@code INFO},
 * {@code REPLICAOF}, {@code CONFIG SET}, …): a few commands per failover or rotation, so a socket
 * and a hand-written reader are enough and no client library enters the server.
 *
 * <p>Replies map to Java as: simple string and bulk string to {@link String} (UTF-8), integer to
 * {@link Long}, array to {@link List}, null bulk/array to {@code null}; an error reply is thrown
 * as {@link RespError}. Not thread-safe: one owner at a time.
 */
final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; every read and the connect are bounded by {@code timeout}. */
    static RespClient connect(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            return new RespClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and returns its reply. */
    @Nullable Object call(String... args) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(bytes);
            frame.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(frame.toByteArray());
        out.flush();
        return read();
    }

    /** {@link #call} for a command answering a string (status or bulk). */
    @Nullable String callString(String... args) throws IOException {
        Object reply = call(args);
        if (reply != null && !(reply instanceof String)) {
            throw new IOException(args[0] + " answered " + reply + " (expected: a string)");
        }
        return (String) reply;
    }

    private @Nullable Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RespError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException("connection closed inside a bulk string");
                }
                readLine();
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(read());
                    } catch (RespError e) {
                        items.add(e);
                    }
                }
                yield items;
            }
            default -> throw new IOException("not a RESP reply: type byte " + type);
        };
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a reply");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("malformed RESP line");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An error reply, such as {@code WRONGPASS ...} or {@code LOADING ...}. */
    static final class RespError extends IOException {
        private static final long serialVersionUID = 1L;

        RespError(String message) {
            super(message);
        }

        /** The error's code, its first word ({@code ERR}, {@code WRONGPASS}, {@code NOAUTH}, …). */
        String code() {
            String message = String.valueOf(getMessage());
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }
    }
}
