package dev.haneul.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pid files in the usual format (the number and a newline), so {@code kill $(cat x.pid)} works and
 * an engine may write the same file itself.
 */
final class PidFile {

    private PidFile() {
    }

    /** The pid in {@code file}; empty when the file is missing, empty or not a number. */
    static OptionalLong read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(text);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes {@code pid} atomically (temp file, rename), so a reader never sees half a number. */
    static void write(Path file, long pid) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Whether {@code pid} is running with {@code marker} among its arguments, as the argument
     * itself or as the value of an {@code --option=marker} argument.
     */
    static boolean commandLineMentions(long pid, String marker) {
        List<String> args = ProcFs.commandLine(pid);
        String suffix = "=" + marker;
        return args.stream().anyMatch(arg -> arg.equals(marker) || arg.endsWith(suffix));
    }
}
