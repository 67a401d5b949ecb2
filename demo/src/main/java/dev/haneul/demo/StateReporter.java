package dev.haneul.demo;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Passes a resource's state to {@link Progress} only when it changed, so polling prints no repeats. */
final class StateReporter {

    private final Progress progress;
    private final Map<String, String> last = new ConcurrentHashMap<>();

    StateReporter(Progress progress) {
        this.progress = progress;
    }

    void report(String resource, String state) {
        if (!Objects.equals(last.put(resource, state), state)) {
            progress.report(resource, state);
        }
    }
}
