package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An app instance as the user asked for it: which kind from the server's {@link AppCatalogue}, its
 * name, its port and the values of the kind's parameters. No jar, command, JVM option or
 * environment: the catalogue decides those.
 *
 * @param name unique name, such as {@code board-1}: letters, digits and hyphens
 * @param kind the catalogue entry, such as {@code board}
 * @param port the HTTP port it listens on, on 127.0.0.1
 * @param parameters the kind's parameters, by name
 */
public record AppSpec(String name, String kind, int port, Map<String, String> parameters) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");

    public AppSpec {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: a letter, then letters, digits or hyphens; at most 63)");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: an app kind of the server's catalogue)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    }
}
