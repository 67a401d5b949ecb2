package dev.haneul.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Linux's {@code /proc} says about a pid. Everything answers "no" or "empty" rather than
 * failing when the process is gone, since it can vanish between any two reads.
 *
 * <p>Trap: {@link ProcessHandle#isAlive()} counts a zombie as alive. A zombie is what a dead
 * process stays until its parent reaps it, and after Haneul dies its engines are reparented to
 * whatever init the machine has, which may reap late (or, inside some containers, never). So the
 * supervisor decides "is it running" here, where a zombie ({@code Z}) or dead ({@code X}) process
 * counts as gone.
 */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    private static final String TCP_LISTEN = "0A";

    private ProcFs() {
    }

    /** Whether {@code pid} names a process that is running (not a zombie). */
    public static boolean isRunning(long pid) {
        if (pid <= 0) {
            return false;
        }
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false;
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(close + 2);
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** The command-line arguments of {@code pid}; empty when it is gone or a zombie. */
    static List<String> commandLine(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
        } catch (IOException e) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    /**
     * Whether {@code pid} holds a TCP socket listening on {@code port} (any local address):
     * the socket inodes listening on the port, from {@code /proc/net/tcp} and {@code tcp6}, against
     * the {@code socket:[inode]} links in {@code /proc/<pid>/fd}.
     */
    static boolean holdsListeningSocket(long pid, int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve("net").resolve(table), StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                continue; // no IPv6 on this kernel
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && TCP_LISTEN.equals(f[3])) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        if (inodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // The descriptor closed between listing and reading: not the socket we want.
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return false;
    }
}
