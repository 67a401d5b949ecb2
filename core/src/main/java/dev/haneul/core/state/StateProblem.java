package dev.haneul.core.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A state file that could not be read at start-up. The file itself is left in place and a copy
 * kept beside it ({@code preservedAs}, {@code null} if even the copy failed) before the scope
 * starts empty, so nothing is lost and the user can repair it. {@code dropped} is what a lenient
 * read of the file still found, by kind ({@code clusters} → {@code [board-db]}): the resources
 * this server started without.
 */
public record StateProblem(String service, Path file, @Nullable Path preservedAs, String reason,
                           Map<String, List<String>> dropped) {

    public StateProblem {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dropped.forEach((kind, ids) -> copy.put(kind, List.copyOf(ids)));
        dropped = Collections.unmodifiableMap(copy);
    }

    /**
     * One line saying what was dropped: {@code "dropped: clusters board-db; instances board-db-1,
     * board-db-2"}, or that nothing of the file could be read.
     */
    public String droppedSummary() {
        if (dropped.isEmpty()) {
            return "no resource could be read from it";
        }
        List<String> parts = new ArrayList<>();
        dropped.forEach((kind, ids) -> parts.add(kind + " " + String.join(", ", ids)));
        return "dropped: " + String.join("; ", parts);
    }
}
