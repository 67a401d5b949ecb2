package dev.haneul.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this JVM runs as root, which changes how engines must be configured. */
final class RunningUser {

    private static final boolean ROOT = detectRoot();

    private RunningUser() {
    }

    /** mariadbd refuses to run as root unless its config says {@code user=root}. */
    static boolean isRoot() {
        return ROOT;
    }

    private static boolean detectRoot() {
        try {
            // /proc/self belongs to the effective uid of the process reading it.
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
