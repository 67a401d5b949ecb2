package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kind of app the server knows how to launch: an executable jar the server found itself, the
 * JVM options it runs with, the health check, the environment every instance gets and the few
 * parameters a request may set. Everything a process is started with comes from here; a request
 * only picks a kind, a name, a port and parameter values.
 *
 * @param name what requests call it, such as {@code board}
 * @param jar its executable jar, found by the server (not named by any request)
 * @param missingJar what to do when the jar is not there, for the error message
 * @param jvmOptions options before {@code -jar}
 * @param healthPath the path that answers 2xx once an instance is ready
 * @param environment variables every instance gets; the values may contain {@code {name}} and
 *     {@code {port}}, the instance's validated name and port
 * @param parameters what a request may set, by name
 */
public record AppKind(String name, Path jar, String missingJar, List<String> jvmOptions, String healthPath,
                      Map<String, String> environment, Map<String, AppParameter> parameters) {

    public AppKind {
        requireNonNull(name, "name");
        requireNonNull(jar, "jar");
        requireNonNull(missingJar, "missingJar");
        jvmOptions = List.copyOf(jvmOptions);
        requireNonNull(healthPath, "healthPath");
        environment = Map.copyOf(environment);
        parameters = Map.copyOf(parameters);
    }

    /** {@code parameters} keyed by their names, in order. */
    static Map<String, AppParameter> byName(AppParameter... parameters) {
        Map<String, AppParameter> out = new LinkedHashMap<>();
        for (AppParameter parameter : parameters) {
            out.put(parameter.name(), parameter);
        }
        return out;
    }
}
