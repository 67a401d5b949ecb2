package dev.haneul.iam.policy;

import java.util.Arrays;

/**
 * A glob compiled once: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, everything else itself. Characters that came from {@code ${*}}, {@code ${?}} or a resolved
 * policy variable are literal, which is why the pattern is kept as tokens rather than as text.
 *
 * <p>Most patterns in real policies are {@code *}, an exact name or a prefix ({@code s3:Get*});
 * those take a fast path. The general case is the classic greedy matcher with one backtrack point,
 * linear for the patterns policies use and never worse than pattern × subject.
 */
final class WildcardPattern {

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private enum Shape { ANY, EXACT, PREFIX, GENERAL }

    private final int[] tokens;
    private final Shape shape;
    /** The literal text for {@code EXACT} and {@code PREFIX}. */
    private final String literal;

    private WildcardPattern(int[] tokens) {
        this.tokens = tokens;
        int wildcards = 0;
        int firstWildcard = -1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0) {
                wildcards++;
                if (firstWildcard < 0) {
                    firstWildcard = i;
                }
            }
        }
        if (tokens.length == 1 && tokens[0] == ANY_RUN) {
            shape = Shape.ANY;
            literal = "";
        } else if (wildcards == 0) {
            shape = Shape.EXACT;
            literal = text(tokens, tokens.length);
        } else if (wildcards == 1 && firstWildcard == tokens.length - 1 && tokens[firstWildcard] == ANY_RUN) {
            shape = Shape.PREFIX;
            literal = text(tokens, firstWildcard);
        } else {
            shape = Shape.GENERAL;
            literal = "";
        }
    }

    /** A glob whose {@code *} and {@code ?} are wildcards. */
    static WildcardPattern glob(String pattern) {
        return new Builder().glob(pattern).build();
    }

    /** A pattern that matches exactly {@code text}, wildcard characters included. */
    static WildcardPattern literal(String text) {
        return new Builder().literal(text).build();
    }

    static Builder builder() {
        return new Builder();
    }

    boolean matches(String subject) {
        return switch (shape) {
            case ANY -> true;
            case EXACT -> literal.equals(subject);
            case PREFIX -> subject.startsWith(literal);
            case GENERAL -> matchGeneral(subject);
        };
    }

    /** {@code true} when the pattern has no wildcard at all. */
    boolean isExact() {
        return shape == Shape.EXACT;
    }

    private boolean matchGeneral(String subject) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        int n = subject.length();
        int m = tokens.length;
        while (s < n) {
            if (p < m && (tokens[p] == ANY_ONE || tokens[p] == subject.charAt(s))) {
                p++;
                s++;
            } else if (p < m && tokens[p] == ANY_RUN) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == m;
    }

    private static String text(int[] tokens, int end) {
        StringBuilder b = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            b.append((char) tokens[i]);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(tokens.length);
        for (int t : tokens) {
            b.append(t == ANY_RUN ? "*" : t == ANY_ONE ? "?" : String.valueOf((char) t));
        }
        return b.toString();
    }

    /** Concatenates glob text (wildcards active) and literal text (wildcards inert). */
    static final class Builder {
        private int[] tokens = new int[16];
        private int size;

        Builder glob(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                add(c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : c);
            }
            return this;
        }

        Builder literal(String text) {
            for (int i = 0; i < text.length(); i++) {
                add(text.charAt(i));
            }
            return this;
        }

        Builder literal(char c) {
            add(c);
            return this;
        }

        private void add(int token) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            tokens[size++] = token;
        }

        WildcardPattern build() {
            return new WildcardPattern(Arrays.copyOf(tokens, size));
        }
    }
}
