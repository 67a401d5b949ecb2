package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Finds the public SigV4 test corpora in the shared folder beside the checkout: walking up from
 * the working directory, the first {@code shared/corpora/sigv4} found. The corpora are read in
 * place and never copied into the project; where they are absent the tests are skipped.
 */
final class Corpora {

    private static final Path RELATIVE = Path.of("shared", "corpora", "sigv4");

    private Corpora() {}

    /**
     * The dynamic tests {@code cases} makes of the suite folder, or, when the folder is not there,
     * one skipped test whose reason says where it was looked for. (An assumption failing in the
     * test factory itself would be reported by Surefire as zero tests, without the reason.)
     */
    static Stream<DynamicNode> testsOf(String suite, Function<Path, Stream<DynamicNode>> cases) {
        Optional<Path> folder = locate().map(root -> root.resolve(suite)).filter(Files::isDirectory);
        if (folder.isEmpty()) {
            String reason = "SigV4 corpus " + RELATIVE.resolve(suite) + " not found above " + workingDirectory();
            return Stream.of(DynamicTest.dynamicTest("corpus " + suite, () -> Assumptions.abort(reason)));
        }
        return cases.apply(folder.get());
    }

    static Optional<Path> locate() {
        for (Path dir = workingDirectory(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every folder under {@code suite} that holds a file named {@code fileName.apply(folder)}, sorted. */
    static List<Path> caseFolders(Path suite, Function<Path, String> fileName) {
        try (Stream<Path> folders = Files.walk(suite)) {
            return folders.filter(Files::isDirectory)
                    .filter(dir -> Files.isRegularFile(dir.resolve(fileName.apply(dir))))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + suite, e);
        }
    }

    /** A corpus text file as UTF-8, with Windows line endings removed as the suites' own harnesses do. */
    static String read(Path file) {
        try {
            return Files.readString(file, UTF_8).replace("\r", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
