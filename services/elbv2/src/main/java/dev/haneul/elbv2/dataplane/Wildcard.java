package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One compiled value of a rule condition: a glob anchored at both ends, where {@code *} matches
 * any run of characters (possibly empty) and {@code ?} exactly one.
 *
 * <p>Case rules follow ALB: {@code path-pattern} is case-sensitive; {@code host-header},
 * {@code http-header} values and {@code query-string} keys and values are not. Only
 * {@code query-string} values know escapes ({@code \*}, {@code \?}, {@code \\} are literal).
 * Rule values are ASCII, so case folding is ASCII folding, which never allocates.
 *
 * <p>The common shapes ({@code /img/*}, {@code *.example.com}, {@code *Mobile*}) are a prefix,
 * suffix or infix comparison. The rest use the classic greedy match with one backtracking point
 * (the last star seen): on a mismatch after a star, the star swallows one more character and
 * matching resumes. Both run in O(pattern × input) at worst and allocate nothing, which matters
 * because every request is matched against the listener's rules.
 *
 * <p>Note: {@code regionMatches} with {@code ignoreCase} folds Unicode case, a superset of the
 * ASCII folding of the general loop; rule values are visible ASCII, so both agree on them.
 */
public final class Wildcard {

    private static final char STAR = '*';
    private static final char ONE = '?';

    private final String source;
    private final char[] pattern;
    /** {@code true} where the pattern character is a wildcard (not an escaped literal). */
    private final boolean[] special;
    private final boolean ignoreCase;
    private final boolean plain;
    /** The shape of the most common patterns, matched without the general loop. */
    private final Shape shape;
    /** The literal part of a {@code prefix*}, {@code *suffix} or {@code *infix*} pattern; empty (unused) otherwise. */
    private final String literal;

    private enum Shape { GENERAL, PREFIX, SUFFIX, INFIX }

    private Wildcard(String source, char[] pattern, boolean[] special, boolean ignoreCase) {
        this.source = source;
        this.pattern = pattern;
        this.special = special;
        this.ignoreCase = ignoreCase;
        int stars = 0;
        int ones = 0;
        for (int i = 0; i < pattern.length; i++) {
            if (special[i]) {
                stars += pattern[i] == STAR ? 1 : 0;
                ones += pattern[i] == ONE ? 1 : 0;
            }
        }
        this.plain = stars + ones == 0;
        int m = pattern.length;
        boolean leading = m > 0 && special[0] && pattern[0] == STAR;
        boolean trailing = m > 1 && special[m - 1] && pattern[m - 1] == STAR;
        if (ones == 0 && stars == 1 && trailing) {
            shape = Shape.PREFIX;
            literal = new String(pattern, 0, m - 1);
        } else if (ones == 0 && stars == 1 && leading) {
            shape = Shape.SUFFIX;
            literal = new String(pattern, 1, m - 1);
        } else if (ones == 0 && stars == 2 && leading && trailing) {
            shape = Shape.INFIX;
            literal = new String(pattern, 1, m - 2);
        } else {
            shape = Shape.GENERAL;
            literal = "";
        }
    }

    /** A pattern without escapes. */
    public static Wildcard compile(String pattern, boolean ignoreCase) {
        return compile(pattern, ignoreCase, false);
    }

    /** A pattern where, with {@code escapes}, a backslash makes the next character literal. */
    public static Wildcard compile(String pattern, boolean ignoreCase, boolean escapes) {
        requireNonNull(pattern, "pattern");
        char[] chars = new char[pattern.length()];
        boolean[] special = new boolean[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escapes && c == '\\' && i + 1 < pattern.length()) {
                chars[n++] = pattern.charAt(++i);
                continue;
            }
            special[n] = c == STAR || c == ONE;
            chars[n++] = c;
        }
        return new Wildcard(pattern, Arrays.copyOf(chars, n), Arrays.copyOf(special, n), ignoreCase);
    }

    /** Whether the pattern has a {@code *} or {@code ?} (AWS limits wildcards per rule). */
    public boolean hasWildcards() {
        return !plain;
    }

    /** Whether {@code input}, as a whole, matches. */
    public boolean matches(CharSequence input) {
        switch (shape) {
            case PREFIX -> {
                return input.length() >= literal.length() && input.toString().regionMatches(ignoreCase, 0, literal, 0,
                        literal.length());
            }
            case SUFFIX -> {
                int from = input.length() - literal.length();
                return from >= 0 && input.toString().regionMatches(ignoreCase, from, literal, 0, literal.length());
            }
            case INFIX -> {
                String s = input.toString();
                int last = s.length() - literal.length();
                for (int i = 0; i <= last; i++) {
                    if (s.regionMatches(ignoreCase, i, literal, 0, literal.length())) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return general(input);
            }
        }
    }

    private boolean general(CharSequence input) {
        int n = input.length();
        int m = pattern.length;
        if (plain) {
            if (n != m) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!same(pattern[i], input.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < n) {
            if (p < m && special[p] && pattern[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (p < m && ((special[p] && pattern[p] == ONE) || same(pattern[p], input.charAt(s)))) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && special[p] && pattern[p] == STAR) {
            p++;
        }
        return p == m;
    }

    private boolean same(char a, char b) {
        return a == b || ignoreCase && fold(a) == fold(b);
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    @Override
    public String toString() {
        return source;
    }
}
