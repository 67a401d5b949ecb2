package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One value a request may give an app of a catalogue kind, and the only way a request's text
 * reaches the app: as the value of one fixed environment variable, after it matched a pattern that
 * leaves no room for anything but what it stands for (a host, a port, a name). It never becomes a
 * command-line argument, a JVM option or a path.
 *
 * @param name how the request names it, such as {@code dbWriterHost}
 * @param variable the environment variable it sets, such as {@code BOARD_DB_WRITER_HOST}
 * @param required whether a request must give it
 * @param expected what a valid value looks like, for the error message
 * @param valid the check a value must pass
 */
public record AppParameter(String name, String variable, boolean required, String expected, Predicate<String> valid) {

    /** A host name or an IPv4 address. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");

    public AppParameter {
        requireNonNull(name, "name");
        requireNonNull(variable, "variable");
        requireNonNull(expected, "expected");
        requireNonNull(valid, "valid");
    }

    /** A host name or IPv4 address, such as an endpoint's address. */
    public static AppParameter host(String name, String variable, boolean required) {
        return new AppParameter(name, variable, required, "a host name or IPv4 address", HOST.asMatchPredicate());
    }

    /** A TCP port, 1-65535. */
    public static AppParameter port(String name, String variable, boolean required) {
        return new AppParameter(name, variable, required, "a port number, 1-65535",
                value -> PORT.matcher(value).matches() && Integer.parseInt(value) <= 65535);
    }

    /** A value matching {@code regex} entirely. */
    public static AppParameter matching(String name, String variable, boolean required, String regex, String expected) {
        return new AppParameter(name, variable, required, expected, Pattern.compile(regex).asMatchPredicate());
    }

    /** One of {@code values}. */
    public static AppParameter oneOf(String name, String variable, boolean required, String... values) {
        List<String> allowed = List.of(values);
        return new AppParameter(name, variable, required, "one of " + String.join(", ", allowed), allowed::contains);
    }

    /** {@code value}, checked. */
    String check(@Nullable String value) {
        if (value == null || !valid.test(value)) {
            throw new IllegalArgumentException("parameter " + name + ": " + (value == null ? "missing" : "'" + value + "'")
                    + " (expected: " + expected + ")");
        }
        return value;
    }
}
