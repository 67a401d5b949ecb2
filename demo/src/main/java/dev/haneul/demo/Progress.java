package dev.haneul.demo;

/**
 * Where {@link Demo} reports what it is doing, one line per change: a resource and its new state,
 * such as {@code ("Aurora cluster board-db", "available")}. Called from several threads at once.
 */
@FunctionalInterface
public interface Progress {

    void report(String resource, String state);

    /** Reports nothing. */
    static Progress silent() {
        return (resource, state) -> { };
    }
}
