package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to run one application instance: a Java application jar with its JVM options, arguments and
 * environment, the port it serves HTTP on and the path that tells it is healthy.
 *
 * @param name unique name, such as {@code board-1}: letters, digits and hyphens
 * @param jar the application's executable jar
 * @param jvmOptions options before {@code -jar}
 * @param arguments arguments after the jar
 * @param environment variables added to the process's environment
 * @param port the HTTP port it listens on, on 127.0.0.1
 * @param healthPath a path answering 2xx once it is ready, such as {@code /health}
 */
public record AppSpec(String name, String jar, List<String> jvmOptions, List<String> arguments,
                      Map<String, String> environment, int port, String healthPath) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");

    public AppSpec {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: a letter, then letters, digits or hyphens; at most 63)");
        }
        if (jar == null || jar.isBlank()) {
            throw new IllegalArgumentException("jar: " + jar + " (expected: the path of the app's executable jar)");
        }
        jvmOptions = List.copyOf(jvmOptions == null ? List.of() : jvmOptions);
        arguments = List.copyOf(arguments == null ? List.of() : arguments);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
        requireNonNull(healthPath, "healthPath");
        if (!healthPath.startsWith("/")) {
            throw new IllegalArgumentException("healthPath: " + healthPath + " (expected: a path starting with /)");
        }
    }
}
