package dev.haneul.demo;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The board sample application's executable jar, {@code examples/board/target/board.jar} under
 * Haneul's home, built with the Maven wrapper when it is missing or older than any of its sources
 * (its {@code src/main}, its POM or the parent POM). The build shows one line per module, like
 * the {@code ./haneul} launcher's own build, and keeps Maven's whole output in
 * {@code examples/board/target/build.log}.
 */
public final class BoardJar {

    /** The module's directory under Haneul's home. */
    static final String MODULE = "examples/board";
    private static final Pattern BUILDING = Pattern.compile("^\\[INFO] Building (.+ \\[\\d+/\\d+])$");

    private final Path home;

    /** @param home Haneul's home: the directory of the {@code haneul} launcher and the root POM */
    public BoardJar(Path home) {
        this.home = requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    public Path jar() {
        return home.resolve(MODULE).resolve("target").resolve("board.jar");
    }

    /** Whether the jar is missing or any of its sources is newer. */
    public boolean stale() throws IOException {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        return newestSource().map(t -> t.compareTo(built) > 0).orElse(false);
    }

    /**
     * The jar, built first when {@link #stale()}.
     *
     * @param output told each module Maven starts building
     * @throws IOException when the build fails (the message names the log)
     */
    public Path ensure(Consumer<String> output) throws IOException, InterruptedException {
        if (stale()) {
            build(output);
        }
        return jar();
    }

    private Optional<FileTime> newestSource() throws IOException {
        Path module = home.resolve(MODULE);
        FileTime newest = Files.getLastModifiedTime(module.resolve("pom.xml"));
        Path parent = home.resolve("pom.xml");
        if (Files.exists(parent) && Files.getLastModifiedTime(parent).compareTo(newest) > 0) {
            newest = Files.getLastModifiedTime(parent);
        }
        Path sources = module.resolve("src").resolve("main");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    FileTime time = Files.getLastModifiedTime(file);
                    if (time.compareTo(newest) > 0) {
                        newest = time;
                    }
                }
            }
        }
        return Optional.of(newest);
    }

    private void build(Consumer<String> output) throws IOException, InterruptedException {
        Path wrapper = home.resolve("mvnw");
        if (!Files.isExecutable(wrapper)) {
            throw new IOException("cannot build the board application: no Maven wrapper at " + wrapper);
        }
        Path log = home.resolve(MODULE).resolve("target").resolve("build.log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(wrapper.toString(), "-B", "-DskipTests", "-Dmaven.javadoc.skip=true",
                "-pl", MODULE, "-am", "package");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        boolean success = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                copy.println(line);
                Matcher building = BUILDING.matcher(line);
                if (building.matches()) {
                    output.accept("building " + building.group(1));
                } else if (line.startsWith("[ERROR]")) {
                    output.accept(line);
                }
                success |= line.contains("BUILD SUCCESS");
            }
        }
        if (process.waitFor() != 0 || !success || !Files.isRegularFile(jar())) {
            throw new IOException("building the board application failed; see " + log);
        }
    }
}
