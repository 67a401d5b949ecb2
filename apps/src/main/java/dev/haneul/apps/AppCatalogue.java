package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The apps the server can launch, and how each {@link AppSpec} becomes a process. This is where
 * the apps API's safety lives: a request picks a {@link AppKind kind} and gives a name, a port and
 * parameter values, each checked by pattern; the command line, the JVM options, the jar and the
 * environment variable names all come from the kind. So nothing a request sends becomes a command,
 * a JVM option or a path (a browser page that got a request through could otherwise run anything
 * as the user, for example with {@code -XX:OnOutOfMemoryError}).
 */
public final class AppCatalogue {

    /** Ports an app may listen on: not the privileged ones. */
    public static final int LOWEST_PORT = 1024;

    private final Map<String, AppKind> kinds;

    private AppCatalogue(Map<String, AppKind> kinds) {
        this.kinds = kinds;
    }

    public static AppCatalogue of(AppKind... kinds) {
        Map<String, AppKind> byName = new LinkedHashMap<>();
        for (AppKind kind : kinds) {
            if (byName.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two kinds named " + kind.name());
            }
        }
        return new AppCatalogue(byName);
    }

    /**
     * What Haneul launches: {@code board}, the sample application ({@code examples/board}, as
     * {@code haneul demo} runs it), and {@code session-app}, the labs' session app (the jar the
     * labs write into the data dir).
     *
     * @param haneulHome where Haneul is installed: the board's jar is under it
     * @param dataDir the server's data dir
     */
    public static AppCatalogue standard(Path haneulHome, Path dataDir) {
        AppKind board = new AppKind("board",
                haneulHome.resolve("examples").resolve("board").resolve("target").resolve("board.jar"),
                "'./haneul demo' builds it", List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                "/health",
                Map.of("BOARD_INSTANCE_NAME", "{name}", "SERVER_ADDRESS", "127.0.0.1", "SERVER_PORT", "{port}"),
                AppKind.byName(
                        AppParameter.host("dbWriterHost", "BOARD_DB_WRITER_HOST", true),
                        AppParameter.host("dbReaderHost", "BOARD_DB_READER_HOST", false),
                        AppParameter.port("dbPort", "BOARD_DB_WRITER_PORT", false),
                        AppParameter.matching("dbName", "BOARD_DB_NAME", false, "[A-Za-z0-9_]{1,64}",
                                "1-64 letters, digits or _"),
                        AppParameter.matching("dbUser", "BOARD_DB_USER", true, "[A-Za-z][A-Za-z0-9_]{0,15}",
                                "a letter, then up to 15 letters, digits or _"),
                        // RDS passwords, without the characters a shell or a Spring placeholder would read.
                        AppParameter.matching("dbPassword", "BOARD_DB_PASSWORD", false,
                                "[A-Za-z0-9!#%&()*+,.:;<=>?\\[\\]^_|~-]{1,128}",
                                "1-128 letters, digits or !#%&()*+,.:;<=>?[]^_|~-"),
                        AppParameter.host("redisHost", "SPRING_DATA_REDIS_HOST", false),
                        AppParameter.port("redisPort", "SPRING_DATA_REDIS_PORT", false),
                        AppParameter.oneOf("sessionStore", "BOARD_SESSION_STORE", false, "redis", "memory")));
        AppKind sessionApp = new AppKind("session-app", dataDir.resolve("labs").resolve("session-app.jar"),
                "'./haneul lab run' writes it",
                List.of("-XX:+UseSerialGC", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:-UsePerfData"),
                "/health",
                Map.of("LAB_APP_NAME", "{name}", "LAB_APP_PORT", "{port}"),
                AppKind.byName(
                        AppParameter.oneOf("store", "LAB_SESSION_STORE", true, "memory", "redis"),
                        AppParameter.host("redisHost", "LAB_REDIS_HOST", false),
                        AppParameter.port("redisPort", "LAB_REDIS_PORT", false)));
        return of(board, sessionApp);
    }

    public Optional<AppKind> kind(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /**
     * Checks {@code spec} against its kind: a known kind, a port of {@link #LOWEST_PORT} or more,
     * only the kind's parameters, every required one, every value valid.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public AppKind check(AppSpec spec) {
        AppKind kind = kind(spec.kind()).orElseThrow(() -> new IllegalArgumentException("kind: '" + spec.kind()
                + "' (expected: one of " + String.join(", ", kinds.keySet()) + ")"));
        if (spec.port() < LOWEST_PORT) {
            throw new IllegalArgumentException("port: " + spec.port() + " (expected: " + LOWEST_PORT + "-65535)");
        }
        for (String name : spec.parameters().keySet()) {
            if (!kind.parameters().containsKey(name)) {
                throw new IllegalArgumentException("parameter " + name + " is not one of " + kind.name() + "'s ("
                        + String.join(", ", kind.parameters().keySet()) + ")");
            }
        }
        for (AppParameter parameter : kind.parameters().values()) {
            String value = spec.parameters().get(parameter.name());
            if (value != null || parameter.required()) {
                parameter.check(value);
            }
        }
        return kind;
    }

    /**
     * The process for {@code spec}: {@code java -Dhaneul.app=<dir> <the kind's options> -jar <the
     * kind's jar>} with the kind's environment and the parameters' variables.
     *
     * @param java the {@code java} executable
     * @param appDir the app's directory (its {@code -Dhaneul.app} marker, by which a restarted
     *     Haneul recognises the process)
     * @throws IllegalArgumentException when the spec does not pass {@link #check}, or the kind's
     *     jar is missing
     */
    public AppLaunch launch(AppSpec spec, String java, Path appDir) {
        AppKind kind = check(spec);
        if (!Files.isRegularFile(kind.jar())) {
            throw new IllegalArgumentException("the " + kind.name() + " app is not built (no " + kind.jar() + "); "
                    + kind.missingJar());
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Dhaneul.app=" + appDir);
        command.addAll(kind.jvmOptions());
        command.add("-jar");
        command.add(kind.jar().toString());
        Map<String, String> environment = new TreeMap<>();
        kind.environment().forEach((variable, value) -> environment.put(variable,
                value.replace("{name}", spec.name()).replace("{port}", Integer.toString(spec.port()))));
        // check(spec) above refused any parameter the kind does not declare.
        spec.parameters().forEach((name, value) ->
                environment.put(requireNonNull(kind.parameters().get(name)).variable(), value));
        return new AppLaunch(command, environment, kind.healthPath());
    }

    /**
     * How to start one app process.
     *
     * @param command the command line
     * @param environment variables added to the process's environment
     * @param healthPath the path that answers 2xx once it is ready
     */
    public record AppLaunch(List<String> command, Map<String, String> environment, String healthPath) {
        public AppLaunch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            requireNonNull(healthPath, "healthPath");
        }
    }
}
