package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

/**
 * One compiled value of a rule condition: a glob anchored at both ends, where {@code *} matches
 * any run of characters (possibly empty) and {@code ?} exactly one.
 *
 * <p>Case rules follow ALB: {@code path-pattern} is case-sensitive; {@code host-header},
 * {@code http-header} values and {@code query-string} keys and values are not. Only
 * {@code query-string} values know escapes ({@code \*}, {@code \?}, {@code \\} are literal).
 * Rule values are ASCII, so case folding is ASCII folding, which never allocates.
 *
 * <p>The algorithm is the classic greedy match with one backtracking point (the last star seen):
 * on a mismatch after a star, the star swallows one more character and matching resumes. It runs
 * in O(pattern × input) in the worst case and allocates nothing, which matters because every
 * request is matched against the listener's rules.
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

    private Wildcard(String source, char[] pattern, boolean[] special, boolean ignoreCase) {
        this.source = source;
        this.pattern = pattern;
        this.special = special;
        this.ignoreCase = ignoreCase;
        boolean anySpecial = false;
        for (boolean s : special) {
            anySpecial |= s;
        }
        this.plain = !anySpecial;
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
        return new Wildcard(pattern, java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(special, n), ignoreCase);
    }

    /** Whether the pattern has a {@code *} or {@code ?} (AWS limits wildcards per rule). */
    public boolean hasWildcards() {
        return !plain;
    }

    /** Whether {@code input}, as a whole, matches. */
    public boolean matches(CharSequence input) {
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
