package dev.haneul.iam.policy;

/** A 1-based line and column in a policy document, as the simulate APIs report statement positions. */
public record SourcePosition(int line, int column) {
}
