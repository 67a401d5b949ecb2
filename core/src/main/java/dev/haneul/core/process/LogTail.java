package dev.haneul.core.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end of a log file, for error messages: only what was written after a known offset. */
final class LogTail {

    /** Lines quoted in a start failure: enough for an engine's error and its context. */
    static final int LINES = 25;
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** The size of {@code file} now, to pass to {@link #read} later; 0 when it does not exist. */
    static long offset(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The last {@link #LINES} lines written to {@code file} since {@code offset}, read from at
     * most the last 16 KiB; empty when nothing was written. A problem reading is described in the
     * result rather than thrown: this is only ever used to explain another failure.
     */
    static String read(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            long start = Math.max(end < offset ? 0 : offset, end - MAX_BYTES);
            byte[] bytes = new byte[(int) (end - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
            return String.join("\n", tail).strip();
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
