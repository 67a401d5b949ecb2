package dev.haneul.core.state;

import java.nio.file.Path;

/**
 * A state file that could not be read at start-up. The file itself is left in place and a copy
 * kept beside it ({@code preservedAs}) before the scope starts empty, so nothing is lost and the
 * user can repair it.
 */
public record StateProblem(Path file, Path preservedAs, String reason) {}
