package dev.haneul.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared public test corpora ({@code ../shared/corpora} beside the project). They are
 * present in CI and on developer machines of this project, but not in a user's clone: tests that
 * read them skip with a one-line reason when they are absent.
 */
public final class Corpora {

    private Corpora() {}

    /** The corpora directory, if it can be found above the working directory. */
    public static Optional<Path> root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("corpora");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** {@code relative} inside the corpora, or skips the calling test when it is absent. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent() && Files.exists(root.get().resolve(relative)),
                "public corpus ../shared/corpora/" + relative + " is not present beside this clone");
        return root.get().resolve(relative);
    }
}
