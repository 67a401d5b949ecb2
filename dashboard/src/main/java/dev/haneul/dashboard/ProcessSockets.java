package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which TCP connections each of a set of processes holds, read from Linux's {@code /proc}: the
 * socket inodes of a process are the targets of its {@code /proc/<pid>/fd/*} links
 * ({@code socket:[12345]}), and {@code /proc/net/tcp} and {@code /proc/net/tcp6} list every TCP
 * socket of the network namespace with its inode, addresses and state. Joining the two says, for
 * example, that board-1 holds three connections to the reader endpoint {@code 127.10.0.2:3306},
 * which no counter inside Haneul can know (the endpoint only sees loopback client ports).
 *
 * <p>The traps: addresses are hexadecimal in host byte order, per 32-bit word (so
 * {@code 0100007F} is 127.0.0.1, and an IPv6 address is four such words); a JVM's sockets are
 * usually IPv6 sockets, so its IPv4 connections appear in {@code tcp6} as IPv4-mapped addresses
 * ({@code ::ffff:127.10.0.2}), which {@link InetAddress#getByAddress(byte[])} turns back into IPv4.
 * A process that exits, or a socket that closes, while this reads is skipped, not an error.
 * Elsewhere than Linux (no {@code /proc/net/tcp}) every process holds nothing.
 */
final class ProcessSockets {

    /** {@code TCP_ESTABLISHED} in {@code include/net/tcp_states.h}. */
    static final int ESTABLISHED = 1;

    private final Path proc;

    /** @param proc the proc file system's root, {@code /proc} (a directory shaped like it in tests) */
    ProcessSockets(Path proc) {
        this.proc = requireNonNull(proc, "proc");
    }

    /** One TCP socket as {@code /proc/net/tcp*} lists it. */
    record Socket(InetSocketAddress local, InetSocketAddress remote, int state, long inode) {}

    /** The established connections of each of {@code pids}, by pid (pids that hold none map to an empty list). */
    Map<Long, List<Socket>> established(Collection<Long> pids) throws IOException {
        Map<Long, List<Socket>> out = new LinkedHashMap<>();
        if (pids.isEmpty()) {
            return out;
        }
        Map<Long, Socket> byInode = new HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (Files.isReadable(file)) {
                for (Socket socket : parse(Files.readString(file))) {
                    if (socket.state() == ESTABLISHED) {
                        byInode.put(socket.inode(), socket);
                    }
                }
            }
        }
        for (long pid : pids) {
            List<Socket> sockets = new ArrayList<>();
            for (long inode : socketInodes(pid)) {
                Socket socket = byInode.get(inode);
                if (socket != null) {
                    sockets.add(socket);
                }
            }
            out.put(pid, sockets);
        }
        return out;
    }

    /** The inodes of the sockets among {@code pid}'s open files; none when it is gone or not readable. */
    List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target, "socket:[".length(), target.length() - 1, 10));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
        return inodes;
    }

    /** The sockets of one {@code /proc/net/tcp} or {@code tcp6} table; the header and odd lines are skipped. */
    static List<Socket> parse(String table) {
        List<Socket> sockets = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                continue;
            }
            try {
                sockets.add(new Socket(address(fields[1]), address(fields[2]), Integer.parseInt(fields[3], 16),
                        Long.parseLong(fields[9])));
            } catch (IllegalArgumentException e) {
                // not a socket line
            }
        }
        return sockets;
    }

    /** {@code 0100007F:0CEA} → 127.0.0.1:3306; 32 hex digits of address for IPv6. */
    static InetSocketAddress address(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address: " + field + " (expected: HEXADDR:HEXPORT)");
        }
        byte[] raw = HexFormat.of().parseHex(field, 0, colon);
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("address: " + field + " (expected: 8 or 32 hex digits before the colon)");
        }
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address: " + field, e);
        }
    }
}
