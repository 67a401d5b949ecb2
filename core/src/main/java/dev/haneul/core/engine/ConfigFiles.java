package dev.haneul.core.engine;

import dev.haneul.core.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writing the engines' generated config files, and reading their port back. */
final class ConfigFiles {

    /** {@code port = 40123} in {@code my.cnf}. */
    static final Pattern MARIADB_PORT = Pattern.compile("(?m)^port\\s*=\\s*(\\d+)\\s*$");
    /** {@code port 40123} in {@code redis.conf}. */
    static final Pattern REDIS_PORT = Pattern.compile("(?m)^port\\s+(\\d+)\\s*$");

    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\\s#;\"'\\\\]");

    private ConfigFiles() {
    }

    /**
     * Replaces {@code file} atomically, so a reader (or an adopting Haneul) never sees half of it.
     * The file is owner-only ({@code 0600}) from its creation: it holds {@code requirepass},
     * {@code masterauth} and the secret names of renamed admin commands.
     */
    static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (AtomicFiles.hasPosixPermissions(tmp)) { // only its file system matters
            Files.createFile(tmp, AtomicFiles.OWNER_ONLY);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The port recorded in an existing config file; empty when there is no file or no port. */
    static OptionalInt port(Path file, Pattern pattern) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        }
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(matcher.group(1));
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** One {@code my.cnf} line: {@code option = value}, a bare flag for {@code ""}, quoted when needed. */
    static void appendMyCnf(StringBuilder text, String option, String value) {
        text.append(option);
        if (!value.isEmpty()) {
            text.append(" = ").append(quoteIfNeeded(value));
        }
        text.append('\n');
    }

    /**
     * One {@code redis.conf} line: {@code directive arg...}, each argument quoted when needed
     * ({@code ""} for an empty one, as in {@code save ""}).
     */
    static void appendRedisConf(StringBuilder text, String directive, String... args) {
        text.append(directive);
        for (String arg : args) {
            text.append(' ').append(arg.isEmpty() ? "\"\"" : quoteIfNeeded(arg));
        }
        text.append('\n');
    }

    /**
     * Double quotes with backslash escapes, which both MariaDB option files and redis.conf read
     * back as the original string.
     */
    static String quoteIfNeeded(String value) {
        if (!NEEDS_QUOTES.matcher(value).find()) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
