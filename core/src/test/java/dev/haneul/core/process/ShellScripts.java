package dev.haneul.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tiny {@code /bin/sh} children for supervisor tests. Each script lives in its own directory, which
 * also holds its pid file and log, as the engines' do; its path is on the shell's command line,
 * so it is the adoption marker. A script signals readiness by creating {@code ready.<pid>}, so a
 * restarted copy is never taken for ready because of its predecessor's file.
 */
final class ShellScripts {

    /** Runs until killed; SIGTERM ends it (the shell's default action). */
    static final String SLEEPER = """
            echo "hello from $$"
            touch "ready.$$"
            while :; do sleep 0.2; done
            """;

    /** Ignores SIGTERM, so only SIGKILL ends it. */
    static final String TERM_IGNORER = """
            trap '' TERM
            touch "ready.$$"
            while :; do sleep 0.2; done
            """;

    /** Fails at once, the way an engine rejects a bad option. */
    static final String BAD_OPTION = """
            echo "starting"
            echo "[ERROR] unknown variable 'no_such_option=1'" >&2
            exit 3
            """;

    /** Runs but never becomes ready. */
    static final String NEVER_READY = """
            while :; do sleep 0.2; done
            """;

    private ShellScripts() {
    }

    /** A spec running {@code script} from {@code dir/run.sh}, ready when it created its ready file. */
    static ProcessSpec.Builder spec(String name, Path dir, String script) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("run.sh");
        Files.writeString(file, script);
        return ProcessSpec.builder(name, List.of("/bin/sh", file.toString()))
                .workDir(dir)
                .logFile(dir.resolve("run.log"))
                .pidFile(dir.resolve("run.pid"))
                .adoptionMarker(file.toString())
                .readinessProbe(pid -> Files.exists(dir.resolve("ready." + pid)))
                .readyTimeout(Duration.ofSeconds(10))
                .stopTimeout(Duration.ofSeconds(5));
    }

    /** The session id of {@code pid}, from {@code /proc/<pid>/stat}. */
    static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]); // state ppid pgrp session
    }
}
