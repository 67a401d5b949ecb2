package dev.haneul.server;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.config.HaneulConfig;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Entry point of the server process ({@code java dev.haneul.server.Main}); the CLI's
 * {@code haneul start} runs it in the foreground or in the background. Configuration comes from the
 * environment ({@link HaneulConfig#fromEnvironment()}); exit code 2 means the configuration is
 * invalid, 3 that the server could not start.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        HaneulConfig config;
        try {
            config = HaneulConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("haneul: invalid setting " + e.getMessage());
            System.exit(2);
            return;
        }
        run(config);
    }

    /** Runs a server until the JVM is asked to stop (SIGTERM, SIGINT). */
    public static void run(HaneulConfig config) throws InterruptedException {
        HaneulServer server;
        try {
            server = HaneulServer.start(config);
        } catch (IOException | RuntimeException e) {
            // One line, no stack trace: the message names what is wrong (HaneulServer.start's contract).
            System.err.println("haneul: cannot start: " + oneLine(e));
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "haneul-shutdown"));
        server.awaitClose();
    }

    /** The exception's message (or its cause's, or its type) on one line. */
    static String oneLine(Throwable e) {
        Throwable shown = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        if (e instanceof UncheckedIOException unchecked) {
            String cause = requireNonNull(unchecked.getCause()).getMessage(); // it always has a cause
            if (cause != null && !message.contains(cause)) {
                message += " (" + cause + ")";
            }
        }
        return message.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse("");
    }
}
